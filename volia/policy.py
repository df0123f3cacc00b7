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

from volia import schema_check
from volia.dataset import SCHEMA_DIR, shown_path
from volia.dates import PartialDate
from volia.loader import load_yaml
from volia.problems import NO_VALUE, DataError, Problem
from volia.rules import RuleContext, check_entries

FILES = (("precedents.yaml", "precedents", "key"), ("counts.yaml", "counts", None),
         ("comparisons.yaml", "comparisons", "key"))


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
    for name, definition, key in FILES:
        shown = shown_path(data_dir, name)
        path = data_dir / name
        if not path.exists():
            problems.append(Problem(shown, 1, "", "", NO_VALUE, "the file is missing; expected a YAML list"))
            continue
        try:
            data = load_yaml(path, shown)
        except DataError as error:
            problems += error.problems
            continue
        if not isinstance(data, list):
            problems.append(Problem(shown, 1, "", "", NO_VALUE, "expected a YAML list of entries"))
            continue
        validator = schema_check.validator_for(SCHEMA_DIR, "policy.schema.json", definition)
        problems += schema_check.check(data, validator, shown)
        if key:
            problems += check_entries(RuleContext(data, shown, {}, dt.date.max), key=key)
        loaded[definition] = data
    if problems:
        raise DataError(problems)
    counts = sorted(loaded["counts"], key=lambda c: PartialDate.parse(c["date"]).sort_key)
    return PolicyData(
        precedents={p["key"]: p for p in loaded["precedents"]},
        counts=counts,
        comparisons={c["key"]: c for c in loaded["comparisons"]},
    )


@lru_cache(maxsize=4)
def cached_policy(data_dir: Path, stamp: tuple) -> PolicyData:
    return load_policy(data_dir)

