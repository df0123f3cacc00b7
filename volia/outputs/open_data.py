"""Open data: the published records and the reference and policy data as JSON and CSV files.

The exports read the public cut (volia/model/publication.py), as the pages do, and show of each
record what its page shows (`record_export`):
- full: everything the record's page shows;
- minimal: id, names, status, recognition and dates — what the minimal page shows;
- counted: not in the cut, so not here (the person still counts in the statistics).
CSV files are flattened from the same JSON objects.

`build_exports` returns every file as bytes, with a manifest (index.json: build date, licence,
size and SHA-256 of each file) and a SHA256SUMS file that `sha256sum -c` can check. Nothing here
imports MkDocs; hooks/volia_exports.py only hands the files to the build.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from volia import schemas
from volia.addresses import DOWNLOADS, EXPORT_DIR, from_page, html_uri, record_uri
from volia.analysis import statistics
from volia.model.languages import LANGUAGES
from volia.model.partial_date import PartialDate
from volia.model.policy import PolicyData
from volia.model.publication import PublicDataset
from volia.model.records import Case, Record, Source
from volia.model.references import Article, Facility
from volia.text import i18n
from volia.text.i18n import t
from volia.text.sanitize import bio_html

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = "; "  # several values in one CSV cell: aliases, articles, facilities

# Fields of a record export, by publication level. Tests hold the exports to these sets.
MINIMAL_FIELDS = ("id", "publication", "page", "name", "aliases", "status", "as_of", "recognised",
                  "cases", "last_verified")
FULL_FIELDS = MINIMAL_FIELDS + ("summary", "occupation", "born", "bio_html", "letters", "sources")
MINIMAL_CASE_FIELDS = ("number", "arrested", "verdict_date", "appeal_date", "released")
FULL_CASE_FIELDS = MINIMAL_CASE_FIELDS + ("articles", "court", "judge", "sentence", "facilities")

PEOPLE_COLUMNS = ("id", "publication", "page", "name_be", "name_ru", "name_en", "aliases", "status", "as_of",
                  "recognised_by", "recognised_date", "recognised_url", "born",
                  "summary_be", "summary_ru", "summary_en", "occupation_be", "occupation_ru", "occupation_en",
                  "facility", "letters", "cases", "last_verified")
CASE_COLUMNS = ("person_id", "case", "arrested", "articles", "court", "judge", "verdict_date",
                "sentence_kind", "sentence_months", "sentence_regime", "sentence_text", "appeal_date",
                "facilities", "released_date", "released_how")
FACILITY_COLUMNS = ("id", "kind", "name_be", "name_ru", "name_en", "region", "address_be", "address_ru",
                    "address_latin")
ARTICLE_COLUMNS = ("id", "title_be", "title_ru", "title_en")
COUNT_COLUMNS = ("date", "held", "publisher", "source_title", "source_url", "note_be", "note_ru", "note_en")
PRECEDENT_COLUMNS = ("key", "date", "strategy", "parties", "mediator", "host_country", "freed", "freed_qualifier",
                     "title_be", "title_ru", "title_en")


@dataclass(frozen=True)
class ExportFile:
    path: str  # relative to the export folder
    content: bytes
    describes: str
    rows: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


# ---- The publication rule ----

def record_export(record: Record) -> dict[str, Any]:
    """One record of the public cut as open data: what its page shows."""
    data: dict[str, Any] = {
        "id": record.id,
        "publication": record.publication,
        "page": html_uri(record_uri(record.id)),
        "name": _localized(record.name),
        "aliases": list(record.aliases),
        "status": record.status,
        "as_of": str(record.as_of),
        "recognised": _recognised(record),
        "cases": [_case(case, number, record.is_full) for number, case in enumerate(record.cases, 1)],
        "last_verified": str(record.last_verified),
    }
    if not record.is_full:
        return data
    data.update({
        "summary": _localized(record.summary),
        "occupation": _localized(record.occupation),
        "born": _text(record.born),
        # The page shows the sanitized biography, never the contributor's source text (which may
        # hold HTML comments or markup the page drops): export what the page shows.
        "bio_html": {lang: bio_html(text) for lang, text in _localized(record.bio).items()},
        "letters": _letters(record),
        "sources": [_source(s) for s in record.sources],
    })
    return data


def record_exports(dataset: PublicDataset) -> list[dict[str, Any]]:
    return [record_export(r) for r in dataset.records]


# ---- Rows for CSV ----

def people_rows(records: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for r in records:
        recognised = r["recognised"] or {}
        row = {
            "id": r["id"], "publication": r["publication"], "page": r["page"],
            **_per_language("name", r["name"]),
            "aliases": _joined(r["aliases"]),
            "status": r["status"], "as_of": r["as_of"],
            "recognised_by": recognised.get("by"), "recognised_date": recognised.get("date"),
            "recognised_url": recognised.get("url"),
            "born": r.get("born"),
            **_per_language("summary", r.get("summary")),
            **_per_language("occupation", r.get("occupation")),
            "facility": _current_facility(r),
            "letters": (r.get("letters") or {}).get("status"),
            "cases": len(r["cases"]),
            "last_verified": r["last_verified"],
        }
        rows.append(_cells(row, PEOPLE_COLUMNS))
    return rows


def case_rows(records: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for r in records:
        for case in r["cases"]:
            sentence = case.get("sentence") or {}
            released = case.get("released") or {}
            row = {
                "person_id": r["id"], "case": case["number"], "arrested": case["arrested"],
                "articles": _joined(case.get("articles")), "court": case.get("court"), "judge": case.get("judge"),
                "verdict_date": case["verdict_date"], "sentence_kind": sentence.get("kind"),
                "sentence_months": sentence.get("months"), "sentence_regime": sentence.get("regime"),
                "sentence_text": sentence.get("text"), "appeal_date": case["appeal_date"],
                "facilities": _joined(case.get("facilities")),
                "released_date": released.get("date"), "released_how": released.get("how"),
            }
            rows.append(_cells(row, CASE_COLUMNS))
    return rows


# ---- Every file ----

def build_exports(dataset: PublicDataset, policy: PolicyData, built: dt.date,
                  licence_file: Path | None = None) -> list[ExportFile]:
    """Every open-data file, then index.json (the manifest) and SHA256SUMS, in that order."""
    records = record_exports(dataset)
    facilities = [_facility(f) for f in dataset.facilities.values()]
    articles = [_article(a) for a in sorted(dataset.articles.values(), key=lambda a: a.sort_key)]
    files = [
        ExportFile("prisoners.json", _json(records), "published records (full and minimal), one object per person",
                   len(records)),
        _csv("prisoners.csv", people_rows(records), PEOPLE_COLUMNS, "published records, one row per person"),
        _csv("cases.csv", case_rows(records), CASE_COLUMNS, "criminal cases of published records, one row per case"),
        ExportFile("facilities.json", _json(facilities), "places of detention with postal addresses",
                   len(facilities)),
        _csv("facilities.csv", [_facility_row(f) for f in facilities], FACILITY_COLUMNS,
             "places of detention, one row each"),
        ExportFile("articles.json", _json(articles), "Criminal Code articles with plain-language explanations",
                   len(articles)),
        _csv("articles.csv", [_article_row(a) for a in articles], ARTICLE_COLUMNS, "Criminal Code articles, titles"),
        ExportFile("precedents.json", _json(list(policy.precedents.values())),
                   "precedents of negotiated releases", len(policy.precedents)),
        _csv("precedents.csv", [_precedent_row(p) for p in policy.precedents.values()], PRECEDENT_COLUMNS,
             "precedents of negotiated releases, one row each"),
        ExportFile("counts.json", _json(policy.counts), "published counts of political prisoners over time",
                   len(policy.counts)),
        _csv("counts.csv", [_count_row(c) for c in policy.counts], COUNT_COLUMNS,
             "published counts of political prisoners, one row per figure"),
        ExportFile("comparisons.json", _json(list(policy.comparisons.values())),
                   "per-capita comparisons with other countries", len(policy.comparisons)),
        ExportFile(f"schema/{schemas.EXPORT_SCHEMA}", (schemas.SCHEMA_DIR / schemas.EXPORT_SCHEMA).read_bytes(),
                   "JSON Schema of prisoners.json"),
    ]
    files += [ExportFile(f"schema/{name}", (schemas.SCHEMA_DIR / name).read_bytes(),
                         "JSON Schema of the source data (data/*.yaml in the repository)")
              for name in schemas.DATA_SCHEMAS]
    if licence_file is not None and licence_file.exists():
        files.append(ExportFile("LICENSE.txt", licence_file.read_bytes(), "the data licence"))
    manifest = _manifest(files, dataset, built)
    files.append(manifest)
    files.append(ExportFile("SHA256SUMS", "".join(f"{f.sha256}  {f.path}\n" for f in files).encode(),
                            "SHA-256 of every file, for sha256sum -c"))
    return files


# ---- The downloads page ----

def downloads_view(files: list[ExportFile], lang: str) -> list[dict[str, Any]]:
    """The files as the downloads page lists them, linked from data/index.html in `lang`'s copy."""
    return [{
        "path": f.path,
        "href": from_page(f"{EXPORT_DIR}/{f.path}", DOWNLOADS, lang),
        "describes": t(_description_key(f.path), lang),
        "rows": f.rows,
        "bytes": len(f.content),
        "size": t("size_kb", lang, n=i18n.number(max(round(len(f.content) / 1024, 1), 0.1), lang)),
        "sha256": f.sha256,
    } for f in files]


