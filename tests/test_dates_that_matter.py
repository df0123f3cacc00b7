"""Birthdays, expected releases and the iCalendar feed, with "today" fixed at 2026-11-26.

The fixture data is extended here (in a copy) with fictional people whose dates sit on purpose on
either side of every edge: today, the last day of the 60-day window and the first day after it,
yesterday, a year-only birth date; people released, minimal, counted only. The expected lists
below are written out by hand from those dates, not computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import icalendar
import pytest
from conftest import FIXTURES, TODAY, content, read_html

from volia.analysis import dates_ahead as dtm
from volia.cli.build import build_all
from volia.data.loading import load_dataset
from volia.model.partial_date import PartialDate
from volia.model.publication import cut
from volia.outputs.calendar import calendar_ics

DAY = dt.date.fromisoformat(TODAY)
SITE_URL = "https://volia.example/"
_CYRILLIC = dict(zip("abcdefghijklmnopqrstuvwxyz", "абцдэфгхійклмнопкрстувўкыз", strict=True))


def _person(record_id: str, *, born: str | None, status: str = "imprisoned", publication: str = "full",
            arrested: str = "2024-03-10", verdict: str | None = "2024-09-01", months: int = 48,
            kind: str = "imprisonment", facilities: tuple[str, ...] = ("colony-99-testtown",),
            released: str | None = None) -> str:
    """One fictional record as YAML (names in Latin and Cyrillic, so every language has one)."""
    consent = '  consent: {basis: person, by: fictional, date: "2024-01-01"}\n' if publication == "full" else ""
    cyrillic = "Тэст " + "".join(_CYRILLIC.get(c, "") for c in record_id.removeprefix("fictional-"))
    name = "" if publication == "counted" else f"  name: {{be: '{cyrillic}', en: 'Test {record_id}'}}\n"
    lines = [f"- id: {record_id}", f"  publication: {publication}"]
    text = "\n".join(lines) + "\n" + consent + name + (
        "  gender: female\n" + (f'  born: "{born}"\n' if born else "") + f"  status: {status}\n"
        '  as_of: "2026-11-01"\n'
        f'  cases:\n    - arrested: "{arrested}"\n      articles: ["342"]\n')
    if verdict:
        text += f'      verdict_date: "{verdict}"\n'
    text += f"      sentence: {{kind: {kind}, months: {months}}}\n"
    text += "      facilities: [" + ", ".join(facilities) + "]\n"
    if released:
        text += f'      released: {{date: "{released}", how: served}}\n'
    text += "  letters: {status: yes}\n" if publication == "full" and status != "released" else ""
    text += ("  sources:\n    - url: https://example.org/dates\n      title: Fictional source for date tests\n"
             '  last_verified: "2026-11-01"\n')
    return text


EXTRA = [
    # Birthdays in the window [2026-11-26, 2027-01-25), and their releases.
    _person("fictional-birthday-today", born="1980-11-26"),                       # verdict basis → 2028-09-01
    _person("fictional-birthday-december", born="1995-12-05", arrested="2025-02-14", verdict="2025-08-01",
            months=36, facilities=("sizo-98-testtown", "colony-99-testtown")),    # arrest basis → 2028-02-14
    _person("fictional-birthday-january", born="2000-01-24", arrested="2025-06", verdict=None, months=24,
            facilities=("sizo-98-testtown",)),                                    # month only → 2027-06
    # Just outside the window, and yesterday (a year away).
    _person("fictional-birthday-too-late", born="1970-01-25", months=600),
    _person("fictional-birthday-yesterday", born="1988-11-25", months=600),
    # Never listed: released, minimal, counted only, year of birth only.
    _person("fictional-released-birthday", born="1990-12-01", status="released", arrested="2020-01-10",
            verdict="2020-06-01", months=12, released="2021-01-10"),
    _person("fictional-minimal-birthday", born="1990-12-02", publication="minimal"),
    _person("fictional-counted-birthday", born=None, publication="counted"),  # may not even hold a birth date
    _person("fictional-year-only", born="1990", months=600),
    # Restriction of freedom: counted from the verdict even with a pre-trial centre listed.
    _person("fictional-khimiya", born="1975", status="restricted", kind="restriction", months=36,
            arrested="2025-01-10", verdict="2025-05-20", facilities=("sizo-98-testtown",)),
]


@pytest.fixture(scope="module")
def rich_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    target = tmp_path_factory.mktemp("dates") / "data"
    shutil.copytree(FIXTURES / "data", target)
    with (target / "prisoners.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + "\n".join(EXTRA))
    return target


@pytest.fixture(scope="module")
def rich_site(rich_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site in English and Belarusian, built from the extended data, with a site URL."""
    site = tmp_path_factory.mktemp("dates-site")
    saved = os.environ.get("VOLIA_SITE_URL")
    os.environ["VOLIA_SITE_URL"] = SITE_URL
    os.environ["VOLIA_OG_CACHE"] = str(tmp_path_factory.mktemp("og-cache"))
    try:
        assert build_all(site, languages=("be", "en"), data_dir=rich_data) == 0
    finally:
        os.environ.pop("VOLIA_OG_CACHE")
        if saved is None:
            os.environ.pop("VOLIA_SITE_URL")
        else:
            os.environ["VOLIA_SITE_URL"] = saved
    return site


