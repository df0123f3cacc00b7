"""A page whose Markdown is empty skips MkDocs' Markdown converter.

Every page generated from the data has empty Markdown: its HTML comes from volia/templates/ later
(hooks/volia_site.py). MkDocs still builds a new Markdown converter for each page it renders, every
extension set up again, and that costs more than such a page's whole render: seconds of a build of
20,000 records spent converting nothing. So once every plugin has had the Markdown, a page left with
none is given what MkDocs' render makes of empty Markdown — no content, an empty table of contents,
no title from a heading, no anchors — without the converter. tests/test_no_markdown.py holds it to
what the installed MkDocs' own render gives.
"""

from __future__ import annotations

import logging
import types

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_MKDOCS_LOG = logging.getLogger("mkdocs.structure.pages")


@event_priority(-100)  # last: after every plugin and hook that may give the page Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not markdown:
        page.render = types.MethodType(render_empty, page)  # type: ignore[method-assign]
    return markdown


def render_empty(page: Page, config: MkDocsConfig, files: Files) -> None:
    if page.markdown:  # given text after all: MkDocs' own render
        Page.render(page, config, files)
        return
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if _MKDOCS_LOG.getEffectiveLevel() > logging.DEBUG:  # as MkDocs' render: kept only when not debugging
        page.links_to_anchors = {}
