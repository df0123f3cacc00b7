"""Convert Viasna's flat database export into Volia records.

The export is a JSON list of flat objects: `articles/0..12` hold charge titles, `prison/title` and
`prison/address` the facility, `status` is active|former|np, and missing values are "" or "FALSE".
The importer never guesses: what it cannot map it leaves out of the record and reports, with the
row, the record id, the field and the raw value, in a report file; the exit code says whether a
person needs to look (EXIT_* below). How much each record publishes and on what consent basis are
the choice of whoever runs the import (--publication, --consent): the export does not say.

Statuses: active → imprisoned, or restricted when the sentence is restricted freedom ("khimiya" or
home "khimiya"); former → released; np (convicted, not recognised as a political prisoner) →
not-recognised, with no recognition — never counted or shown as a political prisoner.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from volia.cli.new_record import slug
from volia.cli.viasna_export import Entry, ExportError, read_export, shape_problems, write_report
from volia.model.partial_date import PartialDate
from volia.model.vocabulary import CONSENT_BASES

MISSING = ("", "FALSE", None, False)

# Exit codes of `volia import-viasna` (also in --help and CONTRIBUTING.md).
EXIT_CLEAN = 0  # imported; the report is empty
EXIT_REFUSED = 1  # nothing imported: the export or an option is wrong (the message says which)
EXIT_USAGE = 2  # nothing imported: a required option is missing or malformed (argparse's usage errors too)
EXIT_NEEDS_LOOK = 3  # imported; the report lists values a person must look at
EXIT_CODES = f"""exit codes:
  {EXIT_CLEAN}  imported; nothing needs a person's look (the report is empty)
  {EXIT_REFUSED}  nothing imported: the export cannot be read (not JSON, duplicate keys, not a list)
     or --as-of is not a possible date
  {EXIT_USAGE}  nothing imported: --publication or --consent is missing, or they do not fit together
  {EXIT_NEEDS_LOOK}  imported, but the report lists values that were not mapped: look at each"""

STATUS = {"active": "imprisoned", "former": "released", "np": "not-recognised"}
RESTRICTED_KINDS = ("restriction", "home-restriction")  # sentences served outside prison walls
VERIFIED_BY = "Viasna database export"
VIASNA = "Human Rights Center Viasna"
NO_CONSENT = "none"

_ARTICLE = re.compile(r"\b(?:Art\.|Article)\s*(\d{1,3}(?:-\d{1,2})?)")
_TITLE = re.compile(r"—\s*(.+)$")

_REGIMES = (
    ("general-security", "general"), ("general security", "general"),
    ("medium-security", "medium"), ("medium security", "medium"), ("reinforced", "medium"),
    ("high-security", "high"), ("high security", "high"), ("strict", "high"),
    ("special", "special"),
)

_FACILITY_KINDS = (
    ("pre-trial detention", "pretrial", "sizo"),
    ("penal colony", "colony", "colony"),
    ("correctional colony", "colony", "colony"),
    ("open-type", "open", "open"),
    ("prison", "prison", "prison"),
)


@dataclass(frozen=True)
class Choices:
    """What the person running the import decided for every record: the export does not say."""

    publication: str  # full or minimal
    consent: str  # a consent basis from the schema, or "none" (minimal only)
    consent_by: str = VIASNA

    def consent_block(self, as_of: str) -> dict[str, str] | None:
        if self.consent == NO_CONSENT:
            return None
        return {"basis": self.consent, "by": self.consent_by, "date": as_of,
                "note": f"chosen for the whole export at import (volia import-viasna --consent {self.consent}); "
                        "the export does not state it"}


@dataclass
class ImportResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    new_facilities: list[dict[str, Any]] = field(default_factory=list)
    new_articles: list[dict[str, Any]] = field(default_factory=list)
    report: list[Entry] = field(default_factory=list)  # what a person must look at
    photos: int = 0  # remote photos kept as sources only (never embedded)

    @property
    def unmapped(self) -> list[str]:
        return [entry.line() for entry in self.report]


def convert(rows: list[Any], *, known_facilities: dict[str, dict], known_articles: set[str],
            known_ids: set[str], as_of: str, choices: Choices) -> ImportResult:
    """Turn export rows into records; `known_*` keep existing facilities and articles from duplicating."""
    result = ImportResult()
    facilities_by_address = {_norm(_address_of(f)): f["id"] for f in known_facilities.values()}
    taken = set(known_ids)
    for number, raw in enumerate(rows, start=1):
        problems, usable = shape_problems(number, raw)
        if not usable:
            result.report.extend(problems)
            continue
        row = {k: v for k, v in raw.items() if not any(p.field == k for p in problems)}
        record_id = slug(row["name"]) if _value(row.get("name")) else ""
        result.report.extend(Entry(p.row, record_id, p.field, p.value, p.note) for p in problems)
        if not record_id:
            result.report.append(Entry(number, "", "name", raw.get("name"), "no name that makes an id; row skipped"))
            continue
        if record_id in taken:
            result.report.append(Entry(number, record_id, "name", row["name"],
                                       "an id already in the data; row skipped (update the record by hand)"))
            continue
        taken.add(record_id)
        note = _Notes(result, number, record_id)
        record = _record(row, record_id, as_of, choices, note)
        if record is None:
            continue
        facility = _facility(row, facilities_by_address, known_facilities, result, note)
        if facility:
            record["cases"][-1]["facilities"] = [facility]
        articles = _articles(row, known_articles, result, note)
        if articles:
            record["cases"][-1]["articles"] = articles
        result.records.append(record)
    result.records.sort(key=lambda r: r["id"])
    return result


@dataclass(frozen=True)
class _Notes:
    """Adds report entries for one row."""

    result: ImportResult
    row: int
    record: str

    def __call__(self, field_: str, value: Any, note: str) -> None:
        self.result.report.append(Entry(self.row, self.record, field_, value, note))


# ---- Pieces of one record ----

def _record(row: dict, record_id: str, as_of: str, choices: Choices, note: _Notes) -> dict | None:
    raw_status = _value(row.get("status"))
    status = STATUS.get(raw_status or "")
    if status is None:
        note("status", row.get("status"), "not active, former or np; row skipped (add the record by hand)")
        return None
    sentence = _sentence(row, note)
    if status == "imprisoned" and sentence and sentence["kind"] in RESTRICTED_KINDS:
        status = "restricted"  # held means serving: restricted freedom is served outside prison walls
    record: dict[str, Any] = {"id": record_id, "publication": choices.publication}
    consent = choices.consent_block(as_of)
    if consent:
        record["consent"] = consent
    record["name"] = {"en": row["name"].strip()}
    gender = _value(row.get("gender"))
    if gender in ("male", "female"):
        record["gender"] = gender
    elif gender:
        note("gender", row.get("gender"), "not male or female; left out")
    born = _date(row, "birthday", note)
    if born:
        record["born"] = born
    if _value(row.get("description")):
        record["summary"] = {"en": row["description"].strip()}
    record["status"] = status
    if raw_status in ("active", "former"):
        # The export gives no recognition date; the statement's address is the evidence.
        record["recognised"] = {"by": VIASNA}
        if _value(row.get("declaration")):
            record["recognised"]["url"] = row["declaration"].strip()
    record["as_of"] = as_of
    record["cases"] = [_case(row, status, sentence, note)]
    record["sources"] = _sources(row, note)
    if not record["sources"]:
        note("url", row.get("url"), "no source address; the record will not validate until a source is added")
    record["last_verified"] = as_of  # the export's date: a person checked the facts then, not today
    record["verified_by"] = VERIFIED_BY
    return record


def _case(row: dict, status: str, sentence: dict | None, note: _Notes) -> dict:
    case: dict[str, Any] = {}
    arrested = _date(row, "arrested", note)
    if arrested:
        case["arrested"] = arrested
    elif _value(row.get("arrested")) is None:
        note("arrested", row.get("arrested"), "no arrest date; the record will not validate until one is added")
    if _value(row.get("judge")):
        case["judge"] = row["judge"].strip()
    verdict = _date(row, "verdict_date", note)
    if verdict:
        case["verdict_date"] = verdict
    if sentence:
        case["sentence"] = sentence
    appeal = _date(row, "appeal_date", note)
    if appeal:
        case["appeal_date"] = appeal
    if status == "released":
        released = _date(row, "release_date", note)
        if released:
            case["released"] = {"date": released, "how": "served" if _served(row) else "other"}
        else:
            case["released"] = {"date_unknown": True, "how": "other",
                                "note": "Viasna lists the person as a former political prisoner; "
                                        "the export gives no release date."}
            note("release_date", row.get("release_date"),
                 "former prisoner without a release date; marked date_unknown")
    elif _value(row.get("release_date")):
        note("release_date", row.get("release_date"), f"a release date for status {row.get('status')!r}; left out")
    return case


def _sentence(row: dict, note: _Notes) -> dict | None:
    sentence = parse_sentence(row.get("decision"), row.get("penalty"))
    if sentence is None and (_value(row.get("decision")) or _value(row.get("penalty"))):
        note("decision/penalty", [row.get("decision"), row.get("penalty")], "sentence not understood; left out")
    elif sentence and _value(row.get("decision")) and "months" not in sentence:
        note("decision", row.get("decision"), "term not understood; the sentence is kept without its length")
    return sentence


def _served(row: dict) -> bool:
    return "served full term" in (row.get("description") or "")


def _sources(row: dict, note: _Notes) -> list[dict]:
    """The export's addresses as sources; validation refuses one that is not http(s)."""
    sources = []
    url, declaration, photo = (_value(row.get(name)) for name in ("url", "declaration", "photo"))
    if url:
        sources.append({"url": url, "title": f"{VIASNA}: political prisoners database"})
    if declaration and declaration != url:
        sources.append({"url": declaration, "title": f"{VIASNA}: recognition statement"})
    if photo:
        sources.append({"url": photo, "title": f"Photo published by {VIASNA}"})
        note.result.photos += 1
    return sources


