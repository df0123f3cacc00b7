"""A problem found in the data, and the one format every check reports it in.

Contributors read these messages in a terminal and as GitHub annotations, so each one says
where (file and line), which record and field, the bad value, and what was expected.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

_MAX_VALUE_CHARS = 80


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    record: str  # the record's id, or "" when the problem is not inside one record
    field: str  # a path such as cases[0].articles[1], or "" for the whole file
    value: object
    expected: str
    kind: str = "record"  # what an entry of this file is: record, facility, precedent, count …

    def __str__(self) -> str:
        return f"{one_line(self.file)}:{self.line}:{self._message()}"

    def _message(self) -> str:
        # Every part may echo contributor text (a key, an id, a file name): each stays on one line,
        # so no line of a report can pose as a CI runner's workflow command (::warning …).
        parts = []
        if self.record:
            parts.append(f" {self.kind} {one_line(self.record)}:")
        if self.field:
            parts.append(f" {one_line(self.field)}:")
        if self.value is not _NO_VALUE:
            parts.append(f" {show_value(self.value)} —")
        parts.append(f" {one_line(self.expected)}")
        return "".join(parts)

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (an annotation on the line)."""
        # Workflow commands end at a newline and treat % specially; property values also end at
        # "," and ":". The message is one line already; escape what is left.
        message = self._message().strip().replace("%", "%25")
        file = one_line(self.file).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={file},line={self.line}::{message}"


class _NoValue:
    def __repr__(self) -> str:
        return "<no value>"


# Marks a problem that has no single bad value (a missing field, a broken file).
_NO_VALUE = _NoValue()
NO_VALUE: object = _NO_VALUE


def show_value(value: object) -> str:
    """Repeat a bad value so a contributor recognises it, shortened and with hidden characters shown."""
    text = _quote(value) if isinstance(value, str) else _described(value)
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 1] + "…"
    return text


def _described(value: object) -> str:
    """A value that is not text, in YAML's words rather than Python's: no {'…': …} or […] in a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        fields = ", ".join(one_line(str(key)) for key in value)
        return f"a group of fields ({fields})" if fields else "an empty group of fields ({})"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}" if value else "an empty list ([])"
    return one_line(str(value))


def nearest(value: str, known: Iterable[str], count: int = 3) -> list[str]:
    """The existing ids closest in spelling to `value`, closest first (none when nothing is close)."""
    return difflib.get_close_matches(value, sorted(known), n=count, cutoff=0.6)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """'; did you mean colony-15-mahiliou or colony-1-navapolatsk?', or '' when no id is close."""
    close = nearest(value, known)
    if not close:
        return ""
    listed = close[0] if len(close) == 1 else ", ".join(close[:-1]) + " or " + close[-1]
    return f"; did you mean {listed}?"


def one_line(text: str) -> str:
    """`text` with every line break and other invisible character shown as an escape (\\u000a):
    a message that echoes contributor text stays one line in a terminal, a log or a CI runner."""
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in str(text))


def _quote(text: str) -> str:
    # ascii escapes make invisible characters (zero-width, bidi overrides, controls) visible.
    return f'"{one_line(text)}"'


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.record, p.field))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the data.")
        return "\n".join(lines)
