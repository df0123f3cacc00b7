"""Open data: the files a build publishes under data/, read back and compared with the records.

The expected values come from the fixture records (volia.model objects), never from the export
code: loading prisoners.json and prisoners.csv / cases.csv must give back what was published, and
nothing a minimal or counted-only record withholds may appear in any file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT, TODAY, content, read_html
from hostile.sites import copy_fixture_data, edit_records

from volia.data.loading import load_dataset, load_policy
from volia.model.publication import cut
from volia.outputs import open_data as exports

MARKERS = re.compile(r"WITHHELD-[A-Z]+-MARKER|COUNTED-[A-Z]+-MARKER")
DOCS = [ROOT / "docs" / name for name in ("open-data.md", "open-data.be.md", "open-data.ru.md")]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


@pytest.fixture(scope="module")
def data(site: Path) -> Path:
    return site / exports.EXPORT_DIR


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for spreadsheets
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _nonempty(row: dict[str, str]) -> set[str]:
    return {k for k, v in row.items() if v}


# ---- Where and what ----

def test_data_is_published_once_at_the_root_with_a_manifest_and_checksums(data: Path, site: Path) -> None:
    manifest = json.loads((data / "index.json").read_text(encoding="utf-8"))
    assert manifest["built"] == TODAY
    assert manifest["records_as_of"] == "2024-06-01"
    assert manifest["licence"]["name"] == "CC BY 4.0"
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert {"prisoners.json", "prisoners.csv", "cases.csv", "facilities.json", "facilities.csv", "articles.json",
            "precedents.json", "counts.json", "counts.csv", "schema/export.schema.json",
            "schema/prisoners.schema.json"} <= set(listed)
    for path, entry in listed.items():
        body = (data / path).read_bytes()
        assert hashlib.sha256(body).hexdigest() == entry["sha256"], path
        assert len(body) == entry["bytes"], path
    sums = dict(reversed(line.split("  ", 1)) for line in (data / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == set(listed) | {"index.json"}
    for path, digest in sums.items():
        assert hashlib.sha256((data / path).read_bytes()).hexdigest() == digest, path
    # Only the root build carries the files; the other languages have just their download page.
    assert not (site / "en" / "data" / "prisoners.json").exists()
    assert (site / "en" / "data" / "index.html").exists() and (site / "ru" / "data" / "index.html").exists()


def test_the_licence_file_travels_with_the_data_when_the_repository_has_one(data: Path) -> None:
    licence = ROOT / "data" / "LICENSE"
    if not licence.exists():
        pytest.skip("data/LICENSE is not written yet")
    assert (data / "LICENSE.txt").read_bytes() == licence.read_bytes()


# ---- Round trips ----

def test_prisoners_json_gives_back_the_published_records(data: Path, dataset) -> None:
    exported = json.loads((data / "prisoners.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads((data / "schema" / "export.schema.json").read_text()))
    published = [r for r in dataset.records if r.publication in ("full", "minimal")]
    assert [e["id"] for e in exported] == [r.id for r in published]
    for entry, record in zip(exported, published, strict=True):
        assert entry["name"] == record.name and entry["status"] == record.status
        assert entry["as_of"] == str(record.as_of)
        assert [c["arrested"] for c in entry["cases"]] == [str(c.arrested) for c in record.cases]
        assert [c["verdict_date"] for c in entry["cases"]] == [
            str(c.verdict_date) if c.verdict_date else None for c in record.cases]
        if record.publication == "full":
            assert entry["born"] == str(record.born)
            assert [c["articles"] for c in entry["cases"]] == [list(c.articles) for c in record.cases]
            assert [c["sentence"]["months"] for c in entry["cases"]] == [c.sentence.months for c in record.cases]
            assert [c["facilities"] for c in entry["cases"]] == [list(c.facilities) for c in record.cases]
            assert [s["url"] for s in entry["sources"]] == [s.url for s in record.sources]
    ales = exported[0]
    assert ales["letters"] == {"status": "family-only", "note": None}
    assert "<script" not in json.dumps(ales["bio_html"])  # the page's sanitized biography, not the source
    hanna = next(e for e in exported if e["id"] == "fictional-hanna-prykladava")
    assert hanna["letters"] is None  # released: the page shows no letter details either


def test_csv_files_give_back_the_published_records(data: Path, dataset) -> None:
    people = _csv(data / "prisoners.csv")
    assert list(people[0]) == list(exports.PEOPLE_COLUMNS)
    by_id = {r.id: r for r in dataset.records}
    assert [row["id"] for row in people] == [r.id for r in dataset.records if r.publication != "counted"]
    for row in people:
        record = by_id[row["id"]]
        assert (row["name_en"], row["status"], row["as_of"]) == (record.name["en"], record.status, str(record.as_of))
        assert row["born"] == (str(record.born) if record.publication == "full" else "")
        assert row["cases"] == str(len(record.cases))
    ales = next(row for row in people if row["id"] == "fictional-ales-testovich")
    assert ales["aliases"].split("; ") == list(by_id["fictional-ales-testovich"].aliases)
    assert (ales["facility"], ales["letters"]) == ("colony-99-testtown", "family-only")

    cases = _csv(data / "cases.csv")
    assert list(cases[0]) == list(exports.CASE_COLUMNS)
    expected = [(r.id, str(n), str(c.arrested)) for r in dataset.records if r.publication != "counted"
                for n, c in enumerate(r.cases, 1)]
    assert [(row["person_id"], row["case"], row["arrested"]) for row in cases] == expected
    second = next(row for row in cases if row["person_id"] == "fictional-ales-testovich" and row["case"] == "2")
    assert second["articles"].split("; ") == ["342", "130"]
    assert second["facilities"].split("; ") == ["sizo-98-testtown", "colony-99-testtown"]
    assert (second["sentence_months"], second["sentence_regime"]) == ("54", "medium")
    assert second["court"] == "Testavy District Court"
    first = next(row for row in cases if row["person_id"] == "fictional-ales-testovich" and row["case"] == "1")
    assert (first["released_date"], first["released_how"]) == ("2020-02-01", "served")

    facilities = _csv(data / "facilities.csv")
    colony = next(row for row in facilities if row["id"] == "colony-99-testtown")
    assert colony["address_latin"] == dataset.facilities["colony-99-testtown"].address["latin"]
    counts = _csv(data / "counts.csv")
    assert counts[-1]["held"] == "1140" and counts[-1]["date"] == "2026-03-05"


# ---- Publication levels ----

def test_exports_cut_each_level_exactly_as_the_pages_do(data: Path, dataset) -> None:
    exported = {e["id"]: e for e in json.loads((data / "prisoners.json").read_text(encoding="utf-8"))}
    assert set(exported["fictional-ales-testovich"]) == set(exports.FULL_FIELDS)
    assert set(exported["fictional-minimal-person"]) == set(exports.MINIMAL_FIELDS)
    assert [set(c) for c in exported["fictional-minimal-person"]["cases"]] == [set(exports.MINIMAL_CASE_FIELDS)]
    assert "fictional-counted-only" not in exported

    rows = {row["id"]: row for row in _csv(data / "prisoners.csv")}
    assert _nonempty(rows["fictional-minimal-person"]) == {"id", "publication", "page", "name_en", "status", "as_of",
                                                          "cases", "last_verified"}
    minimal_case = next(row for row in _csv(data / "cases.csv") if row["person_id"] == "fictional-minimal-person")
    assert _nonempty(minimal_case) == {"person_id", "case", "arrested", "verdict_date"}
    for row in _csv(data / "cases.csv"):
        assert row["person_id"] != "fictional-counted-only"


def test_no_withheld_value_reaches_any_published_file(site: Path, data: Path) -> None:
    checked = 0
    for path in [*data.rglob("*"), *site.glob("**/*.ics"), *site.glob("**/badge.svg")]:
        if path.is_file():
            assert not MARKERS.search(path.read_text(encoding="utf-8", errors="replace")), path
            checked += 1
    assert checked > 20


def test_the_marker_scan_would_catch_a_leak(dataset) -> None:
    """Negative control: the same record, were it published in full, does carry the markers."""
    minimal = next(r for r in dataset.records if r.id == "fictional-minimal-person")
    as_full = dataclasses.replace(minimal, publication="full")
    leaked = json.dumps(exports.record_export(as_full))
    assert MARKERS.search(leaked) and "WITHHELD-SUMMARY-MARKER" in leaked
    in_cut = next(r for r in cut(dataset).records if r.id == minimal.id)
    assert not MARKERS.search(json.dumps(exports.record_export(in_cut)))
    counted = dataclasses.replace(dataset, records=(dataclasses.replace(minimal, publication="counted"),))
    assert cut(counted).records == ()  # a counted-only record is not in the cut at all


def test_everything_a_full_export_holds_is_on_the_page(data: Path, site: Path) -> None:
    ales = next(e for e in json.loads((data / "prisoners.json").read_text(encoding="utf-8"))
                if e["id"] == "fictional-ales-testovich")
    page = content(read_html(site / "en" / ales["page"]))
    text = page.get_text(" ", strip=True)
    links = {a.get("href") for a in page.select("a")}
    assert {s["url"] for s in ales["sources"]} <= links
    assert ales["recognised"]["url"] in links
    for case in ales["cases"]:
        for value in (case["court"], case["sentence"]["text"]):
            assert value is None or value in text
    assert ales["summary"]["en"] in text
    assert "Only letters from close family reach this person." in text  # letters: family-only


# ---- The downloads page and the how-to ----

def test_every_language_lists_the_files_with_links_that_resolve(site: Path, data: Path) -> None:
    manifest = json.loads((data / "index.json").read_text(encoding="utf-8"))
    digests = {e["path"]: e["sha256"] for e in manifest["files"]}
    for folder in ("", "ru/", "en/"):
        page_path = site / folder / "data" / "index.html"
        page = content(read_html(page_path))
        rows = page.select("table.volia-downloads tbody tr")
        assert len(rows) == len(digests) + 2  # and the manifest itself, and SHA256SUMS
        for row in rows:
            href = row.select_one("a")["href"]
            target = (page_path.parent / href).resolve()
            assert target.is_file(), href
            name = target.relative_to(data.resolve()).as_posix()
            if name in digests:
                assert row.select_one("code.volia-sha").get_text() == digests[name]


def test_the_python_example_on_the_open_data_page_runs_on_the_published_files(data: Path) -> None:
    for doc in DOCS:
        code = re.search(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S).group(1)
        result = subprocess.run([sys.executable, "-c", code], cwd=data, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert f"built {TODAY} - licence CC BY 4.0" in result.stdout
        assert "2 of 3 published records are held now" in result.stdout
        assert "('342', 2)" in result.stdout


def _column(columns: tuple[str, ...], name: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[columns.index(name)]


def test_the_spreadsheet_formulas_point_at_the_right_columns() -> None:
    status = _column(exports.PEOPLE_COLUMNS, "status")
    kind, months = (_column(exports.CASE_COLUMNS, c) for c in ("sentence_kind", "sentence_months"))
    facility = _column(exports.PEOPLE_COLUMNS, "facility")
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert f'=COUNTIF({status}:{status}; "imprisoned")' in text
        assert f'=AVERAGEIF({kind}:{kind}; "imprisonment"; {months}:{months})' in text
        assert re.search(rf"`facility` \((?:column|слупок|столбец) {facility}\)", text), doc.name


def test_every_csv_column_is_explained_in_every_language() -> None:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for column in (*exports.PEOPLE_COLUMNS, *exports.CASE_COLUMNS):
            assert f"`{column}`" in text, (doc.name, column)


# ---- Spreadsheet safety ----

FORMULAS = ['=HYPERLINK("https://example.invalid/","Click")', "+1+1", "-2+3", "@SUM(1)", "\t=1"]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(tmp_path: Path) -> None:
    data_dir = copy_fixture_data(tmp_path / "data")

    def hostile_courts(records: dict[str, dict]) -> None:
        ales = records["fictional-ales-testovich"]
        ales["cases"][0]["court"] = FORMULAS[2]
        ales["cases"][1]["court"] = FORMULAS[0]
        ales["summary"]["en"] = FORMULAS[3]
        records["fictional-hanna-prykladava"]["cases"][0]["court"] = "Testavy Court - appeal = upheld"

    edit_records(data_dir, hostile_courts)
    files = {f.path: f for f in exports.build_exports(cut(load_dataset(data_dir)), load_policy(data_dir),
                                                       dt.date.fromisoformat(TODAY))}
    rows = list(csv.DictReader(io.StringIO(files["cases.csv"].content.decode("utf-8-sig"), newline="")))
    courts = {(row["person_id"], row["case"]): row["court"] for row in rows}
    assert courts[("fictional-ales-testovich", "1")] == "'" + FORMULAS[2]
    assert courts[("fictional-ales-testovich", "2")] == "'" + FORMULAS[0]
    assert courts[("fictional-hanna-prykladava", "1")] == "Testavy Court - appeal = upheld"  # control
    person = next(p for p in json.loads(files["prisoners.json"].content) if p["id"] == "fictional-ales-testovich")
    assert person["cases"][1]["court"] == FORMULAS[0]  # the JSON keeps the value exactly
    assert person["summary"]["en"] == FORMULAS[3]


@pytest.mark.parametrize("value", FORMULAS)
def test_every_formula_start_is_guarded(value: str) -> None:
    assert exports._inert_cell(value) == "'" + value
    assert exports._inert_cell("Minsk " + value) == "Minsk " + value  # only the start of a cell matters
