"""Every field a contributor can write is described: in the schemas, and so on the data dictionary page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from volia.schemas import DATA_SCHEMAS, EXPORT_SCHEMA, SCHEMA_DIR
from volia.views.field_dictionary import fields

SCHEMAS = [SCHEMA_DIR / name for name in DATA_SCHEMAS]  # the schemas of data/*.yaml
# Per-language maps ({be, ru, en}) are described once, by the field that holds them.
LANGUAGE_KEYS = {"be", "ru", "en"}
# Subschemas that state conditions, not fields a contributor writes.
CONDITIONS = {"if", "then", "else", "not", "contains", "propertyNames"}


def _defs() -> dict:
    merged: dict = {}
    for path in SCHEMAS:
        merged.update(json.loads(path.read_text(encoding="utf-8")).get("$defs", {}))
    return merged


def undescribed(node: object, where: str, defs: dict) -> Iterator[str]:
    """Paths of properties that have no description, on themselves or on the definition they use."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from undescribed(item, f"{where}[{index}]", defs)
        return
    if not isinstance(node, dict):
        return
    properties = node.get("properties")
    if isinstance(properties, dict) and not set(properties) <= LANGUAGE_KEYS:
        for name, sub in properties.items():
            if not _described(sub, defs):
                yield f"{where}.properties.{name}"
    for key, value in node.items():
        if key not in CONDITIONS:
            yield from undescribed(value, f"{where}.{key}", defs)


def _described(node: object, defs: dict) -> bool:
    if not isinstance(node, dict):
        return False  # `false` (a forbidden field) is a condition inside allOf, never walked here
    if node.get("description"):
        return True
    ref = node.get("$ref", "")
    return "#/$defs/" in ref and bool(defs.get(ref.rsplit("/", 1)[-1], {}).get("description"))


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_every_field_in_every_schema_has_a_description(schema: Path) -> None:
    document = json.loads(schema.read_text(encoding="utf-8"))
    assert list(undescribed(document, schema.name, _defs())) == []


def test_the_walk_finds_a_field_without_a_description() -> None:
    """Negative control: the same walk over a schema with one undescribed field reports exactly it."""
    schema = {"$defs": {"thing": {"type": "object", "properties": {
        "good": {"description": "Described.", "type": "string"},
        "names": {"description": "Per language.", "type": "object",
                  "properties": {"be": {"type": "string"}, "en": {"type": "string"}}},
        "nested": {"description": "A list.", "type": "array", "items": {"type": "object", "properties": {
            "bad": {"type": "string"}}}},
        "via_ref": {"$ref": "#/$defs/plain"},
    }, "allOf": [{"if": {"properties": {"good": {"const": "x"}}}, "then": {"required": ["names"]}}]},
        "plain": {"type": "string"}}}
    found = sorted(undescribed(schema, "test", schema["$defs"]))
    assert found == ["test.$defs.thing.properties.nested.items.properties.bad",
                     "test.$defs.thing.properties.via_ref"]


def test_the_data_dictionary_shows_a_description_for_every_row() -> None:
    rows = fields()
    assert len(rows) > 50
    assert [f"{r['file']}: {r['field']}" for r in rows if not r["description"].strip()] == []


def test_the_schemas_are_the_ones_the_project_uses() -> None:
    assert {p.name for p in SCHEMAS} == {"prisoners.schema.json", "reference.schema.json", "policy.schema.json"}
    # Package data: a non-editable install validates too. Nothing else lives in the folder.
    assert SCHEMA_DIR == ROOT / "volia" / "schemas"
    assert {p.name for p in SCHEMA_DIR.glob("*.json")} == {*DATA_SCHEMAS, EXPORT_SCHEMA}


# ---- The dictionary in every language (issue 15) ----

def test_every_field_description_has_a_belarusian_and_a_russian_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from volia.views import field_dictionary

    assert field_dictionary.untranslated() == []
    be = {row["field"]: row for row in fields("be")}
    assert be["status"]["description"].startswith("Дзе чалавек цяпер.")
    assert be["status"]["kind"].startswith("адно з: imprisoned") and be["born"]["kind"] == "дата"
    assert be["status"]["description_lang"] is None
    # Negative control: a description without its translations is reported, and shown marked English.
    monkeypatch.setattr(field_dictionary, "translations", lambda: {})
    assert len(field_dictionary.untranslated()) > 100
    assert {row["field"]: row for row in fields("ru")}["status"]["description_lang"] == "en"


def test_values_in_backticks_are_shown_as_code() -> None:
    from volia.views.field_dictionary import code_parts

    assert code_parts("`full` — уся старонка") == [{"text": "full", "code": True}, {"text": " — уся старонка", "code": False}]
    assert code_parts("characters < > ` ; are refused") == [{"text": "characters < > ` ; are refused", "code": False}]
