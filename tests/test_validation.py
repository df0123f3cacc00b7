"""One small broken fixture per validation rule, each asserting the exact message a contributor sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import volia

from volia.data.loading import load_dataset, load_policy
from volia.data.problems import DataError

RECORD = """\
- id: fictional-rule-test
  publication: full
  consent:
    basis: person
    by: the person
    date: "2024-01-01"
  name:
    en: Fictional Rule Test
  status: imprisoned
  as_of: "2024-06-01"
  cases:
    - arrested: "2021-01-15"
      articles:
        - "342"
      verdict_date: "2021-09-01"
      facilities:
        - colony-99-testtown
  sources:
    - url: https://example.org/rule
      title: Example
  last_verified: "2024-06-01"
"""


def problems_for(data_dir: Path, text: str) -> list[str]:
    (data_dir / "prisoners.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_the_valid_record_passes(data_dir: Path) -> None:
    (data_dir / "prisoners.yaml").write_text(RECORD, encoding="utf-8")
    assert [r.id for r in load_dataset(data_dir).records] == ["fictional-rule-test"]


@pytest.mark.parametrize(("change", "message"), [
    (("arrested: \"2021-01-15\"", "arrested: \"2021-02-30\""),
     '12: record fictional-rule-test: cases[0].arrested: "2021-02-30" — not a real date; expected YYYY, YYYY-MM or YYYY-MM-DD'),
    (("arrested: \"2021-01-15\"", "arrested: 15.01.2021"),
     '12: record fictional-rule-test: cases[0].arrested: "15.01.2021" — expected a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD"'),
    (("verdict_date: \"2021-09-01\"", "verdict_date: \"2020-09-01\""),
     '15: record fictional-rule-test: cases[0].verdict_date: "2020-09-01" — comes before arrested (2021-01-15); expected arrested ≤ verdict_date'),
    (("- \"342\"", "- \"999\""),
     '14: record fictional-rule-test: cases[0].articles[0]: "999" — not an id in data/articles.yaml; add it there first or fix the spelling'),
    (("- colony-99-testtown", "- colony-1-nowhere"),
     '17: record fictional-rule-test: cases[0].facilities[0]: "colony-1-nowhere" — not an id in data/facilities.yaml; add it there first or fix the spelling'),
    (("status: imprisoned", "status: released"),
     '12: record fictional-rule-test: cases[0]: status is released but the last case has no release; expected released: {date: ..., how: ...} (or date_unknown: true with a note)'),
    (("status: imprisoned", "status: free"),
     '9: record fictional-rule-test: status: "free" — expected one of: imprisoned, restricted, released, deceased, not-recognised'),
    (("  consent:\n    basis: person\n    by: the person\n    date: \"2024-01-01\"\n", ""),
     '1: record fictional-rule-test: consent: missing; this field is required here'),
    (("  name:\n    en: Fictional Rule Test\n", "  name:\n    en: Fictional Rule Test\n  nmae: typo\n"),
     '9: record fictional-rule-test: nmae: "typo" — unknown field \'nmae\'; did you mean name? Expected one of: aliases, as_of, bio, born, cases, consent, gender, id, last_verified, letters, name, occupation, photo, publication, recognised, region, sources, status, summary, verified_by'),
    (("url: https://example.org/rule", "url: javascript:alert(1)"),
     '19: record fictional-rule-test: sources[0].url: "javascript:alert(1)" — expected an http:// or https:// address without spaces or quotes'),
    (("    en: Fictional Rule Test\n", "    en: Fictional Rule Test\n    en: Another Name\n"),
     '9: record fictional-rule-test: name.en: this key is given twice (first at line 8); YAML would keep only the last value and lose the other: keep one'),
    # jsonschema alone would let one trailing line break through a pattern (Python's `$`); it must not.
    (("title: Example", 'title: "Example\\n"'),
     '20: record fictional-rule-test: sources[0].title: "Example\\u000a" — expected text without control characters, zero-width characters or direction overrides'),
    (("  last_verified: \"2024-06-01\"", "  last_verified: \"2030-01-01\""),
     '21: record fictional-rule-test: last_verified: "2030-01-01" — in the future (today is 2026-11-26); expected a past date'),
])
def test_each_rule_has_its_exact_message(data_dir: Path, change: tuple[str, str], message: str) -> None:
    assert messages_after(data_dir, change) == [message]


def messages_after(data_dir: Path, change: tuple[str, str]) -> list[str]:
    """The problems of RECORD with one text replaced, each without its file name."""
    old, new = change
    assert old in RECORD
    return [p.split(":", 1)[1] for p in problems_for(data_dir, RECORD.replace(old, new, 1))]


def test_duplicate_ids_name_the_first_line(data_dir: Path) -> None:
    found = problems_for(data_dir, RECORD + "\n" + RECORD)
    assert [p.split(":", 1)[1] for p in found] == [
        '23: record fictional-rule-test: id: "fictional-rule-test" — this id is already used by the entry at line 1;'
        " expected a unique id"]


def test_every_problem_is_reported_at_once(data_dir: Path) -> None:
    broken = RECORD.replace('status: imprisoned', 'status: free').replace('- "342"', '- "999"')
    second = RECORD.replace("fictional-rule-test", "fictional-second").replace('"2021-01-15"', '"2021-13-01"')
    found = problems_for(data_dir, broken + "\n" + second)
    assert len(found) == 3
    assert {p.split(": ")[1] for p in found} == {"record fictional-rule-test", "record fictional-second"}


def test_a_released_record_may_say_its_date_is_unknown_but_must_say_why(data_dir: Path) -> None:
    released = RECORD.replace("status: imprisoned", "status: released").replace(
            "        - colony-99-testtown\n",
            "        - colony-99-testtown\n      released:\n        date_unknown: true\n        how: other\n")
    found = problems_for(data_dir, released)
    assert [p.split(":", 1)[1] for p in found] == [
        "18: record fictional-rule-test: cases[0].released: a group of fields (date_unknown, how) — "
        "expected a date, or date_unknown: true with a note (not both)"]
    fixed = released.replace("how: other\n", "how: other\n        note: Sources say free, not since when.\n")
    (data_dir / "prisoners.yaml").write_text(fixed, encoding="utf-8")
    assert load_dataset(data_dir).records[0].status == "released"


def test_partial_dates_compare_only_when_certain(data_dir: Path) -> None:
    # A verdict known only as "2021" may fall after an arrest on 15 January 2021: not an error.
    text = RECORD.replace('verdict_date: "2021-09-01"', 'verdict_date: "2021"')
    (data_dir / "prisoners.yaml").write_text(text, encoding="utf-8")
    assert load_dataset(data_dir).records[0].latest_case.verdict_date.precision == "year"


@pytest.mark.parametrize(("text", "message"), [
    ("", "1: the file is empty; expected a YAML list of entries (- id: ...)"),
    ("id: x\n", "1: the file holds fields (name: value), not a list; expected a YAML list of entries, each "
                "starting with '- ' (- id: ...)"),
    ("- id: [x\n", "1: a [ opens a list on this line and is not closed with ]: close it, or put a text that "
                   "starts with [ in quotes. Line 1: “- id: [x” (0 spaces in)"),
])
def test_a_malformed_file_gets_one_clear_message(data_dir: Path, text: str, message: str) -> None:
    found = problems_for(data_dir, text)
    assert [p.split(":", 1)[1] for p in found] == [message]


def test_volia_check_exits_non_zero_with_the_report_and_no_traceback(data_dir: Path) -> None:
    (data_dir / "prisoners.yaml").write_text(RECORD.replace("status: imprisoned", "status: free"), encoding="utf-8")
    run = volia("--data", data_dir, "check", "--github")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert 'record fictional-rule-test: status: "free" — expected one of' in run.stderr
    assert "1 problem found in the data." in run.stderr
    assert run.stdout.startswith(f"::error file={data_dir / 'prisoners.yaml'},line=9::record fictional-rule-test")
    (data_dir / "prisoners.yaml").write_text(RECORD, encoding="utf-8")
    ok = volia("--data", data_dir, "check")
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize(("name", "text", "message"), [
    ("counts.yaml", "", "counts.yaml:1: the file is empty; expected a YAML list of entries (- date: ...)"),
    ("precedents.yaml", "key: x\n", "precedents.yaml:1: the file holds fields (name: value), not a list; expected "
                                     "a YAML list of entries, each starting with '- ' (- key: ...)"),
])
def test_a_malformed_policy_file_gets_the_same_clear_message(data_dir: Path, name: str, text: str,
                                                              message: str) -> None:
    (data_dir / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_policy(data_dir)
    assert [str(p).rsplit("/", 1)[-1] for p in caught.value.problems] == [message]


def test_an_organisation_needs_its_english_name(data_dir: Path) -> None:
    (data_dir / "organisations.yaml").write_text("- id: no-english\n  name:\n    be: Толькі па-беларуску\n",
                                                 encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert [str(p).split(":", 1)[1] for p in caught.value.problems] == [
        "2: organisation no-english: name.en: missing; this field is required here"]


def test_two_organisations_may_not_share_a_name(data_dir: Path) -> None:
    (data_dir / "organisations.yaml").write_text(
        "- id: first\n  name:\n    en: Same Name\n- id: second\n  name:\n    be: Іншая назва\n    en: same name\n",
        encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert [str(p).split(":", 1)[1] for p in caught.value.problems] == [
        '7: organisation second: name.en: "same name" — organisation first already has this name; expected a name of its own']
