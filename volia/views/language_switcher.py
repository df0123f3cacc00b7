"""The language switcher: the same page in every language, linked relative to the page being built."""

from __future__ import annotations

from volia.addresses import from_page, in_language
from volia.model.languages import LANGUAGES
from volia.text import i18n


def links(src_uri: str, current: str) -> list[dict[str, object]]:
    return [
        {
            "lang": lang,
            "name": i18n.t("language_name", lang),
            "href": from_page(in_language(src_uri, lang), src_uri, current),
            "current": lang == current,
        }
        for lang in LANGUAGES
    ]
