"""The real site, built from the fictional fixture data, read back with an HTML parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, content, read_html

from volia.data.loading import load_dataset


def test_every_published_record_has_a_page_with_its_facts(site: Path) -> None:
    dataset = load_dataset(FIXTURES / "data")
    published = [r for r in dataset.records if r.publication in ("full", "minimal")]
    assert len(published) == 3
    for record in published:
        page = read_html(site / "en" / "prisoners" / f"{record.id}.html")
        assert page.select_one("h1#name").get_text() == record.name["en"]
    ales = content(read_html(site / "en" / "prisoners" / "fictional-ales-testovich.html"))
    text = ales.get_text(" ", strip=True)
    assert "4 years and 6 months" in text  # the sentence in words
    assert "Court: Testavy District Court" in text
    assert "Occupation: Teacher (fictional)" in text
    assert "Only letters from close family reach this person." in text
    assert "230000, г. Тэставы, вул. Выдуманая, 1" in text  # the facility's postal address, in Cyrillic
    timeline = [li.get_text(" ", strip=True) for li in ales.select("ol.volia-timeline li")]
    assert timeline[0].startswith("February 1, 2019")
    assert any("Release (served the full term)" in item for item in timeline)
    # Each article explained once, folded under it: 342 is in both cases, explained in the first.
    charged = [a["href"].split("/")[-1] for a in ales.select("ul.volia-articles li a")]
    explained = [a.get_text().split()[-1] for a in ales.select("ul.volia-articles details.volia-charge > p > a")]
    assert sorted(charged) == ["130.html", "342.html", "342.html"] and sorted(explained) == ["130", "342"]
    sources = [a["href"] for a in ales.select("ol.volia-sources a")]
    assert sources == ["https://example.org/ales"]


def test_counted_only_record_has_no_page(site: Path) -> None:
    assert not (site / "en" / "prisoners" / "fictional-counted-only.html").exists()
    assert not (site / "prisoners" / "fictional-counted-only.html").exists()


def test_record_text_never_runs_as_a_template_or_html(site: Path) -> None:
    page = (site / "en" / "prisoners" / "fictional-ales-testovich.html").read_text(encoding="utf-8")
    assert "{{ 7*191 }}" in page
    assert "1337" not in page
    assert "alert(\"bio\")" not in page and "<script>alert" not in page
    assert "javascript:" not in page
    soup = read_html(site / "en" / "prisoners" / "fictional-ales-testovich.html")
    links = [a.get("href") for a in soup.select(".volia-bio a")]
    assert "https://example.org/ales" in links
    assert all(h is None or h.startswith("https://") for h in links)


def test_list_page_links_every_published_record(site: Path) -> None:
    soup = read_html(site / "en" / "prisoners" / "index.html")
    rows = soup.select("table.volia-people tbody tr")
    linked = {row.select_one("th a")["href"] for row in rows}
    assert linked == {"fictional-ales-testovich.html", "fictional-hanna-prykladava.html",
                      "fictional-minimal-person.html"}
    for href in linked:
        assert (site / "en" / "prisoners" / href).exists()


def test_facility_and_article_pages_list_their_people(site: Path) -> None:
    colony = content(read_html(site / "en" / "facilities" / "colony-99-testtown.html"))
    names = {a.get_text() for a in colony.select("table.volia-people tbody th a")}
    assert names == {"Ales Testovich", "Hanna Prykladava"}
    article = content(read_html(site / "en" / "articles" / "342.html"))
    names = {a.get_text() for a in article.select("table.volia-people tbody th a")}
    assert names == {"Ales Testovich"}  # the counted-only record is charged too but has no page
    other = content(read_html(site / "en" / "articles" / "369.html"))
    assert not other.select("table.volia-people")  # the minimal record's charges are withheld


def test_records_stay_out_of_the_navigation(site: Path) -> None:
    soup = read_html(site / "en" / "index.html")
    nav_links = [a.get("href", "") for a in soup.select("nav.md-nav--primary a")]
    assert any(h.endswith("prisoners/index.html") for h in nav_links)
    assert not any("fictional-" in h for h in nav_links)


def test_every_language_is_built_with_the_same_pages(site: Path) -> None:
    for prefix in ("", "ru/", "en/"):
        assert (site / prefix / "prisoners" / "fictional-ales-testovich.html").exists()
    be = read_html(site / "prisoners" / "fictional-ales-testovich.html")
    assert be.html["lang"] == "be"
    assert be.select_one("h1#name").get_text() == "Алесь Тэставіч"
    switch = {a["hreflang"]: a["href"] for a in be.select("a.volia-lang")}
    assert switch == {"be": "fictional-ales-testovich.html",
                      "ru": "../ru/prisoners/fictional-ales-testovich.html",
                      "en": "../en/prisoners/fictional-ales-testovich.html"}


@pytest.mark.slow
def test_a_broken_internal_link_fails_the_strict_build(tmp_path: Path) -> None:
    from conftest import build_project

    def broken(docs: Path) -> None:
        (docs / "about.md").write_text((docs / "about.md").read_text(encoding="utf-8")
                                       + "\n[gone](no-such-page.md)\n", encoding="utf-8")

    code, _ = build_project(tmp_path / "broken", edit_docs=broken)
    assert code == 1
    code, site = build_project(tmp_path / "control")  # the same docs without the broken link build
    assert code == 0 and (site / "about.html").exists()


def test_the_home_page_is_titled_by_its_heading_in_every_language(site: Path) -> None:
    for prefix, wordmark in (("", "Воля"), ("ru", "Воля"), ("en", "Volia")):
        page = read_html(site / prefix / "index.html")
        heading = page.select_one("article h1").get_text()
        assert heading.startswith(f"{wordmark} — ") and page.title.get_text() == heading, prefix
        # The wordmark in the header is in the language's own script.
        assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == wordmark, prefix
        assert page.select_one('meta[property="og:title"]')["content"] == heading, prefix  # as shared, too
    # Control: other pages keep the theme's "page - site" title.
    assert read_html(site / "en" / "statistics.html").title.get_text() == "Statistics - Volia"


def test_the_not_found_page_speaks_all_three_languages_its_own_first(site: Path) -> None:
    for prefix, first, wordmark in (("", "be", "Воля"), ("ru", "ru", "Воля"), ("en", "en", "Volia")):
        page = read_html(site / prefix / "404.html")
        sections = page.select("article section.volia-not-found")
        assert [s["lang"] for s in sections][0] == first and {s["lang"] for s in sections} == {"be", "ru", "en"}
        assert sections[0].select_one("h1") is not None
        assert "404 - Not found" not in page.get_text()
        assert page.title.get_text() == f"{sections[0].select_one('h1').get_text()} - {wordmark}"
        assert not [a for s in sections for a in s.select("a")]  # no site address known: no link
