"""Rules a JSON Schema cannot say: unique ids, references between files, dates that exist and
come in order, a status that agrees with the cases, keys given twice, names that are plain text
in one alphabet per word, photo files that are real images, and removed pages that stay removed.

The rules read the loaded YAML defensively (a record may also have schema problems), so that one
run reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from volia import schemas
from volia.data import photo_files
from volia.data.files import RECORDS, DataFile
from volia.data.name_rules import name_problem
from volia.data.problems import NO_VALUE, Problem, did_you_mean
from volia.data.safe_yaml import Mapping, Sequence
from volia.data.schema_check import entry_kind, field_name, line_of, record_id
from volia.model.partial_date import DATE_FORM, PartialDate
from volia.model.vocabulary import LEFT_PRISON, SERVING

CASE_DATES = ("arrested", "verdict_date", "appeal_date")
# Later events may not come before earlier ones: (earlier, later) pairs within one case.
CASE_ORDER = (("arrested", "verdict_date"), ("verdict_date", "appeal_date"),
              ("arrested", "released.date"), ("verdict_date", "released.date"))
# Names the site itself writes in the folder of a file's pages (volia/addresses.py: the list of
# all prisoners is prisoners/index.html, the filtered lists live in prisoners/status/ and
# prisoners/region/): an entry with such an id would replace or shadow that page in every language.
# tests/test_hostile_paths.py holds this list to addresses.py; the build checks every path again.
RESERVED_IDS = {
    "prisoners.yaml": ("index", "status", "region"),
    "removed.yaml": ("index", "status", "region"),  # a notice takes a record page's address
    "facilities.yaml": ("index",),
    "regions.yaml": ("index",),  # prisoners/region/<id>.html
}
# A whole number larger than this is a typing accident (more than any country's population), and
# too large for the charts' arithmetic.
MAX_NUMBER = 10_000_000_000


class RuleContext:
    """One data file being checked, and the ids the other files define."""

    def __init__(self, data: Any, shown_as: str, known: dict[str, set[str]], today: dt.date,
                 photos_dir: Path | None = None, spec: DataFile = RECORDS):
        self.data, self.shown_as, self.known, self.today = data, shown_as, known, today
        self.photos_dir, self.spec = photos_dir, spec
        self.problems: list[Problem] = []

    def report(self, path: list, value: object, expected: str) -> None:
        self.problems.append(Problem(self.shown_as, line_of(self.data, path),
                                     record_id(self.data, path, self.spec.key), field_name(path[1:]),
                                     value, expected, entry_kind(self.spec)))


# ---- Entry points ----

def check_entries(ctx: RuleContext) -> list[Problem]:
    """Rules for any list file: unique ids that name no page the site makes itself, no key given
    twice, dates that exist (and have passed), and whole numbers written as whole numbers."""
    if not isinstance(ctx.data, list):
        return ctx.problems
    key, reserved = ctx.spec.key, RESERVED_IDS.get(ctx.spec.name, ())
    seen: dict[str, int] = {}
    for index, entry in enumerate(ctx.data):
        _duplicate_keys(ctx, entry, [index])
        _check_values(ctx, entry, [index])
        ident = entry.get(key) if isinstance(entry, dict) else None
        if isinstance(ident, str) and ident in reserved:
            ctx.report([index, key], ident, f"{ident!r} is the name of a page the site makes itself in this "
                       f"{ctx.spec.entry}'s folder; expected another {key} (reserved: {', '.join(reserved)})")
        if isinstance(ident, str) and ctx.spec.unique:
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


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


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
                ctx.shown_as, line, record_id(ctx.data, path, ctx.spec.key), field_name([*path[1:], key]),
                NO_VALUE, f"this key is given twice (first at line {first}); YAML would keep only "
                          "the last value and lose the other: keep one", entry_kind(ctx.spec)))
        for key, child in node.items():
            _duplicate_keys(ctx, child, [*path, key])
    elif isinstance(node, Sequence):
        for index, child in enumerate(node):
            _duplicate_keys(ctx, child, [*path, index])


def _check_values(ctx: RuleContext, entry: Any, path: list) -> None:
    """Every date and whole number of one entry, found through the entry's schema (so a file or a
    field added to the schemas is checked too): a date that exists and has passed; a whole number
    written without a decimal point (JSON Schema lets 36.0 pass as an integer) and of a sane size."""
    def visit(kind: str, value: Any, where: list) -> None:
        if kind == "date":
            _date(ctx, value, where)
        elif isinstance(value, float) and value.is_integer():
            ctx.report(where, value, "expected a whole number, written without a decimal point")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            ctx.report(where, value, f"too large: expected a number up to {MAX_NUMBER:,}")
    _walk_schema(schemas.definitions()[ctx.spec.entry], entry, path, visit)


def _walk_schema(node: dict, value: Any, path: list, visit: Callable[[str, Any, list], None]) -> None:
    if node.get("$ref", "").endswith("/date"):
        visit("date", value, path)
        return
    node = schemas.resolve(node)
    for branch in (*node.get("oneOf", ()), *node.get("anyOf", ())):
        _walk_schema(branch, value, path, visit)
    kinds = node.get("type")
    if kinds == "integer" or (isinstance(kinds, list) and "integer" in kinds):
        visit("integer", value, path)
    if isinstance(value, dict):
        properties, extra = node.get("properties", {}), node.get("additionalProperties")
        for key, child in value.items():
            sub = properties.get(key, extra if isinstance(extra, dict) else None)
            if sub is not None:
                _walk_schema(sub, child, [*path, key], visit)
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for number, child in enumerate(value):
            _walk_schema(node["items"], child, [*path, number], visit)


def _reference(ctx: RuleContext, value: Any, kind: str, path: list) -> None:
    if isinstance(value, str) and value not in ctx.known[kind]:
        ctx.report(path, value, f"not an id in data/{kind}.yaml; add it there first or fix the spelling"
                   + did_you_mean(value, ctx.known[kind]))


def _date(ctx: RuleContext | None, value: Any, path: list) -> PartialDate | None:
    """The date, or None; with a context, report a date that does not exist or has not come yet."""
    if not isinstance(value, str) or not DATE_FORM.match(value):
        return None  # not a date at all: the schema check reports its form
    try:
        date = PartialDate.parse(value)
    except ValueError:
        if ctx:
            ctx.report(path, value, "not a real date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    if ctx and date.earliest() > ctx.today:
        ctx.report(path, value, f"in the future (today is {ctx.today.isoformat()}); expected a past date")
    return date


def _check_names(ctx: RuleContext, record: dict, index: int) -> None:
    names = record.get("name")
    fields = [([index, "name", lang], text) for lang, text in names.items()] if isinstance(names, dict) else []
    aliases = record.get("aliases")
    if isinstance(aliases, list):
        fields += [([index, "aliases", number], text) for number, text in enumerate(aliases)]
    for path, text in fields:
        # Text the schema refuses as a line (control, zero-width, direction characters) has that
        # message already: the character rules are not said twice.
        if isinstance(text, str):
            problem = name_problem(text, hidden_refused=not _LINE.fullmatch(text))
            if problem:
                ctx.report(path, text, problem)


_LINE = re.compile(schemas.definitions()["line"]["pattern"].strip("^$"))


def _check_photo(ctx: RuleContext, record: dict, index: int) -> None:
    name = _get(record, "photo", "file")
    if ctx.photos_dir is None or not isinstance(name, str):
        return
    problem = photo_files.problem_with(name, ctx.photos_dir)
    if problem:
        ctx.report([index, "photo", "file"], name, problem)


def _check_case(ctx: RuleContext, record: dict, case: dict, path: list) -> None:
    # The dates themselves were checked with every other date (_check_values): only their order here.
    dates = {name: _date(None, case.get(name), []) for name in CASE_DATES}
    dates["released.date"] = _date(None, _get(case, "released", "date"), [])
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
    for number, article in enumerate(_list(case.get("articles"))):
        _reference(ctx, article, "articles", [*path, "articles", number])
    for number, facility in enumerate(_list(case.get("facilities"))):
        _reference(ctx, facility, "facilities", [*path, "facilities", number])


def _check_cases_in_order(ctx: RuleContext, cases: list, path: list) -> None:
    previous: PartialDate | None = None
    for number, case in enumerate(cases):
        arrested = _date(None, case.get("arrested"), []) if isinstance(case, dict) else None
        if arrested is None:
            continue
        if previous and previous.surely_after(arrested):
            ctx.report([*path, number, "arrested"], str(arrested),
                       f"earlier than the case before it ({previous}); expected cases oldest first")
        previous = arrested


def _check_status(ctx: RuleContext, record: dict, cases: list, index: int) -> None:
    status = record.get("status")
    if not cases or not isinstance(cases[-1], dict) or not isinstance(status, str):
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
