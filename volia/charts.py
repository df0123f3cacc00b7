"""Charts as SVG drawn at build time: no JavaScript, no CDN, readable on a phone.

This module computes geometry only; overrides/volia/chart_*.html holds the markup. Every chart
comes with a text alternative and its data as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 0  # labels sit above the bars, so long names never squeeze the bars on a phone
WIDTH = 320


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_text: str
    y: int
    width: float
    link: str | None = None


def bars(rows: list[tuple[str, int, str, str | None]]) -> tuple[list[Bar], int]:
    """(label, value, value text, link) rows → bars scaled to the widest, and the chart height."""
    top = max((value for _, value, _, _ in rows), default=0) or 1
    usable = WIDTH - 60  # room for the value printed after the bar
    result = []
    y = 0
    for label, value, value_text, link in rows:
        result.append(Bar(label, value, value_text, y, round(usable * value / top, 1), link))
        y += 14 + BAR_HEIGHT + GAP
    return result, max(y, 1)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value_text: str


def line_points(series: list[tuple[float, int, str, str]], width: int = WIDTH, height: int = 160,
                pad: int = 30) -> tuple[list[Point], int]:
    """(x as a fraction of time, value, label, value text) → points in a width × height box."""
    top = max((v for _, v, _, _ in series), default=0) or 1
    points = [Point(round(pad + x * (width - 2 * pad), 1), round(height - pad - (height - 2 * pad) * v / top, 1),
                    label, text) for x, v, label, text in series]
    return points, top
