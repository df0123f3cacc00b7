"""Render the generated pages' HTML (and the feed and badge) from the Jinja templates in volia/templates/.

This environment escapes everything by default (MkDocs' own environment does not), and undefined
names are errors. Contributor text only ever arrives here as template *data*.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from volia.addresses import relative
from volia.text import i18n
from volia.text.names import script_lang

# Package data, outside the theme folder: MkDocs publishes every file of the theme folder that is
# not an .html page template, so feed.xml and badge.svg there would be published as sources.
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(number=i18n.number, date=i18n.date, lang_attr=lang_attr, text_lang=script_lang)
    return env


def lang_attr(code: str | None) -> Markup:
    """` lang="xx"` for a text in another language than its page (see model.fallback_language), else nothing.
    The code is one of the site's languages, never contributor text; it is escaped all the same."""
    return Markup(' lang="{}"').format(code) if code else Markup("")


def render(template: str, page_uri: str, lang: str, **context: Any) -> str:
    env = environment()

    def url(target: str) -> str:
        return relative(page_uri, target)

    def tr(key: str, **values: object) -> str:
        return i18n.t(key, lang, **values)

    def tn(key: str, n: int | float, **values: object) -> str:  # a sentence with a count (CLDR plurals)
        return i18n.count(key, lang, n, **values)

    def lang_of_page(code: str | None) -> Markup:  # no attribute for a text in the page's own language
        return lang_attr(None if code == lang else code)

    return env.get_template(template).render(url=url, t=tr, tn=tn, lang=lang, lang_attr=lang_of_page, **context)
