"""Names in every spelling: on the record page, in the search index, and in the site's search as a
reader uses it (headless Chromium, over file://, as from an unzipped offline copy).

The fixture record fictional-ales-testovich has be "Алесь Тэставіч", ru "Алесь Тестович",
en "Ales Testovich" and the alias "Aleś Testovič"; its surname ends in ч, the letter that gives
Čapiuk / Chapiuk / Czapiuk in the brief's example, so it exercises the same spellings.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser import chromium, watch_requests  # noqa: F401 - chromium is a pytest fixture
from conftest import FIXTURES, content, read_html

from volia.text import names

ALES = "prisoners/fictional-ales-testovich.html"
HANNA = "prisoners/fictional-hanna-prykladava.html"
PREFIXES = ("", "ru/", "en/")
# Every spelling a reader may type for Ales: Belarusian and Russian Cyrillic, the surname alone,
# the surname first, each romanisation, and each without its accents or Belarusian letters.
QUERIES = [
    "Тэставіч", "Тэставіч Алесь", "Алесь Тэставіч", "Тестович", "тэставич",
    "Testovich", "Testovič", "Testavich", "Testavič", "Testavic", "Testawicz", "Alieś Testavič", "Alies",
]
INDEX_BUDGET = 1024  # bytes of search index per record per language
# A FICTIONAL person with only a Belarusian name and the surname of the brief's example, so that
# every Latin spelling (including the English page's title) is derived: Čapiuk, Chapiuk, Czapiuk.
CHAPIUK = """
- id: fictional-chapiuk-spellings
  publication: minimal
  consent: {basis: family, by: the family (fictional), date: "2024-02-02"}
  name:
    be: Фікцыйны Чапюк
  gender: male
  status: imprisoned
  as_of: "2024-06-01"
  cases:
    - arrested: "2022-04-04"
  sources:
    - url: https://example.org/fictional-chapiuk
      title: Example source about a fictional person
  last_verified: "2024-06-01"
"""
CHAPIUK_PAGE = "prisoners/fictional-chapiuk-spellings.html"
CHAPIUK_QUERIES = ["Чапюк", "Чапюк Фікцыйны", "Chapiuk", "Čapiuk", "Czapiuk", "Capiuk", "Chapyuk", "чапюк",
                   "Фикцыйны Чапюк"]  # the last: the derived Russian form (issue 15)


# ---- The record page and the index (no browser) ----

def test_record_page_lists_given_spellings_then_derived_ones_marked(site: Path) -> None:
    page = content(read_html(site / "en" / ALES))
    given, derived = page.select("details.volia-spellings-all p.volia-spellings")
    assert [s.get_text() for s in given.select("span:not([data-search-exclude])")] == \
        ["Алесь Тэставіч", "Алесь Тестович", "Aleś Testovič"]
    assert page.select_one("details.volia-spellings-all > summary").get_text() == "Other spellings"
    assert not given.select("small")  # negative control: contributors' spellings carry no system label
    assert derived.select_one("span[data-search-exclude]").get_text() == "Transliterated automatically:"
    marked = {s.get_text(): s.find_next_sibling("small").get_text()
              for s in derived.select("span:not([data-search-exclude])")}
    assert marked["Aleś Testavič"] == "(Łacinka),"
    assert marked["Ales Testavich"] == "(passport spelling),"
    assert marked["Aleś Testawicz"] == "(Polish spelling)"
    assert "Ales Testovich" not in marked and "Aleś Testovič" not in marked  # given spellings win
    assert page.select_one("h1").get_text() == "Ales Testovich"
    # The Belarusian page labels the same spellings in Belarusian.
    be = content(read_html(site / ALES))
    assert "лацінка" in be.select_one("p.volia-spellings--derived").get_text()


def test_search_only_line_is_hidden_and_holds_the_folded_spellings(site: Path) -> None:
    line = content(read_html(site / "en" / ALES)).select_one("p.volia-search-only")
    assert line.has_attr("hidden")
    assert set(line.get_text().split()) == {"тэставич", "testovic", "alies", "testavic"}
    # A record whose names have no accents and no Belarusian letters needs no such line.
    minimal = "prisoners/fictional-minimal-person.html"
    assert content(read_html(site / "en" / minimal)).select_one("p.volia-search-only") is None


def _entries(site: Path, prefix: str) -> dict[str, list[dict]]:
    """Search-index entries per record page, as Material wrote them (ASCII JSON, as shipped)."""
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        if page.startswith("prisoners/") and page != "prisoners/index.html":
            pages.setdefault(page, []).append(doc)
    return pages


def test_each_record_is_one_small_search_entry_per_language(site: Path) -> None:
    for prefix in PREFIXES:
        pages = _entries(site, prefix)
        assert set(pages) == {ALES, HANNA, "prisoners/fictional-minimal-person.html"}
        for page, docs in pages.items():
            size = sum(len(json.dumps(doc, separators=(",", ":"))) for doc in docs)
            assert len(docs) == 1 and size <= INDEX_BUDGET, (prefix, page, len(docs), size)
        text = pages[ALES][0]["text"]
        assert "Testawicz" in text and "testavic" in text and "Fictional teacher" in text
        # Negative controls: what the page excludes from search stays out (labels, court, bio,
        # timeline, letters, the status line).
        for withheld in ("Testavy District Court", "fictional* teacher", "230000", "Transliterated",
                         "Other spellings", "Imprisoned", "Recognised"):
            assert withheld not in text, (prefix, withheld)


def test_folded_terms_are_only_those_not_already_visible() -> None:
    terms = names.search_terms(["Андрэй Чапюк", "Andrej Čapiuk", "Andrei Chapiuk", "Andrej Czapiuk"])
    assert terms == ["capiuk"]  # the only word a reader could type that is not on the page already
    assert names.search_terms(["Hanna Prykladava"]) == []


# ---- In the browser ----

class SearchBox:
    """The site's own search box, driven as a reader types, one query at a time."""

    WAITING = "volia-test-waiting"

    def __init__(self, page, start: str) -> None:
        self.page = page
        page.goto(start)

    def results(self, query: str) -> list[str]:
        """The pages found for `query`, in the order shown (file:// URLs without ?h= or #)."""
        page, box = self.page, "input.md-search__input"
        page.fill(box, "")
        page.press(box, "End")  # Material searches on keyup and skips a query equal to the last
        page.evaluate("""waiting => {
            document.querySelector('.md-search-result__meta').textContent = waiting;
            document.querySelector('.md-search-result__list').replaceChildren();
        }""", self.WAITING)
        page.fill(box, query)
        page.press(box, "End")
        # Done when the meta line reports this query: either "no matching documents" (Material's own
        # words, from the page's config) or a count, with the list holding the results.
        page.wait_for_function("""waiting => {
            const text = document.querySelector('.md-search-result__meta').textContent.trim();
            const words = JSON.parse(document.getElementById('__config').textContent).translations;
            const shown = document.querySelectorAll('.md-search-result__list > li').length;
            return text !== waiting && (text === words['search.result.none'] || shown > 0);
        }""", arg=self.WAITING, timeout=10_000)
        hrefs = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
        return [href.split("?")[0].split("#")[0] for href in hrefs]


