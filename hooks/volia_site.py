"""MkDocs glue, read top to bottom as the build runs it:

on_config   load and check data/*.yaml (every problem at once; the build stops on any)
on_files    pick each hand-written page's language; add the pages generated from the data,
            and the published copies of the photos
on_nav      translate the navigation's titles
on_page_markdown / on_page_content
            generated pages: set their meta, then put in the HTML rendered by volia.render
            (their text never reaches Markdown or Jinja-over-Markdown)
on_page_context
            the language switcher: the same page in the other languages, as relative links
            (and as hreflang links when the site's URL is known), and the offline copy's address
on_post_page / on_post_build
            lighter pages: no template indentation in the HTML; the search index in UTF-8

The data logic lives in the `volia` package. Two pieces of MkDocs plumbing live here: choosing
each hand-written page's language version (_choose_languages) and keeping mkdocs-macros off the
generated pages (_keep_macros_off_generated_pages).
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from volia import i18n, language_links, offline_zip
from volia.dataset import cached_dataset, data_stamp
from volia.dates import today
from volia.model import LANGUAGES
from volia.pages import GeneratedPage, generated_pages
from volia.photos import site_photos
from volia.problems import DataError
from volia.site_settings import data_folder, language

AUTHORING_LANGUAGE = "en"  # essays are written in English first: x.md; translations are x.be.md, x.ru.md
_TRANSLATION = re.compile(r"^(?P<base>.+)\.(?P<lang>be|ru|en)\.md$")

_generated: dict[str, GeneratedPage] = {}
_untranslated: dict[str, str] = {}  # src_uri → the language shown instead


# ---- Hooks ----

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = language(config)
    if lang not in LANGUAGES:
        raise PluginError(f"theme.language is {lang!r}; expected one of {', '.join(LANGUAGES)}")
    data_dir = data_folder(config)
    try:
        cached_dataset(data_dir, today(), data_stamp(data_dir))
    except DataError as error:
        raise PluginError("the data has problems; nothing was built.\n" + error.report()) from None
    _keep_macros_off_generated_pages(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = language(config)
    _choose_languages(files, config, lang)
    _generated.clear()
    data_dir = data_folder(config)
    dataset = cached_dataset(data_dir, today(), data_stamp(data_dir))
    for page in generated_pages(dataset, lang, config.extra.get("repository")):
        _generated[page.src_uri] = page
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    # Photos: new files without metadata, for full records only (never the contributed file).
    for uri, photo in site_photos(dataset):
        files.append(File.generated(config, uri, content=photo.data))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    lang = language(config)
    keys = i18n.strings()
    for item in _walk(nav.items):
        if item.title in keys:
            item.title = i18n.t(item.title, lang)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _generated.get(page.file.src_uri)
    if generated:
        page.meta = {**generated.meta, "title": str(escape(generated.title))}
        return ""
    shown = _untranslated.get(page.file.src_uri)
    if shown:
        notice = i18n.t("not_yet_translated", language(config), shown=i18n.t("language_name", shown))
        return f'!!! note ""\n    {notice}\n\n' + markdown
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _generated.get(page.file.src_uri)
    return generated.html() if generated else html


def on_env(env, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2.Environment
    # 404.html has no page: GitHub Pages serves the root one for every missing address, in any
    # language's folder, so it speaks all three, this build's language first.
    lang = language(config)
    env.globals["volia_not_found"] = [
        {"lang": code, "title": i18n.t("not_found_title", code), "text": i18n.t("not_found_text", code),
         "home": i18n.t("not_found_home", code)}
        for code in sorted(LANGUAGES, key=lambda code: code != lang)]
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["volia_languages"] = language_links.links(page.file.src_uri, language(config))
    context["volia_offline"] = offline_zip.footer(page.file.src_uri, language(config))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return offline_zip.compact_html(output)


@event_priority(-50)  # after the search plugin writes the index, before `offline` inlines it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    offline_zip.compact_search_index(Path(config.site_dir))


# ---- Helpers ----

def _keep_macros_off_generated_pages(config: MkDocsConfig) -> None:
    """Pages made from records never reach mkdocs-macros at all.

    With render_by_default: false the plugin renders nothing on them anyway, but it still copies
    each page and inspects it (about 0.35 ms a page, a fifth of a record page's own cost). Not
    calling it is cheaper, and it is one more wall between contributor text and Jinja.
    """
    events = config.plugins.events["page_markdown"]
    for index, method in enumerate(events):
        if type(getattr(method, "__self__", None)).__name__ == "MacrosPlugin" and \
                not getattr(method, "_volia_guarded", False):
            events[index] = _unless_generated(method)


def _unless_generated(method):  # noqa: ANN001, ANN202 - a bound plugin event method
    def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:  # noqa: ANN003
        if page.file.src_uri in _generated:
            return markdown
        return method(markdown, page=page, **kwargs)

    on_page_markdown._volia_guarded = True  # type: ignore[attr-defined]
    return on_page_markdown


def _choose_languages(files: Files, config: MkDocsConfig, lang: str) -> None:
    """Serve x.<lang>.md as x.md; without it, x.md with a visible "not yet translated" note."""
    _untranslated.clear()
    translations: dict[str, dict[str, File]] = {}
    for file in list(files.documentation_pages()):
        match = _TRANSLATION.match(file.src_uri)
        if match:
            translations.setdefault(match["base"] + ".md", {})[match["lang"]] = file
            files.remove(file)
    for file in list(files.documentation_pages()):
        own = translations.get(file.src_uri, {}).get(lang)
        if own:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, abs_src_path=own.abs_src_path,
                                        inclusion=file.inclusion))
        elif lang != AUTHORING_LANGUAGE:
            _untranslated[file.src_uri] = AUTHORING_LANGUAGE


def _walk(items):  # noqa: ANN001, ANN202 - MkDocs nav items
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
