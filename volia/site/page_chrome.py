"""What every page shows around its content: the navigation's titles in the page's language, the
language switcher, the offline copy and the feed in the footer, and the not-found page's words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from volia.addresses import FEED, OFFLINE_GUIDE, OFFLINE_ZIP, from_page, relative
from volia.model.languages import LANGUAGES
from volia.outputs.feed import TITLE as FEED_TITLE
from volia.text import i18n
from volia.views import language_switcher


def page_variables(src_uri: str, lang: str) -> dict[str, object]:
    """volia_languages, volia_offline and volia_feed for overrides/main.html and its partials."""
    return {
        "volia_languages": language_switcher.links(src_uri, lang),
        "volia_offline": {
            "zip": from_page(OFFLINE_ZIP, src_uri, lang),
            "howto": relative(src_uri, OFFLINE_GUIDE),
            "download": i18n.t("offline_download", lang),
            "howto_text": i18n.t("offline_howto", lang),
            "label": i18n.t("offline_aside", lang),
        },
        "volia_feed": {"href": relative(src_uri, FEED), "title": FEED_TITLE[lang]},
    }


def not_found(lang: str) -> list[dict[str, str]]:
    """404.html has no page: GitHub Pages serves the root one for every missing address, in any
    language's folder, so it speaks all three, this build's language first."""
    return [{"lang": code, "title": i18n.t("not_found_title", code), "text": i18n.t("not_found_text", code),
             "home": i18n.t("not_found_home", code)}
            for code in sorted(LANGUAGES, key=lambda code: code != lang)]


def translate_titles(items: list[Any], lang: str) -> None:
    """The navigation's titles are keys of the interface strings (mkdocs.yml): put in the words."""
    keys = i18n.strings()
    for item in _walk(items):
        if item.title in keys:
            item.title = i18n.t(item.title, lang)


def _walk(items: list[Any]) -> Iterator[Any]:  # MkDocs nav items: sections, pages, links
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
