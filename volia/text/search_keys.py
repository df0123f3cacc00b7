"""The words a name is found by: every spelling folded to the shape a reader may type it in.

Readers type names without accents, with Russian letters for Belarusian ones and in whichever
romanisation they know: Čapiuk, Chapiuk, Czapiuk and Chapyuk are one person, as are Пальчыс and
Пальчис. Each spelling on a record's page (volia.text.names) is folded here once, at build time, and
the reader's query is folded the same way in the browser (docs/assets/javascripts/name-search.js,
a line-by-line twin of this module; tests/test_browser_search.py runs both over the same words).

Folding only ever joins spellings, it never separates them: a query folded the same way finds every
name its letters could stand for. That some different names fold alike (Polish ch and English ch)
costs a few extra results, never a missed person.
"""

from __future__ import annotations

import re

import regex

from volia.text import translit

# Cyrillic letters readers swap for one another: э/е, ы/и, and the soft and hard signs left out.
_CYRILLIC = str.maketrans({"э": "е", "ы": "и", "ь": None, "ъ": None})
# Latin letter pairs that write one sound in one romanisation and a single letter in another:
# ch cz č → c, sh sz š → s, zh ż ž → z, kh → h (Cyrillic х), ts → c (Łacinka's c for ц).
_LATIN_PAIRS = {"ch": "c", "cz": "c", "sh": "s", "sz": "s", "zh": "z", "kh": "h", "ts": "c"}
_PAIR = re.compile("|".join(_LATIN_PAIRS))
_LATIN = str.maketrans({"j": "i", "y": "i", "w": "v"})
_DOUBLED = re.compile(r"(.)\1+")  # Hanna / Hana, Andrii / Andri
_BETWEEN_WORDS = regex.compile(r"[^\p{L}\p{N}]+")  # as in JavaScript: /[^\p{L}\p{N}]+/u


def words(text: str) -> list[str]:
    """`text` folded and cut into words, once each, in order: "Andrej Čapiuk" → ["andrei", "capiuk"]."""
    folded = translit.fold(text).translate(_CYRILLIC)
    folded = _PAIR.sub(lambda pair: _LATIN_PAIRS[pair.group()], folded)
    folded = _DOUBLED.sub(r"\1", folded.translate(_LATIN))
    found: dict[str, None] = {}
    for word in _BETWEEN_WORDS.split(folded):
        if word:
            found[word] = None
    return list(found)


def words_of_all(texts: list[str]) -> list[str]:
    """The folded words of several spellings of one name, once each, in order."""
    found: dict[str, None] = {}
    for text in texts:
        found.update(dict.fromkeys(words(text)))
    return list(found)
