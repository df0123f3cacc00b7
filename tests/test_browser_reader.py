"""What a reader on a phone does, in a real browser (Debian's Chromium): find the envelope on a
record page without scrolling far, copy the address, narrow the list of people with and without
JavaScript, read the list as cards on a phone and as a table on a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium, serve_site  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ALES = "prisoners/fictional-ales-testovich.html"
LIST = "prisoners/index.html"
ENVELOPE_BOTTOM = "document.querySelector('figure.volia-envelope').getBoundingClientRect().bottom + scrollY"


def _visible_statuses(page) -> list[str]:
    return page.locator("table.volia-people tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.dataset.status)")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_envelope_is_within_the_first_screen_and_a_half_of_a_phone(chromium, serve_site: str, lang: str) -> None:  # noqa: F811
    context = chromium.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(serve_site + lang + ALES)
    assert page.evaluate(ENVELOPE_BOTTOM) <= 1.5 * PHONE["height"]
    # Negative control: the same envelope moved to the end of the page is out of that reach.
    page.evaluate("document.querySelector('article.volia-record').append(document.querySelector('.volia-write'))")
    assert page.evaluate(ENVELOPE_BOTTOM) > 1.5 * PHONE["height"]
    context.close()


def test_the_copy_button_copies_the_label_as_written(chromium, serve_site: str) -> None:  # noqa: F811
    context = chromium.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=serve_site.rstrip("/"))
    page = context.new_page()
    page.goto(serve_site + ALES)
    abroad = page.locator("figure.volia-envelope").nth(1)
    abroad.locator("button.volia-copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.splitlines() == ["Тэставіч Алесь, 1990 г. н.", "230000, г. Тэставы, вул. Выдуманая, 1", "BELARUS"]
    assert abroad.locator("button.volia-copy").inner_text() == "Скапіявана"
    context.close()
    # Without JavaScript the button stays hidden: the address is there to copy by hand.
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(serve_site + ALES)
    assert page.locator("button.volia-copy").count() == 2 and not page.locator("button.volia-copy").first.is_visible()
    assert page.locator("figure.volia-envelope address").first.is_visible()
    context.close()


def test_status_filters_work_without_javascript(chromium, serve_site: str) -> None:  # noqa: F811
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(serve_site + "en/" + LIST)
    everyone = _visible_statuses(page)
    assert "imprisoned" in everyone and "released" in everyone
    page.locator("[data-filter=status] a[data-filter-value=imprisoned]").click()
    # click() returns once the navigation commits; wait for the new page's rows before reading them
    page.wait_for_url("**/en/prisoners/status/imprisoned.html")  # a page of its own
    page.wait_for_load_state("load")
    held = _visible_statuses(page)
    assert held == ["imprisoned"] * everyone.count("imprisoned")
    page.locator(".volia-filters__all a").click()
    page.wait_for_url("**/en/prisoners/index.html")
    context.close()


def test_filters_narrow_the_list_in_place_and_combine_with_javascript(chromium, serve_site: str) -> None:  # noqa: F811
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(serve_site + "en/" + LIST)
    everyone = _visible_statuses(page)
    page.locator("[data-filter=status] a[data-filter-value=imprisoned]").click()
    assert page.url.endswith("en/prisoners/index.html")  # no navigation: the table narrowed
    assert _visible_statuses(page) == ["imprisoned"] * everyone.count("imprisoned")
    assert page.locator(".volia-filters__shown").inner_text() == f"Shown: {everyone.count('imprisoned')}"
    # A region as well: only Ales (held, Hrodna region) is both.
    page.locator("details[data-filter=region] summary").click()
    page.locator("[data-filter=region] a[data-filter-value=hrodna]").click()
    names = page.locator("table.volia-people tbody tr:visible th a").all_inner_texts()
    assert names == ["Ales Testovich"]
    # A second click on a chosen filter lets it go.
    page.locator("[data-filter=region] a[data-filter-value=hrodna]").click()
    page.locator("[data-filter=status] a[data-filter-value=imprisoned]").click()
    assert _visible_statuses(page) == everyone
    context.close()


def test_the_list_is_cards_on_a_phone_and_a_table_on_a_desktop(chromium, serve_site: str, site: Path) -> None:  # noqa: F811
    for viewport, display in ((PHONE, "block"), (DESKTOP, "table-row")):
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(serve_site + LIST)
        row = page.locator("table.volia-people tbody tr").first
        assert row.evaluate("e => getComputedStyle(e).display") == display, viewport
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        context.close()