@pytest.mark.browser
@pytest.mark.parametrize("prefix", PREFIXES)
def test_search_finds_the_record_from_every_spelling_offline(chromium, site: Path, prefix: str) -> None:  # noqa: F811
    context = chromium.new_context()
    requests = watch_requests(context)
    search = SearchBox(context.new_page(), (site / prefix / "index.html").as_uri())
    found = {query: search.results(query) for query in [*QUERIES, "Prykladava", "Zzqxv"]}
    context.close()
    ales, hanna = (site / prefix / ALES).as_uri(), (site / prefix / HANNA).as_uri()
    missed = [q for q in QUERIES if ales not in found[q]]
    assert missed == [], f"{prefix or 'be/'}: no result for {missed}"
    assert all(found[q][0] == ales for q in QUERIES if q != "Alies"), found  # the person comes first
    # Negative controls: another person's name finds that person and not Ales; nonsense finds nothing.
    assert hanna in found["Prykladava"] and ales not in found["Prykladava"]
    assert found["Zzqxv"] == []
    assert [r for r in requests if not r.startswith("file:")] == []  # offline: nothing but local files


@pytest.fixture(scope="module")
def chapiuk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, every language, built from the fixture data plus the fictional Чапюк record."""
    from volia.cli.build import build_all

    data = tmp_path_factory.mktemp("chapiuk") / "data"
    shutil.copytree(FIXTURES / "data", data)
    with (data / "prisoners.yaml").open("a", encoding="utf-8") as records:
        records.write(CHAPIUK)
    site = data.parent / "site"
    assert build_all(site, data_dir=data) == 0
    return site


@pytest.mark.browser
def test_search_finds_a_belarusian_only_name_from_every_derived_spelling(chromium, chapiuk_site: Path) -> None:  # noqa: F811
    english = content(read_html(chapiuk_site / "en" / CHAPIUK_PAGE))
    assert english.select_one("h1").get_text() == "Fiktsyiny Chapiuk"  # derived, and the page says so
    assert "passport spelling" in english.select_one(".volia-spellings-all > summary small").get_text()
    context = chromium.new_context()
    for prefix in PREFIXES:
        search = SearchBox(context.new_page(), (chapiuk_site / prefix / "index.html").as_uri())
        person = (chapiuk_site / prefix / CHAPIUK_PAGE).as_uri()
        missed = [q for q in CHAPIUK_QUERIES if person not in search.results(q)]
        assert missed == [], f"{prefix or 'be/'}: no result for {missed}"
        assert person not in search.results("Testavich")  # negative control: another person's name
    context.close()


@pytest.mark.browser
def test_switching_language_on_a_record_page_lands_on_the_same_record(chromium, site: Path) -> None:  # noqa: F811
    context = chromium.new_context()
    page = context.new_page()
    page.goto((site / ALES).as_uri())
    headings = [page.inner_text("h1#name")]
    for lang in ("ru", "en", "be"):
        page.hover(".md-select button")
        page.click(f"a.volia-lang[hreflang={lang}]")
        page.wait_for_load_state()
        headings.append(page.inner_text("h1#name"))
        expected = (site / ("" if lang == "be" else lang) / ALES).as_uri()
        assert page.url == expected
        assert page.evaluate("document.documentElement.lang") == lang
    context.close()
    assert headings == ["Алесь Тэставіч", "Алесь Тестович", "Ales Testovich", "Алесь Тэставіч"]
