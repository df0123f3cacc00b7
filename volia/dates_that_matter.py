"""Dates worth acting on: birthdays of people held now, and when their terms are expected to end.

Computed at build time from the records and from the build's "today" (volia.dates.today(), which
VOLIA_TODAY fixes for tests). Only full records take part: a birthday, a sentence and a facility
are exactly what a minimal record withholds. The same lists feed the two pages and the iCalendar
feed, so a phone calendar shows what the site shows.

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
from typing import Any

import icalendar

from volia import i18n, share, views
from volia.dates import PartialDate
from volia.i18n import t
from volia.model import Dataset, Facility, Record
from volia.render import html_uri

BIRTHDAY_DAYS = 60  # the page: a card posted today can still arrive on the day
CALENDAR_BIRTHDAY_DAYS = 366  # the feed: a whole year, so a calendar not refreshed for weeks stays useful
CALENDAR_URI = "dates/calendar.ics"
BIRTHDAYS_URI = "dates/birthdays.md"
RELEASES_URI = "dates/releases.md"
TERM_KINDS = ("imprisonment", "restriction", "home-restriction")  # sentences with a term to serve
UID_DOMAIN = "volia"


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


def upcoming_birthdays(dataset: Dataset, today: dt.date, days: int = BIRTHDAY_DAYS) -> list[Birthday]:
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


def expected_release(record: Record, dataset: Dataset) -> ExpectedRelease | None:
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


def expected_releases(dataset: Dataset, today: dt.date) -> tuple[list[ExpectedRelease], list[ExpectedRelease]]:
    """(still ahead, already past) — soonest first. A past estimate for someone still held usually
    means the record is out of date, or the term was extended."""
    estimates = [e for r in dataset.records if (e := expected_release(r, dataset))]
    ahead = sorted((e for e in estimates if e.date.latest() >= today), key=lambda e: e.sort_key)
    past = sorted((e for e in estimates if e.date.latest() < today), key=lambda e: e.sort_key)
    return ahead, past


# ---- What the pages show ----

def birthdays_view(dataset: Dataset, today: dt.date, lang: str) -> list[dict[str, Any]]:
    return [{
        "key": birthday.date.isoformat(),
        "date": i18n.date(PartialDate.of(birthday.date), lang),
        "uri": views.record_uri(birthday.record.id),
        "name": views.display_name(birthday.record, lang),
        "age": birthday.age,
        "facility": _facility(birthday.facility, lang),
        "letters": t(f"letters_{(birthday.record.letters or {}).get('status', 'unknown')}", lang),
    } for birthday in upcoming_birthdays(dataset, today)]


def releases_view(dataset: Dataset, today: dt.date, lang: str) -> dict[str, list[dict[str, Any]]]:
    ahead, past = expected_releases(dataset, today)
    return {"ahead": [_release_row(e, lang) for e in ahead], "past": [_release_row(e, lang) for e in past]}


def _release_row(estimate: ExpectedRelease, lang: str) -> dict[str, Any]:
    return {
        "key": str(estimate.date),
        "date": i18n.date(estimate.date, lang),
        "uri": views.record_uri(estimate.record.id),
        "name": views.display_name(estimate.record, lang),
        "basis": estimate.basis,
        "basis_text": release_basis_text(estimate, lang),
        "facility": _facility(estimate.facility, lang),
    }


def _facility(facility: Facility | None, lang: str) -> dict[str, Any] | None:
    if facility is None:
        return None
    return {**views.facility_link(facility, lang), "address": _address_lines(facility)}


# ---- iCalendar ----

def calendar_ics(dataset: Dataset, today: dt.date, lang: str, site_url: str | None = None) -> bytes:
    """Birthdays (next 12 months) and expected releases (day-precise estimates only) as iCalendar.

    With the site's URL each event links to the record page in `lang`; without one the events
    carry no link. Everything is derived from the data and `today`, so two builds on one day give
    the same bytes.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Volia//Dates that matter//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", t("calendar_name", lang))
    cal.add("x-wr-caldesc", t("calendar_description", lang))
    # Ask subscribed calendars to fetch the feed again once a day.
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for birthday in upcoming_birthdays(dataset, today, CALENDAR_BIRTHDAY_DAYS):
        name = views.display_name(birthday.record, lang)
        lines = [t("calendar_turns", lang, age=birthday.age)]
        lines += _address_lines(birthday.facility)
        lines.append(t(f"letters_{(birthday.record.letters or {}).get('status', 'unknown')}", lang))
        cal.add_component(_event(f"birthday-{birthday.record.id}-{birthday.date.year}", birthday.date,
                                 t("calendar_birthday", lang, name=name), lines, stamp,
                                 _page_url(site_url, lang, birthday.record.id)))
    ahead, _ = expected_releases(dataset, today)
    for estimate in ahead:
        if estimate.date.day is None:
            continue  # an all-day event needs a day; the page lists month-precise estimates
        name = views.display_name(estimate.record, lang)
        lines = [release_basis_text(estimate, lang), t("release_estimate_note", lang)]
        cal.add_component(_event(f"release-{estimate.record.id}", estimate.date.earliest(),
                                 t("calendar_release", lang, name=name), lines, stamp,
                                 _page_url(site_url, lang, estimate.record.id)))
    return cal.to_ical()


def release_basis_text(estimate: ExpectedRelease, lang: str) -> str:
    """'4 years and 6 months counted from the arrest (15 January 2021)', in the reader's language."""
    return t(f"release_from_{estimate.basis}", lang, term=i18n.duration(estimate.months, lang),
             date=i18n.date(estimate.start, lang))


def _event(uid: str, day: dt.date, summary: str, lines: list[str], stamp: dt.datetime,
           url: str | None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")  # stable: a refreshed feed updates the event, never duplicates it
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join(line for line in lines if line))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    if url:
        event.add("url", url)
    return event


def _address_lines(facility: Facility | None) -> list[str]:
    if facility is None:
        return []
    return [facility.address[script] for script in ("be", "ru", "latin") if facility.address.get(script)]


def _page_url(site_url: str | None, lang: str, record_id: str) -> str | None:
    return share.page_url(site_url, lang, html_uri(views.record_uri(record_id)))
