"""The facts behind the essays: precedents, published counts over time, per-capita comparisons.

Loaded and checked like the records (same loader, same problem format); essays reach them only
through the macros, by key, so a corrected figure changes every page that cites it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from volia.dataset import COMPARISONS, COUNTS, PRECEDENTS, load_list, shown_path
from volia.dates import PartialDate
from volia.problems import DataError, Problem
from volia.rules import RuleContext, check_entries


@dataclass(frozen=True)
class PolicyData:
    precedents: dict[str, dict[str, Any]]
    counts: list[dict[str, Any]]  # sorted by date; two figures for one date keep file order
    comparisons: dict[str, dict[str, Any]]

    def latest_count(self) -> dict[str, Any]:
        return self.counts[-1]

    def counts_on(self, date: str) -> list[dict[str, Any]]:
        return [c for c in self.counts if c["date"] == date]


def load_policy(data_dir: Path) -> PolicyData:
    problems: list[Problem] = []
    loaded: dict[str, list] = {}
    for spec in (PRECEDENTS, COUNTS, COMPARISONS):
        data, found = load_list(data_dir, spec)
        problems += found
        if data and spec.unique:
            problems += check_entries(RuleContext(data, shown_path(data_dir, spec.name), {}, dt.date.max),
                                      key=spec.key)
        loaded[spec.name] = data
    if problems:
        raise DataError(problems)
    counts = sorted(loaded[COUNTS.name], key=lambda c: PartialDate.parse(c["date"]).sort_key)
    return PolicyData(
        precedents={p["key"]: p for p in loaded[PRECEDENTS.name]},
        counts=counts,
        comparisons={c["key"]: c for c in loaded[COMPARISONS.name]},
    )


@lru_cache(maxsize=4)
def cached_policy(data_dir: Path, stamp: tuple) -> PolicyData:
    return load_policy(data_dir)

