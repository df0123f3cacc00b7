"""The Viasna importer on the real sample export and on malformed input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runner import Result, volia
from conftest import FIXTURES

from volia.cli.import_viasna import convert, parse_months, parse_sentence
from volia.data.loading import load_dataset

SAMPLE = FIXTURES / "viasna-export-sample.json"


@pytest.mark.parametrize(("text", "months"), [
    ("6 years", 72), ("4 1/2 years", 54), ("2 1/2 years", 30), ("4 years and 9 months", 57),
    ("8 months", 8), ("1 year", 12), ("no term", None),
])
def test_sentence_lengths_in_words_become_months(text: str, months: int | None) -> None:
    assert parse_months(text) == months


def test_penalties_map_to_kind_and_regime() -> None:
    assert parse_sentence("13 years", "imprisonment in a high security prison") == {
        "kind": "imprisonment", "months": 156, "regime": "prison",
        "text": "13 years imprisonment in a high security prison"}
    assert parse_sentence("2 years", "suspended imprisonment")["kind"] == "suspended"
    assert parse_sentence("3 years", "imprisonment in a general-security penal colony")["regime"] == "general"
    assert parse_sentence("", "") is None


def _fresh_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("regions.yaml", "articles.yaml"):
        shutil.copy(FIXTURES / "data" / name, data / name)
    (data / "prisoners.yaml").write_text("# header kept\n", encoding="utf-8")
    (data / "facilities.yaml").write_text("", encoding="utf-8")
    return data


def _import(data: Path, source: Path) -> Result:
    return volia("--data", data, "import-viasna", source, "--as-of", "2023", "--verified", "2026-11-26")


def test_the_sample_export_imports_into_valid_data(tmp_path: Path) -> None:
    data = _fresh_data(tmp_path)
    run = _import(data, SAMPLE)
    assert run.returncode == 0, run.stderr
    assert "imported 13 records, 4 new facilities, 0 new articles" in run.stdout
    assert "siarhei-kavalenka: former prisoner without a release date; marked date_unknown" in run.stdout
    assert (data / "prisoners.yaml").read_text(encoding="utf-8").startswith("# header kept\n")
    dataset = load_dataset(data)
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert len(dataset.records) == len(rows) == 13
    chapiuk = next(r for r in dataset.records if r.id == "andrei-chapiuk")
    assert chapiuk.status == "imprisoned" and chapiuk.is_recognised
    assert chapiuk.articles == ("341", "285", "130", "13", "293")
    assert chapiuk.sentence_months == 72 and chapiuk.latest_case.sentence.regime == "medium"
    assert chapiuk.facility == "sizo-1-minsk"
    assert "https://prisoners.spring96.org/en/person/andrej-capiuk" in [s.url for s in chapiuk.sources]
    released = [r for r in dataset.records if r.status == "released"]
    assert len(released) == sum(row["status"] == "former" for row in rows)
    # Remote photos are sources, never embedded images.
    assert all(r.photo is None for r in dataset.records)


def test_a_second_import_duplicates_nothing(tmp_path: Path) -> None:
    data = _fresh_data(tmp_path)
    assert _import(data, SAMPLE).returncode == 0
    facilities_before = (data / "facilities.yaml").read_text(encoding="utf-8")
    again = _import(data, SAMPLE)
    assert again.returncode == 0
    assert "imported 0 records, 0 new facilities, 0 new articles" in again.stdout
    assert again.stdout.count("an id already in the data; skipped") == 13
    assert (data / "facilities.yaml").read_text(encoding="utf-8") == facilities_before


def test_unknown_articles_and_facilities_are_added_once_and_reported() -> None:
    rows = [
        {"name": "Fictional One", "status": "active", "arrested": "2021-01-01",
         "articles/0": "Art. 999 of the Criminal Code — Invented article", "prison/title": "Penal colony No. 77",
         "prison/address": "000000, Testtown, vulica A 1"},
        {"name": "Fictional Two", "status": "active", "arrested": "2021-01-02",
         "articles/0": "Art. 999 of the Criminal Code — Invented article", "prison/title": "Penal colony No. 77",
         "prison/address": "000000, Testtown, vulica A 1"},
    ]
    result = convert(rows, known_facilities={}, known_articles=set(), known_ids=set(), as_of="2023",
                     verified="2026-11-26")
    assert [a["id"] for a in result.new_articles] == ["999"]
    assert [f["id"] for f in result.new_facilities] == ["colony-77-testtown"]
    assert [r["cases"][0]["facilities"] for r in result.records] == [["colony-77-testtown"]] * 2
    assert "fictional-one: new article 999 added without an explanation" in result.unmapped


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "cannot read the export"),
    ('{"name": "x"}', "expected a JSON list of people, found dict"),
])
def test_malformed_exports_get_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "export.json"
    source.write_text(content, encoding="utf-8")
    run = _import(_fresh_data(tmp_path), source)
    assert run.returncode == 1
    assert message in run.stderr and "Traceback" not in run.stderr


def test_rows_without_a_name_or_with_odd_values_are_reported_not_guessed() -> None:
    rows = [{"status": "active"}, "not an object",
            {"name": "Fictional Three", "status": "weird", "arrested": "", "decision": "life", "penalty": "exile"}]
    result = convert(rows, known_facilities={}, known_articles=set(), known_ids=set(), as_of="2023",
                     verified="2026-11-26")
    assert result.unmapped[:2] == ["row 1: no name; skipped", "row 2: no name; skipped"]
    assert any("status 'weird'" in line for line in result.unmapped)
    assert any("no arrest date" in line for line in result.unmapped)
    assert any("sentence 'life' / 'exile' not understood" in line for line in result.unmapped)