def _description_key(path: str) -> str:
    if path.startswith("schema/"):
        return "export_schema"
    special = {"LICENSE.txt": "export_licence", "index.json": "export_index", "SHA256SUMS": "export_sums"}
    return special.get(path) or f"export_{path.split('.')[0]}"


# ---- Helpers ----

def _manifest(files: list[ExportFile], dataset: PublicDataset, built: dt.date) -> ExportFile:
    as_of = statistics.as_of(dataset)
    manifest = {
        "title": "Volia: political prisoners of Belarus — open data",
        "built": built.isoformat(),
        "records_as_of": str(as_of) if as_of else None,
        "licence": {**LICENCE, "file": "LICENSE.txt" if any(f.path == "LICENSE.txt" for f in files) else None},
        "attribution": "Volia (volia-project), from public sources: chiefly Human Rights Center Viasna",
        "publication_levels": {
            "full": "every field the record's page shows",
            "minimal": "id, names, status, recognition and dates only",
            "counted": "not exported; counted in the statistics only",
        },
        "files": [{"path": f.path, "bytes": len(f.content), "sha256": f.sha256, "rows": f.rows,
                   "describes": f.describes} for f in files],
    }
    return ExportFile("index.json", _json(manifest), "this manifest: build date, licence, checksums")


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _csv(path: str, rows: list[dict[str, str]], columns: tuple[str, ...], describes: str) -> ExportFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # A byte-order mark: spreadsheets (Excel above all) then read the Cyrillic as UTF-8.
    return ExportFile(path, buffer.getvalue().encode("utf-8-sig"), describes, len(rows))


