"""How fresh each record is: when a person last checked it against its sources (`last_verified`),
and whether its term has ended by the calculation while no release is recorded.

A record not checked for longer than the freshness period (mkdocs.yml: extra.fresh_months, six
months unless set) is not presented as current: pages word its status as last known, the home
page does not feature it as a person behind bars now, and statistics count it apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from volia.analysis.dates_ahead import ExpectedRelease, expected_release
from volia.model.publication import PublicDataset
from volia.model.records import Record

DEFAULT_FRESH_MONTHS = 6


@dataclass(frozen=True)
class Freshness:
    """The build's today and freshness period, for the questions below."""

    today: dt.date
    months: int = DEFAULT_FRESH_MONTHS

    def checked_recently(self, record: Record) -> bool:
        return checked_recently(record, self.today, self.months)

    def last_known_only(self, record: Record) -> bool:
        return last_known_only(record, self.today, self.months)


def checked_recently(record: Record, today: dt.date, months: int = DEFAULT_FRESH_MONTHS) -> bool:
    """True when the last check (at its own precision, its latest possible day) lies within
    `months` of today. A check dated "2023" counts as 31 December 2023."""
    return record.last_verified.latest() >= _months_before(today, months)


def last_known_only(record: Record, today: dt.date, months: int = DEFAULT_FRESH_MONTHS) -> bool:
    """A person recorded as serving a term whose record is older than the freshness period: what we
    know is that they were held when last checked, not that they are held now."""
    return record.serving and not checked_recently(record, today, months)


def term_ended_unconfirmed(record: Record, dataset: PublicDataset, today: dt.date) -> ExpectedRelease | None:
    """The estimate, when a person still recorded as serving has a term that ended by the
    calculation (volia/analysis/dates_ahead.py) before today: the release is not confirmed."""
    estimate = expected_release(record, dataset)
    return estimate if estimate is not None and estimate.date.latest() < today else None


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))
