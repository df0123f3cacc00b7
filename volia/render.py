"""Render the generated pages' HTML from Jinja templates in overrides/volia/.

This environment escapes everything by default (MkDocs' own environment does not), and undefined
names are errors. Contributor text only ever arrives here as template *data*.
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from volia import i18n

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "volia"


@cache
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(number=i18n.number, date=i18n.date, lang_attr=lang_attr)
    return env


def lang_attr(code: str | None) -> Markup:
    """` lang="xx"` for a text in another language than its page (see model.fallback_language), else nothing.
    The code is one of the site's languages, never contributor text; it is escaped all the same."""
    return Markup(' lang="{}"').format(code) if code else Markup("")


def html_uri(src_uri: str) -> str:
    """prisoners/x.md → prisoners/x.html (the site uses file URLs so it works from a folder)."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


@cache
def relative(from_src_uri: str, to_src_uri: str) -> str:
    """A link from one page to another that works over file:// and under any base path."""
    start = posixpath.dirname(html_uri(from_src_uri)) or "."
    return posixpath.relpath(html_uri(to_src_uri), start)


def render(template: str, page_uri: str, lang: str, **context: Any) -> str:
    env = environment()

    def url(target: str) -> str:
        return relative(page_uri, target)

    def tr(key: str, **values: object) -> str:
        return i18n.t(key, lang, **values)

    return env.get_template(template).render(url=url, t=tr, lang=lang, **context)
