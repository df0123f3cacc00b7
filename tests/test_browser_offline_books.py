"""The offline copy with its people bound into books (volia/outputs/offline_books.py), in Chromium
over file:// with networking off: the list and the search lead to the person's section of a book,
scrolled into view. (tests/test_offline_books.py checks the books' HTML.)"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import chromium  # noqa: F401 - fixture
from playwright.sync_api import expect
from test_browser_offline import DESKTOP, RECORD, search
from test_offline_books import bound_copy

from volia.outputs import names_index

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bound(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bound_copy(site, tmp_path_factory.mktemp("books"), "bound", books_from=1, book_size=3)  # all in one


def _in_view(page, selector: str) -> bool:
    return page.locator(selector).evaluate("e => { const r = e.getBoundingClientRect();"
                                           " return r.top >= 0 && r.top < innerHeight / 3; }")


def test_the_list_and_the_search_lead_to_the_persons_section_of_a_book(chromium, bound: Path) -> None:  # noqa: F811
    people = names_index.read_script((bound / "en" / names_index.PATH).read_text(encoding="utf-8"))["people"]
    place = next(p[3] for p in people if p[0] == RECORD)
    neighbour = next(p[0] for p in people if p[3].split("#")[0] == place.split("#")[0] and p[0] != RECORD)
    context = chromium.new_context(offline=True, viewport=DESKTOP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()

    page.goto((bound / "en" / "prisoners" / "index.html").as_uri())
    page.locator(f"table.volia-people a[href='{place}']").click()
    expect(page).to_have_url(f"{(bound / 'en' / 'prisoners' / place.split('#')[0]).as_uri()}#{RECORD}")
    expect(page.locator(f"section#{RECORD} h2.volia-book__name")).to_have_text("Ales Testovich")
    page.wait_for_timeout(300)  # the browser scrolls to the anchor once the page is laid out
    assert _in_view(page, f"section#{RECORD}")
    assert not _in_view(page, f"section#{neighbour}")  # control: the book's other person is elsewhere

    page.goto((bound / "en" / "index.html").as_uri())
    found = search(page, "Testovich")
    book = (bound / "en" / "prisoners" / place.split("#")[0]).as_uri()
    assert [href for href in found if RECORD in href] == [f"{book}?h=#{RECORD}"]
    page.locator(f".md-search-result__item a.md-search-result__link[href*='#{RECORD}']").first.click()
    expect(page.locator(f"section#{RECORD} h2.volia-book__name")).to_be_visible()
    page.wait_for_timeout(300)
    assert _in_view(page, f"section#{RECORD}")
    context.close()
    assert {urlsplit(u).scheme for u in requests} == {"file"}