# ---- The rules, one at a time ----

def test_a_birthday_on_29_february_falls_on_28_february_in_a_common_year() -> None:
    born = PartialDate(1992, 2, 29)
    assert dtm.birthday_in(2027, born) == dt.date(2027, 2, 28)
    assert dtm.birthday_in(2028, born) == dt.date(2028, 2, 29)


def test_next_birthday_needs_the_day_and_never_lies_in_the_past() -> None:
    assert dtm.next_birthday(PartialDate(1980, 11, 26), DAY) == DAY  # today counts
    assert dtm.next_birthday(PartialDate(1988, 11, 25), DAY) == dt.date(2027, 11, 25)
    assert dtm.next_birthday(PartialDate(1990, 5), DAY) is None
    assert dtm.next_birthday(None, DAY) is None


def test_adding_months_keeps_the_start_precision_and_clamps_to_the_month_end() -> None:
    assert dtm.add_months(PartialDate(2021, 1, 15), 54) == PartialDate(2025, 7, 15)
    assert dtm.add_months(PartialDate(2024, 1, 31), 1) == PartialDate(2024, 2, 29)
    assert dtm.add_months(PartialDate(2025, 6), 24) == PartialDate(2027, 6)
    assert dtm.add_months(PartialDate(2025, 11), 2) == PartialDate(2026, 1)
    assert dtm.add_months(PartialDate(2025), 24) is None  # a year alone is too vague to estimate


# ---- The lists ----

def test_upcoming_birthdays_are_held_full_records_in_the_window_soonest_first(rich_data: Path) -> None:
    dataset = load_dataset(rich_data, DAY)
    found = [(b.record.id, b.date.isoformat(), b.age) for b in dtm.upcoming_birthdays(dataset, DAY)]
    assert found == [
        ("fictional-birthday-today", "2026-11-26", 46),
        ("fictional-birthday-december", "2026-12-05", 31),
        ("fictional-birthday-january", "2027-01-24", 27),
    ]
    # The negative controls do have birthdays in the window; only their level or status keeps them out.
    assert {r.id for r in dataset.records} >= {"fictional-released-birthday", "fictional-minimal-birthday",
                                               "fictional-counted-birthday"}


def test_expected_releases_say_which_day_they_count_from(rich_data: Path) -> None:
    dataset = load_dataset(rich_data, DAY)
    ahead, past = dtm.expected_releases(dataset, DAY)
    assert [(e.record.id, str(e.date), e.basis) for e in ahead] == [
        ("fictional-birthday-january", "2027-06", "arrest"),
        ("fictional-birthday-december", "2028-02-14", "arrest"),
        ("fictional-khimiya", "2028-05-20", "verdict"),
        ("fictional-birthday-today", "2028-09-01", "verdict"),
        ("fictional-birthday-too-late", "2074-09-01", "verdict"),
        ("fictional-birthday-yesterday", "2074-09-01", "verdict"),
        ("fictional-year-only", "2074-09-01", "verdict"),
    ]
    # Ales: 54 months from his arrest (he was held in a pre-trial centre) ended in 2025, yet he is
    # listed as held: the page shows that as an estimate already past.
    assert [(e.record.id, str(e.date), e.basis) for e in past] == [
        ("fictional-ales-testovich", "2025-07-15", "arrest")]
    listed = {e.record.id for e in ahead + past}
    assert "fictional-minimal-person" not in listed  # its sentence is withheld
    assert "fictional-released-birthday" not in listed


# ---- The pages ----

def test_birthday_page_lists_the_right_people_in_order_with_their_address(rich_site: Path) -> None:
    page = content(read_html(rich_site / "en" / "dates" / "birthdays.html"))
    rows = page.select("table.volia-dates tbody tr")
    assert [row["data-record"] for row in rows] == [
        "prisoners/fictional-birthday-today.md", "prisoners/fictional-birthday-december.md",
        "prisoners/fictional-birthday-january.md"]
    first = rows[0].get_text(" ", strip=True)
    assert "November 26, 2026" in first and "46" in first
    assert "230000, Testavy, vulica Vydumanaja 1" in first  # the facility's postal address
    text = page.get_text(" ", strip=True)
    for hidden in ("too-late", "yesterday", "released-birthday", "minimal-birthday", "year-only"):
        assert f"fictional-{hidden}" not in str(page)
    assert "1990-12-02" not in str(page) and "December 2, 1990" not in text  # the minimal record's birth
    links = {a["href"] for a in page.select("a")}
    assert "calendar.ics" in links and "../letters.html" in links
    assert (rich_site / "en" / "letters.html").exists()


