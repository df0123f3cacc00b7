"""MkDocs glue for files written beside the pages (the logic is in volia/feeds.py):

on_page_context  the feed's address, relative to the page, for the footer link (overrides/main.html)
on_post_build    write feed.xml, the Atom feed of records, at the root of this language's copy

Each language is its own build (volia/build_site.py), so each copy gets its own feed. There is
no <link rel="alternate"> for it: Material's script fetches a sitemap.xml beside every such link,
which from the offline copy would mean a request to the live site. The footer links it instead.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from volia import feeds
from volia.dataset import RECORDS, cached_dataset, data_stamp
from volia.dates import today
from volia.render import relative
from volia.site_settings import data_folder, language

# ---- Hooks ----


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["volia_feed"] = {"href": relative(page.file.src_uri, feeds.FEED_FILE),
                             "title": feeds.TITLE[language(config)]}
    return context


def on_post_build(config: MkDocsConfig) -> None:
    data_dir = data_folder(config)
    dataset = cached_dataset(data_dir, today(), data_stamp(data_dir))
    feed = feeds.build_feed(
        dataset, language(config),
        site_url=config.site_url or "",
        repository=config.extra.get("repository"),
        data_changed=feeds.last_commit(data_dir / RECORDS.name),
    )
    feeds.write_if_changed(Path(config.site_dir) / feeds.FEED_FILE, feeds.render_feed(feed))


# ---- Helpers ----


