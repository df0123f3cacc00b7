"""Every spelling of a person's name: the ones contributors wrote, and the ones derived from them.

A record gives a name in Belarusian Cyrillic (`be`), Russian Cyrillic (`ru`) and Latin (`en`), and
perhaps aliases. From the Cyrillic forms this module derives the Latin spellings a reader may
know: the official romanisation, Łacinka, BGN/PCGN, the passport form and the Polish form from the
Belarusian name; the passport and BGN/PCGN forms from the Russian one. The tables are data, in
volia/translit/*.yaml (see the README there).

A missing Russian form is derived from the Belarusian one (volia/text/russian.py: a table of given
names, letter rules for surnames: Андрэй Чапюк → Андрей Чапюк), marked derived (system `ru-derived`),
and the Russian-form Latin spellings (passport-ru, BGN/PCGN) come from it. A missing Belarusian form
is never derived from Russian (Александр may be Аляксандр or Алесь), nor Cyrillic from Latin: "s" may
be с or сь, "e" may be э or е. Search also gets a mechanical Cyrillic variant: `fold()` writes ў as
у, і as и and ё as е, which is how a name is typed on a Russian keyboard.

A contributor's spelling always wins: a derived spelling equal to one they wrote is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from volia.text import russian

TABLES = Path(__file__).resolve().parent / "translit_tables"
# The order in which derived spellings are listed: the official systems first.
SYSTEMS = ("national", "passport", "lacinka", "bgn", "polish", "passport-ru", "bgn-ru")
GIVEN = ("be", "ru", "en")  # the record's own name fields, in the order they are listed
ALIAS = "alias"
RU_DERIVED = "ru-derived"  # the Russian form derived from the Belarusian one (volia/text/russian.py)
# Apostrophes that are part of a Belarusian word (Дар'я, сям’я), not punctuation around it.
_APOSTROPHES = "'’ʼ"
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN_I_IN_CYRILLIC = re.compile(r"(?<=[\u0400-\u04FF])[iI]|[iI](?=[\u0400-\u04FF])")
# Marks that are not letters but appear inside romanised names (Alesʹ, Yur’yev, ob”yezd).
_NAME_MARKS = dict.fromkeys(map(ord, "'’ʼʹʺ”·"), None)
_KEYBOARD = str.maketrans({"ў": "у", "і": "и", "ё": "е", "ґ": "г"})
_LATIN_END = "\u0250"  # Basic Latin to Latin Extended-B: the letters romanisations use


@dataclass(frozen=True)
class Spelling:
    text: str
    system: str  # be, ru, en or alias when given; a table's system when derived
    derived: bool
    also: tuple[str, ...] = ()  # other systems that give the same derived spelling


@dataclass(frozen=True)
class Table:
    system: str
    source: str
    label: dict[str, str]
    letters: dict[str, str]
    sequences: tuple[tuple[str, str], ...]  # longest first
    context: dict[str, tuple[dict[str, str], ...]]

    @classmethod
    def from_data(cls, data: dict[str, Any], path: Path) -> Table:
        def text(value: Any, where: str) -> str:
            if not isinstance(value, str):
                raise ValueError(f"{path}: {where}: {value!r} (expected a string; quote it)")
            return value

        letters = {text(k, "letters"): text(v, f"letters.{k}") for k, v in data["letters"].items()}
        sequences = sorted(((text(k, "sequences"), text(v, f"sequences.{k}"))
                            for k, v in (data.get("sequences") or {}).items()), key=lambda kv: -len(kv[0]))
        context = {text(letter, "context"): tuple({key: text(value, f"context.{letter}.{key}")
                                                   for key, value in rule.items()} for rule in rules)
                   for letter, rules in (data.get("context") or {}).items()}
        for letter, rules in context.items():
            fallback = not rules or "after" in rules[-1] or "before" in rules[-1]
            if fallback and letter not in letters:
                raise ValueError(f"{path}: context.{letter}: no rule always holds and letters has no {letter!r} "
                                 "(expected a last rule with only `form`, or an entry in letters)")
        return cls(system=data["system"], source=data["source"], label=dict(data["label"]),
                   letters=letters, sequences=tuple(sequences), context=context)

    def transliterate(self, text: str) -> str:
        # Every rule looks only at letters, and a space is no letter: each word can be done alone.
        # Words recur (first names, common surnames), so each is done once per system.
        return " ".join(_word(self, word) for word in text.split(" "))

    def transliterate_word(self, text: str) -> str:
        source = _cyrillic_i(text, "і" if self.source == "be" else "и")
        # Lower case letter by letter, so that positions match the source (str.lower can lengthen).
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in source)
        out: list[str] = []
        i = 0
        while i < len(source):
            length, form = self._form_at(source, lower, i)
            out.append(_cased(form, source, i, length))
            i += length
        return "".join(out)

    def _form_at(self, text: str, lower: str, i: int) -> tuple[int, str]:
        for sequence, form in self.sequences:
            if lower.startswith(sequence, i):
                return len(sequence), form
        letter = lower[i]
        if letter in _APOSTROPHES and not _inside_word(text, i):
            return 1, text[i]  # a quotation mark, not part of the name
        before, after = _neighbour(lower, i - 1, "^"), _neighbour(lower, i + 1, "$")
        for rule in self.context.get(letter, ()):
            if "after" in rule and before not in rule["after"]:
                continue
            if "before" in rule and after not in rule["before"]:
                continue
            return 1, rule["form"]
        return 1, self.letters.get(letter, text[i])


# ---- Tables ----

@cache
def tables() -> dict[str, Table]:
    loaded = {}
    for path in sorted(TABLES.glob("*.yaml")):
        table = Table.from_data(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), path)
        loaded[table.system] = table
    missing = set(SYSTEMS) - set(loaded)
    if missing:
        raise ValueError(f"{TABLES}: no table for {', '.join(sorted(missing))} (expected one YAML file per system)")
    return {system: loaded[system] for system in SYSTEMS}


def transliterate(text: str, system: str) -> str:
    """`text` in Cyrillic, written in `system` (one of SYSTEMS)."""
    return tables()[system].transliterate(text)


def label(system: str, lang: str) -> str:
    if system == RU_DERIVED:
        return russian.LABEL[lang]
    return tables()[system].label[lang]


# ---- Spellings ----

def derive(name_by_lang: dict[str, str], aliases: tuple[str, ...] | list[str] = ()) -> list[Spelling]:
    """The given spellings (not derived), then each derivable one (derived) that differs from all before it.

    A derived spelling that equals a given one, ignoring capitals and marks like ’, is left out:
    the contributor's spelling wins.
    """
    return list(_derive(tuple(sorted(name_by_lang.items())), tuple(aliases)))


@cache
def _derive(name_items: tuple[tuple[str, str], ...], aliases: tuple[str, ...]) -> tuple[Spelling, ...]:
    names = dict(name_items)
    spellings = [Spelling(names[lang], lang, False) for lang in GIVEN if names.get(lang)]
    spellings += [Spelling(alias, ALIAS, False) for alias in aliases]
    # Spellings that differ only in capitals or in marks like ’ and ʹ count as the same.
    seen: dict[str, int | None] = {unmarked(s.text): None for s in spellings}  # → index if derived
    sources = dict(names)
    russian_form = russian_name(names)
    if russian_form and russian_form.derived:
        sources["ru"] = russian_form.text
        if unmarked(russian_form.text) not in seen:
            seen[unmarked(russian_form.text)] = len(spellings)
            spellings.append(russian_form)
    for system, table in tables().items():
        source = sources.get(table.source)
        if not source or not _CYRILLIC.search(source):
            continue
        text = table.transliterate(source)
        key = unmarked(text)
        if key not in seen:
            seen[key] = len(spellings)
            spellings.append(Spelling(text, system, True))
        elif (index := seen[key]) is not None:
            first = spellings[index]
            spellings[index] = Spelling(first.text, first.system, True, (*first.also, system))
    return tuple(spellings)


def russian_name(name_by_lang: dict[str, str]) -> Spelling | None:
    """The name in Russian Cyrillic: the contributor's `ru`, else derived from `be` (marked derived)."""
    if name_by_lang.get("ru"):
        return Spelling(name_by_lang["ru"], "ru", False)
    if name_by_lang.get("be") and russian.derivable(name_by_lang["be"]):
        return Spelling(russian.person_name(name_by_lang["be"]), RU_DERIVED, True)
    return None


