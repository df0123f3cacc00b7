"""The pages generated from the public cut: one per published record, the list of all prisoners,
the list narrowed to each status and region (filters without a script), one per facility and per
article, a short notice at the address of each page taken down, and the
dates that matter. Pure Python: the MkDocs hook only turns these into files, and `volia pages`
writes them out as Markdown (volia/site/markdown_tree.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from volia import addresses
from volia.analysis import statistics
from volia.analysis.dates_ahead import BIRTHDAY_DAYS
from volia.analysis.freshness import Freshness
from volia.model.languages import pick
from volia.model.partial_date import PartialDate
from volia.model.publication import PublicDataset
from volia.model.records import Record
from volia.model.references import Removal
from volia.model.vocabulary import FACILITY_KINDS
from volia.site.collisions import check_unique_paths
from volia.site.context import BuildContext
from volia.text import collation, i18n
from volia.text.i18n import t
from volia.views import dates_ahead, people_list, records
from volia.views.templates import render

# Lists repeat what the record pages hold. Out of the search index they keep it small, and the
# search plugin skips parsing pages that grow with every record (the list of all prisoners).
LIST_META: dict[str, object] = {"volia_kind": "list", "search": {"exclude": True}}
# A record and the list of people are read for themselves: no table of contents beside them and no
# "previous / next" footer leading to an unrelated page.
READER_PAGE_HIDE = ["toc", "footer"]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    html: Callable[[], str]  # rendered on demand, when MkDocs reaches the page
    meta: dict[str, object] = field(default_factory=dict)
    in_nav: bool = False

    @property
    def late(self) -> bool:
        """Drawn when the theme draws the page, and let go once it is written (hooks/volia_site.py):
        MkDocs holds every page's content from the first page read to the last page written, and a
        record page's HTML is most of a build's memory at thousands of records."""
        return self.meta.get("volia_kind") == "record"


def generated_pages(ctx: BuildContext, only: Collection[str] | None = None) -> list[GeneratedPage]:
    """Every generated page; with `only`, just the pages at those src_uris (the preview's first look
    redraws a few of them: volia/site/touched.py), without making the others' views."""
    public, lang, fresh = ctx.public, ctx.lang, ctx.freshness
    def wanted(uri: str) -> bool:
        return only is None or uri in only

    pages = [_prisoners_index(public, lang, fresh), _facility_index(public, lang), _article_index(public, lang)]
    pages += [_filtered_list(kind, value, public, lang, fresh) for kind, value in people_list.filtered_pages(public)
              if wanted(_filtered_uri(kind, value))]
    pages += [_record_page(r, public, lang, ctx.repository, fresh) for r in public.records
              if wanted(addresses.record_uri(r.id))]
    pages += [_facility_page(f, public, lang, fresh) for f in public.facilities if wanted(addresses.facility_uri(f))]
    pages += [_article_page(a, public, lang, fresh) for a in public.articles if wanted(addresses.article_uri(a))]
    pages += [_removed_page(removal, lang) for removal in public.removed if wanted(addresses.record_uri(removal.id))]
    pages += [_birthdays_page(ctx), _releases_page(ctx)]
    if only is not None:
        return [page for page in pages if page.src_uri in only]
    check_unique_paths(pages)  # raises PathCollision naming both pages' sources
    return pages


def _birthdays_page(ctx: BuildContext) -> GeneratedPage:
    """Birthdays of people held now, in the next days; computed from the build's "today"."""
    uri, lang = addresses.BIRTHDAYS, ctx.lang
    return GeneratedPage(
        uri, t("birthdays", lang),
        lambda: render("birthdays.html", uri, lang, items=dates_ahead.birthdays_view(ctx.public, ctx.today, lang),
                       days=BIRTHDAY_DAYS, today=i18n.date(PartialDate.of(ctx.today), lang),
                       calendar=addresses.CALENDAR, guide=addresses.LETTER_GUIDE),
        dict(LIST_META),
    )


def _releases_page(ctx: BuildContext) -> GeneratedPage:
    """Estimated ends of current terms, each marked with the day it is counted from."""
    uri, lang = addresses.RELEASES, ctx.lang
    return GeneratedPage(
        uri, t("releases", lang),
        lambda: render("releases.html", uri, lang, **dates_ahead.releases_view(ctx.public, ctx.today, lang),
                       calendar=addresses.CALENDAR),
        dict(LIST_META),
    )


def _rows(people: tuple[Record, ...], dataset: PublicDataset, lang: str, fresh: Freshness) -> list[dict]:
    return people_list.sorted_rows(people, dataset, lang, fresh)


