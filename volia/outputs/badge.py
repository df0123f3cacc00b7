"""An embeddable badge: the latest published count of political prisoners, with its date and source.

One self-contained SVG per language (badge.svg at the language's root): no fonts, images, scripts
or styles from anywhere else, so a site that shows it makes no request for it but the badge itself.
Text widths are measured with the DejaVu Sans shipped in volia/outputs/fonts/ and fixed with `textLength`,
so the text fits its box whatever font the reader's system substitutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import ImageFont

from volia.model.partial_date import PartialDate
from volia.model.policy import PolicyData
from volia.outputs.typeface import REGULAR
from volia.text import i18n
from volia.text.i18n import t
from volia.views.policy import Naming
from volia.views.templates import environment

FONT_SIZE = 11
HEIGHT = 20
PADDING = 6


@dataclass(frozen=True)
class Segment:
    text: str
    x: float  # left edge
    width: float  # box width
    text_width: float
    fill: str

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 2)


def badge_svg(policy: PolicyData, lang: str, naming: Naming) -> bytes:
    """The badge for the newest count in data/counts.yaml, in `lang`."""
    latest = policy.latest_count()
    publisher = naming(latest["source"]["publisher"], lang)
    count = i18n.number(latest["held"], lang)
    # The date as the site writes it (Babel's short month names are clipped in Belarusian).
    when = i18n.date(PartialDate.parse(latest["date"]), lang)
    source = f"{publisher}, {when}"
    segments = _layout([(t("badge_label", lang), "#555"), (count, "#c62828"), (source, "#6d6d6d")])
    label = t("badge_alt", lang, n=count, source=publisher, date=when)
    text = environment().get_template("badge.svg").render(
        segments=segments, width=round(segments[-1].x + segments[-1].width, 1), height=HEIGHT, label=label,
        font_size=FONT_SIZE, lang=lang)
    return text.encode("utf-8")


def _layout(parts: list[tuple[str, str]]) -> list[Segment]:
    segments, x = [], 0.0
    for text, fill in parts:
        width = round(_text_width(text), 1)
        segments.append(Segment(text, round(x, 1), round(width + 2 * PADDING, 1), width, fill))
        x += width + 2 * PADDING
    return segments


@cache
def _font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(REGULAR), FONT_SIZE)


def _text_width(text: str) -> float:
    return _font().getlength(text)
