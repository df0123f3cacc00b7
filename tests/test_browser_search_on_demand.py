"""Search that costs nothing until it is used (issue 17): no page asks for the search index, the
search worker, its stemmers or (over file://) the iframe-worker shim before the reader focuses the search field or opens the search; then
search works, over http and from the unzipped offline copy over file://.

docs/assets/javascripts/search-on-demand.iframe-worker.js holds Material's worker and index requests back until
then. A control shows that the watch sees the requests a page makes without it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import chromium, http_server, serve_site, unzipped, watch_requests  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

RECORD = "fictional-ales-testovich"
# A page of each kind a reader may open first, in each language folder.
FIRST_PAGES = ["index.html", "prisoners/index.html", f"prisoners/{RECORD}.html", "statistics.html",
               "strategies/negotiate.html", "en/index.html", f"en/prisoners/{RECORD}.html", f"ru/prisoners/{RECORD}.html"]
SEARCH_FILES = re.compile(r"/search/search_index\.js(on)?$|/workers/search\.[^/]+\.js|/lunr/|/iframe-worker/shim\.js$"
                          r"|/search/names\.js$|/name-search\.js$")
SCRIPT = "search-on-demand.iframe-worker.js"


def search_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if SEARCH_FILES.search(u.split("?")[0])]


def open_quietly(page, url: str) -> None:
    """Open a page and let it do everything it does on its own: load, scroll, go quiet."""
    page.goto(url, wait_until="load", timeout=60_000)
    page.mouse.wheel(0, 20_000)
    page.mouse.move(300, 300)
    page.wait_for_load_state("networkidle", timeout=30_000)
    page.wait_for_timeout(300)


def first_results(page, query: str) -> list[str]:
    """Focus the search field, type, and return the results' addresses (waits for the first)."""
    box = page.locator("input.md-search__input")
    box.focus()
    box.fill(query)
    box.press("End")  # Material reads the field on keyup
    results = page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(timeout=20_000)
    return results.evaluate_all("els => els.map(e => e.getAttribute('href'))")


def _check_on_demand(chromium, url_of, query: str = "Testovich") -> None:  # noqa: F811
    context = chromium.new_context()
    requests = watch_requests(context)
    try:
        page = context.new_page()
        for path in FIRST_PAGES:
            open_quietly(page, url_of(path))
            assert any(u.endswith(SCRIPT) for u in requests), "the page does not load the script"
            assert search_requests(requests) == [], (path, search_requests(requests))
        found = first_results(page, query)
        assert any(RECORD in href for href in found), found
        asked = [u.split("?")[0].rsplit("/", 2)[-2:] for u in search_requests(requests)]
        over_http = url_of("").startswith("http")
        assert ["search", "search_index.json" if over_http else "search_index.js"] in asked
        assert ["search", "names.js"] in asked and ["javascripts", "name-search.js"] in asked  # people
        # the iframe-worker shim stands in for a worker over file:// only, and loads with the search
        assert (["iframe-worker", "shim.js"] in asked) is not over_http, asked
    finally:
        context.close()


def test_no_page_fetches_the_search_before_it_is_used_over_http(chromium, serve_site: str) -> None:  # noqa: F811
    _check_on_demand(chromium, lambda path: serve_site + path)


def test_no_page_fetches_the_search_before_it_is_used_offline(chromium, unzipped: Path) -> None:  # noqa: F811
    _check_on_demand(chromium, lambda path: (unzipped / path).as_uri() if path else unzipped.as_uri())


@pytest.mark.parametrize("lang", ["be", "en"])
def test_the_front_page_field_opens_the_search_and_loads_it(chromium, unzipped: Path, lang: str) -> None:  # noqa: F811
    """The front page's big field is a label for Material's search toggle: a tap starts the search."""
    context = chromium.new_context(offline=True)
    requests = watch_requests(context)
    page = context.new_page()
    open_quietly(page, (unzipped / ("" if lang == "be" else "en/") / "index.html").as_uri())
    assert search_requests(requests) == []
    page.locator("label.volia-front__search").click()
    page.keyboard.type("Testovich")
    page.keyboard.press("End")
    page.locator(".md-search-result__item a.md-search-result__link").first.wait_for(timeout=20_000)
    assert any(u.endswith("search/search_index.js") for u in requests)
    context.close()


def test_a_page_opened_from_a_result_highlights_the_words(chromium, serve_site: str) -> None:  # noqa: F811
    """Material's search.highlight reads the index's settings: a page opened from a result (?h=)
    starts the search at once, and the words are marked."""
    context = chromium.new_context()
    requests = watch_requests(context)
    page = context.new_page()
    page.goto(serve_site + f"en/prisoners/{RECORD}.html?h=testovich")
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=20_000)
    assert any(u.endswith("search/search_index.json") for u in requests)
    context.close()


def test_a_person_opened_from_the_results_does_not_start_the_search_again(chromium, serve_site: str) -> None:  # noqa: F811
    """A person's result carries no words to highlight (?h= is empty): the record page opens as any
    page does, fetching no index."""
    context = chromium.new_context()
    page = context.new_page()
    open_quietly(page, serve_site + "en/index.html")
    found = first_results(page, "Testovich")
    assert found[0].startswith(f"prisoners/{RECORD}.html") or f"/prisoners/{RECORD}.html" in found[0], found
    requests = watch_requests(context)
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(f"**/prisoners/{RECORD}.html*")
    open_quietly(page, page.url)
    assert search_requests(requests) == [], search_requests(requests)
    # Control: a result with words to highlight does start it (test above); so does focusing the field.
    page.locator("input.md-search__input").focus()
    page.wait_for_timeout(1_000)
    assert search_requests(requests) != []
    context.close()


def test_without_the_script_the_page_fetches_the_index_at_once(chromium, site: Path, tmp_path: Path) -> None:  # noqa: F811
    """Control: the same page without the on-demand script asks for the worker and the index as it
    opens (Material's own behaviour), and the watch above sees those requests."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.zip"))
    page_file = copy / "en" / "prisoners" / f"{RECORD}.html"
    html = page_file.read_text(encoding="utf-8")
    tag = f'<script src="../assets/javascripts/{SCRIPT}"></script>'
    assert tag in html
    page_file.write_text(html.replace(tag, ""), encoding="utf-8")
    with http_server(copy) as base:
        context = chromium.new_context()
        requests = watch_requests(context)
        open_quietly(context.new_page(), base + f"en/prisoners/{RECORD}.html")
        context.close()
    asked = {u.split("?")[0].rsplit("/", 1)[-1] for u in search_requests(requests)}
    assert "search_index.json" in asked and any(name.startswith("search.") for name in asked), asked
