"""The facts behind the essays: precedents, published counts over time, per-capita comparisons,
and the sources the essays cite.

Loaded and checked like the records (volia/data/loading.py); essays reach them only through the
macros, by key, so a corrected figure changes every page that cites it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PolicyData:
    precedents: dict[str, dict[str, Any]]
    counts: list[dict[str, Any]]  # sorted by date; two figures for one date keep file order
    comparisons: dict[str, dict[str, Any]]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # what essays cite, by id

    def latest_count(self) -> dict[str, Any]:
        return self.counts[-1]

    def counts_on(self, date: str) -> list[dict[str, Any]]:
        return [c for c in self.counts if c["date"] == date]
