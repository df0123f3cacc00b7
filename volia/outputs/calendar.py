"""The dates-that-matter calendar (dates/calendar.ics): birthdays and expected ends of terms, so a
phone calendar shows what the site's two pages show (volia/analysis/dates_ahead.py computes both)."""

from __future__ import annotations

import datetime as dt

import icalendar

from volia.addresses import page_url, record_uri
from volia.analysis import dates_ahead
from volia.model.publication import PublicDataset
from volia.text import i18n
from volia.text.i18n import t
from volia.views.dates_ahead import address_lines, release_basis_text
from volia.views.records import display_name

CALENDAR_BIRTHDAY_DAYS = 366  # a whole year, so a calendar not refreshed for weeks stays useful
UID_DOMAIN = "volia"


def calendar_ics(dataset: PublicDataset, today: dt.date, lang: str, site_root: str | None = None) -> bytes:
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
    for birthday in dates_ahead.upcoming_birthdays(dataset, today, CALENDAR_BIRTHDAY_DAYS):
        name = display_name(birthday.record, lang)
        lines = [i18n.count("calendar_turns", lang, birthday.age)]
        lines += address_lines(birthday.facility)
        lines.append(t(f"letters_{(birthday.record.letters or {}).get('status', 'unknown')}", lang))
        cal.add_component(_event(f"birthday-{birthday.record.id}-{birthday.date.year}", birthday.date,
                                 t("calendar_birthday", lang, name=name), lines, stamp,
                                 page_url(site_root, lang, record_uri(birthday.record.id))))
    ahead, _ = dates_ahead.expected_releases(dataset, today)
    for estimate in ahead:
        if estimate.date.day is None:
            continue  # an all-day event needs a day; the page lists month-precise estimates
        name = display_name(estimate.record, lang)
        lines = [release_basis_text(estimate, lang), t("release_estimate_note", lang)]
        cal.add_component(_event(f"release-{estimate.record.id}", estimate.date.earliest(),
                                 t("calendar_release", lang, name=name), lines, stamp,
                                 page_url(site_root, lang, record_uri(estimate.record.id))))
    return cal.to_ical()


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
