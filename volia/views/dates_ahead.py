"""Birthdays and expected ends of terms (volia/analysis/dates_ahead.py) as the pages show them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from volia.addresses import record_uri
from volia.analysis import dates_ahead
from volia.model.partial_date import PartialDate
from volia.model.publication import PublicDataset
from volia.model.references import Facility
from volia.text import i18n
from volia.text.i18n import t
from volia.views.records import display_name, facility_link


def birthdays_view(dataset: PublicDataset, today: dt.date, lang: str) -> list[dict[str, Any]]:
    return [{
        "key": birthday.date.isoformat(),
        "date": i18n.date(PartialDate.of(birthday.date), lang),
        "uri": record_uri(birthday.record.id),
        "name": display_name(birthday.record, lang),
        "age": birthday.age,
        "facility": _facility(birthday.facility, lang),
        "letters": t(f"letters_{(birthday.record.letters or {}).get('status', 'unknown')}", lang),
    } for birthday in dates_ahead.upcoming_birthdays(dataset, today)]


def releases_view(dataset: PublicDataset, today: dt.date, lang: str) -> dict[str, list[dict[str, Any]]]:
    ahead, past = dates_ahead.expected_releases(dataset, today)
    return {"ahead": [_release_row(e, lang) for e in ahead], "past": [_release_row(e, lang) for e in past]}


def _release_row(estimate: dates_ahead.ExpectedRelease, lang: str) -> dict[str, Any]:
    return {
        "key": str(estimate.date),
        "date": i18n.date(estimate.date, lang),
        "uri": record_uri(estimate.record.id),
        "name": display_name(estimate.record, lang),
        "basis": estimate.basis,
        "basis_text": release_basis_text(estimate, lang),
        "facility": _facility(estimate.facility, lang),
    }


def _facility(facility: Facility | None, lang: str) -> dict[str, Any] | None:
    if facility is None:
        return None
    return {**facility_link(facility, lang), "address": address_lines(facility),
            # Each line's language for its `lang` attribute: be, ru, and be-Latn for the Latin one.
            "address_langs": [("be-Latn" if script == "latin" else script)
                              for script in ("be", "ru", "latin") if facility.address.get(script)]}


def release_basis_text(estimate: dates_ahead.ExpectedRelease, lang: str) -> str:
    """'4 years and 6 months counted from the arrest (15 January 2021)', in the reader's language."""
    return t(f"release_from_{estimate.basis}", lang, term=i18n.duration(estimate.months, lang),
             date=i18n.date(estimate.start, lang))


def address_lines(facility: Facility | None) -> list[str]:
    """A facility's postal address in every script the data has, Belarusian first."""
    if facility is None:
        return []
    return [facility.address[script] for script in ("be", "ru", "latin") if facility.address.get(script)]
