"""Open Graph images: a 1200×630 card per record page and essay, drawn at build time with Pillow.

A shared link then shows the person's name and status (or the essay's title) instead of a blank
box. Drawn from the DejaVu Sans shipped in volia/outputs/fonts/ (nothing is downloaded). The cards stay out
of the offline zip: they are for social networks, which only ever fetch them from the hosted site.

Speed: a card is drawn in greyscale and stored as a 16-colour PNG (about 5 ms and 9 KB each).
Cards are also kept in a cache folder named by a hash of everything drawn, so a rebuild only draws
the cards whose text changed.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from volia.outputs.typeface import BOLD as FONT_BOLD
from volia.outputs.typeface import REGULAR as FONT_REGULAR

CACHE_VARIABLE = "VOLIA_OG_CACHE"  # where drawn cards are kept between builds; default: the user's cache folder

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = (183, 28, 28)  # the site's red
INK = (255, 255, 255)
LEVELS = 16  # grey levels kept: enough for smooth letter edges, few enough for a small PNG
VERSION = "1"  # change when the drawing changes, so cached cards are drawn anew


@dataclass(frozen=True)
class Card:
    title: str  # the person's name or the essay's title: large
    subtitle: str  # status and date, or the site's description
    footer: str  # the site's name and what it is


def render_png(card: Card) -> bytes:
    """The card as PNG bytes. Same card, same bytes."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)  # 0 = background, 255 = ink; coloured at the end
    draw = ImageDraw.Draw(canvas)
    width = WIDTH - 2 * MARGIN
    title_font, title_lines = _fit(card.title, FONT_BOLD, (76, 64, 54, 46), width, max_lines=3)
    y = 150
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title_font, fill=255)
        y += round(title_font.size * 1.2)
    sub_font, sub_lines = _fit(card.subtitle, FONT_REGULAR, (40, 34, 30), width, max_lines=2)
    y += 24
    for line in sub_lines:
        draw.text((MARGIN, y), line, font=sub_font, fill=235)
        y += round(sub_font.size * 1.3)
    footer_font, footer_lines = _fit(card.footer, FONT_REGULAR, (32, 28), width, max_lines=1)
    draw.text((MARGIN, HEIGHT - MARGIN - footer_font.size), footer_lines[0], font=footer_font, fill=200)
    draw.rectangle((0, 0, WIDTH, 16), fill=255)
    return _as_png(canvas)


def cached_png(card: Card, cache_dir: Path | None = None) -> bytes:
    """render_png, through a cache folder keyed by the card's content, the fonts and VERSION."""
    folder = cache_dir or _cache_folder()
    key = hashlib.sha256("\x1f".join((VERSION, _fonts_digest(), card.title, card.subtitle, card.footer))
                         .encode("utf-8")).hexdigest()
    path = folder / key[:2] / f"{key}.png"
    if path.is_file():
        return path.read_bytes()
    data = render_png(card)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, path)  # never leave half a file for a later build to read
    return data


# ---- Helpers ----

@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _cache_folder() -> Path:
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "volia" / "og"


@cache
def _fonts_digest() -> str:
    digest = hashlib.sha256()
    for path in (FONT_REGULAR, FONT_BOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _fit(text: str, path: Path, sizes: tuple[int, ...], width: int,
         max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which `text` wraps into `max_lines`; at the smallest, the rest is cut with …"""
    for size in sizes:
        font = _font(path, size)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    while lines[-1] and font.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip() + "…"
    return font, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines or [""]


def _palette() -> list[int]:
    colours = []
    for level in range(LEVELS):
        share = level / (LEVELS - 1)
        colours += [round(b + (i - b) * share) for b, i in zip(BACKGROUND, INK, strict=True)]
    return colours


def _as_png(canvas: Image.Image) -> bytes:
    """Greyscale → 16 levels → a palette image coloured from background red to white ink."""
    shift = 8 - (LEVELS - 1).bit_length()
    levels = canvas.point(lambda v: v >> shift)
    image = Image.frombytes("P", levels.size, levels.tobytes())
    image.putpalette(_palette())
    buffer = io.BytesIO()
    image.save(buffer, "PNG", bits=4)
    return buffer.getvalue()
