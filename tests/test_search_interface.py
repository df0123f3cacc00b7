"""The search box's own words and its empty result (issue 15): the theme's Belarusian strings in the
official orthography, and an empty result that leads on to the list of people and Viasna's database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import chromium  # noqa: F401 - a pytest fixture
from conftest import read_html
from test_browser_search import SearchBox


def _translations(page: Path) -> dict[str, str]:
    return json.loads(read_html(page).select_one("#__config").get_text())["translations"]


def test_the_belarusian_search_speaks_the_official_orthography(site: Path) -> None:
    be = _translations(site / "index.html")
    assert be["search.result.none"] == "Нічога не знойдзена"
    assert "ня " not in " ".join(be.values()) + " "  # no classical negation anywhere in the theme's words
    assert be["clipboard.copy"] == "Скапіяваць у буфер абмену"
    # Negative control: the theme's own file says it the classical way, so the override is what changed it.
    theme = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages" / "be.html"
    assert "Нічога ня знойдзена" in theme.read_text(encoding="utf-8")
    assert _translations(site / "ru" / "index.html")["search.result.none"] != be["search.result.none"]


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ("", "ru/", "en/"))
def test_an_empty_result_offers_the_people_and_viasnas_database(chromium, site: Path, prefix: str) -> None:  # noqa: F811
    context = chromium.new_context()
    search = SearchBox(context.new_page(), (site / prefix / "index.html").as_uri())
    assert search.results("Zzqxv") == []
    empty = search.page.locator(".volia-search-empty")
    empty.wait_for(state="visible", timeout=5_000)
    hrefs = empty.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs[0] == (site / prefix / "prisoners" / "index.html").as_uri()
    assert hrefs[1] == "https://prisoners.spring96.org/" + ({"": "be", "ru/": "ru", "en/": "en"}[prefix])
    # Negative control: a query that finds someone hides the links again.
    assert search.results("Тэставіч")
    assert not empty.is_visible()
    context.close()
