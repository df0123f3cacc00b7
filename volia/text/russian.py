"""Russian Cyrillic forms derived from Belarusian Cyrillic: names of people and places.

A Russian page should say "Андрей Чапюк" and "Могилёв", but the data often gives a person's name
and a facility's town only in Belarusian. This module derives the Russian form: given names and
places from tables of the usual correspondences (translit_tables/russian/given_names.yaml and
places.yaml), surnames and other words by letter rules (letters.yaml). Every derived form is marked
derived where it is shown; a contributor's `ru` spelling always wins (the callers only derive when
there is none). Akanye cannot be undone by rule (Сырамалот is Сыромолот in Russian), which is why
the result is labelled and the tables are data anyone can correct.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TABLES = Path(__file__).resolve().parent / "translit_tables" / "russian"
# How a derived Russian form is labelled where it is shown (under "Transliterated automatically").
LABEL = {"be": "руская форма", "ru": "русская форма", "en": "Russian form"}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_APOSTROPHES = "'’ʼ"


@cache
def _table(name: str) -> Any:
    return yaml.load((TABLES / f"{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


@cache
def _given_names() -> dict[str, str]:
    table = _table("given_names")
    return {be.casefold(): ru for part in ("male", "female") for be, ru in table[part].items()}


@cache
def _places() -> dict[str, str]:
    return {be.casefold(): ru for be, ru in _table("places").items()}


@cache
def _rules() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], dict[str, str]]:
    table = _table("letters")
    longest_first = lambda items: tuple(sorted(items, key=lambda kv: -len(kv[0])))  # noqa: E731
    return (longest_first(table["endings"].items()), longest_first(table["sequences"].items()),
            dict(table["letters"]))


def person_name(name: str) -> str:
    """A Belarusian name, given name first, in Russian: Андрэй Чапюк → Андрей Чапюк; Цімур Рызапур →
    Тимур Ризапур. The first word is looked up among given names; the others are surnames (or a
    patronymic) and go by the letter rules. A name in another script is returned unchanged."""
    words = name.split(" ")
    return " ".join(_given(word) if i == 0 else word_form(word) for i, word in enumerate(words))


def place(name: str) -> str:
    """A Belarusian place name in Russian: Магілёў → Могилёв (the table), else by the letter rules."""
    known = _places().get(name.strip().casefold())
    return known if known else " ".join(word_form(w) for w in name.split(" "))


def derivable(name: str) -> bool:
    return bool(_CYRILLIC.search(name))


def word_form(word: str) -> str:
    """One word (a surname, a hyphenated one, or a place) by the letter rules."""
    return "-".join(_word(part) for part in word.split("-"))


# ---- Helpers ----

def _given(word: str) -> str:
    """A given name by the table (Марыя-Ганна as a whole, else each part), else by the letter rules."""
    table = _given_names()
    if word.casefold() in table:
        return table[word.casefold()]
    return "-".join(table.get(part.casefold()) or _word(part) for part in word.split("-"))


@cache
def _word(word: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    endings, sequences, letters = _rules()
    lower = word.lower()
    stem_end, tail = len(word), ""
    for ending, form in endings:
        if len(lower) > len(ending) + 1 and lower.endswith(ending):
            stem_end, tail = len(word) - len(ending), _cased(form, word[-len(ending):])
            break
    out: list[str] = []
    i = 0
    while i < stem_end:
        for sequence, form in sequences:
            at_start = sequence.startswith("^")
            letters_of = sequence.lstrip("^")
            if (not at_start or i == 0) and lower.startswith(letters_of, i) and i + len(letters_of) <= stem_end:
                out.append(_cased(form, word[i:i + len(letters_of)]))
                i += len(letters_of)
                break
        else:
            char = word[i]
            inside = 0 < i < len(word) - 1
            if char in _APOSTROPHES and not inside:
                out.append(char)  # a quotation mark, not part of the word
            else:
                out.append(_cased(letters.get(char.lower(), char.lower()), char))
            i += 1
    return "".join(out) + tail


def _cased(form: str, source: str) -> str:
    if source.isupper() and len(source) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if source[:1].isupper() else form
