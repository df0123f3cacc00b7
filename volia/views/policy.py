"""Policy data (precedents, counts, comparisons) as text in one language, for the macros."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from babel import Locale

from volia.analysis import chart_geometry
from volia.model.languages import fallback_language, pick
from volia.model.partial_date import PartialDate
from volia.model.policy import PolicyData
from volia.text import i18n
from volia.text.i18n import t

PRECEDENT_FIELDS = ("freed", "date", "title", "parties", "host_country", "mediator", "conceded", "summary",
                    "disagreement")
# data/precedents.yaml names states in English. CLDR's English names (Babel) map them to ISO codes
# and the codes to each language's name; this table adds only the short forms CLDR does not use.
COUNTRY_ALIASES = {"USA": "US", "United States of America": "US", "UK": "GB", "Great Britain": "GB",
                   "UAE": "AE", "Holy See": "VA", "Vatican": "VA", "Czech Republic": "CZ"}


def country_code(english_name: str) -> str | None:
    """The ISO 3166 code of a state named in English, or None for a name CLDR does not know."""
    return _english_countries().get(english_name.casefold())


def country(english_name: str, lang: str) -> str:
    """A state's name in `lang` (Злучаныя Штаты Амерыкі); a body that is not a state keeps its name."""
    code = country_code(english_name)
    return Locale(lang).territories.get(code, english_name) if code else english_name


@cache
def _english_countries() -> dict[str, str]:
    names = {name.casefold(): code for code, name in Locale("en").territories.items() if code.isalpha()}
    return names | {alias.casefold(): code for alias, code in COUNTRY_ALIASES.items()}


def _date(text: str | None, lang: str) -> str:
    return i18n.date(PartialDate.parse(text), lang) if text else t("unknown", lang)


def freed_text(p: dict[str, Any], lang: str) -> str:
    if p["freed"] is None:
        return t("unknown", lang)
    n = i18n.number(p["freed"], lang)
    qualifier = p.get("freed_qualifier")
    return t(f"qualifier_{qualifier}", lang, n=n) if qualifier else n


def precedent_view(p: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "key": p["key"],
        "title": pick(p["title"], lang),
        "date": _date(p.get("date"), lang),
        "date_key": p.get("date") or "9999",
        "parties": ", ".join(country(party, lang) for party in p["parties"]),
        "mediator": country(p["mediator"], lang) if p.get("mediator") else "",
        "host_country": country(p["host_country"], lang) if p.get("host_country") else t("unknown", lang),
        "freed": freed_text(p, lang),
        "conceded": pick(p.get("conceded"), lang),
        "summary": pick(p["summary"], lang),
        "disagreement": pick(p.get("disagreement"), lang),
        "disputed": dispute_view(p, lang),
        "strategy": p["strategy"],
        "sources": p["sources"],
    }


