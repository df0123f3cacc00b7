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
import regex
from browser import chromium, watch_requests  # noqa: F401 - chromium is a pytest fixture
from conftest import FIXTURES, content, read_html

from volia.outputs import compaction
from volia.text import search_keys

ALES = "prisoners/fictional-ales-testovich.html"
HANNA = "prisoners/fictional-hanna-prykladava.html"
PREFIXES = ("", "ru/", "en/")
# Every spelling a reader may type for Ales: Belarusian and Russian Cyrillic, the surname alone,
# the surname first, each romanisation, and each without its accents or Belarusian letters.
QUERIES = [
    "Тэставіч", "Тэставіч Алесь", "Алесь Тэставіч", "Тестович", "тэставич",
    "Testovich", "Testovič", "Testavich", "Testavič", "Testavic", "Testawicz", "Alieś Testavič", "Alies",
]
NAMES_BUDGET = 160  # bytes of names index per record per language (issue 15 allows 1,024)
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
                   "Фикцыйны Чапюк",  # the derived Russian form (issue 15)
                   "Чапюг", "Czapiuc"]  # one wrong letter (issue 15)


# ---- The record page and the index (no browser) ----

def test_record_page_lists_given_spellings_then_derived_ones_marked(site: Path) -> None:
    page = content(read_html(site / "en" / ALES))
    given, derived = page.select("details.volia-spellings-all p.volia-spellings")
    assert [s.get_text() for s in given.select("span:not(.volia-spellings__label)")] == \
        ["Алесь Тэставіч", "Алесь Тестович", "Aleś Testovič"]
    assert page.select_one("details.volia-spellings-all > summary").get_text() == "Other spellings"
    assert not given.select("small")  # negative control: contributors' spellings carry no system label
    assert derived.select_one("span.volia-spellings__label").get_text() == "Transliterated automatically:"
    marked = {s.get_text(): s.find_next_sibling("small").get_text()
              for s in derived.select("span:not(.volia-spellings__label)")}
    assert marked["Aleś Testavič"] == "(Łacinka),"
    assert marked["Ales Testavich"] == "(passport spelling),"
    assert marked["Aleś Testawicz"] == "(Polish spelling)"
    assert "Ales Testovich" not in marked and "Aleś Testovič" not in marked  # given spellings win
    assert page.select_one("h1").get_text() == "Ales Testovich"
    # The Belarusian page labels the same spellings in Belarusian.
    be = content(read_html(site / ALES))
    assert "лацінка" in be.select_one("p.volia-spellings--derived").get_text()


def _names(site: Path, prefix: str) -> dict[str, list[str]]:
    """search/names.js of one language's copy: record id → [title, folded words]."""
    script = (site / prefix / "search" / "names.js").read_text(encoding="utf-8")
    assert script.startswith("window.__voliaNames=") and script.endswith(";\n")
    index = json.loads(script[len("window.__voliaNames="):-2])
    assert index["dir"] == "prisoners/"
    return {person[0]: person[1:] for person in index["people"]}


def _full_text_pages(site: Path, prefix: str) -> set[str]:
    """The pages in the theme's full-text index (search_index.json, as shipped)."""
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def test_people_are_in_the_names_index_and_not_in_the_full_text_one(site: Path) -> None:
    published = {p.stem for p in (site / "prisoners").glob("*.html") if content(read_html(p)).select(".volia-record")}
    assert "fictional-removed-person" not in published and (site / "prisoners/fictional-removed-person.html").exists()
    assert published == {"fictional-ales-testovich", "fictional-hanna-prykladava", "fictional-minimal-person"}
    for prefix in PREFIXES:
        people = _names(site, prefix)
        assert set(people) == published  # every record with a page, once; a counted-only record has none
        for record_id, (title, words) in people.items():
            page = content(read_html(site / prefix / "prisoners" / f"{record_id}.html"))
            assert title == page.select_one("h1").get_text()  # the name the page is titled with
            # Every spelling the page shows is found by its own words, folded; nothing else is there.
            shown = [title, *(s.get_text() for s in page.select("p.volia-spellings span:not(.volia-spellings__label)"))]
            assert set(words.split()) == set(search_keys.words_of_all(shown)), (prefix, record_id)
        size = len((site / prefix / "search" / "names.js").read_bytes()) / len(people)
        assert size <= NAMES_BUDGET, (prefix, size)
        pages = _full_text_pages(site, prefix)
        assert not [page for page in pages if page.startswith("prisoners/")]
        assert "strategies/negotiate.html" in pages  # negative control: essays stay in the full-text index
    # Only what the page shows: the minimal record's words are its name's and nothing more.
    assert _names(site, "en/")["fictional-minimal-person"] == ["Maryja Minimalnaja", "maria minimalnaia"]


