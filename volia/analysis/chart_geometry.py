"""Charts as SVG drawn at build time: no JavaScript, no CDN, readable on a phone.

This module computes geometry only; the markup is in overrides/volia/: chart_bars.html for the
bar charts, counts_chart.html for the line chart of published counts. Every chart comes with a
text alternative and its data as a table.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 6
LINE_HEIGHT = 13  # one line of label text, at the charts' 11 px font
WIDTH = 320
# Labels sit above the bars (long names never squeeze the bars on a phone) and wrap instead of
# running off the drawing. At 11 px a sans-serif letter averages 5.5–6.5 px, Cyrillic a little
# wider than Latin: 48 letters stay inside 320 px. The full label is always in the data table.
LABEL_CHARS = 48
LABEL_LINES = 3


@dataclass(frozen=True)
class Bar:
    label: str
    lines: tuple[tuple[int, str], ...]  # (baseline y, text) of each line of the label
    value: int
    value_text: str
    y: int  # top of the bar
    width: float
    link: str | None = None


def label_lines(label: str, chars: int = LABEL_CHARS, most: int = LABEL_LINES) -> list[str]:
    """`label` wrapped at spaces into lines of at most `chars` letters; past `most` lines it ends in …"""
    lines = textwrap.wrap(label, chars, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    return lines


def bars(rows: list[tuple[str, int, str, str | None]]) -> tuple[list[Bar], int]:
    """(label, value, value text, link) rows → bars scaled to the widest, and the chart height."""
    top = max((value for _, value, _, _ in rows), default=0) or 1
    usable = WIDTH - 60  # room for the value printed after the bar
    result = []
    y = 0
    for label, value, value_text, link in rows:
        lines = label_lines(label)
        baselines = tuple((y + 11 + LINE_HEIGHT * n, line) for n, line in enumerate(lines))
        y += LINE_HEIGHT * (len(lines) - 1)
        result.append(Bar(label, baselines, value, value_text, y + 14, round(usable * value / top, 1), link))
        y += 14 + BAR_HEIGHT + GAP
    return result, max(y, 1)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value_text: str


LINE_HEIGHT, LINE_PAD = 160, 30
LINE_BASELINE = LINE_HEIGHT - LINE_PAD  # the y of zero: the line chart's scale starts at 0


def x_of(fraction: float, width: int = WIDTH, pad: int = LINE_PAD) -> float:
    """The x of a moment given as a fraction of the time the chart spans."""
    return round(pad + fraction * (width - 2 * pad), 1)


def line_points(series: list[tuple[float, int, str, str]], width: int = WIDTH, height: int = LINE_HEIGHT,
                pad: int = LINE_PAD) -> tuple[list[Point], int]:
    """(x as a fraction of time, value, label, value text) → points in a width × height box."""
    top = max((v for _, v, _, _ in series), default=0) or 1
    points = [Point(x_of(x, width, pad), round(height - pad - (height - 2 * pad) * v / top, 1),
                    label, text) for x, v, label, text in series]
    return points, top
