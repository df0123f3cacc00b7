"""The public cut: what of the data may be published, made once per build.

This is the one place where publication levels are applied. Every output — pages, lists, open
data, the feed, the calendar, the badge, Open Graph cards, search text, the offline copy — reads a
PublicDataset and nothing else, so none of them can leak what a level withholds, even by mistake:
- full: the record as it is;
- minimal: names, status, recognition, the dates of arrest, verdict, appeal and release, and whose
  agreement the consent names (its basis only: person, family …); the
  biography, photo, birth date, gender, region, charges, court, sentence, facilities, letters and
  sources are not in the cut at all;
- counted: not in the cut (the person still counts in the statistics, which read the whole Dataset).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from volia.model.dataset import Dataset, References
from volia.model.records import Case, Record, Release
from volia.model.references import Removal


@dataclass(frozen=True)
class PublicDataset(References):
    """Records that have a page, each cut to its level, in id order; and the pages taken down."""

    records: tuple[Record, ...] = ()
    removed: tuple[Removal, ...] = ()
    photos_dir: Path | None = None

    @cached_property
    def by_facility(self) -> dict[str, tuple[Record, ...]]:
        """Records under every facility any of their cases names, in id order (full records only:
        a minimal record's facilities are not in the cut)."""
        return _index(self.records, lambda r: r.facilities)

    @cached_property
    def by_article(self) -> dict[str, tuple[Record, ...]]:
        """Records under every article any of their cases names, in id order (full records only)."""
        return _index(self.records, lambda r: r.articles)

    @cached_property
    def photos(self) -> tuple[tuple[str, Path], ...]:
        """(record id, contributed file) for every full record with a photo."""
        if self.photos_dir is None:
            return ()
        return tuple((r.id, self.photos_dir / r.photo["file"]) for r in self.records if r.photo)


def cut(dataset: Dataset) -> PublicDataset:
    """The public cut of `dataset` (see the module's docstring for what each level keeps)."""
    return PublicDataset(
        facilities=dataset.facilities, articles=dataset.articles, regions=dataset.regions,
        organisations=dataset.organisations,
        records=tuple(_cut_record(r) for r in dataset.records if r.has_page),
        removed=dataset.removed,
        photos_dir=dataset.photos_dir,
    )


def _cut_record(record: Record) -> Record:
    if record.is_full:
        return record
    return replace(
        record, gender="unknown", born=None, region=None, occupation={}, summary={}, bio={},
        consent=_basis_only(record.consent), letters=None, photo=None, sources=(),
        cases=tuple(_cut_case(case) for case in record.cases))


def _basis_only(consent: dict[str, Any] | None) -> dict[str, Any] | None:
    """A minimal page may say whose agreement limits it (person, family …), never who or when."""
    return {"basis": consent["basis"]} if consent and "basis" in consent else None


def _cut_case(case: Case) -> Case:
    """Only the dates of a minimal record's case, and how a release came about (not its note)."""
    released = Release(how=case.released.how, date=case.released.date) if case.released else None
    return Case(arrested=case.arrested, verdict_date=case.verdict_date, appeal_date=case.appeal_date,
                released=released)


def _index(records: tuple[Record, ...], keys: Callable[[Record], tuple[str, ...]]) -> dict[str, tuple[Record, ...]]:
    index: dict[str, list[Record]] = {}
    for record in records:
        for key in keys(record):
            index.setdefault(key, []).append(record)
    return {key: tuple(found) for key, found in index.items()}
