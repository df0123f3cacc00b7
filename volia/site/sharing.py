"""What a page says about itself when it is shared: its title and description, its share links,
its Open Graph card and tags. Record pages (from the public cut) and hand-written pages (essays)
are shared; list pages are not, and a hand-written page can opt out with `share: false`.

hooks/volia_exports.py hands each page's facts in (PageFacts: plain values, no MkDocs objects).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from volia.addresses import card_uri, html_uri, language_url, page_url, record_uri
from volia.analysis.freshness import Freshness
from volia.model.languages import pick
from volia.model.records import Record
from volia.outputs import cards
from volia.site.context import BuildContext
from volia.text import i18n
from volia.views import records, sharing
from volia.views.templates import render


@dataclass(frozen=True)
class PageFacts:
    """What MkDocs knows of one page, as plain values."""

    src_uri: str
    dest_uri: str
    title: str | None = None  # MkDocs' page.title
    first_heading: str | None = None  # the text of the page's first heading, as MkDocs escapes it
    is_home: bool = False
    description: str | None = None  # from the front matter
    share: bool = True  # `share: false` in the front matter opts a hand-written page out


@dataclass
class SiteSharing:
    """One build's shared pages: record pages and the essays (hand-written pages on disk)."""

    ctx: BuildContext
    essays: set[str]
    records: dict[str, Record] = field(init=False)
    card_files: dict[str, str] = field(init=False)  # page src_uri → its card's path (only with a site address)

    def __post_init__(self) -> None:
        self.records = {record_uri(r.id): r for r in self.ctx.public.records}
        shared = [*self.records, *sorted(self.essays)]
        # A card is only useful to a network that fetches it from the hosted site: needs the address.
        self.card_files = {uri: card_uri(html_uri(uri)) for uri in shared} if self.ctx.site_root else {}

    def is_shared(self, page: PageFacts) -> bool:
        if page.src_uri in self.records:
            return True
        return page.src_uri in self.essays and page.share

    def title(self, page: PageFacts) -> str:
        record = self.records.get(page.src_uri)
        if record is not None:
            return records.display_name(record, self.ctx.lang)
        return _essay_title(page) or i18n.t("site_name", self.ctx.lang)

    def description(self, page: PageFacts) -> str:
        lang = self.ctx.lang
        record = self.records.get(page.src_uri)
        if record is None:
            return page.description or i18n.t("site_description", lang)
        status = status_line(record, lang, self.ctx.freshness)
        summary = record.summary and record.is_full and pick(record.summary, lang).rstrip(".")
        return f"{summary}. {status}" if summary else status

    def card(self, page: PageFacts | None, src_uri: str) -> cards.Card:
        """What the page's Open Graph card shows (drawn by volia/outputs/cards.py)."""
        lang = self.ctx.lang
        footer = i18n.t("og_footer", lang)
        record = self.records.get(src_uri)
        if record is not None:
            return cards.Card(records.display_name(record, lang), status_line(record, lang, self.ctx.freshness), footer)
        title = (_essay_title(page) if page else None) or i18n.t("site_name", lang)
        subtitle = (page.description if page else None) or i18n.t("site_description", lang)
        return cards.Card(title, subtitle, footer)

    def share_block(self, page: PageFacts) -> str:
        """The share links under a shared page's content."""
        lang = self.ctx.lang
        view = sharing.share_view(page_url(self.ctx.site_root, lang, page.dest_uri), page.dest_uri,
                                  self.title(page), lang)
        return render("share.html", page.src_uri, lang, s=view)

    def open_graph(self, page: PageFacts) -> dict | None:
        """The Open Graph and Twitter card tags (overrides/partials/volia_og.html), or None."""
        if not self.is_shared(page):
            return None
        lang = self.ctx.lang
        card = self.card_files.get(page.src_uri)
        base = language_url(self.ctx.site_root, lang)
        title = self.title(page)
        return sharing.og_view(
            title=title, description=self.description(page),
            url=page_url(self.ctx.site_root, lang, page.dest_uri),
            image_url=base + card if card is not None and base else None,
            image_alt=f"{title} — {i18n.t('og_footer', lang)}", lang=lang,
            image_size=(cards.WIDTH, cards.HEIGHT))


def status_line(record: Record, lang: str, fresh: Freshness) -> str:
    """"Imprisoned · Information as of June 1, 2024": a record's description and its card's subtitle."""
    return f"{records.status_label(record, lang, fresh)} · {i18n.t('as_of', lang)} {i18n.date(record.as_of, lang)}"


def _essay_title(page: PageFacts | None) -> str | None:
    """A hand-written page's title; the home page's is its heading (its nav label is just "Home")."""
    if page is None:
        return None
    if page.is_home and page.first_heading:
        return html.unescape(page.first_heading)
    return page.title
