"""Rules a JSON Schema cannot say: unique ids, references between files, dates that exist and
come in order, a status that agrees with the cases, keys given twice, names that are plain text
in one alphabet per word, photo files that are real images, and removed pages that stay removed.

The rules read the loaded YAML defensively (a record may also have schema problems), so that one
run reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from volia.data import photo_files
from volia.data.problems import NO_VALUE, Problem
from volia.data.safe_yaml import Mapping, Sequence
from volia.data.schema_check import field_name, line_of, record_id
from volia.model.partial_date import DATE_FORM, PartialDate
from volia.model.vocabulary import LEFT_PRISON, SERVING

CASE_DATES = ("arrested", "verdict_date", "appeal_date")
# Later events may not come before earlier ones: (earlier, later) pairs within one case.
CASE_ORDER = (("arrested", "verdict_date"), ("verdict_date", "appeal_date"),
              ("arrested", "released.date"), ("verdict_date", "released.date"))
# Characters no name needs, and every markup language (HTML, Jinja, Markdown code) does; ";"
# separates names in one cell of the CSV exports.
NAME_FORBIDDEN = "<>{}`;"
# Alphabets whose letters look alike: a word mixing them is a lookalike of another name.
LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


class RuleContext:
    """One data file being checked, and the ids the other files define."""

    def __init__(self, data: Any, shown_as: str, known: dict[str, set[str]], today: dt.date,
                 photos_dir: Path | None = None):
        self.data, self.shown_as, self.known, self.today = data, shown_as, known, today
        self.photos_dir = photos_dir
        self.problems: list[Problem] = []

    def report(self, path: list, value: object, expected: str) -> None:
        self.problems.append(Problem(self.shown_as, line_of(self.data, path),
                                     record_id(self.data, path), field_name(path[1:]),
                                     value, expected))


# ---- Entry points ----

def check_entries(ctx: RuleContext, key: str = "id") -> list[Problem]:
    """Rules for any list file: unique ids and no key given twice."""
    if not isinstance(ctx.data, list):
        return ctx.problems
    seen: dict[str, int] = {}
    for index, entry in enumerate(ctx.data):
        _duplicate_keys(ctx, entry, [index])
        ident = entry.get(key) if isinstance(entry, dict) else None
        if isinstance(ident, str):
            if ident in seen:
                ctx.report([index, key], ident,
                           f"this {key} is already used by the entry at line {seen[ident]}; "
                           f"expected a unique {key}")
            else:
                seen[ident] = line_of(ctx.data, [index])
    return ctx.problems


def check_facilities(ctx: RuleContext) -> list[Problem]:
    check_entries(ctx)
    for index, entry in _entries(ctx):
        _reference(ctx, entry.get("region"), "regions", [index, "region"])
    return ctx.problems


def check_records(ctx: RuleContext) -> list[Problem]:
    check_entries(ctx)
    for index, record in _entries(ctx):
        _reference(ctx, record.get("region"), "regions", [index, "region"])
        for name in ("born", "as_of", "last_verified"):
            _date(ctx, record.get(name), [index, name])
        _date(ctx, _get(record, "consent", "date"), [index, "consent", "date"])
        _date(ctx, _get(record, "recognised", "date"), [index, "recognised", "date"])
        _check_names(ctx, record, index)
        _check_photo(ctx, record, index)
        cases = record.get("cases")
        if isinstance(cases, list):
            for number, case in enumerate(cases):
                if isinstance(case, dict):
                    _check_case(ctx, record, case, [index, "cases", number])
            _check_cases_in_order(ctx, cases, [index, "cases"])
            _check_status(ctx, record, cases, index)
    return ctx.problems


def check_organisations(ctx: RuleContext) -> list[Problem]:
    """Unique ids, and no name (in any language, ignoring case) shared by two organisations: the
    data names an organisation by its name, so a shared one would make pages name the wrong body."""
    check_entries(ctx)
    named: dict[str, str] = {}
    for index, entry in _entries(ctx):
        names = entry.get("name")
        if not isinstance(names, dict):
            continue
        for lang, text in names.items():
            if not isinstance(text, str):
                continue
            other = named.setdefault(text.casefold(), str(entry.get("id")))
            if other != entry.get("id"):
                ctx.report([index, "name", lang], text,
                           f"organisation {other} already has this name; expected a name of its own")
    return ctx.problems


def check_removed(ctx: RuleContext) -> list[Problem]:
    """Pages taken down: unique ids, real dates, and no record that would bring the page back."""
    check_entries(ctx)
    for index, entry in _entries(ctx):
        _date(ctx, entry.get("date"), [index, "date"])
        ident = entry.get("id")
        if isinstance(ident, str) and ident in ctx.known.get("pages", set()):
            ctx.report([index, "id"], ident,
                       "this record still has a page in data/prisoners.yaml; expected it deleted there "
                       "or set to publication: counted")
    return ctx.problems


# ---- Helpers ----

def _entries(ctx: RuleContext) -> Iterator[tuple[int, dict]]:
    if isinstance(ctx.data, list):
        for index, entry in enumerate(ctx.data):
            if isinstance(entry, dict):
                yield index, entry


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _duplicate_keys(ctx: RuleContext, node: Any, path: list) -> None:
    if isinstance(node, Mapping):
        for key, line, first in node.duplicate_keys:
            ctx.problems.append(Problem(
                ctx.shown_as, line, record_id(ctx.data, path), field_name([*path[1:], key]),
                NO_VALUE, f"this key is given twice (first at line {first}); YAML would keep only "
                          "the last value and lose the other: keep one"))
        for key, child in node.items():
            _duplicate_keys(ctx, child, [*path, key])
    elif isinstance(node, Sequence):
        for index, child in enumerate(node):
            _duplicate_keys(ctx, child, [*path, index])


def _reference(ctx: RuleContext, value: Any, kind: str, path: list) -> None:
    if isinstance(value, str) and value not in ctx.known[kind]:
        ctx.report(path, value, f"not an id in data/{kind}.yaml; add it there first or fix the spelling")


def _date(ctx: RuleContext, value: Any, path: list) -> PartialDate | None:
    if not isinstance(value, str) or not DATE_FORM.match(value):
        return None  # not a date at all: the schema check reports its form
    try:
        date = PartialDate.parse(value)
    except ValueError:
        ctx.report(path, value, "not a real date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    if date.earliest() > ctx.today:
        ctx.report(path, value, f"in the future (today is {ctx.today.isoformat()}); expected a past date")
    return date


def _check_names(ctx: RuleContext, record: dict, index: int) -> None:
    names = record.get("name")
    fields = [([index, "name", lang], text) for lang, text in names.items()] if isinstance(names, dict) else []
    aliases = record.get("aliases")
    if isinstance(aliases, list):
        fields += [([index, "aliases", number], text) for number, text in enumerate(aliases)]
    for path, text in fields:
        if isinstance(text, str):
            problem = name_problem(text)
            if problem:
                ctx.report(path, text, problem)


def name_problem(text: str) -> str | None:
    """Why `text` cannot be a name, or None. Names end up in titles, links and search results."""
    forbidden = sorted({ch for ch in text if ch in NAME_FORBIDDEN})
    if forbidden:
        return (f"contains {', '.join(repr(ch) for ch in forbidden)}; expected a name as plain text, "
                f"without any of {' '.join(NAME_FORBIDDEN)}")
    if not unicodedata.is_normalized("NFC", text):
        return "has a letter written as a letter plus a separate accent; expected each letter typed as one character"
    for word in text.replace("-", " ").split():
        scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in word if ch.isalpha()}
        mixed = sorted(scripts & set(LOOKALIKE_SCRIPTS))
        if len(mixed) > 1:
            return (f"the word {word!r} mixes {' and '.join(s.title() for s in mixed)} letters, which look "
                    "alike; expected each word in one alphabet")
    return None


def _check_photo(ctx: RuleContext, record: dict, index: int) -> None:
    name = _get(record, "photo", "file")
    if ctx.photos_dir is None or not isinstance(name, str):
        return
    problem = photo_files.problem_with(ctx.photos_dir / name, ctx.photos_dir)
    if problem:
        ctx.report([index, "photo", "file"], name, problem)


def _check_case(ctx: RuleContext, record: dict, case: dict, path: list) -> None:
    dates = {name: _date(ctx, case.get(name), [*path, name]) for name in CASE_DATES}
    dates["released.date"] = _date(ctx, _get(case, "released", "date"), [*path, "released", "date"])
    born = record.get("born")
    for earlier, later in CASE_ORDER:
        first, second = dates.get(earlier), dates.get(later)
        if first and second and first.surely_after(second):
            ctx.report([*path, *later.split(".")], str(second),
                       f"comes before {earlier.replace('_', ' ')} ({first}); expected {earlier} ≤ {later}")
    if isinstance(born, str) and dates["arrested"]:
        try:
            birth = PartialDate.parse(born)
        except ValueError:
            birth = None
        if birth and not dates["arrested"].surely_after(birth):
            ctx.report([*path, "arrested"], str(dates["arrested"]),
                       f"not after the date of birth ({birth}); expected an arrest after birth")
    for number, article in enumerate(case.get("articles") or []):
        _reference(ctx, article, "articles", [*path, "articles", number])
    for number, facility in enumerate(case.get("facilities") or []):
        _reference(ctx, facility, "facilities", [*path, "facilities", number])


def _check_cases_in_order(ctx: RuleContext, cases: list, path: list) -> None:
    previous: PartialDate | None = None
    for number, case in enumerate(cases):
        try:
            arrested = PartialDate.parse(case["arrested"])
        except (TypeError, KeyError, ValueError):
            continue
        if previous and previous.surely_after(arrested):
            ctx.report([*path, number, "arrested"], str(arrested),
                       f"earlier than the case before it ({previous}); expected cases oldest first")
        previous = arrested


def _check_status(ctx: RuleContext, record: dict, cases: list, index: int) -> None:
    status = record.get("status")
    if not cases or not isinstance(cases[-1], dict):
        return
    last = len(cases) - 1
    released = cases[-1].get("released")
    if status in LEFT_PRISON and not released:
        ctx.report([index, "cases", last], NO_VALUE,
                   f"status is {status} but the last case has no release; expected "
                   "released: {date: ..., how: ...} (or date_unknown: true with a note)")
    if status in SERVING and released:
        ctx.report([index, "status"], status,
                   "the last case has a release; expected status released (or a new case for a re-arrest)")
