"""Generated pages skip the Markdown pass: their HTML comes from the templates (volia/site/pages.py).

MkDocs renders every page's Markdown with a new Markdown converter, and building one (every
extension set up again) costs more than a generated page's whole Markdown, which is empty: the page's
HTML takes its place later (hooks/volia_site.py). At 20,000 records that is seconds of a build spent
converting nothing. `skip_markdown` gives such a page what MkDocs' render makes of empty Markdown —
no content, an empty table of contents, no title from a heading, no anchors — without the converter.
tests/test_no_markdown.py holds it to what the installed MkDocs' render gives.
"""

from __future__ import annotations

import logging
import types

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_MKDOCS_LOG = logging.getLogger("mkdocs.structure.pages")


def skip_markdown(page: Page) -> None:
    """Let this page's render skip the converter while its Markdown is empty (it falls back to
    MkDocs' own render if a later plugin puts text in it)."""
    page.render = types.MethodType(_render_empty, page)  # type: ignore[method-assign]


def _render_empty(page: Page, config: MkDocsConfig, files: Files) -> None:
    if page.markdown:
        Page.render(page, config, files)
        return
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if _MKDOCS_LOG.getEffectiveLevel() > logging.DEBUG:  # as MkDocs' render: kept only when not debugging
        page.links_to_anchors = {}