def test_release_page_lists_estimates_in_order_and_marks_them(rich_site: Path) -> None:
    page = content(read_html(rich_site / "en" / "dates" / "releases.html"))
    tables = page.select("table.volia-dates")
    ahead = [(row["data-record"].split("/")[1][:-3], row["data-basis"]) for row in tables[0].select("tbody tr")]
    assert ahead[:4] == [("fictional-birthday-january", "arrest"), ("fictional-birthday-december", "arrest"),
                         ("fictional-khimiya", "verdict"), ("fictional-birthday-today", "verdict")]
    december = tables[0].select("tbody tr")[1].get_text(" ", strip=True)
    assert "February 14, 2028" in december and "3 years, from the arrest (February 14, 2025)" in december
    assert "June 2027" in tables[0].select("tbody tr")[0].get_text(" ", strip=True)  # month precision kept
    past = [row["data-record"] for row in tables[1].select("tbody tr")]
    assert past == ["prisoners/fictional-ales-testovich.md"]
    text = page.get_text(" ", strip=True)
    assert "estimate" in text.lower()
    assert "fictional-minimal-person" not in str(page) and "Maryja" not in text


# ---- The calendar ----

def _events(path: Path) -> list[tuple[str, dt.date, str]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [(str(e["uid"]), e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")]


def test_calendar_parses_and_lists_birthdays_then_releases_in_order(rich_site: Path) -> None:
    events = _events(rich_site / "en" / "dates" / "calendar.ics")
    assert [(uid, day.isoformat()) for uid, day, _ in events] == [
        ("birthday-fictional-birthday-today-2026@volia", "2026-11-26"),
        ("birthday-fictional-birthday-december-2026@volia", "2026-12-05"),
        ("birthday-fictional-birthday-january-2027@volia", "2027-01-24"),
        ("birthday-fictional-birthday-too-late-2027@volia", "2027-01-25"),
        ("birthday-fictional-ales-testovich-2027@volia", "2027-05-17"),
        ("birthday-fictional-birthday-yesterday-2027@volia", "2027-11-25"),
        # releases: day-precise estimates still ahead (the month-only one is on the page only)
        ("release-fictional-birthday-december@volia", "2028-02-14"),
        ("release-fictional-khimiya@volia", "2028-05-20"),
        ("release-fictional-birthday-today@volia", "2028-09-01"),
        ("release-fictional-birthday-too-late@volia", "2074-09-01"),
        ("release-fictional-birthday-yesterday@volia", "2074-09-01"),
        ("release-fictional-year-only@volia", "2074-09-01"),
    ]
    summaries = [summary for _, _, summary in events]
    assert summaries[0] == "Birthday: Test fictional-birthday-today"
    assert summaries[6] == "Expected release (estimate): Test fictional-birthday-december"


def test_calendar_events_link_to_the_pages_and_carry_the_address(rich_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((rich_site / "en" / "dates" / "calendar.ics").read_bytes())
    first = next(iter(calendar.walk("VEVENT")))
    assert str(first["url"]) == SITE_URL + "en/prisoners/fictional-birthday-today.html"
    description = str(first["description"])
    assert "Turns 46." in description and "230000, Testavy, vulica Vydumanaja 1" in description
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(days=1)  # an all-day event
    assert str(calendar["x-wr-calname"]) == "Volia: dates that matter"
    be = icalendar.Calendar.from_ical((rich_site / "dates" / "calendar.ics").read_bytes())
    assert str(next(iter(be.walk("VEVENT")))["summary"]).startswith("Дзень нараджэння: Тэст")
    assert str(next(iter(be.walk("VEVENT")))["url"]) == SITE_URL + "prisoners/fictional-birthday-today.html"


def test_calendar_never_names_withheld_people(rich_site: Path) -> None:
    for path in (rich_site / "en" / "dates" / "calendar.ics", rich_site / "dates" / "calendar.ics"):
        text = path.read_text(encoding="utf-8")
        for withheld in ("fictional-minimal", "fictional-counted", "fictional-released", "WITHHELD-", "COUNTED-"):
            assert withheld not in text


def test_the_same_day_gives_the_same_calendar(rich_data: Path) -> None:
    dataset = load_dataset(rich_data, DAY)
    first = calendar_ics(cut(dataset), DAY, "en", SITE_URL)
    assert first == calendar_ics(cut(dataset), DAY, "en", SITE_URL)
    later = calendar_ics(cut(dataset), DAY + dt.timedelta(days=1), "en", SITE_URL)
    assert later != first  # today's birthday has passed by tomorrow
    assert b"birthday-fictional-birthday-today-2026" not in later
