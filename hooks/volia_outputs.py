"""MkDocs glue for files written beside the pages (the logic is in volia/outputs/feed.py):

on_files    add feed.xml, the Atom feed of records, at the root of this language's copy

Each language is its own build (volia/cli/build.py), so each copy gets its own feed. There is
no <link rel="alternate"> for it: Material's script fetches a sitemap.xml beside every such link,
which from the offline copy would mean a request to the live site. The footer links it instead
(volia/site/page_chrome.py).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from volia import addresses
from volia.data.files import RECORDS
from volia.outputs import feed
from volia.site import context


def on_files(files: Files, config: MkDocsConfig) -> Files:
    ctx = context.of(config)
    atom = feed.build_feed(ctx.public, ctx.lang, ctx.today, site_root=ctx.site_root, repository=ctx.repository,
                           data_changed=feed.last_commit(ctx.data_dir / RECORDS.name), fresh_months=ctx.fresh_months)
    files.append(File.generated(config, addresses.FEED, content=feed.render_feed(atom)))
    return files