def test_no_record_page_carries_a_line_for_search_alone(site: Path) -> None:
    for prefix in PREFIXES:
        for page in (site / prefix / "prisoners").glob("*.html"):
            html = content(read_html(page))
            # No hidden text (the copy buttons wait hidden for the script that makes them work).
            assert not [e for e in html.select(".volia-record [hidden]") if e.name != "button"], page


def test_spellings_fold_to_the_same_words() -> None:
    assert search_keys.words("Andrej Čapiuk") == ["andrei", "capiuk"]
    for spelling in ("Chapiuk", "Čapiuk", "Czapiuk", "Chapyuk", "Capiuk", "CHAPIUK"):
        assert search_keys.words(spelling) == ["capiuk"], spelling
    assert search_keys.words("Пальчыс") == search_keys.words("Пальчис") == ["палчис"]
    assert search_keys.words("Bialiatski") == search_keys.words("Bialiacki") == ["bialiacki"]
    assert search_keys.words("Alieś, Ales’") == ["alies", "ales"]
    # Negative control: different names stay different. Punctuation is not a word; a number is.
    assert search_keys.words("Testovich") != search_keys.words("Chapiuk")
    assert search_keys.words("Чапюк (Andrei) — II, 2") == ["чапюк", "andrei", "i", "2"]  # II: doubled letters fold


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
        assert person not in search.results("Чапяг")  # and two wrong letters
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


# ---- Result snippets read as words ----

# Words that are written with a capital inside: the only lower-then-capital joins allowed in the index.
CAMEL_CASE_NAMES = {"macOS", "PowerShell", "FileHash", "DictReader", "LibreOffice", "iCalendar", "GitHub", "TheFirstNews"}


def _run_together(text: str) -> set[str]:
    plain = regex.sub(r"<[^>]+>", " ", text)
    return {m.group().split(".")[-1] for m in regex.finditer(r"[\w.]*\p{Ll}\p{Lu}\w*", plain)}


def test_search_results_keep_words_apart(site: Path) -> None:
    for prefix in PREFIXES:
        index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        joined = set().union(*(_run_together(doc["text"]) for doc in index["docs"]))
        assert joined <= CAMEL_CASE_NAMES, (prefix, joined - CAMEL_CASE_NAMES)


def test_blocks_are_spaced_for_the_theme_s_search_parser() -> None:
    from material.plugins.search.plugin import Parser

    def text(html: str) -> str:
        parser = Parser()
        parser.feed(html)
        return "".join(parser.data[0].text)

    for html, joined in [("<table><tr><th>Date</th><th>Held</th></tr></table>", "DateHeld"),
                         ("<table><tr><td>origin<div><em>Sources</em> differ</div></td></tr></table>", "originSources"),
                         ("<dl><dt>Parcels</dt><dd>Fictional</dd></dl>", "ParcelsFictional")]:
        assert _run_together(text(html)) == {joined}  # control: the parser joins them
        assert _run_together(text(compaction.spaced_blocks(html))) == set()
        # The page itself renders the same: only line breaks were added, between tags.
        assert compaction.spaced_blocks(html).replace("\n", "") == html
