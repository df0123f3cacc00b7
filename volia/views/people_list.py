"""The list of people: all records with a page, or those of one status or one region.

Rows are sorted by surname in the page language's alphabetical order (volia/text/collation.py).
Filters are links to pre-built pages, so they work without JavaScript: one page per status and per
region that has people, and each facility's own page (it lists everyone any case places there).
volia.js narrows the table in place where scripts run, from the rows' data attributes.
Only what the public cut holds is used: a minimal record has no facility or region, so it appears
under its status alone and adds to no facility or region count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from volia import addresses
from volia.analysis.freshness import Freshness
from volia.model.languages import pick
from volia.model.publication import PublicDataset
from volia.model.records import Record
from volia.model.vocabulary import STATUSES
from volia.text import collation, i18n, names
from volia.text.i18n import t
from volia.views import records

ALL = ("all", "")  # the unfiltered list


def sorted_rows(people: Iterable[Record], dataset: PublicDataset, lang: str, fresh: Freshness) -> list[dict[str, Any]]:
    """Table rows, surname first in the language's alphabetical order (then the id, for ties)."""
    key = collation.sort_key(lang)
    rows = [records.row_view(r, dataset, lang, fresh) for r in people]
    return sorted(rows, key=lambda row: (key(names.surname_first(row["name"])), row["id"]))


def list_view(dataset: PublicDataset, lang: str, fresh: Freshness,
              current: tuple[str, str] = ALL) -> dict[str, Any]:
    """The list page: its heading, the count line, the filters and the rows.

    `current` is ("all", ""), ("status", id) or ("region", id)."""
    kind, value = current
    people = [r for r in dataset.records
              if kind == "all" or (kind == "status" and r.status == value) or (kind == "region" and r.region == value)]
    return {
        "heading": _heading(kind, value, len(people), dataset, lang),
        "counts": _count_line(people, lang, fresh),
        "filters": filters(dataset, lang, current),
        "all_uri": addresses.PRISONERS_INDEX,
        "filtered": kind != "all",
        "rows": sorted_rows(people, dataset, lang, fresh),
    }


def _heading(kind: str, value: str, n: int, dataset: PublicDataset, lang: str) -> str:
    if kind == "status":
        return t("people_with_status", lang, label=t(f"status_group_{value}", lang), n=i18n.number(n, lang))
    if kind == "region":
        return t("people_from_region", lang, label=pick(dataset.regions[value].name, lang), n=i18n.number(n, lang))
    return t("people_on_site", lang, n=i18n.number(n, lang))


def _count_line(people: list[Record], lang: str, fresh: Freshness) -> str | None:
    """ "Of them behind bars: 4 (3 of them as last known: not confirmed for 6 months)"."""
    held = [r for r in people if r.held]
    if not held or len(held) == len(people) and not any(fresh.last_known_only(r) for r in held):
        return None
    line = t("of_them_held", lang, n=i18n.number(len(held), lang))
    stale = sum(fresh.last_known_only(r) for r in held)
    if stale:
        line += " " + t("of_them_last_known", lang, n=i18n.number(stale, lang),
                          period=i18n.duration(fresh.months, lang))
    return line


def filters(dataset: PublicDataset, lang: str, current: tuple[str, str] = ALL) -> list[dict[str, Any]]:
    """Filter groups, each a list of links with their counts; values with nobody are left out, and
    a group with nothing to choose is left out whole."""
    statuses = Counter(r.status for r in dataset.records)
    regions = Counter(r.region for r in dataset.records if r.region)
    by_label = collation.sort_key(lang)

    def link(key: str, value: str, uri: str, label: str, count: int) -> dict[str, Any]:
        return {"key": key, "value": value, "uri": uri, "label": label, "count": count,
                "current": current == (key, value)}

    status_links = [link("status", s, addresses.people_by_status_uri(s), t(f"status_group_{s}", lang), statuses[s])
                    for s in STATUSES if statuses[s]]
    facility_links = [link("facility", f, addresses.facility_uri(f), records.facility_name(dataset.facilities[f], lang),
                           len(people)) for f, people in dataset.by_facility.items()]
    region_links = [link("region", r, addresses.people_by_region_uri(r), pick(dataset.regions[r].name, lang), n)
                    for r, n in regions.items()]
    groups = [{"key": "status", "label": t("status", lang), "links": status_links},
              {"key": "facility", "label": t("facility", lang),
               "links": sorted(facility_links, key=lambda item: by_label(item["label"]))},
              {"key": "region", "label": t("region", lang),
               "links": sorted(region_links, key=lambda item: by_label(item["label"]))}]
    return [g for g in groups if g["links"]]


def filtered_pages(dataset: PublicDataset) -> list[tuple[str, str]]:
    """(kind, id) of every pre-built filtered list: each status and each region that has people."""
    statuses = {r.status for r in dataset.records}
    regions = {r.region for r in dataset.records if r.region}
    return [("status", s) for s in STATUSES if s in statuses] + [("region", r) for r in sorted(regions)]
