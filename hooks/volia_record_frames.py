"""MkDocs glue for record pages drawn from a frame (the logic, and why: volia/site/record_frame.py),
read as the build runs it:

on_env           a new set of frames for each build (VOLIA_RECORD_FRAMES=0: the theme draws every page)
on_page_context  a record page whose frame is checked: its whole page goes into the context, and
                 overrides/main.html then draws nothing else (listed after the hooks that set the
                 page's variables, so it sees them all)
on_post_page     first, before compaction and the content security policy: a record page the theme
                 drew teaches or checks its shape's frame
"""

from __future__ import annotations

import logging
import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from volia.site.record_frame import Frames, PageValues, Shape, page_values

log = logging.getLogger("mkdocs.plugins.volia_record_frames")
SWITCH = "VOLIA_RECORD_FRAMES"
_state: dict[str, Frames] = {}
_drawn: dict[str, tuple[Shape, PageValues]] = {}  # record pages the theme is drawing, by src_uri


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _state["frames"] = Frames(enabled=os.environ.get(SWITCH, "1") != "0")
    _drawn.clear()
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("volia_kind") != "record":
        return context
    shape, values = page_values(page, context)
    html = _state["frames"].fill(shape, values)
    if html is None:
        _drawn[page.file.src_uri] = (shape, values)
    else:
        context["volia_frame_html"] = html
    return context


@event_priority(100)  # first: the page as the theme drew it, before compaction and privacy
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    drawn = _drawn.pop(page.file.src_uri, None)
    if drawn is not None:
        _state["frames"].learn(*drawn, output)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    frames = _state["frames"]
    log.debug("record pages: %d filled in from a frame, %d drawn by the theme", frames.filled, frames.drawn)