def latin_name(name_by_lang: dict[str, str]) -> Spelling | None:
    """The name in Latin letters: the contributor's `en`, else the passport form of be or ru."""
    if name_by_lang.get("en"):
        return Spelling(name_by_lang["en"], "en", False)
    for lang, system in (("be", "passport"), ("ru", "passport-ru")):
        if name_by_lang.get(lang) and _CYRILLIC.search(name_by_lang[lang]):
            return Spelling(transliterate(name_by_lang[lang], system), system, True)
    return None


def unmarked(text: str) -> str:
    """`text` in lower case without marks like ’ and ʹ: Alyes’ → alyes (accents stay)."""
    return text.translate(_NAME_MARKS).casefold()


def fold(text: str) -> str:
    """How a reader may type `text` without accents or Belarusian letters, in lower case.

    Aleś Testavič → ales testavic; Łukašenka → lukasenka; Тэставіч → тэставич; Alesʹ → ales.
    Accents go from Latin letters only: й stays й (a letter of its own, not и with a mark).
    """
    lower = text.lower().replace("ł", "l").translate(_NAME_MARKS).translate(_KEYBOARD)
    kept: list[str] = []
    latin_base = False
    for char in unicodedata.normalize("NFD", lower):
        if not unicodedata.combining(char):
            latin_base = char < _LATIN_END
        elif latin_base:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


# ---- Helpers ----

_WORD_CACHE: dict[tuple[str, str], str] = {}


def _word(table: Table, word: str) -> str:
    key = (table.system, word)
    if key not in _WORD_CACHE:
        _WORD_CACHE[key] = table.transliterate_word(word)
    return _WORD_CACHE[key]


def _cyrillic_i(text: str, letter: str) -> str:
    """Latin i typed inside a Cyrillic word (a common keyboard habit) is the Cyrillic `letter` (і or и)."""
    return _LATIN_I_IN_CYRILLIC.sub(lambda m: letter if m.group() == "i" else letter.upper(), text)


def _is_letter(char: str) -> bool:
    return char.isalpha() or char in _APOSTROPHES


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _neighbour(lower: str, i: int, edge: str) -> str:
    return lower[i] if 0 <= i < len(lower) and _is_letter(lower[i]) else edge


def _cased(form: str, text: str, i: int, length: int) -> str:
    """Capitals as in the source: Ч → Ch at the start of a word, CH inside a word in capitals."""
    if not form or not text[i].isupper():
        return form
    after = text[i + length] if i + length < len(text) else ""
    before = text[i - 1] if i > 0 else ""
    all_caps = (after.isalpha() and after.isupper()) or (not after.isalpha() and before.isalpha()
                                                          and before.isupper())
    return form.upper() if all_caps else form[0].upper() + form[1:]
