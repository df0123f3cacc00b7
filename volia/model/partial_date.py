"""Partial dates ("2021", "2021-03", "2021-03-10").

Sources often give only a year or a month. A PartialDate keeps exactly the precision given and
never invents the rest; comparisons between dates of different precision only say "before" when
that is certain.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DATE_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError for anything else or an impossible date."""
        match = DATE_FORM.match(text)
        if not match:
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match[1])
        month, day = (int(g) if g else None for g in match.groups()[1:])
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if month is not None and day is not None:
            dt.date(year, month, day)  # raises ValueError for 2021-02-30
        return cls(year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """A whole calendar day as a PartialDate (for "today" and computed days)."""
        return cls(day.year, day.month, day.day)

    @staticmethod
    def parse_optional(text: str | None) -> PartialDate | None:
        """parse(text), or None for a missing value."""
        return PartialDate.parse(text) if text else None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def surely_after(self, other: PartialDate) -> bool:
        """True only when every day this date may mean lies after every day `other` may mean."""
        return self.earliest() > other.latest()

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

