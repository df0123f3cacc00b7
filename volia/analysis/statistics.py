"""Figures computed from the records. Every record counts, whatever its publication level:
a counted-only record has no page but is a person in these numbers. This is the one place that
reads the whole Dataset rather than its public cut, by design.

Except where a breakdown names what a level withholds: where a person is held, their region, the
articles they are charged under, their gender, birth date (age) and sentence are published by full
records only, so the breakdowns by facility, region, article, gender, age and sentence count full
records only (`published_only` says how many there were, and the chart says so). Counting everyone
there would tell what a minimal page hides: a facility whose only prisoner has a minimal page would
show "1", and on a site with one minimal record the gender chart less the full records' genders
would be that person's. Every full record's fields are on its page already, so nothing these
breakdowns show is new.

A person convicted but not recognised as a political prisoner (status not-recognised, Viasna's
"np") is never counted as one: such records have their own row in the statuses and their own
headline figure (not_recognised), and no other figure or breakdown includes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from volia.analysis.freshness import Freshness
from volia.model.dataset import Dataset
from volia.model.partial_date import PartialDate
from volia.model.publication import PublicDataset
from volia.model.records import Record
from volia.model.vocabulary import GENDERS, NOT_RECOGNISED, RELEASE_MODES, STATUSES

# (label key, lowest months, highest months) — upper bound inclusive.
SENTENCE_BANDS = (("up-to-1y", 0, 12), ("1-3y", 13, 36), ("3-5y", 37, 60), ("5-10y", 61, 120),
                  ("over-10y", 121, 10_000))
AGE_BANDS = (("under-25", 0, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54),
             ("55-64", 55, 64), ("65-plus", 65, 200))


@dataclass(frozen=True)
class Breakdown:
    """Counts per key, in display order, with how many records had no value."""

    rows: tuple[tuple[str, int], ...]
    unknown: int = 0
    published_only: int | None = None  # counts only these many full records (a withheld field)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.rows) + self.unknown


def as_of(dataset: Dataset | PublicDataset) -> PartialDate | None:
    """The figures (or the exported records) are as new as the newest record information."""
    dates = [r.as_of for r in dataset.records]
    return max(dates, key=lambda d: d.sort_key) if dates else None


def headline(dataset: Dataset, fresh: Freshness | None = None) -> dict[str, int]:
    """Headline figures. With `fresh`, people recorded as held are also split into those whose
    record was checked within the freshness period (imprisoned_confirmed) and those only last
    known to be held (imprisoned_last_known)."""
    records = dataset.records
    stale = [r for r in records if fresh is not None and fresh.last_known_only(r)]
    return {
        "total": len(records),
        "imprisoned": sum(r.status == "imprisoned" for r in records),
        "restricted": sum(r.status == "restricted" for r in records),
        "released": sum(r.status == "released" for r in records),
        "deceased": sum(r.status == "deceased" for r in records),
        "not_recognised": sum(r.status in NOT_RECOGNISED for r in records),
        "recognised": sum(r.is_recognised for r in records),
        "held_recognised": sum(r.held and r.is_recognised for r in records),
        "imprisoned_confirmed": sum(r.held for r in records) - sum(r.held for r in stale),
        "imprisoned_last_known": sum(r.held for r in stale),
    }


def by_status(dataset: Dataset, fresh: Freshness | None = None) -> Breakdown:
    """People by status. With `fresh`, those recorded as serving a term whose record is older than
    the freshness period count apart, under "<status>-last-known": not confirmed as held now."""
    def key(record: Record) -> str:
        return f"{record.status}-last-known" if fresh is not None and fresh.last_known_only(record) else record.status

    counts = Counter(key(r) for r in dataset.records)
    order = [k for s in STATUSES for k in (s, f"{s}-last-known")]
    return Breakdown(tuple((k, counts[k]) for k in order if counts[k]))


def by_article(dataset: Dataset) -> Breakdown:
    """People charged under each article (a person with several articles counts under each)."""
    people = published(political(dataset))
    counts = Counter(a for r in people for a in r.articles)
    order = sorted(counts, key=lambda a: (-counts[a], dataset.articles[a].sort_key))
    return Breakdown(tuple((a, counts[a]) for a in order), unknown=sum(not r.articles for r in people),
                     published_only=len(people))


def by_facility(dataset: Dataset) -> Breakdown:
    """The people held now with full records, by where they are held."""
    records = published(r for r in dataset.records if r.held)
    counts = Counter(r.facility for r in records if r.facility)
    order = sorted(counts, key=lambda f: (-counts[f], f))
    return Breakdown(tuple((f, counts[f]) for f in order),
                     unknown=sum(r.facility is None for r in records), published_only=len(records))


def by_region(dataset: Dataset) -> Breakdown:
    """The people with full records, by region."""
    people = published(political(dataset))
    counts = Counter(r.region for r in people if r.region)
    order = sorted(counts, key=lambda g: (-counts[g], g))
    return Breakdown(tuple((g, counts[g]) for g in order), unknown=sum(r.region is None for r in people),
                     published_only=len(people))


def by_gender(dataset: Dataset) -> Breakdown:
    people = published(political(dataset))
    counts = Counter(r.gender for r in people if r.gender != "unknown")
    return Breakdown(tuple((g, counts[g]) for g in GENDERS if counts[g]),
                     unknown=sum(r.gender == "unknown" for r in people), published_only=len(people))


def by_sentence(dataset: Dataset) -> Breakdown:
    """Length of the latest prison sentence, in bands."""
    people = published(political(dataset))
    return replace(_banded([r.sentence_months for r in people], SENTENCE_BANDS), published_only=len(people))


def by_age_at_arrest(dataset: Dataset) -> Breakdown:
    people = published(political(dataset))
    return replace(_banded([r.age_at_arrest() for r in people], AGE_BANDS), published_only=len(people))


def arrests_per_year(dataset: Dataset) -> Breakdown:
    """Arrests (cases) per year; a person arrested twice counts in both years."""
    counts = Counter(c.arrested.year for r in political(dataset) for c in r.cases)
    return Breakdown(tuple((str(y), counts[y]) for y in sorted(counts)))


def release_modes(dataset: Dataset) -> Breakdown:
    """How people left prison, for those released or deceased."""
    releases = [r.release for r in dataset.records if r.release]
    counts = Counter(rel.how for rel in releases)
    return Breakdown(tuple((m, counts[m]) for m in RELEASE_MODES if counts[m]))


def political(dataset: Dataset) -> list[Record]:
    """Every record but those of people not recognised as political prisoners (status not-recognised)."""
    return [r for r in dataset.records if r.status not in NOT_RECOGNISED]


def published(records: Iterable[Record]) -> list[Record]:
    """The records whose pages publish every field (full ones): the only ones a breakdown by a
    withheld field (facility, region, article, gender, age, sentence) may count."""
    return [r for r in records if r.is_full]


def _banded(values: list[int | None], bands: tuple[tuple[str, int, int], ...]) -> Breakdown:
    counts: Counter[str] = Counter()
    for value in values:
        if value is None:
            continue
        for key, low, high in bands:
            if low <= value <= high:
                counts[key] += 1
                break
    return Breakdown(tuple((key, counts[key]) for key, _, _ in bands),
                     unknown=sum(v is None for v in values))
