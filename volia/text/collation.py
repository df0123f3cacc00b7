"""Alphabetical order per language, as its readers expect it — ICU's collation (CLDR data).

Code-point order puts every Latin name before Cyrillic ones and Belarusian і and ў far from their
places in the alphabet (…з і й к…, …у ў ф…). ICU knows each language's alphabet: Belarusian and
Russian order Cyrillic first, then Latin; English the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import icu

_LOCALES = {"be": "be", "ru": "ru", "en": "en"}


@cache
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(_LOCALES.get(lang, "root")))


def sort_key(lang: str) -> Callable[[str], bytes]:
    """A key function that sorts strings in `lang`'s alphabetical order (case and accents second)."""
    return _collator(lang).getSortKey


def sorted_names(names: list[str], lang: str) -> list[str]:
    return sorted(names, key=sort_key(lang))
