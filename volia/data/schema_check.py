"""Check loaded YAML against the JSON Schemas in volia/schemas/ and word each failure for a contributor."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from volia import schemas
from volia.data.canonical_form import key_order
from volia.data.files import RECORDS, DataFile
from volia.data.problems import NO_VALUE, Problem, did_you_mean
from volia.data.safe_yaml import Mapping, Sequence

# Patterns in the schema, said in words.
_PATTERN_WORDS = {
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": 'a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lowercase Latin letters, digits and single hyphens",
    "^[0-9]{1,3}(-[0-9]{1,2})?$": 'an article number such as "342" or "361-1"',
    "^https?://[^\\s<>\"'`]+$": "an http:// or https:// address without spaces or quotes",
    "^[^;]*$": "a name without ';' (the CSV export separates list items with it)",
    "^[a-z0-9][a-z0-9._-]*\\.(jpe?g|png)$": "a file name directly in data/photos/: lowercase Latin letters, "
                                          "digits, '.', '_' or '-', ending in .jpg, .jpeg or .png",
}
_HIDDEN = "text without control characters, zero-width characters or direction overrides"


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (name, Resource.from_contents(doc)) for name, doc in schemas.documents().items())


class Validator:
    """Two validators for one schema: a compiled one that only says yes or no, fast, and the
    reference implementation (jsonschema) that explains every failure. Valid data — the usual
    case — costs milliseconds; only data that fails pays for the full explanation."""

    def __init__(self, document: str, definition: str | None):
        schema = schemas.documents()[document]
        if definition:
            schema = {"$ref": f"{document}#/$defs/{definition}"}
        self.full = Draft202012Validator(schema, registry=_registry())
        self.fast = _compiled(document, definition)

    def is_valid(self, data: Any) -> bool:
        try:
            self.fast(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


@cache
def _compiled(document: str, definition: str | None) -> Callable[[Any], Any]:
    documents = schemas.documents()
    by_id = {doc["$id"]: doc for doc in documents.values()}
    schema = dict(documents[document])
    # fastjsonschema knows draft-07, which reads these schemas' keywords ($defs refs are plain
    # JSON pointers) the same way; test_validation's broken fixtures keep the two in agreement.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    if definition:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
        schema.pop("type", None)
        schema.pop("items", None)
    return fastjsonschema.compile(schema, handlers={"https": lambda uri: by_id[uri.split("#")[0]]})


@cache
def validator_for(document: str, definition: str | None = None) -> Validator:
    """A validator for a whole schema document, or for one of its $defs (for example facilities)."""
    return Validator(document, definition)


def check(data: Any, validator: Validator, shown_as: str, spec: DataFile = RECORDS) -> list[Problem]:
    """Every schema failure in `data` as a Problem; `data` is a list of records or entries."""
    if validator.is_valid(data):
        return []
    problems: list[Problem] = []
    for error in validator.full.iter_errors(data):
        problems.extend(_describe(error, data, shown_as, spec))
    # The two can disagree, and then the stricter one wins: jsonschema matches patterns with
    # Python's `$`, which lets one trailing line break through ("Minsk\n"); the compiled validator,
    # like JSON Schema's own (ECMA-262) regular expressions, does not.
    problems = problems or [_compiled_problem(validator, data, shown_as)]
    # Each entry is named as what it is (facility colony-1, precedent x, count #3), by its key.
    return [Problem(p.file, p.line, _entry_name(p, data, spec), p.field, p.value, p.expected, entry_kind(spec))
            for p in problems]


def entry_kind(spec: DataFile) -> str:
    """What one entry of a file is called in messages: record, facility, precedent, cited source …"""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", spec.entry).lower()


def _entry_name(problem: Problem, data: Any, spec: DataFile) -> str:
    if problem.record.startswith("#") and problem.record[1:].isdigit() and spec.key != "id":
        return record_id(data, [int(problem.record[1:]) - 1], spec.key)
    return problem.record


def _compiled_problem(validator: Validator, data: Any, shown_as: str) -> Problem:
    try:
        validator.fast(data)
    except fastjsonschema.JsonSchemaValueException as error:
        path: list = []
        node = data
        for step in error.path[1:]:  # ["data", "0", "name", "en"]
            key: object = int(step) if isinstance(node, list) and str(step).isdigit() else step
            path.append(key)
            try:
                node = node[key]
            except (LookupError, TypeError):
                break
        expected = ("expected " + _PATTERN_WORDS.get(error.rule_definition, _HIDDEN) if error.rule == "pattern"
                    else f"expected: {error.message}")
        return _problem(data, path, None, error.value, expected, shown_as)
    raise AssertionError("the compiled validator refused the data, then accepted it")


def _describe(error: ValidationError, data: Any, shown_as: str, spec: DataFile) -> Iterator[Problem]:
    path = list(error.absolute_path)
    kind = error.validator
    if kind in ("allOf", "anyOf", "oneOf") and error.context and kind != "oneOf":
        for sub in error.context:
            yield from _describe(sub, data, shown_as, spec)
        return
    value: object = error.instance
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        for name in missing:
            yield _problem(data, path, name, NO_VALUE, "missing; this field is required here", shown_as)
        return
    if kind in ("dependentRequired", "dependencies"):  # a field that needs another beside it
        for needed, by in re.findall(r"'([^']+)' is a dependency of '([^']+)'", error.message):
            yield _problem(data, path, needed, NO_VALUE, f"missing; {by} is stated only with the {needed} that say so",
                           shown_as)
        return
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        here = tuple(step for step in path[1:] if isinstance(step, str))
        for name in sorted(set(error.instance) - set(allowed)):
            yield _problem(data, [*path, name], None, error.instance[name],
                           _unknown_field(name, here, allowed, spec), shown_as)
        return
    # `"field": {"not": {}}` forbids a field (a bare `false` would lose the field's name in the error).
    if error.validator_value is False or kind == "false" or (kind == "not" and error.validator_value == {}):
        yield _problem(data, path, None, value, _forbidden_by(data, path, spec), shown_as)
        return
    yield _problem(data, path, None, value, _expected(error), shown_as)


def _forbidden_by(data: Any, path: list, spec: DataFile) -> str:
    """Which field's value forbids this one: "not allowed when publication is counted"."""
    entry = data[path[0]] if path and isinstance(data, list) and isinstance(path[0], int) else {}
    for rule in schemas.definitions()[spec.entry].get("allOf", ()):
        for field, condition in rule.get("if", {}).get("properties", {}).items():
            if path[-1] in rule["then"].get("properties", {}) and entry.get(field) == condition.get("const"):
                return f"not allowed when {field} is {condition['const']}"
    return "not allowed for this record's publication level"


