"""MkDocs glue for taking action and open data (the logic is in volia/outputs/ and volia/site/sharing.py),
read top to bottom as the build runs it:

on_files    add the files built from the public cut: the open data under data/ (root language
            only), this language's calendar, badge and downloads page, and an Open Graph card per
            shared page (only when the site's address is known: a card needs one)
on_page_markdown / on_page_content
            the downloads page's HTML; share links after record pages and essays
on_env      draw the Open Graph cards, now that every page's title is known
on_page_context
            the Open Graph and Twitter card tags (overrides/partials/volia_og.html)

Listed after hooks/volia_site.py in mkdocs.yml: it relies on the pages that hook generates.
Every file is handed to MkDocs as a generated file, so links to them are checked like any other.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from volia import addresses
from volia.model.languages import DEFAULT_LANGUAGE
from volia.outputs import badge, calendar, cards
from volia.site import context, downloads
from volia.site.sharing import PageFacts, SiteSharing

_state: dict[str, SiteSharing] = {}  # this build's shared pages; made anew in on_files
_cards: dict[str, File] = {}  # page src_uri → its Open Graph card, drawn in on_env


# ---- Hooks ----

def on_files(files: Files, config: MkDocsConfig) -> Files:
    ctx = context.of(config)
    # The data is the same in every language (each file carries all three), so it is published
    # once, at the root: one address to cite and one checksum per file.
    if ctx.lang == DEFAULT_LANGUAGE:
        for f in ctx.exports:
            files.append(File.generated(config, f"{addresses.EXPORT_DIR}/{f.path}", content=f.content))
    files.append(File.generated(config, addresses.CALENDAR,
                                content=calendar.calendar_ics(ctx.public, ctx.today, ctx.lang, ctx.site_root)))
    files.append(File.generated(config, addresses.BADGE,
                                content=badge.badge_svg(ctx.policy, ctx.lang, ctx.public.organisation_name)))
    files.append(File.generated(config, addresses.DOWNLOADS, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    # Essays are the hand-written pages: those with a Markdown file on disk (the translation chosen
    # for this language is one; pages generated from the data have none).
    sharing = SiteSharing(ctx, essays={f.src_uri for f in files.documentation_pages() if f.abs_src_path})
    _state["sharing"] = sharing
    _cards.clear()
    for src_uri, card in sharing.card_files.items():
        _cards[src_uri] = File.generated(config, card, content=b"")  # drawn in on_env
        files.append(_cards[src_uri])
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == addresses.DOWNLOADS:
        page.meta = downloads.meta(context.of(config))
        return ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == addresses.DOWNLOADS:
        return downloads.html(context.of(config))
    facts = _facts(page)
    if _state["sharing"].is_shared(facts):
        html += _state["sharing"].share_block(facts)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    sharing = _state["sharing"]
    for src_uri, card in _cards.items():
        page = files.get_file_from_path(src_uri)
        facts = _facts(page.page) if page and page.page else None
        card.content_bytes = cards.cached_png(sharing.card(facts, src_uri))
    return env


def on_page_context(context_: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context_["volia_og"] = _state["sharing"].open_graph(_facts(page))
    return context_


# ---- Helpers ----

def _facts(page: Page) -> PageFacts:
    toc = page.toc.items if page.toc else []
    return PageFacts(src_uri=page.file.src_uri, dest_uri=page.file.dest_uri, title=page.title,
                     first_heading=toc[0].title if toc else None, is_home=page.is_homepage,
                     description=str(page.meta["description"]) if page.meta.get("description") else None,
                     share=page.meta.get("share", True) is not False)
