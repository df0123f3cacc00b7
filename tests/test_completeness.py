"""No record is dropped: each one is on its page and in the lists, or accounted for by its level.

Full records: a page, a row in the list of all prisoners, a row on the page of every facility they
were held in and every article they were charged under. Minimal records: a page and a row in the
list, nothing more. Counted-only records: no page and no row, but a place in every figure. The
counts on the built pages must add up to the records in the data, in every language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, content, read_html

from volia.analysis import statistics as stats
from volia.data.loading import load_dataset
from volia.model.dataset import Dataset
from volia.site.context import make_context
from volia.site.pages import generated_pages
from volia.text import i18n
from volia.views.records import display_name, record_uri

LANGUAGE_FOLDERS = {"be": "", "ru": "ru/", "en": "en/"}


def _linked_records(soup) -> set[str]:
    """Ids of the records a page's tables link to."""
    return {a["href"].rsplit("/", 1)[-1].removesuffix(".html")
            for a in soup.select("table.volia-people tbody th a")}


def _expected_on_reference_pages(dataset: Dataset) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """From the data alone: who should be listed on each facility's and each article's page."""
    facilities: dict[str, set[str]] = {f: set() for f in dataset.facilities}
    articles: dict[str, set[str]] = {a: set() for a in dataset.articles}
    for record in dataset.records:
        if record.publication != "full":
            continue  # minimal and counted records are never tied to a place or a charge
        for case in record.cases:
            for facility in case.facilities:
                facilities[facility].add(record.id)
            for article in case.articles:
                articles[article].add(record.id)
    return facilities, articles


def test_the_fixture_data_has_every_publication_level() -> None:
    levels = Counter(r.publication for r in load_dataset(FIXTURES / "data").records)
    assert set(levels) == {"full", "minimal", "counted"}


@pytest.mark.parametrize("lang", list(LANGUAGE_FOLDERS))
def test_every_record_is_shown_or_accounted_for(site: Path, lang: str) -> None:
    dataset = load_dataset(FIXTURES / "data")
    folder = site / LANGUAGE_FOLDERS[lang]
    with_page = {r.id for r in dataset.records if r.publication in ("full", "minimal")}
    counted = {r.id for r in dataset.records if r.publication == "counted"}
    assert with_page | counted == {r.id for r in dataset.records} and not with_page & counted

    # Pages: one per record with a page, named as the record; none for the others.
    for record in dataset.records:
        page = folder / "prisoners" / f"{record.id}.html"
        assert page.exists() == (record.id in with_page), record.id
        if page.exists():
            assert read_html(page).select_one("h1#name").get_text() == display_name(record, lang)

    # The list of all prisoners: every record with a page, and its count says so.
    index = content(read_html(folder / "prisoners" / "index.html"))
    assert _linked_records(index) == with_page
    count = i18n.t("people_on_site", lang, n=i18n.number(len(with_page), lang))
    assert count in index.get_text()

    # Facility and article pages: exactly the full records the data ties to them.
    facilities, articles = _expected_on_reference_pages(dataset)
    for facility, expected in facilities.items():
        page = content(read_html(folder / "facilities" / f"{facility}.html"))
        assert _linked_records(page) == expected, facility
    for article, expected in articles.items():
        page = content(read_html(folder / "articles" / f"{article}.html"))
        assert _linked_records(page) == expected, article


def test_the_figures_count_every_record(site: Path) -> None:
    """Counted-only records have no page, but the statistics count them like everyone else."""
    dataset = load_dataset(FIXTURES / "data")
    page = content(read_html(site / "en" / "statistics.html"))
    items = {li.get_text().split(": ")[0]: li.get_text().split(": ")[-1] for li in page.select("li")}
    assert items["Records"] == str(len(dataset.records))
    by_status = Counter(r.status for r in dataset.records)
    held = items["Held, status confirmed recently"], items["Held when last checked (status not confirmed recently)"]
    assert sum(map(int, held)) == by_status["imprisoned"]
    assert items["Serving restriction of freedom"] == str(by_status["restricted"])
    table = page.select_one("#chart-status table")
    shown = sum(int(row.select("td")[-1].get_text()) for row in table.select("tbody tr"))
    assert shown == len(dataset.records)  # the status breakdown adds up: nobody is dropped
    # The counted-only record is among them: it is the only restricted one, and it is counted.
    restricted = [r for r in dataset.records if r.status == "restricted"]
    assert [r.publication for r in restricted] == ["counted"] and by_status["restricted"] == 1


def test_the_real_data_has_nobody_dropped() -> None:
    """The same accounting over data/: every published record gets a generated page in every
    language and a row in the list; the statistics see every record."""
    # The real data is checked against the real calendar (a record may have been checked this week).
    dataset = load_dataset(ROOT / "data", dt.date.today())
    with_page = {r.id for r in dataset.records if r.has_page}
    notices = {record_uri(r.id) for r in dataset.removed}
    for lang in LANGUAGE_FOLDERS:
        ctx = make_context(lang, ROOT / "data", today=dt.date.today())
        pages = {page.src_uri: page for page in generated_pages(ctx)}
        assert {record_uri(i) for i in with_page} <= set(pages)
        assert {record_uri(r.id) for r in dataset.records if not r.has_page} & set(pages) <= notices
        index = BeautifulSoup(pages["prisoners/index.md"].html(), "html.parser")
        assert _linked_records(index) == with_page
    assert stats.headline(dataset)["total"] == len(dataset.records)
    assert stats.by_status(dataset).total == len(dataset.records)
    assert {r.id for r in dataset.removed}.isdisjoint(with_page)
