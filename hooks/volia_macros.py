"""mkdocs-macros glue: the macros essay writers call. Documented on docs/about/macros.md.

Only pages with `render_macros: true` in their front matter are rendered (render_by_default is
false), so generated pages — which carry contributor text — never pass through Jinja. Unknown
macros and variables fail the build (on_undefined: strict).
"""

from __future__ import annotations

import functools
import inspect
import json

from volia import charts, figures, i18n, language_links, policy_views, stats, views
from volia import field_dictionary as dictionary
from volia.dataset import SCHEMA_DIR, cached_dataset, data_stamp
from volia.dates import today
from volia.policy import cached_policy
from volia.render import render
from volia.sanitize import inert
from volia.site_settings import data_folder, language


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros' MacrosPlugin
    config = env.conf
    ours: dict = {}

    def macro(function):  # noqa: ANN001, ANN202 - registers and remembers for macro_reference
        ours[function.__name__] = function
        return env.macro(function)

    def inline(function):  # noqa: ANN001, ANN202 - a macro whose text lands inside a paragraph
        # Markdown reads a macro's result after the macro has run. Block HTML on its own line is
        # left alone, but text inside a paragraph is parsed: a publisher named "[x](javascript:…)"
        # would become a link. Inline results are therefore made inert (volia.sanitize.inert).
        @functools.wraps(function)
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            return inert(function(*args, **kwargs))
        return macro(wrapper)

    lang = language(config)
    data_dir = data_folder(config)
    # The address of the whole site (every language's site_url carries its own folder, ru/ or en/).
    own_url = config.site_url or ""
    folder = language_links.prefix(lang)
    env.variables["site_root"] = (own_url[: -len(folder)] if folder and own_url.endswith(folder) else own_url) \
        or "https://ADDRESS-OF-THIS-SITE/"

    # mkdocs-macros calls define_env at the start of every build (each reload of `mkdocs serve`
    # too), so the data files are looked at once per build here, not once per macro call.
    stamp = data_stamp(data_dir)

    def dataset():  # noqa: ANN202
        return cached_dataset(data_dir, today(), stamp)

    def policy():  # noqa: ANN202
        return cached_policy(data_dir, stamp)

    def page_uri() -> str:
        return env.page.file.src_uri

    @inline
    def records_count(status: str | None = None) -> str:
        """How many records (of one status: imprisoned, restricted, released, deceased)."""
        records = dataset().records
        if status is not None and status not in stats.STATUSES:
            raise ValueError(f"records_count: unknown status {status!r}; expected one of {stats.STATUSES}")
        return i18n.number(sum(status is None or r.status == status for r in records), lang)

    @inline
    def stat(name: str) -> str:
        """A headline figure from the records: total, imprisoned, released, recognised, held_recognised …"""
        figures_ = stats.headline(dataset())
        if name not in figures_:
            raise ValueError(f"stat: unknown figure {name!r}; expected one of {sorted(figures_)}")
        return i18n.number(figures_[name], lang)

    @inline
    def stats_as_of() -> str:
        """The date the records' information describes (the newest as_of)."""
        return i18n.date(stats.as_of(dataset()), lang)

    @macro
    def breakdown(name: str) -> str:
        """A bar chart with its text alternative and data table: status, article, facility, region,
        gender, sentence, age, year or release."""
        b = figures.breakdown(dataset(), name, lang)
        bars, height = charts.bars([(r["label"], r["value"], r["value_text"], r["link"]) for r in b["rows"]])
        alt = "; ".join(f"{r['label']}: {r['value_text']}" for r in b["rows"])
        return render("chart_bars.html", page_uri(), lang, b=b, bars=bars, height=height, alt=alt)

    @macro
    def people_sample(count: int = 3) -> str:
        """A few people held now, with full pages, as cards (the longest-held first)."""
        people = views.sample_people(dataset(), lang, count)
        return render("people_sample.html", page_uri(), lang, people=people)

    @inline
    def precedent(key: str, field: str = "freed") -> str:
        """One fact of a precedent in data/precedents.yaml: freed (with its qualifier), date, title,
        parties, host_country, mediator, conceded or summary."""
        return policy_views.precedent_field(policy(), key, field, lang)

    @macro
    def precedents_table(strategy: str | None = None) -> str:
        """All precedents (or one strategy's: pressure, negotiate, exchange) as a table with sources."""
        items = policy_views.precedents(policy(), lang, strategy)
        return render("precedents_table.html", page_uri(), lang, items=items)

    @macro
    def precedents_timeline(strategy: str | None = None) -> str:
        """Precedents in date order, optionally one strategy's."""
        items = policy_views.precedents(policy(), lang, strategy)
        return render("precedents_timeline.html", page_uri(), lang, items=items)

    @macro
    def headline() -> str:
        """The latest published count with its date and publisher, linked to the source."""
        h = policy_views.headline(policy(), lang, dataset().organisation_name)
        text = i18n.t("headline_text", lang, n=h["n"], date=h["date"], publisher=h["publisher"])
        # The link is one inline HTML tag pair; the text between the tags is still read by Markdown.
        return render("inline_link.html", page_uri(), lang, href=h["url"], text=inert(text))

    @inline
    def count_on(date: str, index: int = 0) -> str:
        """The published count for a date in data/counts.yaml; index picks one of two figures for one date."""
        return policy_views.count_on(policy(), date, index, lang)

    @macro
    def counts_chart() -> str:
        """The published counts over time as a chart and table, beside the count from the records."""
        series = policy_views.counts_series(policy(), lang, dataset().organisation_name)
        note = i18n.t("counts_records_note", lang, n=i18n.number(stats.headline(dataset())["imprisoned"], lang),
                      date=i18n.date(stats.as_of(dataset()), lang))
        return render("counts_chart.html", page_uri(), lang, records_note=note, **series)

    @macro
    def per_million_table() -> str:
        """Political prisoners per million inhabitants, from data/comparisons.yaml."""
        return render("per_million_table.html", page_uri(), lang, items=policy_views.comparisons(policy(), lang))

    @inline
    def per_million(key: str) -> str:
        """One country's political prisoners per million inhabitants."""
        comparisons = policy().comparisons
        if key not in comparisons:
            raise KeyError(f"per_million: unknown country {key!r}; expected one of: {', '.join(comparisons)}")
        return policy_views.per_million(comparisons[key], lang)

    @macro
    def field_dictionary() -> str:
        """Every field of every data file, with its meaning, generated from data/schema/."""
        rows = dictionary.fields(SCHEMA_DIR)
        return render("field_dictionary.html", page_uri(), lang, rows=rows)

    @macro
    def macro_reference() -> str:
        """This list: every macro with its arguments and what it returns."""
        items = [{"signature": _call_form(name, fn), "doc": inspect.getdoc(fn) or ""}
                 for name, fn in sorted(ours.items())]
        return render("macro_reference.html", page_uri(), lang, macros=items)


def _call_form(name: str, function) -> str:  # noqa: ANN001 - a macro
    """How an essay calls the macro: `precedent(key, field="freed")`, without Python's type hints."""
    def argument(p: inspect.Parameter) -> str:
        if p.default is p.empty:
            return p.name
        return f"{p.name}={json.dumps(p.default) if isinstance(p.default, str) else p.default}"

    return f"{name}({', '.join(argument(p) for p in inspect.signature(function).parameters.values())})"
