"""The Atom feed: built with the site, one per language, cut to each record's publication level."""

from __future__ import annotations

import datetime as dt
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, read_html

from volia.cli.build import build_language
from volia.data.loading import load_dataset
from volia.data.safe_yaml import load_yaml
from volia.model.publication import cut
from volia.outputs import feed as feeds
from volia.views.records import display_name

DAY = dt.date(2026, 11, 26)

ATOM = "{http://www.w3.org/2005/Atom}"
# Text of the counted-only and minimal fixtures that the feed must never carry.
WITHHELD = ("fictional-counted-only", "COUNTED-", "WITHHELD-")


def parse(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root: ET.Element) -> list[dict[str, str]]:
    return [{"id": e.findtext(f"{ATOM}id"), "title": e.findtext(f"{ATOM}title"),
             "updated": e.findtext(f"{ATOM}updated"), "summary": e.findtext(f"{ATOM}summary"),
             "link": e.find(f"{ATOM}link").get("href"), "status": e.find(f"{ATOM}category").get("term")}
            for e in root.findall(f"{ATOM}entry")]


def test_each_language_has_a_feed_of_the_records_with_a_page(site: Path) -> None:
    dataset = load_dataset(FIXTURES / "data")
    published = {r.id: r for r in cut(dataset).records}
    assert len(published) == 3 and len(dataset.records) == 4
    for lang, folder in (("be", site), ("ru", site / "ru"), ("en", site / "en")):
        root = parse(folder / "feed.xml")
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        found = entries(root)
        names = {display_name(r, lang) for r in published.values()}  # Russian forms on ru (issue 15)
        assert {e["title"] for e in found} == names
        for entry in found:
            page = folder / entry["link"]
            assert page.exists(), entry["link"]  # relative to the feed, as Atom resolves it
            record_id = Path(entry["link"]).stem
            assert entry["status"] == published[record_id].status
        assert len({e["id"] for e in found}) == len(found)
        assert all(e["id"].startswith("urn:uuid:") for e in found)


def test_a_minimal_record_gives_its_name_and_status_only(site: Path) -> None:
    found = {Path(e["link"]).stem: e for e in entries(parse(site / "en" / "feed.xml"))}
    minimal = found["fictional-minimal-person"]
    assert minimal["title"] == "Maryja Minimalnaja"
    assert minimal["summary"] == "Imprisoned"
    full = found["fictional-ales-testovich"]
    assert full["summary"] == "Imprisoned. Fictional teacher for the test suite"  # negative control


def test_counted_records_and_withheld_text_never_reach_a_feed(site: Path) -> None:
    fixture = (FIXTURES / "data" / "prisoners.yaml").read_text(encoding="utf-8")
    for marker in WITHHELD:
        assert marker in fixture  # the markers are there to leak
    for folder in (site, site / "ru", site / "en"):
        text = (folder / "feed.xml").read_text(encoding="utf-8")
        for marker in WITHHELD:
            assert marker not in text, (folder, marker)


def test_entries_are_newest_first_and_the_feed_is_as_new_as_its_newest_change(site: Path) -> None:
    root = parse(site / "en" / "feed.xml")
    times = [e["updated"] for e in entries(root)]
    assert all(t.endswith("Z") for t in times)
    assert times == sorted(times, reverse=True)
    updated = root.findtext(f"{ATOM}updated")
    assert updated >= times[0]
    history = subprocess.run(["git", "log", "-1", "--format=%cI", "--", "prisoners.yaml"],
                             cwd=FIXTURES / "data", capture_output=True, text=True, timeout=30)
    if history.returncode == 0 and history.stdout.strip():
        committed = dt.datetime.fromisoformat(history.stdout.strip()).astimezone(dt.UTC)
        assert updated == max(committed.strftime("%Y-%m-%dT%H:%M:%SZ"), times[0])


def test_pages_link_the_feed_with_a_plain_link_never_a_link_tag(site: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Material fetches a sitemap.xml beside every rel=alternate link: from the offline copy that
    would be a request to the live site. So the feed is a plain, relative footer link."""
    monkeypatch.setenv("VOLIA_SITE_URL", "https://volia.example/")
    build_language("ru", tmp_path, data_dir=FIXTURES / "data")
    for page, href in ((tmp_path / "ru" / "index.html", "feed.xml"),
                       (tmp_path / "ru" / "prisoners" / "fictional-ales-testovich.html", "../feed.xml")):
        soup = read_html(page)
        assert soup.select('link[rel="alternate"]') == []
        assert [a["href"] for a in soup.select("a.volia-offline__feed")] == [href], page
    assert read_html(site / "en" / "index.html").select_one("a.volia-offline__feed")["href"] == "feed.xml"
    root = parse(tmp_path / "ru" / "feed.xml")
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://volia.example/ru/feed.xml"
    assert all(e["link"].startswith("https://volia.example/ru/prisoners/") for e in entries(root))


# ---- Building the feed from data ----

def test_text_is_escaped_not_markup(data_dir: Path) -> None:
    path = data_dir / "prisoners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: Fictional teacher for the test suite", "en: 'Teacher & author of <b>\"Tests\"</b> ]]>'"), encoding="utf-8")
    feed = feeds.build_feed(cut(load_dataset(data_dir)), "en", DAY)
    text = feeds.render_feed(feed)
    root = ET.fromstring(text)  # well-formed despite the markup characters
    summaries = [e.findtext(f"{ATOM}summary") for e in root.findall(f"{ATOM}entry")]
    assert 'Imprisoned. Teacher & author of <b>"Tests"</b> ]]>' in summaries
    assert "<b>" not in text


def test_links_are_absolute_with_a_site_address_and_relative_without(data_dir: Path) -> None:
    dataset = cut(load_dataset(data_dir))
    relative = feeds.build_feed(dataset, "ru", DAY)
    assert relative.home == "index.html" and relative.self_link == "feed.xml"
    assert {e.link for e in relative.entries} >= {"prisoners/fictional-minimal-person.html"}
    absolute = feeds.build_feed(dataset, "ru", DAY, site_root="https://volia.example/site")
    assert absolute.self_link == "https://volia.example/site/ru/feed.xml"
    assert "https://volia.example/site/ru/prisoners/fictional-minimal-person.html" in {e.link for e in absolute.entries}
    assert feeds.build_feed(dataset, "be", DAY, site_root="https://volia.example/").home == "https://volia.example/index.html"
    # Ids do not depend on where the site is published.
    assert [e.id for e in relative.entries] == [e.id for e in absolute.entries]


def test_the_newest_change_comes_first_and_the_feed_is_capped(data_dir: Path) -> None:
    path = data_dir / "prisoners.yaml"
    records = load_yaml(path, "x")
    minimal = next(r for r in records if r["id"] == "fictional-minimal-person")
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: fictional-minimal-person")
    end = text.find("\n- id:", start)
    end = len(text) if end < 0 else end  # the last record ends with the file
    chunk = text[start:end].replace('last_verified: "2026-10-15"', 'last_verified: "2026-11-01"')
    path.write_text(text[:start] + chunk + text[end:], encoding="utf-8")
    assert minimal["last_verified"] == "2026-10-15"
    feed = feeds.build_feed(cut(load_dataset(data_dir)), "en", DAY, limit=2)
    assert [e.title for e in feed.entries][0] == "Maryja Minimalnaja"
    assert feed.entries[0].updated == "2026-11-01T00:00:00Z"
    assert len(feed.entries) == 2
    assert feed.updated == "2026-11-01T00:00:00Z"  # no git history in a copied folder
    assert feeds.last_commit(path) is None