def _record_page(record: Record, dataset: PublicDataset, lang: str, repository: str | None,
                 fresh: Freshness) -> GeneratedPage:
    uri = addresses.record_uri(record.id)
    # Out of the theme's full-text index: people are found from search/names.js (outputs/names_index.py)
    meta: dict[str, object] = {"volia_kind": "record", "hide": READER_PAGE_HIDE, "search": {"exclude": True}}
    if not record.is_full:
        meta["robots"] = "noindex"  # minimal pages stay out of search engines
    return GeneratedPage(
        uri, records.display_name(record, lang),
        lambda: render("record.html", uri, lang, r=records.record_view(record, dataset, lang, repository, fresh)),
        meta,
    )


def _removed_page(removal: Removal, lang: str) -> GeneratedPage:
    """Old links to a page taken down reach this notice. It is built from data/removed.yaml alone,
    so nothing of the old page can be in it; search engines and the site's search skip it."""
    uri = addresses.record_uri(removal.id)
    return GeneratedPage(
        uri, t("removed_title", lang),
        lambda: render("removed.html", uri, lang, reason=t(f"removed_{removal.reason}", lang),
                       date=i18n.date(removal.date, lang), index=addresses.PRISONERS_INDEX),
        {"volia_kind": "removed", "robots": "noindex", "search": {"exclude": True}},
    )


def _prisoners_index(dataset: PublicDataset, lang: str, fresh: Freshness) -> GeneratedPage:
    uri = addresses.PRISONERS_INDEX
    return GeneratedPage(
        uri, t("all_prisoners", lang),
        lambda: render("prisoners_index.html", uri, lang, v=people_list.list_view(dataset, lang, fresh),
                       as_of=i18n.date(statistics.as_of(dataset), lang)),
        {**LIST_META, "hide": READER_PAGE_HIDE}, in_nav=True,
    )


def _filtered_list(kind: str, value: str, dataset: PublicDataset, lang: str, fresh: Freshness) -> GeneratedPage:
    """The list narrowed to one status or one region: the filter that works without a script."""
    uri = _filtered_uri(kind, value)
    view = people_list.list_view(dataset, lang, fresh, (kind, value))
    return GeneratedPage(
        uri, view["heading"],
        lambda: render("prisoners_index.html", uri, lang, v=view, as_of=i18n.date(statistics.as_of(dataset), lang)),
        {**LIST_META, "hide": READER_PAGE_HIDE, "robots": "noindex"},
    )


def _filtered_uri(kind: str, value: str) -> str:
    return addresses.people_by_status_uri(value) if kind == "status" else addresses.people_by_region_uri(value)


def _facility_page(facility_id: str, dataset: PublicDataset, lang: str, fresh: Freshness) -> GeneratedPage:
    facility = dataset.facilities[facility_id]
    uri = addresses.facility_uri(facility_id)
    people = dataset.by_facility.get(facility_id, ())
    return GeneratedPage(
        uri, records.facility_name(facility, lang),
        lambda: render("facility.html", uri, lang, f=records.facility_view(facility, dataset, lang),
                       rows=_rows(people, dataset, lang, fresh)),
        {"volia_kind": "facility"},
    )


def _article_page(article_id: str, dataset: PublicDataset, lang: str, fresh: Freshness) -> GeneratedPage:
    uri = addresses.article_uri(article_id)
    people = dataset.by_article.get(article_id, ())
    view = records.article_view(article_id, dataset, lang)
    return GeneratedPage(
        uri, f"{article_id} — {view['title']}",
        lambda: render("article.html", uri, lang, a=view, rows=_rows(people, dataset, lang, fresh)),
        {"volia_kind": "article"},
    )


def _facility_index(dataset: PublicDataset, lang: str) -> GeneratedPage:
    """Facilities grouped by kind, in the vocabulary's order; each group in alphabetical order."""
    uri = addresses.FACILITY_INDEX
    by_label = collation.sort_key(lang)
    groups = []
    for kind in FACILITY_KINDS:
        places = sorted((f for f in dataset.facilities.values() if f.kind == kind),
                        key=lambda f: by_label(records.facility_name(f, lang)))
        items = [{"uri": addresses.facility_uri(f.id), "label": records.facility_name(f, lang),
                  "count": len(dataset.by_facility.get(f.id, ()))} for f in places]
        if items:
            groups.append({"kind": kind, "label": t(f"facilities_{kind}", lang), "places": items})
    return GeneratedPage(uri, t("facilities", lang),
                         lambda: render("facility_index.html", uri, lang, title=t("facilities", lang), groups=groups),
                         dict(LIST_META), in_nav=True)


def _article_index(dataset: PublicDataset, lang: str) -> GeneratedPage:
    uri = addresses.ARTICLE_INDEX
    items = [{"uri": addresses.article_uri(a.id), "label": f"{a.id} — {pick(a.title, lang)}",
              "count": len(dataset.by_article.get(a.id, ()))}
             for a in sorted(dataset.articles.values(), key=lambda a: a.sort_key)]
    return GeneratedPage(uri, t("articles", lang),
                         lambda: render("link_index.html", uri, lang, title=t("articles", lang), items=items),
                         dict(LIST_META), in_nav=True)
