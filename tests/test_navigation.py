"""Previous and next stay within a section: an essay leads to essays only (issue 13)."""

from __future__ import annotations

from pathlib import Path

from conftest import read_html

ESSAYS = ("index", "pressure", "negotiate", "exchange", "levers", "what-works", "act")


def _neighbours(page) -> dict[str, str]:
    return {a["class"][1].rsplit("--", 1)[1]: a["href"] for a in page.select("nav.md-footer__inner a.md-footer__link")}


def test_essays_lead_only_to_essays(site: Path) -> None:
    for prefix in ("", "en/"):
        first = _neighbours(read_html(site / prefix / "strategies" / "index.html"))
        last = _neighbours(read_html(site / prefix / "strategies" / "act.html"))
        assert set(first) == {"next"} and first["next"] == "pressure.html"  # the overview opens the section
        assert set(last) == {"prev"} and last["prev"] == "what-works.html"  # nothing leads out of it
        for essay in ESSAYS[1:-1]:
            links = _neighbours(read_html(site / prefix / "strategies" / f"{essay}.html"))
            assert set(links) == {"prev", "next"}, essay
            assert all(not href.startswith("..") for href in links.values()), (essay, links)
    # Control: a page outside the section still has its neighbours at the top level.
    assert _neighbours(read_html(site / "en" / "letters.html"))
