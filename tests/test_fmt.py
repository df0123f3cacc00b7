"""`volia fmt`: one canonical form for every data file, that never changes what the data says."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import Result, volia
from conftest import FIXTURES, ROOT

from volia.cli.main import FORMATTED
from volia.data.canonical_form import canonical, comment_lines, sort_key, split_header
from volia.data.canonical_form import key_order as _order
from volia.data.loading import load_dataset
from volia.data.safe_yaml import load_yaml


def fmt(data_dir: Path, *args: str) -> Result:
    return volia("--data", data_dir, "fmt", *args)


RECORD = """\
# FICTIONAL records for a formatting test.

- last_verified: 2024-06-01
  status: imprisoned
  id: fictional-b
  publication: minimal
  name: {en: Fictional B}
  as_of: "2024-06-01"
  cases: [{arrested: 2021-01-15, articles: ['342']}]
  sources:
    - {url: "https://example.org/b#section", title: 'Example: B'}
- id: fictional-a
  publication: minimal
  name:
    en: Fictional A
  status: released
  as_of: "2024-06-01"
  cases:
    - arrested: "2020-01-01"
      released: {date: "2021-01-01", how: served}
  sources:
    - url: https://example.org/a
      title: Example
  last_verified: "2024-06-01"
"""


# ---- The canonical form ----

@pytest.mark.parametrize("folder", [ROOT / "data", FIXTURES / "data"], ids=["repository", "fixtures"])
def test_canonical_form_keeps_every_value_and_is_stable(folder: Path, tmp_path: Path) -> None:
    checked = 0
    for spec in FORMATTED:
        path = folder / spec.name
        if not path.exists():
            continue
        entries = load_yaml(path, str(path)) or []
        order = _order(spec)
        text = canonical(entries, order, split_header(path.read_text(encoding="utf-8"))[0], key=spec.key)
        scratch = tmp_path / spec.name
        scratch.write_text(text, encoding="utf-8")
        again = load_yaml(scratch, spec.name)
        # Same values, same types (dates stay text, "yes" stays a word); only the entries' order may
        # change, to sorted by key (stable: equal keys keep their order).
        expected = sorted(entries, key=lambda e: sort_key(e, spec.key))
        assert _sorted_view(again) == _sorted_view(expected), spec.name
        assert canonical(again, order, split_header(text)[0], key=spec.key) == text, f"{spec.name} is not stable"
        checked += 1
    assert checked >= 7


def _sorted_view(value: object) -> object:
    """Values with mapping order ignored (the form reorders keys), list order kept."""
    if isinstance(value, dict):
        return {k: _sorted_view(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_sorted_view(v) for v in value]
    return value


def test_records_sorted_keys_in_schema_order_dates_quoted(data_dir: Path) -> None:
    (data_dir / "prisoners.yaml").write_text(RECORD, encoding="utf-8")
    run = fmt(data_dir)
    assert run.returncode == 0, run.stderr
    text = (data_dir / "prisoners.yaml").read_text(encoding="utf-8")
    assert text.startswith("# FICTIONAL records for a formatting test.\n\n- id: fictional-a\n")
    b = text[text.index("- id: fictional-b"):]
    assert b.splitlines()[:9] == [
        "- id: fictional-b",
        "  publication: minimal",
        "  name:",
        "    en: Fictional B",
        "  status: imprisoned",
        '  as_of: "2024-06-01"',
        "  cases:",
        '    - arrested: "2021-01-15"',
        "      articles:",
    ]
    assert '  last_verified: "2024-06-01"' in b
    assert "https://example.org/b#section" in b  # a "#" inside a value is text, kept as it was
    ids = [r.id for r in load_dataset(data_dir).records]
    assert ids == sorted(ids)
    assert fmt(data_dir, "--check").returncode == 0


def test_check_prints_a_diff_and_fails_then_passes_after_fmt(data_dir: Path) -> None:
    assert fmt(data_dir).returncode == 0  # the other files: canonical, so that only this one differs
    path = data_dir / "prisoners.yaml"
    path.write_text(RECORD, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    run = fmt(data_dir, "--check")
    assert run.returncode == 1
    assert f"--- {path} (as it is)" in run.stdout and f"+++ {path} (canonical)" in run.stdout
    assert "\n-- last_verified: 2024-06-01\n" in run.stdout and '\n+  last_verified: "2024-06-01"\n' in run.stdout
    assert run.stdout.count("(as it is)") == 1
    assert "1 file(s) not in canonical form: run `volia fmt`" in run.stderr
    assert path.read_text(encoding="utf-8") == before  # --check never writes
    assert fmt(data_dir).returncode == 0
    clean = fmt(data_dir, "--check")
    assert (clean.returncode, clean.stdout) == (0, "")


def test_long_text_is_folded_and_reads_back_as_one_line(data_dir: Path) -> None:
    summary = "A fictional summary that runs on " + "and on " * 20 + "to the end."
    odd = "Two  spaces and a trailing space that cannot be folded safely, so it stays quoted instead "
    path = data_dir / "prisoners.yaml"
    entries = load_yaml(path, "x")
    entries[0]["summary"] = {"en": summary}
    entries[0]["occupation"] = {"en": odd}
    path.write_text(canonical(entries, _order(FORMATTED[0])), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "    en: >-\n" in text
    again = load_yaml(path, "x")
    assert again[0]["summary"]["en"] == summary
    assert again[0]["occupation"]["en"] == odd


def test_policy_files_keep_two_figures_for_one_date_in_their_order(data_dir: Path) -> None:
    path = data_dir / "counts.yaml"
    counts = load_yaml(path, "counts")
    assert len(counts) >= 2
    source = dict(counts[0]["source"])
    # Two figures for one month: publication order must survive sorting by date.
    assert not [c for c in counts if c["date"] == "2019-05"]
    extra = [{"date": "2019-05", "held": 1477, "source": source, "extra": {"zeta": 1, "alpha": 2}},
             {"date": "2019-05", "held": 1452, "source": source}]
    path.write_text(canonical(list(counts) + extra, _order(_spec("counts.yaml")), key="date"),
                    encoding="utf-8")
    assert fmt(data_dir).returncode == 0
    after = load_yaml(path, "counts")
    same_month = [c["held"] for c in after if c["date"] == "2019-05"]
    assert same_month == [1477, 1452]
    assert list(next(c for c in after if c["held"] == 1477)["extra"]) == ["zeta", "alpha"]  # author's order
    dates = [c["date"] for c in after]
    assert dates == sorted(dates, key=lambda d: tuple(int(p) for p in d.split("-")))


def _spec(name: str):
    return next(s for s in FORMATTED if s.name == name)


def test_precedents_are_sorted_by_key(data_dir: Path) -> None:
    path = data_dir / "precedents.yaml"
    entries = list(load_yaml(path, "p"))
    header = split_header(path.read_text(encoding="utf-8"))[0]
    reversed_text = canonical(list(reversed(entries)), {}, key="nothing")  # "nothing": file order kept
    path.write_text(header + "\n\n" + reversed_text, encoding="utf-8")
    assert [e["key"] for e in load_yaml(path, "p")] == [e["key"] for e in reversed(entries)]
    assert fmt(data_dir).returncode == 0
    keys = [e["key"] for e in load_yaml(path, "p")]
    assert keys == sorted(keys)
    assert path.read_text(encoding="utf-8").startswith(header)


# ---- Comments ----

@pytest.mark.parametrize(("text", "lines"), [
    ("# header\n- id: a\n", [1]),
    ("- id: a  # after a value\n", [1]),
    ("- id: a\n  # a whole line\n  b: c\n", [2]),
    ("- url: https://example.org/#anchor\n", []),
    ("- t: 'quoted # text'\n  u: \"also # text\"\n", []),
    ("- p: plain#text\n", []),
    ("- b: |  # on the block's first line\n    inside # the block\n", [1]),
    ("- f: >-\n    folded # text\n  g: [1, 2]  # after a list\n", [3]),
    ("- k: v\n# at the very end", [2]),
])
def test_comment_lines_finds_every_comment_and_no_text(text: str, lines: list[int]) -> None:
    assert comment_lines(text) == lines


def test_fmt_refuses_to_drop_an_end_of_line_comment(data_dir: Path) -> None:
    path = data_dir / "prisoners.yaml"
    text = path.read_text(encoding="utf-8")
    marked = text.replace("  status: released\n", "  status: released  # checked by phone\n", 1)
    assert marked != text
    path.write_text(marked, encoding="utf-8")
    line = marked.splitlines().index("  status: released  # checked by phone") + 1
    run = fmt(data_dir)
    assert run.returncode == 1
    assert f"comments on lines {line} would be lost" in run.stderr
    assert path.read_text(encoding="utf-8") == marked  # refused: nothing written
    check = fmt(data_dir, "--check")
    assert check.returncode == 1 and f"comments on lines {line} would be lost" in check.stderr


def test_header_comments_are_kept_and_not_reported(data_dir: Path) -> None:
    path = data_dir / "prisoners.yaml"
    header = split_header(path.read_text(encoding="utf-8"))[0]
    assert header.startswith("# FICTIONAL")
    assert split_header(path.read_text(encoding="utf-8"))[1] == []
    assert fmt(data_dir).returncode == 0
    assert path.read_text(encoding="utf-8").startswith(header + "\n\n- id: ")
