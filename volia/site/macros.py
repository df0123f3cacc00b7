"""The macros essay writers call ({{ stat("imprisoned") }}), as plain functions of the build
context and the page being rendered. hooks/volia_macros.py only registers them with
mkdocs-macros; docs/about/macros.md lists them (macro_reference).

Only pages with `render_macros: true` in their front matter are rendered (render_by_default is
false), so generated pages — which carry contributor text — never pass through Jinja.

Markdown reads a macro's result after the macro has run, so a publisher named "[x](javascript:…)"
would become a link. A macro whose text lands inside a paragraph is marked `inline`: its result is
made inert (volia.text.sanitize.inert). Every other macro's HTML never meets Markdown at all: the
macro returns a placeholder (letters and digits, which Markdown leaves as they are, wherever the
essay puts it: a paragraph, an admonition, a list item, a quote), and `substitute` puts the HTML in
its place once Markdown has run (on_page_content, hooks/volia_macros.py). Block HTML would only be
left alone by Markdown on a line of its own at the left margin; indented, its text is read again.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from volia import addresses
from volia.analysis import chart_geometry
from volia.analysis import statistics as stats
from volia.model.vocabulary import STATUSES
from volia.site.context import BuildContext
from volia.text import i18n
from volia.text.sanitize import inert
from volia.views import citations, figures, records
from volia.views import field_dictionary as dictionary
from volia.views import policy as policy_views
from volia.views.templates import render

PLACEHOLDER_ROOT = "https://ADDRESS-OF-THIS-SITE/"  # what {{ site_root }} says when the address is unknown


@dataclass(frozen=True)
class Macro:
    """A macro: `function(ctx, page, *arguments)`; an essay calls it with the arguments only."""

    function: Callable[..., Any]
    inline: bool

    @property
    def name(self) -> str:
        return self.function.__name__

    def bind(self, ctx: BuildContext, page: Callable[[], str]) -> Callable[..., Any]:
        """The macro as an essay calls it, for the page `page()` returns at the time of the call."""
        function, inline = self.function, self.inline

        @functools.wraps(function)
        def bound(*args: Any, **kwargs: Any) -> Any:
            result = function(ctx, page(), *args, **kwargs)
            return inert(result) if inline else _defer(ctx, page(), result)

        bound.__signature__ = self.signature  # type: ignore[attr-defined]
        return bound

    @property
    def signature(self) -> inspect.Signature:
        parameters = list(inspect.signature(self.function).parameters.values())[2:]  # without ctx, page
        return inspect.Signature(parameters)

    def call_form(self) -> str:
        """How an essay calls it: `precedent(key, field="freed")`, without Python's type hints."""
        def argument(p: inspect.Parameter) -> str:
            if p.default is p.empty:
                return p.name
            return f"{p.name}={json.dumps(p.default) if isinstance(p.default, str) else p.default}"

        return f"{self.name}({', '.join(argument(p) for p in self.signature.parameters.values())})"


MACROS: dict[str, Macro] = {}


# ---- HTML put in after Markdown ----

# Drawn once per process: data cannot spell a placeholder, and none is ever published.
_NONCE = secrets.token_hex(8)
_DEFERRED: dict[tuple[int, str], dict[str, str]] = {}  # (build context, page) → placeholder → HTML
_BLOCK = re.compile(r"\s*<(?:figure|div|table|section|ol|ul|dl|details|aside|nav|blockquote|p|h[1-6])\b")


def _defer(ctx: BuildContext, page: str, html: str) -> str:
    if not str(html).strip():
        return ""
    deferred = _DEFERRED.setdefault((id(ctx), page), {})
    placeholder = f"volia{_NONCE}m{len(deferred)}x"
    deferred[placeholder] = str(html)
    return placeholder


def substitute(ctx: BuildContext, page: str, html: str) -> str:
    """The page's HTML with each macro's HTML where its placeholder is (a block macro alone in a
    paragraph takes the paragraph's place). Fails on a placeholder left over: it was put where
    no HTML can go (an attribute, a code span turned it into something else)."""
    for placeholder, output in _DEFERRED.pop((id(ctx), page), {}).items():
        if _BLOCK.match(output):
            html = re.sub(rf"<p>\s*({placeholder})\s*</p>", r"\1", html)  # the paragraph goes
        html = html.replace(placeholder, output)
    if _NONCE in html:
        raise ValueError(f"{page}: a macro's output was not found where the page put it; "
                         "call block macros on a line of their own")
    return html


