"""The site's languages, and how a text given in some of them is shown in one."""

from __future__ import annotations

LANGUAGES = ("be", "ru", "en")
DEFAULT_LANGUAGE = "be"  # built at the site's root; the others in ru/ and en/
# When a text is missing in the reader's language, fall back in this order.
FALLBACK = {"be": ("be", "ru", "en"), "ru": ("ru", "be", "en"), "en": ("en", "be", "ru")}

Localized = dict[str, str]


def pick(text: Localized | None, lang: str) -> str:
    """The text in `lang`, or in the nearest language that has it, or ''."""
    if not text:
        return ""
    for candidate in FALLBACK[lang]:
        if text.get(candidate):
            return text[candidate]
    return ""


def fallback_language(text: Localized | None, lang: str) -> str | None:
    """The language pick(text, lang) takes its text from when that is not `lang`, else None.

    Templates put it in a `lang` attribute, so that a screen reader reads an English summary on a
    Belarusian page as English (WCAG 3.1.2, language of parts)."""
    chosen = next((c for c in FALLBACK[lang] if text and text.get(c)), lang)
    return None if chosen == lang else chosen
