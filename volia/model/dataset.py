"""Every record with what it points to: the whole data set, as validation accepted it.

Statistics read this, the full set, by design: a counted-only person has no page but is a person
in the numbers. Everything that publishes reads its public cut instead (volia/model/publication.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from volia.model.languages import pick
from volia.model.records import Record
from volia.model.references import Article, Facility, Organisation, Region, Removal


@dataclass(frozen=True)
class References:
    """The shared facts records point to; the same in the whole set and in its public cut."""

    facilities: dict[str, Facility]
    articles: dict[str, Article]
    regions: dict[str, Region]
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def organisation_name(self, written: str, lang: str) -> str:
        """An organisation as the data writes it (recognised.by, a count's publisher), named in
        `lang` when data/organisations.yaml knows it under any of its names; else as written."""
        known = self._organisations_by_name.get(written.casefold())
        return pick(known.name, lang) if known else written

    @cached_property
    def _organisations_by_name(self) -> dict[str, Organisation]:
        return {text.casefold(): o for o in self.organisations.values() for text in o.name.values()}


@dataclass(frozen=True)
class Dataset(References):
    """All records, counted-only ones included, in id order."""

    records: tuple[Record, ...] = ()
    removed: tuple[Removal, ...] = ()
    photos_dir: Path | None = None  # data/photos/, where the records' photo files are