def _unknown_field(name: str, here: tuple[str, ...], allowed: list[str], spec: DataFile) -> str:
    """A field the schema knows elsewhere in the entry is named with where it belongs; any other
    gets the nearest allowed spelling and the list of what may stand here."""
    places = list(_places(name, key_order(spec), ()))
    if not places:
        hint = did_you_mean(name, allowed)
        return f"unknown field {name!r}{hint}{' Expected' if hint else '; expected'} one of: {', '.join(allowed)}"
    # The nearest place: one inside this mapping, else one this mapping is inside, else any.
    place = min(places, key=lambda p: (p[:len(here)] != here, here[:len(p)] != p, abs(len(p) - len(here))))
    entry = entry_kind(spec)
    if place[:len(here)] == here:
        under = place[len(here):]
        return (f"{name!r} does not go here: it belongs under {under[-1]}: — indent it two spaces further in "
                f"than {under[-1]}:, on a line below it")
    if here[:len(place)] == place:
        if not place:
            return (f"{name!r} does not go here: it belongs to the {entry} itself — move it out, in line with "
                    f"{spec.key}: (just after the '- ' that starts the {entry})")
        return (f"{name!r} does not go here: it belongs under {place[-1]}: — move it out, in line with the "
                f"other fields under {place[-1]}:")
    return f"{name!r} does not go here: it belongs under {'.'.join(place)}:"


def _places(name: str, order: dict[str, Any], parents: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every mapping in an entry (as the fields leading to it) where the schema allows `name`."""
    for key, sub in order.items():
        if key == name:
            yield parents
        if sub:
            yield from _places(name, sub, (*parents, key))


def _expected(error: ValidationError) -> str:
    kind, rule = error.validator, error.validator_value
    if kind == "enum":
        return "expected one of: " + ", ".join(str(v) for v in rule)
    if kind == "pattern":
        return "expected " + _PATTERN_WORDS.get(rule, _HIDDEN)
    if kind == "type":
        words = {"string": "text (in quotes if it looks like a number or date)", "array": "a list",
                 "object": "a mapping of fields", "integer": "a whole number"}
        return "expected " + words.get(rule, str(rule))
    if kind == "maxLength":
        return f"too long: expected at most {rule} characters"
    if kind == "minLength":
        return "empty: expected some text, or leave the field out"
    if kind == "minItems":
        return f"expected at least {rule} item{'s' if rule != 1 else ''}"
    if kind == "minProperties":
        return "expected at least one language (be, ru or en)"
    if kind == "uniqueItems":
        return "expected no repeated items"
    if kind == "const":
        return f"expected {rule!r}"
    if kind in ("minimum", "maximum"):
        return f"expected a number {'at least' if kind == 'minimum' else 'at most'} {rule}"
    if kind == "oneOf":
        return "expected a date, or date_unknown: true with a note (not both)"
    return "expected: " + error.message


def _problem(data: Any, path: list, leaf: str | None, value: object, expected: str,
             shown_as: str) -> Problem:
    full = [*path, leaf] if leaf else path
    return Problem(shown_as, line_of(data, full), record_id(data, full), field_name(full[1:]),
                   value, expected)


def line_of(data: Any, path: list) -> int:
    """The line of the deepest part of `path` that exists in the loaded YAML."""
    line = getattr(data, "line", 1) or 1
    node = data
    for step in path:
        if isinstance(node, Mapping) and step in node.key_lines:
            line = node.key_lines[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.item_lines):
            line = node.item_lines[step]
        else:
            break
        node = node[step]
    return line


def record_id(data: Any, path: list, key: str = "id") -> str:
    """The id (or key) of the entry `path` is in; #N, its place in the file, when it has none.
    Keys that are not unique (a count's date) are followed by the place: 2024-01-01 (#3)."""
    if path and isinstance(data, list) and isinstance(path[0], int) and path[0] < len(data):
        entry = data[path[0]]
        if isinstance(entry, dict):
            ident = entry.get(key, entry.get("id", entry.get("key")))
            if isinstance(ident, str):
                return ident if key in ("id", "key") else f"{ident} (#{path[0] + 1})"
        return f"#{path[0] + 1}"
    return ""


def field_name(path: list) -> str:
    """cases[0].articles[1] for ['cases', 0, 'articles', 1]."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
