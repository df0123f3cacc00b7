"""Finding people by name (issue 15): the folding in Python (volia.text.search_keys) and its twin in
the browser (docs/assets/javascripts/name-search.js) agree word for word, and the real sample
records are found from Russian, Belarusian and Latin spellings and with one wrong letter.

The search box itself, over file:// and in every language, is driven in test_browser_search.py;
here the names index made from data/ is searched with the site's own script in Chromium, so the
real people of the sample (Andrei Chapiuk, Eduard Palchys) are the ones looked for.
"""

from __future__ import annotations

import datetime as dt

import pytest
from browser import chromium  # noqa: F401 - a pytest fixture
from conftest import FIXTURES, ROOT

from volia.outputs import names_index
from volia.site.context import make_context
from volia.text import search_keys, translit

NAME_SEARCH = ROOT / "docs" / "assets" / "javascripts" / "name-search.js"
LANGUAGES = ("be", "ru", "en")
# The issue's own examples: each finds the same person in every language.
FINDS = {
    "andrei-chapiuk": ["Андрей Чапюк", "Андрэй Чапюк", "Чапюк", "Chapiuk", "Čapiuk", "Czapiuk", "Capiuk",
                       "Чапюг", "Chapiuc", "чапю", "Andrei Chapiuk", "Chapiuk Andrei"],
    "eduard-palchys": ["Пальчис", "Пальчыс", "Эдуард Пальчис", "Palchys", "Palčys", "Palczys", "Пальчиз", "Palchis"],
}
# Negative controls: two letters off, one letter off in a short word, a name nobody has.
FINDS_NOBODY = ["Чапяг", "Чапюгг Андрэй Пальчыс", "Zzqxv"]


@pytest.fixture(scope="module")
def page(chromium):  # noqa: F811
    context = chromium.new_context(java_script_enabled=True)
    page = context.new_page()
    page.set_content("<!doctype html><title>names</title>")
    page.add_script_tag(path=str(NAME_SEARCH))
    yield page
    context.close()


def _public(lang: str, data_dir=ROOT / "data"):
    """The published records; the real data is checked against the real date (its last checks are recent)."""
    return make_context(lang, data_dir, today=dt.date.today()).public


def _all_spellings(data_dir) -> list[str]:
    dataset = _public("be", data_dir)
    return [s.text for r in dataset.records for s in translit.derive(r.name, r.aliases)]


@pytest.mark.browser
def test_the_browser_folds_every_spelling_as_the_build_does(page) -> None:
    spellings = _all_spellings(ROOT / "data") + _all_spellings(FIXTURES / "data")
    spellings += ["Łukašenka", "Alesʹ", "Alyes’", "ЁЖЫК Ўсё", "Tsikhanouskaya", "Szczęsny", "Hanna–Ganna", "x2 y_z"]
    assert len(spellings) > 100
    in_browser = page.evaluate("texts => texts.map(t => VoliaNameSearch.words(t))", spellings)
    differ = [(text, js, search_keys.words(text)) for text, js in zip(spellings, in_browser, strict=True)
              if js != search_keys.words(text)]
    assert differ == []
    # Negative control: the comparison can fail (a word list that is not the folded one).
    assert page.evaluate("VoliaNameSearch.words('Чапюк')") != ["чапюк", "x"]


def _find(page, lang: str, query: str) -> list[str]:
    script = names_index.names_script(_public(lang), lang)
    return page.evaluate("""([script, query]) => {
        (0, eval)(script);
        return VoliaNameSearch.find(query, window.__voliaNames).map(person => person.location);
    }""", [script, query])


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_people_are_found_from_every_spelling_and_one_wrong_letter(page, lang: str) -> None:
    for record_id, queries in FINDS.items():
        for query in queries:
            found = _find(page, lang, query)
            assert found[:1] == [f"prisoners/{record_id}.html"], (lang, query, found)
    for query in FINDS_NOBODY:
        assert _find(page, lang, query) == [], (lang, query)
    # Under five letters a word must be typed right (or be the start of one): one letter off finds nobody.
    assert _find(page, lang, "Чапг") == [] and _find(page, lang, "Чап")[:1] == ["prisoners/andrei-chapiuk.html"]


@pytest.mark.browser
def test_every_published_record_is_in_the_names_index_and_nothing_else(page) -> None:
    public = _public("en")
    index = names_index.names_index(public, "en")
    assert sorted(p[0] for p in index["people"]) == sorted(r.id for r in public.records)
    # Each is found by its own title, first or tied with a namesake.
    for record_id, title, _ in index["people"]:
        assert f"prisoners/{record_id}.html" in _find(page, "en", title), title