def _facility(row: dict, by_address: dict[str, str], known: dict[str, dict], result: ImportResult,
              note: _Notes) -> str | None:
    title, address = _value(row.get("prison/title")), _value(row.get("prison/address"))
    if not title:
        return None
    if address and _norm(address) in by_address:
        return by_address[_norm(address)]
    kind, prefix = next(((k, p) for words, k, p in _FACILITY_KINDS if words in title.lower()), ("other", "facility"))
    number = re.search(r"No\.?\s*(\d+)", title)
    town = _town(address or "")
    facility_id = "-".join(part for part in (prefix, number.group(1) if number else None, slug(town)) if part)
    if facility_id in known:
        return facility_id
    entry = {"id": facility_id, "kind": kind, "name": {"en": title.strip()}}
    if address:
        entry["address"] = {"latin": address.strip()}
    else:
        entry["address"] = {"latin": title.strip()}
        note("prison/address", row.get("prison/address"), f"facility {title!r} has no address in the export")
    if kind == "other":
        note("prison/title", title, f"kind of facility not recognised; added as {facility_id!r} of kind other")
    known[facility_id] = entry
    by_address[_norm(address or title)] = facility_id
    result.new_facilities.append(entry)
    return facility_id


def _articles(row: dict, known: set[str], result: ImportResult, note: _Notes) -> list[str]:
    found: list[str] = []
    for index in range(13):
        text = _value(row.get(f"articles/{index}"))
        if not text:
            continue
        numbers = _ARTICLE.findall(text)
        if not numbers:
            note(f"articles/{index}", text, "names no article number; left out")
            continue
        title = _TITLE.search(text)
        for number in numbers:
            if number not in found:
                found.append(number)
            if number not in known:
                known.add(number)
                result.new_articles.append({
                    "id": number,
                    "title": {"en": title.group(1).strip() if title and number == numbers[-1] else f"Article {number}"},
                    "explanation": {"en": "Not yet explained: please write a plain-language explanation."},
                    "sources": [{"url": "https://pravo.by/document/?guid=3871&p0=hk9900275",
                                 "title": "Criminal Code of the Republic of Belarus"}],
                })
                note(f"articles/{index}", text, f"new article {number} added without an explanation")
    return found


