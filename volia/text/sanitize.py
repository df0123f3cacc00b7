"""Contributor text that meets Markdown: a biography rendered safely, and data spliced into essays.

Python-Markdown passes raw HTML and any link scheme straight through, so a biography's HTML is
cleaned by Ammonia (nh3): only a few formatting tags survive, and links keep only http, https and
mailto. Data that a macro places in the middle of an essay's paragraph is read by Markdown after
the macro runs, so escaping it for HTML is not enough: `inert` also hides Markdown's syntax.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    """nh3 lets relative links through; "//elsewhere" is one, and points at another host.
    A biography has no business linking inside the site either, so only absolute links stay."""
    if element == "a" and attribute == "href":
        scheme = urlsplit(value).scheme.lower()
        return value if scheme in URL_SCHEMES else None
    return value


# One converter for every biography: building Python-Markdown's parser costs more than converting
# a short text with it. reset() clears what one conversion leaves behind (footnotes, references).
_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)  # the record page and the open-data export show the same biography
def bio_html(text: str) -> Markup:
    """Markdown → HTML → sanitized HTML, marked safe for the (autoescaping) templates."""
    rendered = _MARKDOWN.reset().convert(text)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
        attribute_filter=_absolute_links_only,
    )
    return Markup(cleaned)


# Every character that Markdown or the extensions in mkdocs.yml read as syntax (links, emphasis,
# code, autolinks, tables, attribute lists, emoji) or that HTML reads as markup. Each becomes a
# numeric character reference, which Markdown passes through untouched and a browser shows as
# the character itself.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[](){}!~^=:|#+-."})


def inert(text: str) -> Markup:
    """`text` as a literal run of characters inside Markdown: no tag, link or emphasis can form.

    For what a macro returns into the middle of a paragraph (block-level HTML that starts a line
    is left alone by Markdown; inline text is not)."""
    return Markup(str(text).translate(_INERT))
