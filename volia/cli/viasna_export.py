"""Reading Viasna's export strictly, and the report of what a person must look at.

The export is read with duplicate keys refused (the second value would silently win otherwise), and
every row is checked for the shape the importer expects before anything is converted: a value that
is not text where text is expected is reported with its row and field, never turned into a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Fields the importer reads as text; any of them may also be missing, "" or "FALSE".
TEXT_FIELDS = ("name", "status", "gender", "birthday", "description", "arrested", "judge", "verdict_date",
               "decision", "penalty", "appeal_date", "release_date", "url", "declaration", "photo",
               "prison/title", "prison/address", *(f"articles/{i}" for i in range(13)))
# Without these a row cannot become a record at all.
ESSENTIAL = ("name", "status")


class ExportError(Exception):
    """The export as a whole cannot be read: nothing is imported."""


@dataclass(frozen=True)
class Entry:
    """One thing in the export that the importer could not map, or mapped with a gap a person must fill."""

    row: int  # 1-based position in the export
    record: str  # the record id, or "" when the row made no record
    field: str  # the export's field name
    value: Any  # the raw value, as the export gives it
    note: str  # what the importer did about it

    def line(self) -> str:
        who = f"row {self.row}, record {self.record}" if self.record else f"row {self.row}"
        return f"{who}: {self.field} = {json.dumps(self.value, ensure_ascii=False)} — {self.note}"


def read_export(path: Path) -> list[Any]:
    """The export's rows; ExportError with a plain message when it cannot be read as a JSON list."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"{path}: cannot read the export: {error}") from error
    try:
        rows = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as error:
        raise ExportError(f"{path}: cannot read the export: {error}") from error
    except _DuplicateKey as duplicate:
        raise ExportError(f"{path}: cannot read the export: the key {duplicate.key!r} appears twice in one "
                          f"object ({duplicate.where}); which value is meant is unknown — fix the export "
                          "and run the import again") from None
    if not isinstance(rows, list):
        raise ExportError(f"{path}: expected a JSON list of people, found {type(rows).__name__}")
    return rows


def shape_problems(number: int, row: Any) -> tuple[list[Entry], bool]:
    """Entries for values of the wrong type in one row, and whether the row can still make a record
    (it cannot when it is not an object, or its name or status is not text)."""
    if not isinstance(row, dict):
        return [Entry(number, "", "(row)", row, "expected an object with a person's fields; row skipped")], False
    entries = []
    usable = True
    for field in TEXT_FIELDS:
        value = row.get(field)
        if value is None or value is False or isinstance(value, str):
            continue
        essential = field in ESSENTIAL
        usable = usable and not essential
        entries.append(Entry(number, "", field, value, f"expected text, found {_kind(value)}; "
                                                       + ("row skipped" if essential else "value left out")))
    return entries, usable


def write_report(path: Path, entries: list[Entry], *, source: Path, as_of: str) -> None:
    """The report as plain text: a header, then one line per entry (none for a clean export)."""
    lines = [f"# volia import-viasna: {source.name} (as of {as_of})",
             f"# {len(entries)} value(s) need a person's look. Each line: row, record id, "
             "export field = raw value — what the importer did",
             *(entry.line() for entry in entries)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class _DuplicateKey(Exception):
    def __init__(self, key: str, where: str) -> None:
        super().__init__(key)
        self.key, self.where = key, where


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            name = seen.get("name") if isinstance(seen.get("name"), str) else None
            raise _DuplicateKey(key, f"the person named {name!r}" if name else "an object in the export")
        seen[key] = value
    return seen


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)