def _date(row: dict, name: str, note: _Notes) -> str | None:
    text = _value(row.get(name))
    if text is None:
        return None
    try:
        return str(PartialDate.parse(text))
    except ValueError:
        note(name, row.get(name), "not a date (YYYY, YYYY-MM or YYYY-MM-DD); left out")
        return None


# ---- Parsing helpers ----

# Restricted freedom, as exports and translations write it: "khimiya" is served in an open
# correctional facility, "home khimiya" at home under supervision (without referral to a facility).
_HOME_RESTRICTION = re.compile(
    r"\bhome\b.*\b(khimi|himi|chemistry|restrict|limitation)"
    r"|\b(khimi|himi|chemistry|restrict|limitation)\w*\b.*\bat home\b"
    r"|without (referral|direction|being sent|sending)|хатн\w+ хімі|домашн\w+ хими|без (направления|накіравання)")
_RESTRICTION = re.compile(
    r"\bkhimi|\bhimiya|\bchemistry\b|restrict\w* (of )?(freedom|liberty)|limitation of (freedom|liberty)"
    r"|open[- ]type|open (correctional|prison)|\bхими|\bхімі|ограничени\w* свободы|абмежаван\w* волі")
_SUSPENDED = re.compile(r"suspended|probation|отсрочк|условн|умоўн|адтэрміноўк")
_FINE = re.compile(r"\bfined?\b|штраф")
_IMPRISONMENT = re.compile(r"imprisonment|colony|prison|лишени\w* свободы|пазбаўлен\w* волі|колони|калоні")