def _cells(row: dict[str, Any], columns: tuple[str, ...]) -> dict[str, str]:
    """Every column present, as text; a missing or withheld value is an empty cell."""
    return {c: "" if row.get(c) is None else _inert_cell(str(row[c])) for c in columns}


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) sends the
# reader's click, or data, elsewhere). A leading apostrophe makes it text in every spreadsheet;
# the JSON files keep the value exactly as it is. The open-data page says so. Spreadsheets skip
# leading spaces before they look for a formula ("  =1" runs too), so the check skips every kind of
# whitespace first; a cell that starts with a tab or a line break is marked whatever follows.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _inert_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START) else value


def _joined(values: Iterable[str] | None) -> str:
    values = list(values or ())
    for value in values:
        if ";" in value:
            raise ValueError(f"{value!r} contains ';', which separates values in a CSV cell")
    return LIST_SEPARATOR.join(values)


def _localized(text: dict[str, str] | None) -> dict[str, str]:
    return {lang: text[lang] for lang in LANGUAGES if text and text.get(lang)}


def _per_language(prefix: str, text: dict[str, str] | None) -> dict[str, str | None]:
    return {f"{prefix}_{lang}": (text or {}).get(lang) for lang in LANGUAGES}


def _text(value: PartialDate | None) -> str | None:
    return str(value) if value else None


