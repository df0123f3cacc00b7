"""Convert Viasna's flat database export into Volia records.

The export is a JSON list of flat objects: `articles/0..12` hold charge titles, `prison/title` and
`prison/address` the facility, `status` is active|former|np, and missing values are "" or "FALSE".
The importer never guesses: what it cannot map it leaves out of the record and reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from volia.cli.new_record import slug

MISSING = ("", "FALSE", None)

STATUS = {"active": "imprisoned", "former": "released", "np": "imprisoned"}

# "Part 2 of Art. 293 ..." / "Art. 361-1 ..." / "Part 1 of Article 13 and Article 293 ..."
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


@dataclass
class ImportResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    new_facilities: list[dict[str, Any]] = field(default_factory=list)
    new_articles: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # "record-id: what could not be mapped"


def convert(rows: list[dict[str, Any]], *, known_facilities: dict[str, dict], known_articles: set[str],
            known_ids: set[str], as_of: str, verified: str) -> ImportResult:
    """Turn export rows into records; `known_*` keep existing facilities and articles from duplicating."""
    result = ImportResult()
    facilities_by_address = {_norm(_address_of(f)): f["id"] for f in known_facilities.values()}
    taken = set(known_ids)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or _value(row.get("name")) is None:
            result.unmapped.append(f"row {number}: no name; skipped")
            continue
        record_id = slug(row["name"])
        if record_id in taken:
            result.unmapped.append(f"{record_id}: an id already in the data; skipped (update it by hand)")
            continue
        taken.add(record_id)
        record = _record(row, record_id, as_of, verified, result)
        facility = _facility(row, record_id, facilities_by_address, known_facilities, result)
        if facility:
            record["cases"][-1]["facilities"] = [facility]
        articles = _articles(row, record_id, known_articles, result)
        if articles:
            record["cases"][-1]["articles"] = articles
        result.records.append(record)
    result.records.sort(key=lambda r: r["id"])
    return result


# ---- Pieces of one record ----

def _record(row: dict, record_id: str, as_of: str, verified: str, result: ImportResult) -> dict:
    status = STATUS.get(row.get("status", ""))
    if status is None:
        result.unmapped.append(f"{record_id}: status {row.get('status')!r} is not active, former or np; "
                               "recorded as imprisoned — check by hand")
        status = "imprisoned"
    record: dict[str, Any] = {"id": record_id, "publication": "full",
                              "consent": {"basis": "public-source", "by": "Human Rights Center Viasna",
                                          "date": as_of},
                              "name": {"en": row["name"].strip()}}
    if _value(row.get("gender")) in ("male", "female"):
        record["gender"] = row["gender"]
    if _value(row.get("birthday")):
        record["born"] = row["birthday"]
    if _value(row.get("description")):
        record["summary"] = {"en": row["description"].strip()}
    record["status"] = status
    if row.get("status") in ("active", "former"):
        # The export gives no recognition date; the statement's address is the evidence.
        record["recognised"] = {"by": "Human Rights Center Viasna"}
        if _value(row.get("declaration")):
            record["recognised"]["url"] = row["declaration"]
    elif row.get("status") == "np":
        result.unmapped.append(f"{record_id}: status np (not recognised); recorded as imprisoned — check by hand")
    record["as_of"] = as_of
    record["cases"] = [_case(row, record_id, status, result)]
    record["sources"] = _sources(row)
    record["last_verified"] = verified
    if _value(row.get("photo")):
        result.unmapped.append(f"{record_id}: remote photo kept as a source only (never embedded)")
    return record


def _case(row: dict, record_id: str, status: str, result: ImportResult) -> dict:
    case: dict[str, Any] = {}
    if _value(row.get("arrested")):
        case["arrested"] = row["arrested"]
    else:
        result.unmapped.append(f"{record_id}: no arrest date; the record will not validate until one is added")
    if _value(row.get("judge")):
        case["judge"] = row["judge"].strip()
    if _value(row.get("verdict_date")):
        case["verdict_date"] = row["verdict_date"]
    sentence = parse_sentence(row.get("decision"), row.get("penalty"))
    if sentence:
        case["sentence"] = sentence
    elif _value(row.get("decision")) or _value(row.get("penalty")):
        result.unmapped.append(f"{record_id}: sentence {row.get('decision')!r} / {row.get('penalty')!r} not understood")
    if _value(row.get("appeal_date")):
        case["appeal_date"] = row["appeal_date"]
    if status == "released":
        if _value(row.get("release_date")):
            case["released"] = {"date": row["release_date"], "how": "served" if _served(row) else "other"}
        else:
            case["released"] = {"date_unknown": True, "how": "other",
                                "note": "Viasna lists the person as a former political prisoner; "
                                        "the export gives no release date."}
            result.unmapped.append(f"{record_id}: former prisoner without a release date; marked date_unknown")
    return case


def _served(row: dict) -> bool:
    return "served full term" in (row.get("description") or "")


def _sources(row: dict) -> list[dict]:
    sources = []
    if _value(row.get("url")):
        sources.append({"url": row["url"], "title": "Human Rights Center Viasna: political prisoners database"})
    if _value(row.get("declaration")) and row.get("declaration") != row.get("url"):
        sources.append({"url": row["declaration"], "title": "Human Rights Center Viasna: recognition statement"})
    if _value(row.get("photo")):
        sources.append({"url": row["photo"], "title": "Photo published by Human Rights Center Viasna"})
    return sources


def _facility(row: dict, record_id: str, by_address: dict[str, str], known: dict[str, dict],
              result: ImportResult) -> str | None:
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
        result.unmapped.append(f"{record_id}: facility {title!r} has no address in the export")
    known[facility_id] = entry
    by_address[_norm(address or title)] = facility_id
    result.new_facilities.append(entry)
    return facility_id


def _articles(row: dict, record_id: str, known: set[str], result: ImportResult) -> list[str]:
    found: list[str] = []
    for index in range(13):
        text = _value(row.get(f"articles/{index}"))
        if not text:
            continue
        numbers = _ARTICLE.findall(text)
        if not numbers:
            result.unmapped.append(f"{record_id}: charge {text!r} names no article number")
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
                result.unmapped.append(f"{record_id}: new article {number} added without an explanation")
    return found


# ---- Parsing helpers ----

def parse_sentence(decision: Any, penalty: Any) -> dict | None:
    """'4 1/2 years' + 'imprisonment in a medium-security penal colony' → kind, months, regime, text."""
    decision, penalty = _value(decision), _value(penalty)
    if not decision and not penalty:
        return None
    sentence: dict[str, Any] = {}
    lowered = (penalty or "").lower()
    if "suspended" in lowered or "probation" in lowered:
        sentence["kind"] = "suspended"
    elif "home" in lowered and "restriction" in lowered:
        sentence["kind"] = "home-restriction"
    elif "restriction of freedom" in lowered or "restriction of liberty" in lowered:
        sentence["kind"] = "restriction"
    elif "fine" in lowered:
        sentence["kind"] = "fine"
    elif "imprisonment" in lowered or "colony" in lowered or "prison" in lowered:
        sentence["kind"] = "imprisonment"
    else:
        return None
    months = parse_months(decision) if decision else None
    if months is not None:
        sentence["months"] = months
    if sentence["kind"] == "imprisonment":
        regime = next((r for words, r in _REGIMES if words in lowered), None)
        if "prison" in lowered and "colony" not in lowered:
            regime = "prison"
        if regime:
            sentence["regime"] = regime
    sentence["text"] = " ".join(part for part in (decision, penalty) if part)
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
