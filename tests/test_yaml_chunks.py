"""A big records file is parsed a few entries at a time (volia/data/safe_yaml.py), to keep the
build's memory down; what comes out must be what one whole parse gives: the same values, the same
lines of every entry, key and item, the same duplicate keys, and for a broken file the same report.

Each test parses the sample records with chunks of 2 entries (so the file crosses many chunk
boundaries) and compares with the whole parse; the negative control shows the comparison sees a
moved line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from volia.data import safe_yaml
from volia.data.problems import DataError

RECORDS = Path(__file__).parent.parent / "data" / "prisoners.yaml"  # the sample records


def _shape(value: Any) -> Any:
    """Everything parsing keeps: values, and the lines the checks report."""
    if isinstance(value, safe_yaml.Mapping):
        return ("map", value.line, sorted(value.key_lines.items()), value.duplicate_keys,
                [(key, _shape(item)) for key, item in value.items()])
    if isinstance(value, safe_yaml.Sequence):
        return ("list", value.line, value.item_lines, [_shape(item) for item in value])
    return value


def _report(text: str, **chunks: int) -> str:
    with pytest.raises(DataError) as caught:
        safe_yaml.parse_yaml(text, "data/prisoners.yaml", **chunks)
    return caught.value.report()


@pytest.fixture(scope="module")
def text() -> str:
    return RECORDS.read_text(encoding="utf-8")


def test_chunks_give_what_the_whole_parse_gives(text: str) -> None:
    head, entries = safe_yaml.split_entries(text)
    assert len(entries) > 6, "the sample must span several chunks of 2"
    whole = safe_yaml.parse_yaml(text, "data/prisoners.yaml", chunk=len(entries) + 1)
    chunked = safe_yaml.parse_yaml(text, "data/prisoners.yaml", chunk=2)
    assert _shape(chunked) == _shape(whole)
    # A duplicate key deep in a later entry keeps both of its lines.
    last_line, last = entries[-1]
    doubled = text[: text.rindex(last)] + last.replace("\n", "\n  id: again\n", 1)
    whole = safe_yaml.parse_yaml(doubled, "x", chunk=len(entries) + 1)
    chunked = safe_yaml.parse_yaml(doubled, "x", chunk=2)
    assert chunked[-1].duplicate_keys == [("id", last_line + 1, last_line)]
    assert _shape(chunked) == _shape(whole)


def test_the_comparison_sees_a_moved_line(text: str) -> None:
    """Negative control: one blank line added in the middle moves every later line."""
    head, entries = safe_yaml.split_entries(text)
    line, middle = entries[len(entries) // 2]
    moved = text.replace(middle, "\n" + middle, 1)
    assert _shape(safe_yaml.parse_yaml(moved, "x", chunk=2)) != _shape(safe_yaml.parse_yaml(text, "x", chunk=2))


def test_a_broken_entry_is_reported_as_the_whole_parse_reports_it(text: str) -> None:
    head, entries = safe_yaml.split_entries(text)
    line, entry = entries[5]
    broken = text.replace(entry, entry.replace("\n  ", "\n ", 1), 1)  # one field out of line
    whole = _report(broken, chunk=len(entries) + 1)
    assert f":{line + 1}" in whole
    assert _report(broken, chunk=2) == whole


def test_an_alias_to_another_chunk_is_refused(text: str) -> None:
    """Entries 0 and 3 fall in different chunks of 2: the alias cannot resolve inside its chunk, and
    the whole parse then refuses it with the words every alias gets."""
    head, entries = safe_yaml.split_entries(text)
    first, fourth = entries[0][1], entries[3][1]
    aliased = text.replace(first, first.replace("- id: ", "- id: &who ", 1), 1)
    aliased = aliased.replace(fourth, fourth.rstrip("\n") + "\n  also: *who\n", 1)
    report = _report(aliased, chunk=2)
    assert "anchors and aliases (&name, *name) are not allowed" in report
    assert report == _report(aliased, chunk=len(entries) + 1)


@pytest.mark.parametrize("head", ["%YAML 1.1\n---\n", "---\n", "key: value\n"])
def test_a_file_that_is_not_a_plain_list_is_parsed_whole(text: str, head: str) -> None:
    """Anything before the first entry but comments: no chunks (a directive or a mapping there
    means something for the whole file)."""
    assert safe_yaml._parse_in_chunks(head + text, 2) is None
    assert safe_yaml._parse_in_chunks("# a comment\n\n" + text, 2) is not None
