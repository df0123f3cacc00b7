"""MkDocs glue for files written beside the pages (the logic is in volia/outputs/):

on_files    add feed.xml, the Atom feed of records, at the root of this language's copy, and
            search/names.js, the index that finds people (volia/outputs/names_index.py)
on_page_content
            a line break between blocks written without one, in the pages the theme's search reads,
            so that its results read "Date Held Sources", not "DateHeldSources" (this hook comes
            after volia_macros and volia_exports in mkdocs.yml: their HTML is in by then)

Each language is its own build (volia/cli/build.py), so each copy gets its own feed and names. There
is no <link rel="alternate"> for the feed: Material's script fetches a sitemap.xml beside every such
link, which from the offline copy would mean a request to the live site. The footer links it instead
(volia/site/page_chrome.py).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from volia import addresses
from volia.data.files import RECORDS
from volia.outputs import compaction, feed, names_index
from volia.site import context


def on_files(files: Files, config: MkDocsConfig) -> Files:
    ctx = context.of(config)
    atom = feed.build_feed(ctx.public, ctx.lang, ctx.today, site_root=ctx.site_root, repository=ctx.repository,
                           data_changed=feed.last_commit(ctx.data_dir / RECORDS.name), fresh_months=ctx.fresh_months)
    files.append(File.generated(config, addresses.FEED, content=feed.render_feed(atom)))
    files.append(File.generated(config, names_index.PATH, content=names_index.names_script(ctx.public, ctx.lang)))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    search = page.meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return html  # record pages, lists: not in the theme's index, so left exactly as written
    return compaction.spaced_blocks(html)
