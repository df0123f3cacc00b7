"""Dates worth acting on: birthdays of people held now, and when their terms are expected to end.

Computed at build time from the public cut and from the build's "today" (the build context's, which
VOLIA_TODAY fixes for tests). Only full records take part: a birthday, a sentence and a facility
are exactly what a minimal record withholds (and are not in its cut). The same lists feed the two
pages (volia/views/dates_ahead.py) and the iCalendar feed (volia/outputs/calendar.py), so a phone
calendar shows what the site shows.

A release date here is an estimate, never a fact: it adds the sentence to its start, and says which
start it used. A term counts from the arrest when the person was in custody before the verdict
(pre-trial detention is credited towards a prison term), which the records show by listing a
pre-trial detention centre in the case; otherwise it counts from the verdict. Early release,
pardons, extra charges in prison and partial credit all move the real date.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from dataclasses import dataclass

from volia.model.partial_date import PartialDate
from volia.model.publication import PublicDataset
from volia.model.records import Record
from volia.model.references import Facility
from volia.model.vocabulary import TERM_KINDS

BIRTHDAY_DAYS = 60  # the page: a card posted today can still arrive on the day


@dataclass(frozen=True)
class Birthday:
    record: Record
    date: dt.date  # the next birthday on or after today
    age: int  # the age the person turns on that day
    facility: Facility | None


@dataclass(frozen=True)
class ExpectedRelease:
    record: Record
    date: PartialDate  # as precise as the start it was counted from
    basis: str  # "arrest" or "verdict": the day the term is counted from
    start: PartialDate
    months: int
    facility: Facility | None

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return (self.date.earliest(), self.record.id)


# ---- Birthdays ----

def birthday_in(year: int, born: PartialDate) -> dt.date:
    """The birthday in `year`; 29 February falls on 28 February in a common year."""
    day = min(born.day or 1, _stdlib_calendar.monthrange(year, born.month or 1)[1])
    return dt.date(year, born.month or 1, day)


def next_birthday(born: PartialDate | None, today: dt.date) -> dt.date | None:
    """The next birthday on or after today, or None when the day of birth is not known."""
    if born is None or born.day is None:
        return None
    this_year = birthday_in(today.year, born)
    return this_year if this_year >= today else birthday_in(today.year + 1, born)


def upcoming_birthdays(dataset: PublicDataset, today: dt.date, days: int = BIRTHDAY_DAYS) -> list[Birthday]:
    """People held now (full records) whose birthday falls in [today, today + days), soonest first."""
    end = today + dt.timedelta(days=days)
    found = []
    for record in dataset.records:
        if not (record.is_full and record.held):
            continue
        when = next_birthday(record.born, today)
        if when is None or when >= end:
            continue
        facility = dataset.facilities.get(record.facility) if record.facility else None
        found.append(Birthday(record, when, when.year - record.born.year, facility))  # type: ignore[union-attr]
    return sorted(found, key=lambda b: (b.date, b.record.id))


# ---- Expected releases ----

def add_months(start: PartialDate, months: int) -> PartialDate | None:
    """`start` plus `months`, at the start's own precision; None for a year alone (too vague)."""
    if start.month is None:
        return None
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if start.day is None:
        return PartialDate(year, month)
    return PartialDate(year, month, min(start.day, _stdlib_calendar.monthrange(year, month)[1]))


def expected_release(record: Record, dataset: PublicDataset) -> ExpectedRelease | None:
    """The estimated end of the current term, or None when the record does not allow one."""
    if not (record.is_full and record.serving):
        return None
    case = record.latest_case
    sentence = case.sentence
    if sentence is None or sentence.months is None or sentence.kind not in TERM_KINDS:
        return None
    in_custody = sentence.kind == "imprisonment" and any(
        dataset.facilities[f].kind == "pretrial" for f in case.facilities if f in dataset.facilities)
    basis, start = ("arrest", case.arrested) if in_custody else ("verdict", case.verdict_date)
    if start is None:
        return None
    end = add_months(start, sentence.months)
    if end is None:
        return None
    facility = dataset.facilities.get(record.facility) if record.facility else None
    return ExpectedRelease(record, end, basis, start, sentence.months, facility)


def expected_releases(dataset: PublicDataset, today: dt.date) -> tuple[list[ExpectedRelease], list[ExpectedRelease]]:
    """(still ahead, already past) — soonest first. A past estimate for someone still held usually
    means the record is out of date, or the term was extended."""
    estimates = [e for r in dataset.records if (e := expected_release(r, dataset))]
    ahead = sorted((e for e in estimates if e.date.latest() >= today), key=lambda e: e.sort_key)
    past = sorted((e for e in estimates if e.date.latest() < today), key=lambda e: e.sort_key)
    return ahead, past
