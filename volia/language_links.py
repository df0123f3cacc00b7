"""Where each language's copy of the site lives, and relative links between them.

The default language is built at the site's root and the others in a folder each (ru/, en/), so
every page has the same path in every language and the switcher's links are plain relative paths:
they work on GitHub Pages, under any base path, and from an unzipped copy over file://.
"""

from __future__ import annotations

import posixpath

from volia import i18n
from volia.model import LANGUAGES
from volia.render import html_uri

DEFAULT = i18n.DEFAULT_LANGUAGE


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def from_page(target: str, src_uri: str, lang: str) -> str:
    """A relative link from page `src_uri` of `lang`'s copy to `target`, a path from the root of
    the whole site (another language's page, the offline zip, the open data)."""
    return posixpath.relpath(target, posixpath.dirname(prefix(lang) + html_uri(src_uri)) or ".")


def links(src_uri: str, current: str) -> list[dict[str, object]]:
    """The same page in every language, linked relative to the page being built."""
    return [
        {
            "lang": lang,
            "name": i18n.t("language_name", lang),
            "href": from_page(prefix(lang) + html_uri(src_uri), src_uri, current),
            "current": lang == current,
        }
        for lang in LANGUAGES
    ]
