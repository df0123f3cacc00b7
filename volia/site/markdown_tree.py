"""A way out of MkDocs: every page generated from the data, written as an ordinary Markdown file
with its front matter, and every file generated beside the pages, in one folder tree.

MkDocs 2.0 and Zensical drop the hook and plugin API that in-memory generated pages rely on; the
projects that moved turned their hooks into a step that writes Markdown before the build. This is
that step, ready: `volia pages --out DIR --lang be` writes the tree, and any generator that reads
Markdown with front matter and copies other files as they are can build it beside docs/. A test
builds the tree with plain MkDocs and no Volia hooks (tests/test_architecture.py).

Each page's body is its HTML, as Volia renders it, inside one <div>: Markdown passes a block of
HTML through untouched, so contributor text is never read as Markdown (or as a template: the
front matter says `render_macros: false` to any macro plugin).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from volia import addresses
from volia.data.files import RECORDS
from volia.model.languages import DEFAULT_LANGUAGE
from volia.outputs import badge, calendar, feed
from volia.outputs.photos import site_photos
from volia.site.context import BuildContext, make_context
from volia.site.downloads import html as downloads_html
from volia.site.downloads import meta as downloads_meta
from volia.site.pages import GeneratedPage, generated_pages


def write_tree(out: Path, data_dir: Path, lang: str, site_root: str = "", repository: str | None = None) -> int:
    """Write the pages and files of one language's copy under `out`; returns how many pages."""
    ctx = make_context(lang, data_dir, site_root=site_root, repository=repository)
    pages = generated_pages(ctx)
    for page in pages:
        _write(out / page.src_uri, markdown_page(page))
    _write(out / addresses.DOWNLOADS, _page_text(downloads_meta(ctx), downloads_html(ctx)))
    for path, content in generated_files(ctx):
        _write(out / path, content)
    return len(pages) + 1


def markdown_page(page: GeneratedPage) -> str:
    """One generated page as Markdown: front matter (title and meta), then its HTML."""
    return _page_text({"title": page.title, **page.meta}, page.html())


def generated_files(ctx: BuildContext) -> list[tuple[str, bytes | str]]:
    """The files beside the pages, as the hooks add them: photos, feed, calendar, badge, open data."""
    files: list[tuple[str, bytes | str]] = [(uri, photo.data) for uri, photo in site_photos(ctx.public)]
    atom = feed.build_feed(ctx.public, ctx.lang, ctx.today, site_root=ctx.site_root, repository=ctx.repository,
                           data_changed=feed.last_commit(ctx.data_dir / RECORDS.name), fresh_months=ctx.fresh_months)
    files += [(addresses.FEED, feed.render_feed(atom)),
              (addresses.CALENDAR, calendar.calendar_ics(ctx.public, ctx.today, ctx.lang, ctx.site_root)),
              (addresses.BADGE, badge.badge_svg(ctx.policy, ctx.lang, ctx.public.organisation_name))]
    if ctx.lang == DEFAULT_LANGUAGE:  # the open data lives once, at the root of the whole site
        files += [(f"{addresses.EXPORT_DIR}/{f.path}", f.content) for f in ctx.exports]
    return files


def _page_text(meta: dict[str, object], html: str) -> str:
    front = yaml.safe_dump({**meta, "render_macros": False}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n<div class=\"volia-generated\">\n{html.strip()}\n</div>\n"


def _write(path: Path, content: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
