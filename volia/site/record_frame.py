"""Record pages drawn from a frame: the theme's page around a record, drawn in full twice, then reused.

Every record page sits in prisoners/, none is in the navigation and none has a table of contents, so
around its content Material draws the same page for each of them except a few values: the title, the
Open Graph description, and the addresses that hold the record's slug (the language switcher, the
card, the canonical address). Drawing the theme's base.html was the largest part of building a
record page; at 20,000 records it was most of a build. So the theme draws one record page in full, a
frame is cut from it (its content, description, title and slug become slots), and the next record
page the theme also draws in full must come out of that frame byte for byte. Only then are the
others filled in from the frame. A value that also appears in the fixed part of the page (a slug
that is also a folder's name) makes the check fail, and the next page is tried; after three
failures the theme draws every page of that kind, as before.

Pages of different shapes (a minimal page's "noindex", a page with or without a card, another
folder) get frames of their own. Whatever happens after the theme (compaction, the content security
policy) runs on every page alike, so a build with frames writes the same bytes as one without:
tests/test_record_frames.py builds both and compares every file.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

TRIES = 3  # seeds tried per shape before the theme draws every page of that shape
Shape = tuple[Any, ...]


@dataclass(frozen=True)
class PageValues:
    """What differs between two record pages of one shape, as it appears in the drawn page."""

    content: str
    description: str  # the Open Graph description, escaped as the template escapes it; "" if none
    title: str  # as the theme prints it: the page's title is escaped once, when it is set
    slug: str

    def slots(self) -> tuple[str, ...]:
        return (self.content, self.description, self.title, self.slug)


def page_values(page: Any, context: dict) -> tuple[Shape, PageValues]:
    """The shape of a record page (what picks its frame) and its own values."""
    og = context.get("volia_og") or {}
    meta = page.meta or {}
    shape = (posixpath.dirname(page.file.dest_uri),
             tuple(sorted((key, repr(value)) for key, value in meta.items() if key != "title")),
             tuple(sorted(key for key, value in og.items() if value)),
             bool(page.toc and page.toc.items))
    values = PageValues(content=page.content or "",
                        description=str(escape(og["description"])) if og.get("description") else "",
                        title=str(meta.get("title") or page.title or ""),
                        slug=posixpath.splitext(posixpath.basename(page.file.dest_uri))[0])
    return shape, values


class Frame:
    """A drawn page with its values cut out: fixed text, and the slots (indexes into PageValues.slots)."""

    def __init__(self, parts: list[str | int]) -> None:
        self.parts = parts

    @classmethod
    def cut(cls, page: str, values: PageValues) -> Frame | None:
        """None when the content is not in the page exactly once (nothing could be filled in)."""
        if not values.content or page.count(values.content) != 1:
            return None
        parts: list[str | int] = [page]
        for slot, value in enumerate(values.slots()):
            if not value:
                continue
            cut: list[str | int] = []
            for part in parts:
                if isinstance(part, int):
                    cut.append(part)
                    continue
                pieces = part.split(value)
                for index, piece in enumerate(pieces):
                    if index:
                        cut.append(slot)
                    cut.append(piece)
            parts = cut
        return cls(parts)

    def fill(self, values: PageValues) -> str:
        slots = values.slots()
        return "".join(slots[part] if isinstance(part, int) else part for part in self.parts)


class Frames:
    """One build's frames, by shape: learned from pages the theme draws, used once checked."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._checked: dict[Shape, Frame] = {}
        self._candidates: dict[Shape, Frame | None] = {}
        self._tries: Counter[Shape] = Counter()
        self.drawn = 0  # pages the theme drew in full
        self.filled = 0  # pages filled in from a frame

    def fill(self, shape: Shape, values: PageValues) -> str | None:
        """The whole page from its shape's checked frame; None: the theme draws it."""
        frame = self._checked.get(shape) if self.enabled else None
        if frame is None:
            self.drawn += 1
            return None
        self.filled += 1
        return frame.fill(values)

    def learn(self, shape: Shape, values: PageValues, page: str) -> None:
        """A page the theme drew: it checks the frame cut from the page before, or seeds one."""
        if not self.enabled or shape in self._checked:
            return
        candidate = self._candidates.get(shape)
        if candidate is not None and candidate.fill(values) == page:
            self._checked[shape] = candidate
        elif self._tries[shape] < TRIES:
            self._tries[shape] += 1
            self._candidates[shape] = Frame.cut(page, values)