def sentence_kind(text: str) -> str | None:
    """The sentence kind from the export's words, or None when they say none clearly."""
    lowered = text.lower()
    for pattern, kind in ((_SUSPENDED, "suspended"), (_HOME_RESTRICTION, "home-restriction"),
                          (_RESTRICTION, "restriction"), (_FINE, "fine"), (_IMPRISONMENT, "imprisonment")):
        if pattern.search(lowered):
            return kind
    return None


def parse_sentence(decision: Any, penalty: Any) -> dict | None:
    """'4 1/2 years' + 'imprisonment in a medium-security penal colony' → kind, months, regime, text;
    '3 years' + 'home khimiya' → home-restriction, 36 months."""
    decision, penalty = _value(decision), _value(penalty)
    if not decision and not penalty:
        return None
    text = " ".join(part for part in (decision, penalty) if part)
    kind = sentence_kind(text)
    if kind is None:
        return None
    sentence: dict[str, Any] = {"kind": kind}
    months = parse_months(decision) if decision else None
    if months is not None:
        sentence["months"] = months
    if kind == "imprisonment":
        lowered = text.lower()
        regime = next((r for words, r in _REGIMES if words in lowered), None)
        if "prison" in lowered and "colony" not in lowered:
            regime = "prison"
        if regime:
            sentence["regime"] = regime
    sentence["text"] = text
    return sentence


_NUMBER = r"(\d+)(?:\s+(\d+)/(\d+))?"
_YEARS = re.compile(rf"{_NUMBER}\s*years?")
_MONTHS = re.compile(r"(\d+)\s*months?")


def parse_months(text: str) -> int | None:
    """'6 years' → 72, '4 1/2 years' → 54, '4 years and 9 months' → 57, '8 months' → 8."""
    text = text.lower().replace("½", " 1/2")
    years, months = _YEARS.search(text), _MONTHS.search(text)
    if not years and not months:
        return None
    total = 0
    if years:
        whole, numerator, denominator = years.groups()
        total += int(whole) * 12
        if numerator:
            total += round(12 * int(numerator) / int(denominator))
    if months:
        total += int(months.group(1))
    return total


def _value(value: Any) -> str | None:
    if value in MISSING:
        return None
    return str(value).strip() or None


