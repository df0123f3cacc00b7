"""Statistics turned into labelled rows for charts and tables, in one language (from the whole
Dataset, as volia/analysis/statistics.py explains)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from volia.addresses import ESSAY_OF_RELEASE_MODE, article_uri, facility_uri
from volia.analysis import statistics as stats
from volia.analysis.freshness import Freshness
from volia.model.dataset import Dataset
from volia.model.languages import pick
from volia.text import i18n
from volia.text.i18n import t

Counter = Callable[[], stats.Breakdown]
Labeller = Callable[[str], tuple[str, str | None]]


def _labels(dataset: Dataset, lang: str, fresh: Freshness | None) -> dict[str, tuple[Counter, Labeller]]:
    """name → (how to count, how to label a key: (label, link or None))."""
    return {
        "status": (lambda: stats.by_status(dataset, fresh), lambda k: (t(f"status_group_{k}", lang), None)),
        "article": (lambda: stats.by_article(dataset),
                    lambda k: (f"{k} — {pick(dataset.articles[k].title, lang)}", article_uri(k))),
        "facility": (lambda: stats.by_facility(dataset),
                     lambda k: (pick(dataset.facilities[k].name, lang), facility_uri(k))),
        "region": (lambda: stats.by_region(dataset), lambda k: (pick(dataset.regions[k].name, lang), None)),
        "gender": (lambda: stats.by_gender(dataset), lambda k: (t(f"gender_{k}", lang), None)),
        "sentence": (lambda: stats.by_sentence(dataset), lambda k: (t(f"band_{k}", lang), None)),
        "age": (lambda: stats.by_age_at_arrest(dataset), lambda k: (t(f"band_{k}", lang), None)),
        "year": (lambda: stats.arrests_per_year(dataset), lambda k: (k, None)),
        "release": (lambda: stats.release_modes(dataset),
                    lambda k: (t(f"how_{k}", lang), ESSAY_OF_RELEASE_MODE.get(k))),
    }


BREAKDOWNS = ("status", "article", "facility", "region", "gender", "sentence", "age", "year", "release")


def breakdown(dataset: Dataset, name: str, lang: str, fresh: Freshness | None = None) -> dict[str, Any]:
    """A named breakdown as {title, rows, unknown, source}; unknown names raise KeyError."""
    labels = _labels(dataset, lang, fresh)
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
            "unknown": result.unknown, "source": source_line(dataset, lang),
            "published_only": None if result.published_only is None
            else t("chart_published_only", lang, n=i18n.number(result.published_only, lang))}


def source_line(dataset: Dataset, lang: str) -> str:
    return t("figures_source", lang, n=i18n.number(len(dataset.records), lang),
             date=i18n.date(stats.as_of(dataset), lang))