def _recognised(record: Record) -> dict[str, Any] | None:
    if not record.recognised:
        return None
    return {"by": record.recognised["by"], "date": record.recognised.get("date"),
            "url": record.recognised.get("url")}


def _case(case: Case, number: int, full: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": number,
        "arrested": str(case.arrested),
        "verdict_date": _text(case.verdict_date),
        "appeal_date": _text(case.appeal_date),
        # The timeline of every page shows a release's date and how it came about (not its note).
        "released": {"date": _text(case.released.date), "how": case.released.how} if case.released else None,
    }
    if full:
        data.update({
            "articles": list(case.articles),
            "court": case.court,
            "judge": case.judge,
            "sentence": {"kind": case.sentence.kind, "months": case.sentence.months,
                         "regime": case.sentence.regime, "text": case.sentence.text} if case.sentence else None,
            "facilities": list(case.facilities),
        })
    return data


def _letters(record: Record) -> dict[str, Any] | None:
    """As on the page: whether letters reach the person, only while they serve a term."""
    if not record.serving:  # letters are shown only while the person serves a term
        return None
    letters = record.letters or {}
    return {"status": letters.get("status", "unknown"), "note": _localized(letters.get("note")) or None}


def _source(source: Source) -> dict[str, Any]:
    return {"url": source.url, "title": source.title, "date": _text(source.date)}


def _current_facility(record: dict[str, Any]) -> str | None:
    for case in reversed(record["cases"]):
        if case.get("facilities"):
            return case["facilities"][-1]
    return None


def _facility(facility: Facility) -> dict[str, Any]:
    return {"id": facility.id, "kind": facility.kind, "name": _localized(facility.name),
            "region": facility.region, "address": dict(facility.address),
            "sources": [_source(s) for s in facility.sources]}


def _facility_row(f: dict[str, Any]) -> dict[str, str]:
    return _cells({"id": f["id"], "kind": f["kind"], **_per_language("name", f["name"]), "region": f["region"],
                   "address_be": f["address"].get("be"), "address_ru": f["address"].get("ru"),
                   "address_latin": f["address"].get("latin")}, FACILITY_COLUMNS)


def _article(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": _localized(article.title), "explanation": _localized(article.explanation),
            "sources": [_source(s) for s in article.sources]}


def _article_row(a: dict[str, Any]) -> dict[str, str]:
    return _cells({"id": a["id"], **_per_language("title", a["title"])}, ARTICLE_COLUMNS)


def _count_row(c: dict[str, Any]) -> dict[str, str]:
    source = c["source"]
    return _cells({"date": c["date"], "held": c["held"], "publisher": source.get("publisher"),
                   "source_title": source.get("title"), "source_url": source.get("url"),
                   **_per_language("note", c.get("note"))}, COUNT_COLUMNS)


def _precedent_row(p: dict[str, Any]) -> dict[str, str]:
    return _cells({"key": p["key"], "date": p.get("date"), "strategy": p["strategy"],
                   "parties": _joined(p["parties"]), "mediator": p.get("mediator"),
                   "host_country": p.get("host_country"), "freed": p.get("freed"),
                   "freed_qualifier": p.get("freed_qualifier"), **_per_language("title", p["title"])},
                  PRECEDENT_COLUMNS)
