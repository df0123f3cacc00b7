"""What a record's page shows of a person's names in one language, and what only search sees.

The page shows the name in the reader's language, the other spellings contributors wrote, and the
spellings derived from them (volia.translit), each derived one labelled with its system. Search
finds a person by every one of them, folded (volia.text.search_keys, volia.outputs.names_index).
"""

from __future__ import annotations

import re
from typing import Any

from volia.model.languages import Localized, pick
from volia.text import i18n, translit
from volia.text.translit import Spelling

# The language of each spelling, for the `lang` attribute (how a screen reader pronounces it).
_LANG_OF = {"be": "be", "ru": "ru", "en": "be-Latn", "national": "be-Latn", "passport": "be-Latn",
            "lacinka": "be-Latn", "bgn": "be-Latn", "polish": "pl", "passport-ru": "ru-Latn", "bgn-ru": "ru-Latn",
            "ru-derived": "ru"}


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_BELARUSIAN_LETTERS = re.compile(r"[іІўЎ]")
_RUSSIAN_LETTERS = re.compile(r"[иИщЩъЪ]")


def script_lang(text: str | None, latin: str = "en") -> str | None:
    """The `lang` of a text that is written as the data gives it, by its script: Belarusian or Russian
    Cyrillic by their own letters (і ў; и щ ъ), Latin as `latin` ("en" for a court or a source's
    title, "be-Latn" for a person's name). None when it cannot tell (a Cyrillic text with neither)."""
    if not text:
        return None
    if _CYRILLIC.search(text):
        if _BELARUSIAN_LETTERS.search(text):
            return "be"
        return "ru" if _RUSSIAN_LETTERS.search(text) else None
    return latin if re.search("[A-Za-z]", text) else None


def display_name(name: Localized, lang: str) -> Spelling:
    """The name a page in `lang` is titled with: English pages get Latin letters when they can,
    Russian pages the Russian form (derived from the Belarusian when the data has none)."""
    if lang == "en":
        latin = translit.latin_name(name)
        if latin:
            return latin
    if lang == "ru":
        russian = translit.russian_name(name)
        if russian:
            return russian
    text = pick(name, lang)
    return Spelling(text, next((k for k, v in name.items() if v == text), lang), False)


def names_view(name: Localized, aliases: tuple[str, ...], lang: str) -> dict[str, Any]:
    """The names block of a record page: given and derived spellings."""
    shown = display_name(name, lang)
    spellings = [s for s in translit.derive(name, aliases) if s.text.casefold() != shown.text.casefold()]
    given = [_item(s, lang) for s in spellings if not s.derived]
    derived = [_item(s, lang) for s in spellings if s.derived]
    note_key = "name_derived_ru" if shown.system == translit.RU_DERIVED else "name_transliterated"
    return {
        "name_note": i18n.t(note_key, lang, system=translit.label(shown.system, lang)) if shown.derived else None,
        "given_spellings": given,
        "derived_spellings": derived,
    }


# ---- Helpers ----

def _item(spelling: Spelling, lang: str) -> dict[str, Any]:
    label = None
    if spelling.derived:  # every system that gives this spelling: "official romanisation of 2007; Łacinka"
        label = "; ".join(translit.label(system, lang) for system in (spelling.system, *spelling.also))
    return {"text": spelling.text, "lang": _LANG_OF.get(spelling.system), "label": label}


def surname_first(name: str) -> str:
    """A name as prison post is addressed: surname first. The data writes names as they are said,
    given name first: "Эдуард Пальчыс" → "Пальчыс Эдуард"; with a patronymic, "Given Patronymic
    Surname" → "Surname Given Patronymic". Any other shape is left as written (we cannot tell)."""
    words = name.split()
    if len(words) == 2:
        return f"{words[1]} {words[0]}"
    if len(words) == 3:
        return f"{words[2]} {words[0]} {words[1]}"
    return name