def _town(address: str) -> str:
    """The town in '212011, Mahilioŭ, vulica Krupskaj 99A' is the part after the postcode."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    for part in parts:
        if not part.isdigit():
            return part
    return ""


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _address_of(facility: dict) -> str:
    address = facility.get("address") or {}
    return address.get("latin") or address.get("be") or address.get("ru") or ""


# ---- The command ----

PUBLICATIONS = ("full", "minimal")  # counted is refused: the export's addresses name each person
CONSENTS = (*CONSENT_BASES, NO_CONSENT)


def add_arguments(commands: Any) -> None:
    """`volia import-viasna`'s options, on the command line's sub-parsers."""
    importer = commands.add_parser(
        "import-viasna", help="import a Viasna JSON export",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Convert Viasna's database export into records, adding facilities and articles not yet "
                    "in the data. How much each record publishes and on what consent basis are your choice: "
                    "the export does not say, and the importer never guesses. Values it cannot map are left "
                    "out and listed in the report.",
        epilog=EXIT_CODES)
    importer.add_argument("file", type=Path, help="the export (a JSON list of people)")
    importer.add_argument("--as-of", required=True,
                          help="the date the export describes (YYYY, YYYY-MM or YYYY-MM-DD); every record's as_of "
                               "and last_verified (never today)")
    importer.add_argument("--publication", choices=(*PUBLICATIONS, "counted"),
                          help="required: the publication level of every imported record (full needs --consent)")
    importer.add_argument("--consent", choices=CONSENTS,
                          help="required: the consent basis recorded in every imported record; "
                               f"'{NO_CONSENT}' records none (only with --publication minimal)")
    importer.add_argument("--consent-by", default=VIASNA,
                          help=f"who gave or holds the agreement (default: {VIASNA})")
    importer.add_argument("--report", type=Path,
                          help="where to write the report of unmapped values "
                               "(default: beside the export, EXPORT.report.txt)")


def run(args: argparse.Namespace, existing: dict[str, list], today: dt.date) -> tuple[int, ImportResult | None]:
    """Check the options and the export, and convert it; the exit code and the result (None when refused).
    `existing` holds the data's current records, facilities and articles by file name."""
    choices = _choices(args)
    if isinstance(choices, str):
        print(f"volia import-viasna: {choices}", file=sys.stderr)
        return EXIT_USAGE, None
    as_of = _as_of(args.as_of, today)
    if as_of is None:
        print(f"volia import-viasna: --as-of {args.as_of!r} is not a possible date: give the day the export "
              "describes as YYYY, YYYY-MM or YYYY-MM-DD, not later than today", file=sys.stderr)
        return EXIT_REFUSED, None
    try:
        rows = read_export(args.file)
    except ExportError as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED, None
    result = convert(rows, known_facilities={f["id"]: f for f in existing["facilities.yaml"]},
                     known_articles={a["id"] for a in existing["articles.yaml"]},
                     known_ids={r["id"] for r in existing["prisoners.yaml"]}, as_of=as_of, choices=choices)
    report = args.report or args.file.with_name(f"{args.file.stem}.report.txt")
    write_report(report, result.report, source=args.file, as_of=as_of)
    print(f"imported {len(result.records)} records, {len(result.new_facilities)} new facilities, "
          f"{len(result.new_articles)} new articles (publication {choices.publication}, consent {choices.consent}, "
          f"as of {as_of})")
    if result.photos:
        print(f"  {result.photos} remote photo(s) kept as sources only (never embedded)")
    for entry in result.report:
        print(f"  needs a look: {entry.line()}")
    print(f"report: {report} ({len(result.report)} entr{'y' if len(result.report) == 1 else 'ies'})")
    return (EXIT_NEEDS_LOOK if result.report else EXIT_CLEAN), result


def _choices(args: argparse.Namespace) -> Choices | str:
    """The publication and consent choices, or why they cannot be used."""
    missing = [flag for flag, value in (("--publication", args.publication), ("--consent", args.consent)) if not value]
    if missing:
        return (f"{' and '.join(missing)} required: the export does not say how much may be published or on what "
                f"consent basis, and the importer does not guess. Choose --publication {{{','.join(PUBLICATIONS)}}} "
                f"and --consent {{{','.join(CONSENTS)}}} (if in doubt: --publication minimal).")
    if args.publication == "counted":
        return ("--publication counted is not offered: a counted record must not name the person, and the "
                "export's addresses do. Import as minimal, then reduce the records by hand (docs/about/removal.md).")
    if args.publication == "full" and args.consent == NO_CONSENT:
        return "--publication full needs a consent basis: --consent none is allowed only with --publication minimal."
    if not args.consent_by.strip():
        return "--consent-by must name who gave or holds the agreement (a role or an organisation)."
    return Choices(args.publication, args.consent, args.consent_by.strip())


def _as_of(text: str, today: dt.date) -> str | None:
    try:
        date = PartialDate.parse(text.strip())
    except ValueError:
        return None
    return str(date) if date.earliest() <= today else None
