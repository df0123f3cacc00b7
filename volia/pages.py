"""The pages generated from the data: one per published record, the list of all prisoners, and
one per facility and per article, and a short notice at the address of each page taken down.
Pure Python: the MkDocs hook only turns these into files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from volia import dates_that_matter, i18n, stats, views
from volia.dates import PartialDate, today
from volia.i18n import t
from volia.model import Dataset, Record, Removal, pick
from volia.render import render

# Lists repeat what the record pages hold. Out of the search index they keep it small, and the
# search plugin skips parsing pages that grow with every record (the list of all prisoners).
LIST_META: dict[str, object] = {"volia_kind": "list", "search": {"exclude": True}}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    html: Callable[[], str]  # rendered on demand, when MkDocs reaches the page
    meta: dict[str, object] = field(default_factory=dict)
    in_nav: bool = False


def generated_pages(dataset: Dataset, lang: str, repository: str | None = None) -> list[GeneratedPage]:
    pages = [_prisoners_index(dataset, lang), _facility_index(dataset, lang), _article_index(dataset, lang)]
    pages += [_record_page(r, dataset, lang, repository) for r in dataset.published]
    pages += [_facility_page(f, dataset, lang) for f in dataset.facilities]
    pages += [_article_page(a, dataset, lang) for a in dataset.articles]
    pages += [_removed_page(removal, lang) for removal in dataset.removed]
    pages += [_birthdays_page(dataset, lang), _releases_page(dataset, lang)]
    return pages


def _birthdays_page(dataset: Dataset, lang: str) -> GeneratedPage:
    """Birthdays of people held now, in the next days; computed from the build's "today"."""
    uri = dates_that_matter.BIRTHDAYS_URI
    day = today()
    return GeneratedPage(
        uri, t("birthdays", lang),
        lambda: render("birthdays.html", uri, lang, items=dates_that_matter.birthdays_view(dataset, day, lang),
                       days=dates_that_matter.BIRTHDAY_DAYS, today=i18n.date(PartialDate.of(day), lang),
                       calendar=dates_that_matter.CALENDAR_URI, guide=views.LETTER_GUIDE),
        dict(LIST_META),
    )


def _releases_page(dataset: Dataset, lang: str) -> GeneratedPage:
    """Estimated ends of current terms, each marked with the day it is counted from."""
    uri = dates_that_matter.RELEASES_URI
    return GeneratedPage(
        uri, t("releases", lang),
        lambda: render("releases.html", uri, lang, **dates_that_matter.releases_view(dataset, today(), lang),
                       calendar=dates_that_matter.CALENDAR_URI),
        dict(LIST_META),
    )


def _rows(records, dataset: Dataset, lang: str) -> list[dict]:
    rows = [views.row_view(r, dataset, lang) for r in records]
    return sorted(rows, key=lambda row: row["name"].casefold())


def _record_page(record: Record, dataset: Dataset, lang: str, repository: str | None) -> GeneratedPage:
    uri = views.record_uri(record.id)
    meta: dict[str, object] = {"volia_kind": "record"}
    if not record.is_full:
        meta["robots"] = "noindex"  # minimal pages stay out of search engines
    return GeneratedPage(
        uri, views.display_name(record, lang),
        lambda: render("record.html", uri, lang, r=views.record_view(record, dataset, lang, repository)),
        meta,
    )


def _removed_page(removal: Removal, lang: str) -> GeneratedPage:
    """Old links to a page taken down reach this notice. It is built from data/removed.yaml alone,
    so nothing of the old page can be in it; search engines and the site's search skip it."""
    uri = views.record_uri(removal.id)
    return GeneratedPage(
        uri, t("removed_title", lang),
        lambda: render("removed.html", uri, lang, reason=t(f"removed_{removal.reason}", lang),
                       date=i18n.date(removal.date, lang), index=f"{views.RECORD_DIR}/index.md"),
        {"volia_kind": "removed", "robots": "noindex", "search": {"exclude": True}},
    )


def _prisoners_index(dataset: Dataset, lang: str) -> GeneratedPage:
    uri = f"{views.RECORD_DIR}/index.md"
    return GeneratedPage(
        uri, t("all_prisoners", lang),
        lambda: render("prisoners_index.html", uri, lang, rows=_rows(dataset.published, dataset, lang),
                       as_of=i18n.date(stats.as_of(dataset), lang)),
        dict(LIST_META), in_nav=True,
    )


def _facility_page(facility_id: str, dataset: Dataset, lang: str) -> GeneratedPage:
    facility = dataset.facilities[facility_id]
    uri = views.facility_uri(facility_id)
    people = [r for r in stats.people_at(dataset, facility_id) if r.is_full]
    return GeneratedPage(
        uri, pick(facility.name, lang),
        lambda: render("facility.html", uri, lang, f=views.facility_view(facility, dataset, lang),
                       rows=_rows(people, dataset, lang)),
        {"volia_kind": "facility"},
    )


def _article_page(article_id: str, dataset: Dataset, lang: str) -> GeneratedPage:
    uri = views.article_uri(article_id)
    people = [r for r in stats.people_charged(dataset, article_id) if r.is_full]
    view = views.article_view(article_id, dataset, lang)
    return GeneratedPage(
        uri, f"{article_id} — {view['title']}",
        lambda: render("article.html", uri, lang, a=view, rows=_rows(people, dataset, lang)),
        {"volia_kind": "article"},
    )


def _facility_index(dataset: Dataset, lang: str) -> GeneratedPage:
    uri = f"{views.FACILITY_DIR}/index.md"
    items = sorted(
        ({"uri": views.facility_uri(f.id), "label": pick(f.name, lang),
          "count": sum(r.is_full for r in stats.people_at(dataset, f.id))}
         for f in dataset.facilities.values()),
        key=lambda i: i["label"].casefold())
    return GeneratedPage(uri, t("facilities", lang),
                         lambda: render("link_index.html", uri, lang, title=t("facilities", lang), items=items),
                         dict(LIST_META), in_nav=True)


def _article_index(dataset: Dataset, lang: str) -> GeneratedPage:
    uri = f"{views.ARTICLE_DIR}/index.md"
    items = [{"uri": views.article_uri(a.id), "label": f"{a.id} — {pick(a.title, lang)}",
              "count": sum(r.is_full for r in stats.people_charged(dataset, a.id))}
             for a in sorted(dataset.articles.values(), key=lambda a: a.sort_key)]
    return GeneratedPage(uri, t("articles", lang),
                         lambda: render("link_index.html", uri, lang, title=t("articles", lang), items=items),
                         dict(LIST_META), in_nav=True)
