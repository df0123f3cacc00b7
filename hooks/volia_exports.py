"""MkDocs glue for taking action and open data (the logic is in volia/exports.py, dates_that_matter.py,
share.py, badge.py and og_images.py), read top to bottom as the build runs it:

on_files    add the files built from the data: the open data under data/ (root language only),
            this language's calendar feed and badge, the downloads page, and one Open Graph card
            per record page and essay (only when the site's URL is known: a card needs one)
on_page_markdown / on_page_content
            the downloads page's HTML; share links after record pages and essays
on_env      draw the Open Graph cards, now that every page's title is known
on_page_context
            the Open Graph and Twitter card tags (overrides/partials/volia_og.html)

Listed after hooks/volia_site.py in mkdocs.yml: it relies on the pages that hook generates.
Every file is handed to MkDocs as a generated file, so links to them are checked like any other.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from volia import badge, dates_that_matter, exports, i18n, og_images, share, stats, views
from volia.dataset import SCHEMA_DIR, cached_dataset, data_stamp
from volia.dates import PartialDate, today
from volia.language_links import DEFAULT
from volia.model import Dataset, Record, pick
from volia.policy import cached_policy
from volia.render import html_uri, render
from volia.site_settings import data_folder, language

ROOT = Path(__file__).resolve().parent.parent
LICENCE_FILE = ROOT / "data" / "LICENSE"  # the data licence (CC BY 4.0), published as data/LICENSE.txt
OPEN_DATA_PAGE = "open-data.md"  # docs/open-data.md: how to use the files

_state: dict = {}  # this build's pages and cards; reset in on_files


# ---- Hooks ----

def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = language(config)
    dataset = _dataset(config)
    data_dir = data_folder(config)
    export_files = exports.cached_exports(data_dir, today(), data_stamp(data_dir), SCHEMA_DIR, LICENCE_FILE)
    # The data is the same in every language (each file carries all three), so it is published
    # once, at the root: one address to cite and one checksum per file. Other languages' download
    # pages link there.
    if lang == DEFAULT:
        for f in export_files:
            files.append(File.generated(config, f"{exports.EXPORT_DIR}/{f.path}", content=f.content))
    files.append(File.generated(config, dates_that_matter.CALENDAR_URI,
                                content=dates_that_matter.calendar_ics(dataset, today(), lang, config.site_url)))
    badge_svg = badge.badge_svg(_policy(config), lang, dataset.organisation_name)
    files.append(File.generated(config, badge.BADGE_URI, content=badge_svg))
    files.append(File.generated(config, exports.DOWNLOADS_PAGE, content="", inclusion=InclusionLevel.NOT_IN_NAV))

    records = {views.record_uri(r.id): r for r in dataset.published}
    # Essays are the hand-written pages: those with a Markdown file on disk (the translation chosen
    # for this language is one; pages generated from the data have none).
    essays = {f.src_uri for f in files.documentation_pages() if f.abs_src_path}
    cards: dict[str, File] = {}
    if config.site_url:
        for src_uri in [*records, *sorted(essays)]:
            card = File.generated(config, og_images.image_uri(html_uri(src_uri)), content=b"")
            files.append(card)
            cards[src_uri] = card
    _state.clear()
    _state.update(dataset=dataset, exports=export_files, records=records, essays=essays, cards=cards)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == exports.DOWNLOADS_PAGE:
        page.meta = {"title": i18n.t("downloads", language(config)), "volia_kind": "list"}
        return ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = language(config)
    src_uri = page.file.src_uri
    if src_uri == exports.DOWNLOADS_PAGE:
        return _downloads_html(lang)
    if _shared(page):
        url = share.page_url(config.site_url, lang, page.file.dest_uri)
        view = share.share_view(url, page.file.dest_uri, _title(page, lang), lang)
        html += render("share.html", src_uri, lang, s=view)
    return html


def on_env(env, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2.Environment
    lang = language(config)
    for src_uri, card_file in _state.get("cards", {}).items():
        page = files.get_file_from_path(src_uri)
        card = _card(src_uri, page.page if page else None, lang)
        card_file.content_bytes = og_images.cached_png(card)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["volia_og"] = _og(page, config) if _shared(page) else None
    return context


# ---- Helpers ----

def _dataset(config: MkDocsConfig) -> Dataset:
    data_dir = data_folder(config)
    return cached_dataset(data_dir, today(), data_stamp(data_dir))


def _policy(config: MkDocsConfig):  # noqa: ANN202 - volia.policy.PolicyData
    data_dir = data_folder(config)
    return cached_policy(data_dir, data_stamp(data_dir))


def _record(page: Page) -> Record | None:
    return _state.get("records", {}).get(page.file.src_uri)


def _shared(page: Page) -> bool:
    """Record pages and hand-written pages (essays) get share links and cards; list pages do not.
    A hand-written page can opt out with `share: false` in its front matter."""
    if _record(page) is not None:
        return True
    return page.file.src_uri in _state.get("essays", ()) and page.meta.get("share", True) is not False


def _title(page: Page, lang: str) -> str:
    record = _record(page)
    return views.display_name(record, lang) if record else (_essay_title(page) or i18n.t("site_name", lang))


def _essay_title(page: Page | None) -> str | None:
    """A hand-written page's title; the home page's is its heading (its nav label is just "Home")."""
    if page is None:
        return None
    if page.is_homepage and page.toc.items:
        return html.unescape(page.toc.items[0].title)
    return page.title


def _description(page: Page, lang: str) -> str:
    record = _record(page)
    if record is None:
        return str(page.meta.get("description") or i18n.t("site_description", lang))
    status = _status_line(record, lang)
    summary = record.summary and record.is_full and pick(record.summary, lang).rstrip(".")
    return f"{summary}. {status}" if summary else status


def _status_line(record: Record, lang: str) -> str:
    """"Imprisoned · Information as of June 1, 2024": a record's description and its card's subtitle."""
    return f"{views.status_label(record, lang)} · {i18n.t('as_of', lang)} {i18n.date(record.as_of, lang)}"


def _card(src_uri: str, page: Page | None, lang: str) -> og_images.Card:
    record = _state["records"].get(src_uri)
    footer = i18n.t("og_footer", lang)
    if record is not None:
        return og_images.Card(views.display_name(record, lang), _status_line(record, lang), footer)
    title = _essay_title(page) or i18n.t("site_name", lang)
    subtitle = str((page.meta.get("description") if page else None) or i18n.t("site_description", lang))
    return og_images.Card(title, subtitle, footer)


def _og(page: Page, config: MkDocsConfig) -> dict:
    lang = language(config)
    card = _state.get("cards", {}).get(page.file.src_uri)
    base = share.language_base(config.site_url, lang)
    title = _title(page, lang)
    return share.og_view(
        title=title, description=_description(page, lang),
        url=share.page_url(config.site_url, lang, page.file.dest_uri),
        image_url=base + card.dest_uri if card is not None and base else None,
        image_alt=f"{title} — {i18n.t('og_footer', lang)}", lang=lang,
        image_size=(og_images.WIDTH, og_images.HEIGHT))


def _downloads_html(lang: str) -> str:
    built = today()
    return render("downloads.html", exports.DOWNLOADS_PAGE, lang,
                  files=exports.downloads_view(_state["exports"], lang),
                  built=i18n.date(PartialDate.of(built), lang),
                  as_of=i18n.date(stats.as_of(_state["dataset"]), lang) or "—",
                  licence=exports.LICENCE["name"], howto=OPEN_DATA_PAGE)
