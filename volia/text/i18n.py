"""Interface strings, and dates, numbers and durations in each language's own conventions (Babel)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton, format_timedelta
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from volia.model.languages import LANGUAGES
from volia.model.partial_date import PartialDate

STRINGS_FILE = Path(__file__).parent / "locale" / "strings.yaml"


# A string that holds a count is a mapping of CLDR plural categories (one, few, many, other) to
# texts in each language; `count()` picks the form with Babel's plural rule for the number.
Plural = dict[str, str]


@cache
def strings() -> dict[str, dict[str, str | Plural]]:
    # libyaml's safe loader: the same result as yaml.safe_load, ten times faster (a test compares).
    return yaml.load(STRINGS_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def t(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang`, with {placeholders} filled."""
    text = strings()[key][lang]
    if not isinstance(text, str):
        raise TypeError(f"strings.yaml: {key} has plural forms: use i18n.count({key!r}, lang, n, …)")
    return text.format(**values) if values else text


def count(key: str, lang: str, n: int | float, **values: object) -> str:
    """The interface string `key` in the plural form CLDR gives `n` in `lang`, with {n} the number
    in the language's digits: 1 чалавек, 4 чалавекі, 5 чалавек, 21 чалавек; 1 person, 4 people."""
    forms = strings()[key][lang]
    if isinstance(forms, str):
        raise TypeError(f"strings.yaml: {key} has no plural forms: use i18n.t({key!r}, lang, …)")
    return forms[plural_category(n, lang)].format(n=number(n, lang), **values)


@cache
def plural_category(n: int | float, lang: str) -> str:
    """CLDR's plural category of `n` in `lang` (Babel): one, few, many or other."""
    return str(Locale.parse(lang).plural_form(n))


def plural_categories(lang: str) -> set[str]:
    """Every category a plural string needs in `lang`: CLDR's rule's categories and `other`."""
    return {*Locale.parse(lang).plural_form.tags, "other"}


# Babel's formatting is slow next to everything else in a page; the same few hundred dates and
# numbers recur across thousands of pages, so each is formatted once per language.
@cache
def number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=lang)


@cache
def date(value: PartialDate | None, lang: str) -> str:
    """A partial date at exactly its own precision: 2023 / March 2023 / 10 March 2023."""
    if value is None:
        return ""
    if value.day:
        return _babel_date(value.earliest(), format="long", locale=lang)
    if value.month:
        return format_skeleton("yMMMM", value.earliest(), locale=lang)
    return str(value.year)


def age(value: PartialDate, today: dt.date, lang: str) -> str:
    """How long ago a date was, in the reader's words: '9 months ago', '9 месяцаў таму'. A date
    given as a month or a year counts from its last day, so the age is never overstated."""
    days = (today - value.latest()).days
    if days < 1:
        return t("today", lang)
    return format_timedelta(dt.timedelta(days=-days), granularity="day", threshold=1.0, add_direction=True,
                            locale=lang)


@cache
def duration(months: int | None, lang: str) -> str:
    """54 → '4 years and 6 months' in the language's words ('4 гады і 6 месяцаў' in Belarusian)."""
    if months is None:
        return t("months_unknown", lang)
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(format_unit(years, "duration-year", length="long", locale=lang))
    if rest or not years:
        parts.append(format_unit(rest, "duration-month", length="long", locale=lang))
    return format_list(parts, locale=lang)


def missing_keys() -> list[str]:
    """Keys that lack a language, or a plural category of that language's CLDR rule ("key:ru:few"):
    the test suite keeps this empty."""
    missing = []
    for key, texts in strings().items():
        for lang in LANGUAGES:
            text = (texts or {}).get(lang)
            if not text:
                missing.append(f"{key}:{lang}")
            elif isinstance(text, dict):
                missing += [f"{key}:{lang}:{c}" for c in sorted(plural_categories(lang)) if not text.get(c)]
    return missing