def _macro(inline: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        MACROS[function.__name__] = Macro(function, inline)
        return function
    return register


def site_root(ctx: BuildContext) -> str:
    """{{ site_root }}: the address of the whole site, or a placeholder that says so."""
    return ctx.site_root or PLACEHOLDER_ROOT


# ---- Figures from the records ----

@_macro(inline=True)
def records_count(ctx: BuildContext, page: str, status: str | None = None) -> str:
    """How many records (of one status: imprisoned, restricted, released, deceased)."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"records_count: unknown status {status!r}; expected one of {STATUSES}")
    return i18n.number(sum(status is None or r.status == status for r in ctx.dataset.records), ctx.lang)


@_macro(inline=True)
def stat(ctx: BuildContext, page: str, name: str) -> str:
    """A headline figure from the records: total, imprisoned, released, recognised, held_recognised …"""
    figures_ = stats.headline(ctx.dataset, ctx.freshness)
    if name not in figures_:
        raise ValueError(f"stat: unknown figure {name!r}; expected one of {sorted(figures_)}")
    return i18n.number(figures_[name], ctx.lang)


@_macro(inline=True)
def stats_as_of(ctx: BuildContext, page: str) -> str:
    """The date the records' information describes (the newest as_of)."""
    return i18n.date(stats.as_of(ctx.dataset), ctx.lang)


@_macro()
def breakdown(ctx: BuildContext, page: str, name: str) -> str:
    """A bar chart with its text alternative and data table: status, article, facility, region,
    gender, sentence, age, year or release; nothing at all when no record has a value for it."""
    b = figures.breakdown(ctx.dataset, name, ctx.lang, ctx.freshness)
    if not b["rows"]:
        return ""  # an empty breakdown (no record gives a region, say) is left out, not shown empty
    bars, height = chart_geometry.bars([(r["label"], r["value"], r["value_text"], r["link"]) for r in b["rows"]])
    alt = "; ".join(f"{r['label']}: {r['value_text']}" for r in b["rows"])
    return render("chart_bars.html", page, ctx.lang, b=b, bars=bars, height=height, alt=alt)


@_macro()
def front_page(ctx: BuildContext, page: str) -> str:
    """The top of the home page: the latest published count, large, with its date, source and age;
    a search field; and buttons to write a letter, pass the site on offline, and read how people
    are freed."""
    h = policy_views.headline(ctx.policy, ctx.lang, ctx.public.organisation_name, ctx.today)
    return render("front_page.html", page, ctx.lang, h=h, people=addresses.PRISONERS_INDEX,
                  letters=addresses.LETTER_GUIDE, offline=addresses.OFFLINE_GUIDE,
                  strategies=addresses.STRATEGIES)


@_macro()
def people_sample(ctx: BuildContext, page: str, count: int = 3) -> str:
    """A few people held now, with full pages, as cards (the longest-held first)."""
    people = records.sample_people(ctx.public, ctx.lang, count, ctx.freshness)
    return render("people_sample.html", page, ctx.lang, people=people)


# ---- Policy data ----

@_macro(inline=True)
def precedent(ctx: BuildContext, page: str, key: str, field: str = "freed") -> str:
    """One fact of a precedent (the precedents of the open data): freed (with its qualifier), date, title,
    parties, host_country, mediator, conceded or summary."""
    return policy_views.precedent_field(ctx.policy, key, field, ctx.lang)


@_macro()
def precedents_table(ctx: BuildContext, page: str, strategy: str | None = None) -> str:
    """All precedents (or one strategy's: pressure, negotiate, exchange) as a table with sources."""
    items = policy_views.precedents(ctx.policy, ctx.lang, strategy)
    return render("precedents_table.html", page, ctx.lang, items=items)


@_macro()
def precedents_timeline(ctx: BuildContext, page: str, strategy: str | None = None, brief: bool = False) -> str:
    """Precedents in date order, optionally one strategy's; brief: only the date, what happened and
    how many were freed (the statistics page), the summaries staying in the essays."""
    items = policy_views.precedents(ctx.policy, ctx.lang, strategy)
    return render("precedents_timeline.html", page, ctx.lang, items=items, brief=brief)


@_macro()
def disputed(ctx: BuildContext, page: str, key: str) -> str:
    """A precedent's disputed fact (its `disputed` entry in the open data): every version, who says it, and
    its source. Used where an essay mentions the fact, so that no version reads as settled."""
    return render("disputed.html", page, ctx.lang, d=policy_views.disputed(ctx.policy, key, ctx.lang))


@_macro()
def headline(ctx: BuildContext, page: str) -> str:
    """The latest published count with its date, publisher and age, linked to the source."""
    h = policy_views.headline(ctx.policy, ctx.lang, ctx.public.organisation_name, ctx.today)
    # Only the publisher's name is the link, a short citation rather than a long red phrase. The link
    # is one inline HTML tag pair; the text around and between the tags is made inert for Markdown.
    marker = "\x00"
    before, after = i18n.t("headline_text", ctx.lang, n=h["n"], date=h["date"], publisher=marker,
                           age=h["age"]).split(marker)
    link = render("inline_link.html", page, ctx.lang, href=h["url"], text=inert(h["publisher"]))
    return inert(before) + Markup(link) + inert(after)


@_macro(inline=True)
def count_on(ctx: BuildContext, page: str, date: str, index: int = 0) -> str:
    """The published count for a date (the counts of the open data); index picks one of two figures for one date."""
    return policy_views.count_on(ctx.policy, date, index, ctx.lang)


@_macro()
def counts_chart(ctx: BuildContext, page: str) -> str:
    """The published counts over time as a chart and table, beside the count from the records."""
    series = policy_views.counts_series(ctx.policy, ctx.lang, ctx.public.organisation_name)
    note = i18n.count("counts_records_note", ctx.lang, stats.headline(ctx.dataset)["imprisoned"],
                       date=i18n.date(stats.as_of(ctx.dataset), ctx.lang))
    return render("counts_chart.html", page, ctx.lang, records_note=note, **series)


@_macro()
def per_million_table(ctx: BuildContext, page: str) -> str:
    """Political prisoners per million inhabitants, from the comparisons of the open data."""
    return render("per_million_table.html", page, ctx.lang, items=policy_views.comparisons(ctx.policy, ctx.lang))


@_macro(inline=True)
def compare(ctx: BuildContext, page: str, first: str, second: str) -> str:
    """A sentence comparing two countries' counts from the comparisons of the open data, each with its date, and
    which was larger; fails when the two counts are more than 45 days apart."""
    return policy_views.compare(ctx.policy, first, second, ctx.lang)


@_macro(inline=True)
def per_million(ctx: BuildContext, page: str, key: str) -> str:
    """One country's political prisoners per million inhabitants."""
    comparisons = ctx.policy.comparisons
    if key not in comparisons:
        raise KeyError(f"per_million: unknown country {key!r}; expected one of: {', '.join(comparisons)}")
    return policy_views.per_million(comparisons[key], ctx.lang)


# ---- About the site ----

@_macro()
def field_dictionary(ctx: BuildContext, page: str) -> str:
    """Every field of every data file, with its meaning, generated from the schemas."""
    return render("field_dictionary.html", page, ctx.lang, rows=dictionary.fields(ctx.lang))


@_macro()
def macro_reference(ctx: BuildContext, page: str) -> str:
    """This list: every macro with its arguments and what it returns."""
    items = [{"signature": m.call_form(), "doc": inspect.getdoc(m.function) or ""}
             for _, m in sorted(MACROS.items())]
    return render("macro_reference.html", page, ctx.lang, macros=items)


# ---- Citations and dates of the facts behind the essays ----

# One page's citations while Jinja renders it, by (build context, page): cite numbers them in order
# of first use, notes lists them and starts the page afresh (serve renders a page again on change).
_CITED: dict[tuple[int, str], citations.PageCitations] = {}


def _page_citations(ctx: BuildContext, page: str) -> citations.PageCitations:
    return _CITED.setdefault((id(ctx), page), citations.PageCitations())


@_macro()
def cite(ctx: BuildContext, page: str, *sources: str) -> str:
    """A small numbered note pointing to one or more sources of the sources list (cite("ecfr-freedoms-gambit")):
    numbered per page in the order of first use; notes() lists them at the end of the page."""
    if not sources:
        raise ValueError("cite: name at least one source id")
    for source in sources:
        citations.known(ctx.policy, source)
    cited = _page_citations(ctx, page)
    numbers = [cited.number(source) for source in sources]
    return render("citations.html", page, ctx.lang, numbers=numbers).strip()


@_macro()
def notes(ctx: BuildContext, page: str) -> str:
    """The numbered list of the sources this page cited: title, publisher, date and link. Call it once,
    at the end of the page."""
    cited = _CITED.pop((id(ctx), page), citations.PageCitations())
    return render("citations.html", page, ctx.lang, notes=citations.notes(ctx.policy, cited, ctx.lang))


@_macro(inline=True)
def source_date(ctx: BuildContext, page: str, source: str) -> str:
    """The publication date of a source of the sources list, in the page's language."""
    return citations.source_date(ctx.policy, source, ctx.lang)


@_macro(inline=True)
def count_date(ctx: BuildContext, page: str, date: str) -> str:
    """The date of a published count, in the page's language; fails when no count has that date."""
    return policy_views.count_date(ctx.policy, date, ctx.lang)


@_macro(inline=True)
def count_extra(ctx: BuildContext, page: str, date: str, name: str, index: int = 0) -> str:
    """Another figure of a published count's report (its `extra`: recognised_in_2025 …), with its
    qualifier (over, about, at least)."""
    return policy_views.count_extra(ctx.policy, date, name, index, ctx.lang)


@_macro(inline=True)
def comparison_date(ctx: BuildContext, page: str, key: str) -> str:
    """The date of one country's count in the comparisons, in the page's language."""
    return policy_views.comparison_date(ctx.policy, key, ctx.lang)
