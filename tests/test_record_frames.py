"""Record pages filled in from a frame (volia/site/record_frame.py) are the pages the theme draws.

The build test draws a site of fictional records (full and minimal pages, with the site's address
set, so record pages carry cards and canonical addresses) with frames and without, and compares every
file; it also checks that frames were used at all, or the comparison would prove nothing. The unit
tests show a frame is only used once a second drawn page came out of it, that a value which is also
fixed text on the page (a slug that is a folder's name) never makes a frame, and that hostile values
are put in as given, never read as slots."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_parallel_build import differences

from volia.cli.build import build_language
from volia.site.record_frame import TRIES, Frame, Frames, PageValues

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import make_dataset  # the benchmark's fictional records

SHAPE = ("prisoners", (), (), False)


def page(values: PageValues, folder: str = "search") -> str:
    """A stand-in for a drawn page: fixed text around the values, as the theme places them."""
    return (f'<title>{values.title} - Volia</title><meta content="{values.description}">'
            f'<a href="../{folder}/x.js">s</a><a href="../../prisoners/{values.slug}.html">be</a>'
            f"<h1>{values.title}</h1><article>{values.content}</article><footer>fixed</footer>")


def person(n: int, slug: str | None = None) -> PageValues:
    return PageValues(content=f"<p>Record {n}</p>", description=f"Person {n} &amp; co",
                      title=f"Person {n}", slug=slug or f"person-{n}")


def test_a_frame_is_used_only_once_a_second_drawn_page_comes_out_of_it() -> None:
    frames = Frames()
    assert frames.fill(SHAPE, person(1)) is None
    frames.learn(SHAPE, person(1), page(person(1)))
    assert frames.fill(SHAPE, person(2)) is None  # not checked yet: the theme draws it
    frames.learn(SHAPE, person(2), page(person(2)))
    assert frames.fill(SHAPE, person(3)) == page(person(3))
    assert frames.fill(("other", (), (), False), person(4)) is None  # another shape has its own frame
    assert (frames.filled, frames.drawn) == (1, 3)


def test_a_value_that_is_also_fixed_text_never_makes_a_frame() -> None:
    """Person 1's slug is "search", a folder on every page: its frame would put each person's slug
    there. The second page does not come out of it, so person 2 seeds the frame, person 3 checks it."""
    frames = Frames()
    first = person(1, slug="search")
    frames.learn(SHAPE, first, page(first))
    frames.learn(SHAPE, person(2), page(person(2)))
    assert frames.fill(SHAPE, person(3)) is None
    frames.learn(SHAPE, person(3), page(person(3)))
    assert frames.fill(SHAPE, person(4)) == page(person(4))
    assert frames.fill(SHAPE, person(5, slug="search")) == page(person(5, slug="search"))


def test_after_the_tries_the_theme_draws_every_page() -> None:
    frames = Frames()
    for n in range(TRIES + 2):  # every page differs outside its values: no frame ever checks out
        frames.learn(SHAPE, person(n), page(person(n), folder=f"folder-{n}"))
    assert frames.fill(SHAPE, person(99)) is None
    assert Frames(enabled=False).fill(SHAPE, person(1)) is None


def test_hostile_values_are_put_in_as_given() -> None:
    frame = Frame.cut(page(person(1)), person(1))
    assert frame is not None
    hostile = PageValues(content="<p>\x00 {{ 7*7 }} Person 1 search</p>", description="&lt;script&gt;",
                         title="Person 1 &lt;b&gt;", slug="person-1")
    assert frame.fill(hostile) == page(hostile)
    assert Frame.cut("<p>same</p><p>same</p>", PageValues("<p>same</p>", "", "t", "s")) is None  # content twice


@pytest.mark.slow
def test_a_build_with_frames_writes_the_bytes_a_build_without_them_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    data = make_dataset(40, tmp_path / "data")
    monkeypatch.setenv("VOLIA_SITE_URL", "https://volia.example.org/")  # cards, canonical addresses
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.volia_record_frames")
    build_language("en", tmp_path / "framed", data_dir=data)
    used = [r.getMessage() for r in caplog.records if "filled in from a frame" in r.getMessage()]
    filled = int(used[-1].split()[2]) if used else 0
    assert filled > 20, used  # most pages: each shape draws two or three itself
    monkeypatch.setenv("VOLIA_RECORD_FRAMES", "0")
    build_language("en", tmp_path / "drawn", data_dir=data)
    framed, drawn = tmp_path / "framed" / "en", tmp_path / "drawn" / "en"
    pages = list((framed / "prisoners").glob("*.html"))
    assert len(pages) > 30 and any("noindex" in p.read_text(encoding="utf-8") for p in pages)
    assert differences(framed, drawn) == []
    # Control: the comparison sees one changed record page.
    pages[0].write_text(pages[0].read_text(encoding="utf-8").replace("<h1", "<h1 class=x", 1), encoding="utf-8")
    assert differences(framed, drawn) == [pages[0].relative_to(framed).as_posix()]
