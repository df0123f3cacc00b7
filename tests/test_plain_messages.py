"""Messages a volunteer understands (issue 18): each one word for word, as `volia check` prints it.

A YAML mistake is explained in plain words with the line and the line above; a known field in the
wrong place says where it belongs; an unknown id gets the nearest ids; no value is shown as Python
would print it; and one run reports every file's problems, the order of entries included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import volia
from test_validation import messages_after

INDENTATION = ("this line is not indented like the lines above it: the fields of one entry start in the same column, "
               "a field inside another (under cases:, sentence:, name: …) two spaces further in, and each list item "
               "(- …) in the column of the list's other items. ")


@pytest.mark.parametrize(("change", "message"), [
    (("  status: imprisoned", "   status: imprisoned"),
     "9: " + INDENTATION + "Line 9: “status: imprisoned” (3 spaces in); line 8 above it: “en: Fictional Rule Test” "
     "(4 spaces in)"),
    (("title: Example", "title: Viasna: a statement"),
     "20: a ': ' inside a value, or a field indented further than the line above it: put a text that holds ': ' in "
     "quotes (title: 'Viasna: a statement'), or indent the field like the fields around it. Line 20: “title: Viasna: "
     "a statement” (6 spaces in); line 19 above it: “- url: https://example.org/rule” (4 spaces in)"),
    (('as_of: "2024-06-01"', 'as_of: "2024-06-01'),
     '10: a quote opens here and is never closed: end the text with the same quote (" or \') that starts it. '
     'Line 10: “as_of: "2024-06-01” (2 spaces in); line 9 above it: “status: imprisoned” (2 spaces in)'),
    (("  status: imprisoned", "  status imprisoned"),
     "9: a line without a ':' after its field name: write each field as 'name: value' on one line (a long text in "
     "quotes). Line 9: “status imprisoned” (2 spaces in); line 8 above it: “en: Fictional Rule Test” (4 spaces in)"),
    (("title: Example", "title: @viasna"),
     "20: a value starts with a character YAML keeps for itself (such as @, ` or %): put the whole value in quotes. "
     "Line 20: “title: @viasna” (6 spaces in); line 19 above it: “- url: https://example.org/rule” (4 spaces in)"),
    # A field the schema knows, at the wrong depth: where it belongs, not "unknown field".
    (("      facilities:\n", "      sentence:\n        kind: imprisonment\n      regime: general\n      facilities:\n"),
     '18: record fictional-rule-test: cases[0].regime: "general" — \'regime\' does not go here: it belongs under '
     "sentence: — indent it two spaces further in than sentence:, on a line below it"),
    (('      verdict_date: "2021-09-01"\n', '      verdict_date: "2021-09-01"\n      as_of: "2024"\n'),
     '16: record fictional-rule-test: cases[0].as_of: "2024" — \'as_of\' does not go here: it belongs to the record '
     "itself — move it out, in line with id: (just after the '- ' that starts the record)"),
    (("- colony-99-testtown", "- colony-99-testown"),
     '17: record fictional-rule-test: cases[0].facilities[0]: "colony-99-testown" — not an id in data/facilities.yaml; '
     "add it there first or fix the spelling; did you mean colony-99-testtown or sizo-98-testtown?"),
    (('- "342"', '- "324"'),
     '14: record fictional-rule-test: cases[0].articles[0]: "324" — not an id in data/articles.yaml; add it there '
     "first or fix the spelling; did you mean 364, 342 or 341?"),
    # Values that are not text are said in YAML's words, never as Python prints them.
    (("    en: Fictional Rule Test\n", "    en: [Fictional, Rule]\n"),
     "8: record fictional-rule-test: name.en: a list of 2 items — expected text (in quotes if it looks like a "
     "number or date)"),
    (("      facilities:\n        - colony-99-testtown\n", "      facilities:\n        kind: colony\n"),
     "16: record fictional-rule-test: cases[0].facilities: a group of fields (kind) — expected a list"),
])
def test_each_plain_message_word_for_word(data_dir: Path, change: tuple[str, str], message: str) -> None:
    assert messages_after(data_dir, change) == [message]


def test_an_empty_removed_list_with_an_entry_below_says_to_replace_the_brackets(data_dir: Path) -> None:
    (data_dir / "removed.yaml").write_text("# Pages taken down.\n\n[]\n- id: fictional-gone\n  date: \"2025-01-01\"\n"
                                           "  reason: safety\n", encoding="utf-8")
    run = volia("--data", data_dir, "check")
    assert run.stderr.splitlines() == [
        f"{data_dir / 'removed.yaml'}:3: this line says the list is empty ([]), and entries follow below it: replace "
        "[] with them, that is, delete this line (a list is either [] or its entries, each starting with '- ')",
        "1 problem found in the data."]


def test_no_message_shows_a_python_value(data_dir: Path) -> None:
    """A facility's problems are a facility's, and its values are shown as YAML would write them."""
    text = (data_dir / "facilities.yaml").read_text(encoding="utf-8")
    broken = text.replace("  kind: colony\n", "  kind:\n    be: калонія\n", 1)
    assert broken != text
    (data_dir / "facilities.yaml").write_text(broken, encoding="utf-8")
    run = volia("--data", data_dir, "check")
    line = next(n for n, t in enumerate(broken.splitlines(), start=1) if t == "  kind:")
    assert run.stderr.splitlines()[0] == (
        f"{data_dir / 'facilities.yaml'}:{line}: facility colony-99-testtown: kind: a group of fields (be) — "
        "expected one of: pretrial, colony, prison, open, other")
    assert "{'" not in run.stderr and "['" not in run.stderr and "record colony" not in run.stderr


def test_one_run_reports_every_file_and_the_order_of_entries(data_dir: Path) -> None:
    text = (data_dir / "prisoners.yaml").read_text(encoding="utf-8")
    header, *entries = text.split("\n- ")
    moved = header + "\n- " + "\n- ".join([*entries[1:], entries[0].rstrip("\n") + "\n"])
    moved = moved.replace('arrested: "2022-04-04"', 'arrested: "2022-04-44"')
    (data_dir / "prisoners.yaml").write_text(moved, encoding="utf-8")
    (data_dir / "removed.yaml").write_text("[]\n- id: fictional-gone\n", encoding="utf-8")
    lines = moved.splitlines()
    first = lines.index("- id: fictional-ales-testovich") + 1
    last = len(lines)
    start = next(n for n, line in enumerate(lines, start=1) if line.startswith("- id: "))
    now_first = lines[start - 1].removeprefix("- id: ")
    run = volia("--data", data_dir, "check", "--github")
    shown = str(data_dir / "prisoners.yaml")
    order = (f"record fictional-ales-testovich: out of order (entries are sorted by id): move this record, lines "
             f"{first}–{last}, to above line {start}, before record {now_first} — or run `make fmt`, "
             "which does it")
    assert f"{shown}:{first}: {order}" in run.stderr.splitlines()
    assert f"::error file={shown.replace(':', '%3A')},line={first}::{order}" in run.stdout.splitlines()
    assert any(":: record fictional-minimal-person: cases[0].arrested" in line or
               "record fictional-minimal-person: cases[0].arrested: \"2022-04-44\"" in line
               for line in run.stderr.splitlines())
    assert any(line.startswith(f"{data_dir / 'removed.yaml'}:1: this line says the list is empty")
               for line in run.stderr.splitlines())
    assert run.stderr.splitlines()[-1] == "3 problems found in the data."
