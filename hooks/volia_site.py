"""MkDocs glue, read top to bottom as the build runs it (the logic is in volia/site/):

on_config   make the build context: load and check data/*.yaml (every problem at once; the build
            stops on any), cut what may be published, read today and the site's address
on_files    serve each hand-written page in this language; add the pages generated from the data
            and the published copies of the photos
on_nav      translate the navigation's titles
on_page_markdown / on_page_content   generated pages: their meta, then the HTML rendered from
            volia/templates/ (no Markdown pass, no Jinja-over-Markdown; a record's in on_page_context)
on_env / on_page_context   not-found words, one navigation for record pages; switcher, offline copy, feed links
on_post_page / on_post_build   lighter pages (no template indentation); the search index in UTF-8
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from volia.data.problems import DataError
from volia.outputs import compaction
from volia.outputs.photos import site_photos
from volia.site import contact, context, page_chrome, translations
from volia.site.pages import GeneratedPage, generated_pages
from volia.text import i18n

_generated: dict[str, GeneratedPage] = {}  # this build's generated pages, by src_uri
_untranslated: dict[str, str] = {}  # src_uri → the language shown instead


# ---- Hooks ----

@event_priority(100)  # first: mkdocs-macros' on_config (define_env) reads the context
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    data_dir = Path(config.config_file_path).parent / config.extra.get("data_dir", "data")
    if placeholder := contact.production_problem(config.site_url, config.extra.get("private_contact")):
        raise PluginError(placeholder)
    try:
        ctx = context.make_context(config.theme["language"], data_dir, site_root=config.site_url or "",
                                   repository=config.extra.get("repository"),
                                   fresh_months=int(config.extra.get("fresh_months", 6)))
    except DataError as error:
        raise PluginError("the data has problems; nothing was built.\n" + error.report()) from None
    except ValueError as error:
        raise PluginError(str(error)) from None
    context.attach(config, ctx)
    config.site_name = i18n.t("site_name", ctx.lang)  # the wordmark in the language's script
    # Every page's <meta name="description"> in its language (never a record's: Material writes it unescaped)
    config.site_description = i18n.t("site_description", ctx.lang)
    # Each language's copy lives in its own folder: canonical addresses and the sitemap need it.
    config.site_url = ctx.site_url
    _keep_macros_off_generated_pages(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    ctx = context.of(config)
    _serve_translations(files, config, ctx.lang)
    _generated.clear()
    for page in generated_pages(ctx):
        _generated[page.src_uri] = page
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for uri, photo in site_photos(ctx.public):  # new files without metadata, full records only
        files.append(File.generated(config, uri, content=photo.data))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    page_chrome.translate_titles(nav.items, context.of(config).lang)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _generated.get(page.file.src_uri)
    if generated:
        page.meta = {**generated.meta, "title": str(escape(generated.title))}
        return ""
    shown = _untranslated.get(page.file.src_uri)
    return translations.with_notice(markdown, context.of(config).lang, shown) if shown else markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return html if (made := _generated.get(page.file.src_uri)) is None else "" if made.late else made.html()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals.update(volia_not_found=page_chrome.not_found(context.of(config).lang), volia_nav_cache={})
    return env


def on_page_context(context_: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if (generated := _generated.get(page.file.src_uri)) is not None and generated.late:
        page.content = generated.html() + (page.content or "")  # before later hooks' share links
    context_.update(page_chrome.page_variables(page.file.src_uri, context.of(config).lang))
    return context_


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return compaction.compact_html(output)


@event_priority(-50)  # after the search plugin writes the index, before `offline` inlines it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    compaction.compact_search_index(Path(config.site_dir))


# ---- Helpers ----

def _keep_macros_off_generated_pages(config: MkDocsConfig) -> None:
    """Generated pages never reach mkdocs-macros: one more wall between contributor text and Jinja."""
    events = config.plugins.events["page_markdown"]
    for index, method in enumerate(events):
        if type(getattr(method, "__self__", None)).__name__ == "MacrosPlugin" and \
                not getattr(method, "_volia_guarded", False):
            events[index] = _unless_generated(method)


def _unless_generated(method: Callable[..., str]) -> Callable[..., str]:
    def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
        return markdown if page.file.src_uri in _generated else method(markdown, page=page, **kwargs)

    on_page_markdown._volia_guarded = True  # type: ignore[attr-defined]
    return on_page_markdown


def _serve_translations(files: Files, config: MkDocsConfig, lang: str) -> None:
    """Serve x.<lang>.md as x.md; without it, x.md with a visible "not yet translated" note."""
    pages = {f.src_uri: f for f in files.documentation_pages()}
    choice = translations.choose(list(pages), lang)
    for uri in choice.translations:
        files.remove(pages[uri])
    for uri, own in choice.served_by.items():
        files.remove(pages[uri])
        files.append(File.generated(config, uri, abs_src_path=str(pages[own].abs_src_path),
                                    inclusion=pages[uri].inclusion))
    _untranslated.clear()
    _untranslated.update(choice.untranslated)
