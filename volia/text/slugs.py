"""Anchors for headings (`#who-is-held`, `#khto-trymaiecca`): Latin letters, digits and hyphens in
every language, so that a link to a Belarusian or Russian section reads as words, survives being
copied into a message, and does not change when a heading's word order stays the same.

Python-Markdown's toc extension calls `slugify(text, separator)` (mkdocs.yml: toc.slugify). Its own
slugify drops every Cyrillic letter, which left `#_2`, `#_3`.
"""

from __future__ import annotations

import re
import unicodedata

from volia.text.translit import transliterate

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(value: str, separator: str = "-") -> str:
    """A heading's text as an anchor: Belarusian passport romanisation first, Russian for letters
    Belarusian lacks (и, щ, ъ), accents dropped, everything else a separator."""
    text = transliterate(value, "passport") if _CYRILLIC.search(value) else value
    if _CYRILLIC.search(text):
        text = transliterate(text, "passport-ru")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_WORD.sub(separator, ascii_text).strip(separator)