def dispute_view(p: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """What a precedent's `disputed` entry shows: the point, and every version with its source."""
    disputed = p.get("disputed")
    if not disputed:
        return None
    return {"point": pick(disputed["point"], lang),
            "claims": [{"by": pick(c["by"], lang), "says": pick(c["says"], lang),
                        "says_lang": fallback_language(c["says"], lang), "source": c["source"],
                        "date": _date(c["source"]["date"], lang) if c["source"].get("date") else ""}
                       for c in disputed["claims"]]}


def disputed(policy: PolicyData, key: str, lang: str) -> dict[str, Any]:
    if key not in policy.precedents:
        raise KeyError(f"disputed: unknown precedent {key!r}; expected one of: {', '.join(sorted(policy.precedents))}")
    view = dispute_view(policy.precedents[key], lang)
    if view is None:
        with_dispute = sorted(k for k, p in policy.precedents.items() if p.get("disputed"))
        raise KeyError(f"disputed: precedent {key!r} has no disputed entry; these do: {', '.join(with_dispute)}")
    return view


def precedent_field(policy: PolicyData, key: str, field: str, lang: str) -> str:
    if key not in policy.precedents:
        raise KeyError(f"precedent: unknown key {key!r}; expected one of: {', '.join(sorted(policy.precedents))}")
    if field not in PRECEDENT_FIELDS:
        raise KeyError(f"precedent: unknown field {field!r}; expected one of: {', '.join(PRECEDENT_FIELDS)}")
    return precedent_view(policy.precedents[key], lang)[field]


def precedents(policy: PolicyData, lang: str, strategy: str | None) -> list[dict[str, Any]]:
    if strategy is not None and strategy not in ("pressure", "negotiate", "exchange"):
        raise KeyError(f"unknown strategy {strategy!r}; expected pressure, negotiate or exchange")
    items = [precedent_view(p, lang) for p in policy.precedents.values()
             if strategy is None or p["strategy"] == strategy]
    return sorted(items, key=lambda v: PartialDate.parse(v["date_key"]).sort_key)


# How a page names an organisation the data writes in English: Dataset.organisation_name.
Naming = Callable[[str, str], str]


def headline(policy: PolicyData, lang: str, naming: Naming, today: dt.date) -> dict[str, str]:
    """The latest published count, with how old it is on the day of the build."""
    latest = policy.latest_count()
    return {"n": i18n.number(latest["held"], lang), "date": _date(latest["date"], lang),
            "age": i18n.age(PartialDate.parse(latest["date"]), today, lang),
            "publisher": naming(latest["source"]["publisher"], lang), "url": latest["source"]["url"]}


def count_on(policy: PolicyData, date: str, index: int, lang: str) -> str:
    return i18n.number(_count_rows(policy, date, index, "count_on")["held"], lang)


def counts_series(policy: PolicyData, lang: str, naming: Naming) -> dict[str, Any]:
    first = PartialDate.parse(policy.counts[0]["date"]).earliest()
    last = PartialDate.parse(policy.counts[-1]["date"]).earliest()
    span = max((last - first).days, 1)
    series = [((PartialDate.parse(c["date"]).earliest() - first).days / span, c["held"],
               c["date"], i18n.number(c["held"], lang)) for c in policy.counts]
    points, _ = chart_geometry.line_points(series)
    peak = max(range(len(points)), key=lambda i: policy.counts[i]["held"])
    rows = [{"date": _date(c["date"], lang), "held": i18n.number(c["held"], lang),
             "publisher": naming(c["source"]["publisher"], lang), "url": c["source"]["url"],
             "note": pick(c.get("note"), lang), "note_lang": fallback_language(c.get("note"), lang)}
            for c in policy.counts]
    alt = "; ".join(f"{r['date']}: {r['held']}" for r in rows)
    # Dated ticks: the first of January of every year the series spans, placed as the points are.
    ticks = [{"x": chart_geometry.x_of((dt.date(year, 1, 1) - first).days / span), "label": str(year)}
             for year in range(first.year + 1, last.year + 1)]
    labelled = sorted({0, peak, len(points) - 1})  # the first, highest and latest values, written out
    return {"points": points, "peak": peak, "rows": rows, "alt": alt, "ticks": ticks, "labelled": labelled,
            "baseline": chart_geometry.LINE_BASELINE}


def per_million(c: dict[str, Any], lang: str) -> str:
    if c.get("prisoners") is None:
        return t("no_count", lang)
    return i18n.number(round(c["prisoners"] / c["population"] * 1_000_000, 1), lang)


MAX_COMPARISON_GAP_DAYS = 45  # two counts further apart than this describe different moments


def published_comparisons(policy: PolicyData) -> list[dict[str, Any]]:
    """Rows with a sourced, dated count, by date: a row without its count's source is not published."""
    rows = [c for c in policy.comparisons.values()
            if c.get("prisoners") is not None and c.get("prisoners_as_of") and c.get("prisoners_source")]
    return sorted(rows, key=lambda c: (PartialDate.parse(c["prisoners_as_of"]).sort_key, c["key"]))


def compare(policy: PolicyData, first: str, second: str, lang: str) -> str:
    """One sentence comparing two countries' counts, each with its date, and which was larger.
    Refuses counts of dates far apart: such a comparison would say something no source says."""
    rows = {c["key"]: c for c in published_comparisons(policy)}
    for key in (first, second):
        if key not in rows:
            raise KeyError(f"compare: no published comparison row {key!r}; expected one of: {', '.join(rows)}")
    a, b = rows[first], rows[second]
    a_date, b_date = (PartialDate.parse(c["prisoners_as_of"]) for c in (a, b))
    gap = abs((a_date.latest() - b_date.latest()).days)
    if gap > MAX_COMPARISON_GAP_DAYS:
        raise ValueError(f"compare: {first} ({a_date}) and {second} ({b_date}) are {gap} days apart; "
                         f"expected counts at most {MAX_COMPARISON_GAP_DAYS} days apart")
    if a["prisoners"] == b["prisoners"]:
        more = t("compare_same", lang)
    else:
        more = t("compare_more", lang, country=pick((a if a["prisoners"] > b["prisoners"] else b)["country"], lang))
    return t("compare_sentence", lang, a_country=pick(a["country"], lang), a_n=i18n.number(a["prisoners"], lang),
             a_date=i18n.date(a_date, lang), b_country=pick(b["country"], lang),
             b_n=i18n.number(b["prisoners"], lang), b_date=i18n.date(b_date, lang), more=more)


def comparisons(policy: PolicyData, lang: str) -> list[dict[str, Any]]:
    return [{"country": pick(c["country"], lang), "population": i18n.number(c["population"], lang),
             "prisoners": i18n.number(c["prisoners"], lang) if c.get("prisoners") is not None else t("no_count", lang),
             "as_of": _date(c["prisoners_as_of"], lang) if c.get("prisoners_as_of") else "",
             "per_million": per_million(c, lang),
             "sources": [s for s in (c.get("population_source"), c.get("prisoners_source")) if s]}
            for c in published_comparisons(policy)]


def _count_rows(policy: PolicyData, date: str, index: int, caller: str) -> dict[str, Any]:
    rows = policy.counts_on(date)
    if not rows:
        known = ", ".join(c["date"] for c in policy.counts)
        raise KeyError(f"{caller}: no published count for {date!r}; expected one of: {known}")
    if not 0 <= index < len(rows):
        raise KeyError(f"{caller}: {date!r} has {len(rows)} figure(s); index {index} does not exist")
    return rows[index]


def count_date(policy: PolicyData, date: str, lang: str) -> str:
    return _date(_count_rows(policy, date, 0, "count_date")["date"], lang)


# A count's `extra` key ending in one of these carries the qualifier (strings.yaml: qualifier_…).
EXTRA_QUALIFIERS = {"_at_least": "at least", "_about": "about", "_over": "over"}


def count_extra(policy: PolicyData, date: str, name: str, index: int, lang: str) -> str:
    extra = _count_rows(policy, date, index, "count_extra").get("extra") or {}
    if name not in extra:
        raise KeyError(f"count_extra: the count of {date!r} has no figure {name!r}; "
                       f"expected one of: {', '.join(sorted(extra)) or 'none'}")
    n = i18n.number(extra[name], lang)
    for suffix, qualifier in EXTRA_QUALIFIERS.items():
        if name.endswith(suffix):
            return t(f"qualifier_{qualifier}", lang, n=n)
    return n


def comparison_date(policy: PolicyData, key: str, lang: str) -> str:
    rows = {c["key"]: c for c in published_comparisons(policy)}
    if key not in rows:
        raise KeyError(f"comparison_date: no published comparison row {key!r}; expected one of: {', '.join(rows)}")
    return _date(rows[key]["prisoners_as_of"], lang)
