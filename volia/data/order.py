"""Where an entry out of sorted order goes, said as a place in the file as it is now.

`volia check` reports these with every other problem, so a contributor who edits in a browser
(no `make fmt` at hand) sees, on the entry's own line, exactly where to move it.
"""

from __future__ import annotations

import bisect
from typing import Any

from volia.data.canonical_form import sort_key
from volia.data.files import DataFile
from volia.data.problems import NO_VALUE, Problem
from volia.data.schema_check import entry_kind


def order_problems(entries: list[Any], spec: DataFile, shown_as: str, text: str) -> list[Problem]:
    """Each entry out of sorted order, with the exact place it goes: "move it below line N".

    The entries that stay are the longest run already in order; every other one is placed after the
    last staying entry that sorts before it. Lines are the file's as it is now."""
    placed = [e for e in entries if isinstance(e, dict) and hasattr(e, "line")]
    keys = [sort_key(e, spec.key) for e in placed]
    staying = _longest_sorted_run(keys)
    lines = text.splitlines()
    ends = [_end_line(lines, e.line, placed[n + 1].line if n + 1 < len(placed) else len(lines) + 1)
            for n, e in enumerate(placed)]
    kind, problems = entry_kind(spec), []
    for number, entry in enumerate(placed):
        if number in staying:
            continue
        # Between the staying entries around it; after any other moved entry that sorts before it.
        before = [n for n in staying if keys[n] <= keys[number]]
        span = f"lines {entry.line}–{ends[number]}"
        if before:
            where = f"below line {ends[before[-1]]}, after {kind} {placed[before[-1]].get(spec.key)}"
        else:
            first = min(staying)
            where = f"above line {placed[first].line}, before {kind} {placed[first].get(spec.key)}"
        gap = max(before, default=-1)
        moved = [n for n in range(len(placed)) if n not in staying and n != number
                 and max((m for m in staying if keys[m] <= keys[n]), default=-1) == gap
                 and (keys[n], n) < (keys[number], number)]
        if moved:
            neighbour = max(moved, key=lambda n: (keys[n], n))
            where += f" (and after {kind} {placed[neighbour].get(spec.key)}, which moves there too)"
        problems.append(Problem(shown_as, entry.line, str(entry.get(spec.key, "")), "", NO_VALUE,
                                f"out of order (entries are sorted by {spec.key}): move this {kind}, "
                                f"{span}, to {where} — or run `make fmt`, which does it", kind))
    return problems


def _longest_sorted_run(keys: list[tuple]) -> set[int]:
    """The indices of a longest non-decreasing subsequence of `keys` (patience sorting)."""
    tails: list[int] = []  # tails[k]: index ending the best run of length k + 1
    previous: list[int] = [-1] * len(keys)
    for index, key in enumerate(keys):
        position = bisect.bisect_right([keys[t] for t in tails], key)
        previous[index] = tails[position - 1] if position else -1
        if position == len(tails):
            tails.append(index)
        else:
            tails[position] = index
    run, index = set(), tails[-1] if tails else -1
    while index != -1:
        run.add(index)
        index = previous[index]
    return run


def _end_line(lines: list[str], start: int, next_start: int) -> int:
    """The last line of an entry that starts at `start`, before blank or comment lines that follow it."""
    end = next_start - 1
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end
