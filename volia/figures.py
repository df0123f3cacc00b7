"""Statistics turned into labelled rows for charts and tables, in one language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from volia import i18n, stats, views
from volia.i18n import t
from volia.model import Dataset, pick

# Release modes lead to the strategy that produces them (essays under docs/strategies/).
STRATEGY_OF_RELEASE = {"pardon": "strategies/negotiate.md", "deported": "strategies/negotiate.md",
                       "exchange": "strategies/exchange.md", "served": "strategies/pressure.md"}


Counter = Callable[[], stats.Breakdown]
Labeller = Callable[[str], tuple[str, str | None]]


def _labels(dataset: Dataset, lang: str) -> dict[str, tuple[Counter, Labeller]]:
    """name → (how to count, how to label a key: (label, link or None))."""
    return {
        "status": (lambda: stats.by_status(dataset), lambda k: (t(f"status_group_{k}", lang), None)),
        "article": (lambda: stats.by_article(dataset),
                    lambda k: (f"{k} — {pick(dataset.articles[k].title, lang)}", views.article_uri(k))),
        "facility": (lambda: stats.by_facility(dataset),
                     lambda k: (pick(dataset.facilities[k].name, lang), views.facility_uri(k))),
        "region": (lambda: stats.by_region(dataset), lambda k: (pick(dataset.regions[k].name, lang), None)),
        "gender": (lambda: stats.by_gender(dataset), lambda k: (t(f"gender_{k}", lang), None)),
        "sentence": (lambda: stats.by_sentence(dataset), lambda k: (t(f"band_{k}", lang), None)),
        "age": (lambda: stats.by_age_at_arrest(dataset), lambda k: (t(f"band_{k}", lang), None)),
        "year": (lambda: stats.arrests_per_year(dataset), lambda k: (k, None)),
        "release": (lambda: stats.release_modes(dataset),
                    lambda k: (t(f"how_{k}", lang), STRATEGY_OF_RELEASE.get(k))),
    }


BREAKDOWNS = ("status", "article", "facility", "region", "gender", "sentence", "age", "year", "release")


def breakdown(dataset: Dataset, name: str, lang: str) -> dict[str, Any]:
    """A named breakdown as {title, rows, unknown, source}; unknown names raise KeyError."""
    labels = _labels(dataset, lang)
    if name not in labels:
        raise KeyError(f"unknown breakdown {name!r}; expected one of: {', '.join(BREAKDOWNS)}")
    count, label = labels[name]
    result = count()
    rows = []
    for key, value in result.rows:
        text, link = label(key)
        rows.append({"key": key, "label": text, "value": value, "value_text": i18n.number(value, lang),
                     "link": link})
    return {"name": name, "title": t(f"chart_{name}", lang), "rows": rows,
            "unknown": result.unknown, "source": source_line(dataset, lang)}


def source_line(dataset: Dataset, lang: str) -> str:
    return t("figures_source", lang, n=i18n.number(len(dataset.records), lang),
             date=i18n.date(stats.as_of(dataset), lang))
