"""Which generated pages show a record: the preview's first look redraws only these after an edit.

A record appears on its own page and as a row of the lists: the list of everyone, the lists
filtered by its status and its region, the pages of the facilities and articles its cases name,
and the indexes of facilities and articles (which count people). An edit can move it from one
list to another, so the lists of the record as it was and as it is both count.

Everything else an edit can change (statistics, essays' figures, dates ahead, feed, open data)
is left to the whole rebuild that follows the first look (volia/cli/preview.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from volia import addresses
from volia.model.publication import PublicDataset
from volia.model.records import Record


def touched_pages(before: PublicDataset, after: PublicDataset, ids: Iterable[str]) -> list[str]:
    """The src_uri of every generated page that shows the records `ids`, before or after an edit."""
    uris = {addresses.PRISONERS_INDEX, addresses.FACILITY_INDEX, addresses.ARTICLE_INDEX}
    wanted = set(ids)
    for dataset in (before, after):
        for record in (r for r in dataset.records if r.id in wanted):
            uris |= _lists_of(record)
    return sorted(uris)


def _lists_of(record: Record) -> set[str]:
    uris = {addresses.record_uri(record.id), addresses.people_by_status_uri(record.status)}
    if record.region:
        uris.add(addresses.people_by_region_uri(record.region))
    uris |= {addresses.facility_uri(f) for f in record.facilities}
    uris |= {addresses.article_uri(a) for a in record.articles}
    return uris
