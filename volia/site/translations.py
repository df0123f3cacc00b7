"""Which file serves each hand-written page in a language: essays are written in English first
(x.md), with translations beside them (x.be.md, x.ru.md). A page without a translation shows the
English text under a visible "not yet translated" note."""

from __future__ import annotations

import re
from dataclasses import dataclass

from volia.text import i18n

AUTHORING_LANGUAGE = "en"
_TRANSLATION = re.compile(r"^(?P<base>.+)\.(?P<lang>be|ru|en)\.md$")


@dataclass(frozen=True)
class Choice:
    served_by: dict[str, str]  # page → the translation file that serves it in this language
    untranslated: dict[str, str]  # page → the language shown instead
    translations: tuple[str, ...]  # every translation file: none is a page of its own


def choose(src_uris: list[str], lang: str) -> Choice:
    translations: dict[str, dict[str, str]] = {}
    files = []
    for uri in src_uris:
        match = _TRANSLATION.match(uri)
        if match:
            translations.setdefault(match["base"] + ".md", {})[match["lang"]] = uri
        else:
            files.append(uri)
    served_by: dict[str, str] = {}
    untranslated: dict[str, str] = {}
    for uri in files:
        own = translations.get(uri, {}).get(lang)
        if own:
            served_by[uri] = own
        elif lang != AUTHORING_LANGUAGE:
            untranslated[uri] = AUTHORING_LANGUAGE
    return Choice(served_by, untranslated, tuple(u for found in translations.values() for u in found.values()))


def with_notice(markdown: str, lang: str, shown: str) -> str:
    """A page shown in another language, under a visible "not yet translated" note."""
    notice = i18n.t("not_yet_translated", lang, shown=i18n.t("language_name", shown))
    return f'!!! note ""\n    {notice}\n\n' + markdown
