"""The Viasna importer on the real sample export, on a fictional export with np, khimiya and home
khimiya rows, and on malformed input. It states what it does not know: the publication level and
consent basis are the user's choice, last_verified is the export's date, and every value it cannot
map is in the report, with an exit code that says so."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cli_runner import Result, volia
from conftest import FIXTURES

from volia.analysis import statistics as stats
from volia.cli.import_viasna import (
    EXIT_CLEAN,
    EXIT_NEEDS_LOOK,
    EXIT_REFUSED,
    EXIT_USAGE,
    VERIFIED_BY,
    Choices,
    convert,
    parse_months,
    parse_sentence,
)
from volia.data.loading import load_dataset
from volia.model.dataset import Dataset
from volia.model.languages import LANGUAGES
from volia.text import i18n
from volia.views.records import status_label

SAMPLE = FIXTURES / "viasna-export-sample.json"
# Six invented people (ids 901-906, example.org addresses): np, khimiya and home khimiya in both
# wordings, and a former prisoner whose sentence was home khimiya. Every value maps: a clean export.
FICTIONAL = FIXTURES / "viasna-export-fictional.json"
CHOSEN = ("--publication", "full", "--consent", "public-source")


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
    assert parse_sentence("1 year", "confinement") is None  # "fine" inside a word is no fine


@pytest.mark.parametrize(("decision", "penalty", "kind"), [
    ("2 years", "khimiya", "restriction"),
    ("2 years", "restriction of freedom with referral to an open-type correctional institution", "restriction"),
    ("2 years", "restricted freedom", "restriction"),
    ("2 years of khimiya", "", "restriction"),
    ("2 года", "ограничение свободы с направлением в исправительное учреждение открытого типа", "restriction"),
    ("3 years", "home khimiya", "home-restriction"),
    ("3 years", "home chemistry", "home-restriction"),
    ("3 years", "restriction of freedom without referral to an open-type correctional institution",
     "home-restriction"),
    ("3 гады", "хатняя хімія", "home-restriction"),
    ("3 года", "ограничение свободы без направления в исправительное учреждение открытого типа", "home-restriction"),
])
def test_restricted_freedom_in_both_forms_is_understood(decision: str, penalty: str, kind: str) -> None:
    assert parse_sentence(decision, penalty)["kind"] == kind


# ---- The command, in-process ----

def _fresh_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data / "prisoners.yaml").write_text("# header kept\n", encoding="utf-8")
    (data / "facilities.yaml").write_text("", encoding="utf-8")
    return data


def _import(data: Path, source: Path, *options: str, as_of: str = "2023") -> Result:
    return volia("--data", data, "import-viasna", source, "--as-of", as_of, *options)


def _copy(source: Path, tmp_path: Path) -> Path:
    """The export in a folder of its own, so that its default report lands there too."""
    target = tmp_path / "export" / source.name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(source, target)
    return target


def _report_lines(export: Path) -> list[str]:
    report = export.with_name(f"{export.stem}.report.txt")
    return [line for line in report.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def test_the_sample_export_imports_and_reports_what_it_could_not_know(tmp_path: Path) -> None:
    data, export = _fresh_data(tmp_path), _copy(SAMPLE, tmp_path)
    run = _import(data, export, *CHOSEN)
    assert run.returncode == EXIT_NEEDS_LOOK, run.stderr
    assert "imported 13 records, 4 new facilities, 0 new articles" in run.stdout
    # Three former prisoners have no release date in the export: each is named, with its field and raw value.
    assert _report_lines(export) == [
        f'row {row}, record {rid}: release_date = "" — former prisoner without a release date; marked date_unknown'
        for row, rid in ((5, "siarhei-kavalenka"), (7, "uladzimir-khamichenka"), (8, "iryna-khalip"))]
    assert (data / "prisoners.yaml").read_text(encoding="utf-8").startswith("# header kept\n")
    dataset = load_dataset(data)
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert len(dataset.records) == len(rows) == 13
    assert Counter(r.status for r in dataset.records) == {"released": 9, "imprisoned": 4}
    assert all(r.is_recognised for r in dataset.records)  # the sample holds no np row
    chapiuk = next(r for r in dataset.records if r.id == "andrei-chapiuk")
    assert chapiuk.status == "imprisoned" and chapiuk.is_recognised
    assert chapiuk.articles == ("341", "285", "130", "13", "293")
    assert chapiuk.sentence_months == 72 and chapiuk.latest_case.sentence.regime == "medium"
    assert chapiuk.facility == "sizo-1-minsk"
    assert "https://prisoners.spring96.org/en/person/andrej-capiuk" in [s.url for s in chapiuk.sources]
    for record in dataset.records:
        # The user's choice, recorded; the export's date, never today; the export as the checker.
        assert record.publication == "full" and record.consent["basis"] == "public-source"
        assert str(record.last_verified) == str(record.as_of) == "2023"
        assert record.verified_by == VERIFIED_BY
        assert record.photo is None  # remote photos are sources, never embedded images


def test_np_and_restricted_freedom_map_as_they_should(tmp_path: Path) -> None:
    data, export = _fresh_data(tmp_path), _copy(FICTIONAL, tmp_path)
    run = _import(data, export, "--publication", "minimal", "--consent", "none", as_of="2023-06-01")
    assert run.returncode == EXIT_CLEAN, run.stdout + run.stderr
    assert _report_lines(export) == []
    dataset = load_dataset(data)
    by_id = {r.id: r for r in dataset.records}
    assert {rid: (r.status, r.latest_case.sentence.kind, r.sentence_months) for rid, r in by_id.items()} == {
        "fictional-np-person": ("not-recognised", "imprisonment", 36),
        "fictional-khimiya-person": ("restricted", "restriction", 24),
        "fictional-open-type-person": ("restricted", "restriction", 18),
        "fictional-home-khimiya-person": ("restricted", "home-restriction", 36),
        "fictional-without-referral-person": ("restricted", "home-restriction", 24),
        "fictional-former-khimiya-person": ("released", "home-restriction", 24),
    }
    np = by_id["fictional-np-person"]
    assert not np.is_recognised and not np.held and not np.serving
    assert all(r.is_recognised for r in dataset.records if r is not np)
    for record in dataset.records:
        assert record.publication == "minimal" and record.consent is None
        assert str(record.last_verified) == "2023-06-01" and record.verified_by == VERIFIED_BY
    _np_is_never_a_political_prisoner(dataset)


def _np_is_never_a_political_prisoner(dataset: Dataset) -> None:
    figures = stats.headline(dataset)
    assert figures["not_recognised"] == 1 and figures["recognised"] == 5
    assert figures["imprisoned"] == figures["held_recognised"] == 0
    assert figures["restricted"] == 4 and figures["released"] == 1
    assert dict(stats.by_status(dataset).rows) == {"restricted": 4, "released": 1, "not-recognised": 1}
    # Every other breakdown leaves the np person out: article 342 is charged in all six rows. (Articles
    # gender and sentences are counted from full records only, as minimal pages withhold them: count
    # these as if full.)
    assert stats.by_article(dataset).rows == ()
    as_full = replace(dataset, records=tuple(replace(r, publication="full") for r in dataset.records))
    assert dict(stats.by_article(as_full).rows) == {"342": 5}
    assert stats.by_gender(as_full).total == stats.by_sentence(as_full).total == 5
    assert stats.by_gender(dataset).total == stats.by_sentence(dataset).total == 0  # minimal: withheld
    assert dict(stats.arrests_per_year(dataset).rows) == {"2021": 5}
    np = next(r for r in dataset.records if r.status == "not-recognised")
    for lang in LANGUAGES:  # the list and the record page say plainly what the record is
        label = status_label(np, lang)
        assert label == i18n.t("status_not-recognised", lang)
        assert label != i18n.t("status_imprisoned", lang)
    assert "not recognised as a political prisoner" in status_label(np, "en")


def test_a_record_of_status_not_recognised_cannot_carry_a_recognition(tmp_path: Path) -> None:
    data, export = _fresh_data(tmp_path), _copy(FICTIONAL, tmp_path)
    assert _import(data, export, *CHOSEN).returncode == EXIT_CLEAN
    text = (data / "prisoners.yaml").read_text(encoding="utf-8")
    planted = text.replace("  status: not-recognised\n",
                           "  status: not-recognised\n  recognised:\n    by: Human Rights Center Viasna\n")
    assert planted != text
    (data / "prisoners.yaml").write_text(planted, encoding="utf-8")
    run = volia("--data", data, "check")
    assert run.returncode == 1 and "fictional-np-person" in run.stderr and "recognised" in run.stderr


@pytest.mark.parametrize(("options", "message"), [
    ((), "--publication and --consent required"),
    (("--consent", "public-source"), "--publication required"),
    (("--publication", "minimal"), "--consent required"),
    (("--publication", "full", "--consent", "none"), "--publication full needs a consent basis"),
    (("--publication", "counted", "--consent", "public-source"), "--publication counted is not offered"),
])
def test_publication_and_consent_are_never_guessed(tmp_path: Path, options: tuple[str, ...], message: str) -> None:
    data, export = _fresh_data(tmp_path), _copy(FICTIONAL, tmp_path)
    run = _import(data, export, *options)
    assert run.returncode == EXIT_USAGE
    assert message in run.stderr and "Traceback" not in run.stderr
    assert (data / "prisoners.yaml").read_text(encoding="utf-8") == "# header kept\n"
    assert not export.with_name(f"{export.stem}.report.txt").exists()


@pytest.mark.parametrize("as_of", ["2023-02-30", "2023-13", "2023-6-1", "soon", "2999-01-01"])
def test_an_impossible_export_date_is_refused(tmp_path: Path, as_of: str) -> None:
    data = _fresh_data(tmp_path)
    run = _import(data, _copy(FICTIONAL, tmp_path), *CHOSEN, as_of=as_of)
    assert run.returncode == EXIT_REFUSED
    assert f"--as-of {as_of!r} is not a possible date" in run.stderr
    assert (data / "prisoners.yaml").read_text(encoding="utf-8") == "# header kept\n"


def test_the_report_goes_where_it_is_asked_to(tmp_path: Path) -> None:
    report = tmp_path / "elsewhere.txt"
    run = _import(_fresh_data(tmp_path), _copy(SAMPLE, tmp_path), *CHOSEN, "--report", str(report))
    assert run.returncode == EXIT_NEEDS_LOOK
    assert f"report: {report} (3 entries)" in run.stdout
    assert report.read_text(encoding="utf-8").count("\nrow ") == 3


def test_a_second_import_duplicates_nothing(tmp_path: Path) -> None:
    data, export = _fresh_data(tmp_path), _copy(SAMPLE, tmp_path)
    assert _import(data, export, *CHOSEN).returncode == EXIT_NEEDS_LOOK
    facilities_before = (data / "facilities.yaml").read_text(encoding="utf-8")
    again = _import(data, export, *CHOSEN)
    assert again.returncode == EXIT_NEEDS_LOOK
    assert "imported 0 records, 0 new facilities, 0 new articles" in again.stdout
    assert sum("an id already in the data; row skipped" in line for line in _report_lines(export)) == 13
    assert (data / "facilities.yaml").read_text(encoding="utf-8") == facilities_before


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "cannot read the export"),
    ('{"name": "x"}', "expected a JSON list of people, found dict"),
    ('[{"name": "Fictional Dup", "status": "active", "status": "np"}]',
     "the key 'status' appears twice in one object (the person named 'Fictional Dup')"),
    ('[{"name": "Fictional Ok", "prison": {"title": "a", "title": "b"}}]', "the key 'title' appears twice"),
])
def test_malformed_exports_are_refused_with_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "export.json"
    source.write_text(content, encoding="utf-8")
    data = _fresh_data(tmp_path)
    run = _import(data, source, *CHOSEN)
    assert run.returncode == EXIT_REFUSED
    assert message in run.stderr and "Traceback" not in run.stderr
    assert (data / "prisoners.yaml").read_text(encoding="utf-8") == "# header kept\n"


def test_rows_of_the_wrong_shape_are_reported_with_their_row(tmp_path: Path) -> None:
    rows = [{"name": 12345, "status": "active", "arrested": "2021-01-01", "url": "https://example.org/a"},
            {"name": "Fictional Listed", "status": ["active", "np"], "url": "https://example.org/b"},
            "not an object",
            {"name": "Fictional Fine", "status": "active", "arrested": "2021-01-01", "judge": 7,
             "url": "https://example.org/c"}]
    source = tmp_path / "export.json"
    source.write_text(json.dumps(rows), encoding="utf-8")
    run = _import(_fresh_data(tmp_path), source, *CHOSEN)
    assert run.returncode == EXIT_NEEDS_LOOK and "Traceback" not in run.stdout + run.stderr
    assert "imported 1 records" in run.stdout
    assert _report_lines(source) == [
        "row 1: name = 12345 — expected text, found a number; row skipped",
        'row 2: status = ["active", "np"] — expected text, found a list; row skipped',
        'row 3: (row) = "not an object" — expected an object with a person\'s fields; row skipped',
        "row 4, record fictional-fine: judge = 7 — expected text, found a number; value left out",
    ]


def test_odd_values_are_reported_not_guessed() -> None:
    rows = [{"name": "Fictional Three", "status": "weird", "arrested": "2021-01-01"},
            {"name": "Fictional Four", "status": "active", "arrested": "", "birthday": "1990-02-30",
             "decision": "life", "penalty": "exile", "gender": "n/a", "url": "https://example.org/d"}]
    result = convert(rows, known_facilities={}, known_articles=set(), known_ids=set(), as_of="2023",
                     choices=Choices("minimal", "none"))
    assert [r["id"] for r in result.records] == ["fictional-four"]
    assert result.unmapped == [
        'row 1, record fictional-three: status = "weird" — not active, former or np; row skipped '
        "(add the record by hand)",
        'row 2, record fictional-four: decision/penalty = ["life", "exile"] — sentence not understood; left out',
        'row 2, record fictional-four: gender = "n/a" — not male or female; left out',
        'row 2, record fictional-four: birthday = "1990-02-30" — not a date (YYYY, YYYY-MM or YYYY-MM-DD); left out',
        'row 2, record fictional-four: arrested = "" — no arrest date; the record will not validate until one '
        "is added",
    ]


def test_unknown_articles_and_facilities_are_added_once_and_reported() -> None:
    rows = [
        {"name": "Fictional One", "status": "active", "arrested": "2021-01-01", "url": "https://example.org/One",
         "articles/0": "Art. 999 of the Criminal Code — Invented article", "prison/title": "Penal colony No. 77",
         "prison/address": "000000, Testtown, vulica A 1"},
        {"name": "Fictional Two", "status": "active", "arrested": "2021-01-02", "url": "https://example.org/Two",
         "articles/0": "Art. 999 of the Criminal Code — Invented article", "prison/title": "Penal colony No. 77",
         "prison/address": "000000, Testtown, vulica A 1"},
    ]
    result = convert(rows, known_facilities={}, known_articles=set(), known_ids=set(), as_of="2023",
                     choices=Choices("full", "public-source"))
    assert [a["id"] for a in result.new_articles] == ["999"]
    assert [f["id"] for f in result.new_facilities] == ["colony-77-testtown"]
    assert [r["cases"][0]["facilities"] for r in result.records] == [["colony-77-testtown"]] * 2
    assert [(e.record, e.field, e.note) for e in result.report] == [
        ("fictional-one", "articles/0", "new article 999 added without an explanation")]


def test_the_pages_say_plainly_what_an_np_record_is(tmp_path: Path) -> None:
    data, export = _fresh_data(tmp_path), _copy(FICTIONAL, tmp_path)
    assert _import(data, export, "--publication", "minimal", "--consent", "none").returncode == EXIT_CLEAN
    out = tmp_path / "pages"
    assert volia("--data", data, "pages", "--out", out, "--lang", "en").returncode == 0
    label = "Convicted; not recognised as a political prisoner"
    record = _text(out / "prisoners" / "fictional-np-person.md")
    assert label in record and "Imprisoned" not in record
    people = _text(out / "prisoners" / "index.md")
    np_row = people[people.index("Fictional Np Person"):][:200]
    assert label in np_row and "Imprisoned" not in np_row


def _text(page: Path) -> str:
    return " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
