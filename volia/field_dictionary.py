"""The data dictionary: every field of every data file, with its description, from the schemas.

Generated, so it cannot drift from what validation enforces; a test fails when a field has no
description.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from volia.schema_check import _schemas
from volia.yaml_format import merge_all_of

FILES = (
    ("data/prisoners.yaml", "prisoners.schema.json", None),
    ("data/facilities.yaml", "reference.schema.json", "facility"),
    ("data/articles.yaml", "reference.schema.json", "article"),
    ("data/regions.yaml", "reference.schema.json", "region"),
    ("data/organisations.yaml", "reference.schema.json", "organisation"),
    ("data/precedents.yaml", "policy.schema.json", "precedent"),
    ("data/counts.yaml", "policy.schema.json", "count"),
    ("data/comparisons.yaml", "policy.schema.json", "comparison"),
    ("data/removed.yaml", "reference.schema.json", "removal"),
)


def _defs(schema_dir: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for document in _schemas(schema_dir)[0].values():
        merged.update(document.get("$defs", {}))
    return merged


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    if "allOf" in node:  # a definition plus one more rule: describe them as one
        node = merge_all_of(node, lambda branch: _resolve(branch, defs))
    if "oneOf" in node:  # nullable wrappers: describe the non-null branch
        branches = [b for b in node["oneOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            return _resolve(branches[0], defs)
    return node


def _kind(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"] if v is not None)
    if node.get("pattern", "").startswith("^[0-9]{4}"):
        return "date"
    kind = node.get("type", "")
    if isinstance(kind, list):
        kind = " or ".join(k for k in kind if k != "null")
    return {"object": "fields", "array": "list", "string": "text", "integer": "whole number"}.get(kind, kind)


def fields(schema_dir: Path) -> list[dict[str, str]]:
    """Rows of (file, field path, kind, description) for every property in every data file."""
    defs = _defs(schema_dir)
    rows: list[dict[str, str]] = []
    for file, document, definition in FILES:
        if definition:
            root = defs[definition]
        else:
            root = _resolve(_schemas(schema_dir)[0][document]["items"], defs)
        _walk(root, "", file, defs, rows)
    return rows


def _walk(node: dict[str, Any], prefix: str, file: str, defs: dict[str, Any], rows: list) -> None:
    for name, raw in node.get("properties", {}).items():
        sub = _resolve(raw, defs)
        description = raw.get("description") or sub.get("description") or ""
        path = f"{prefix}{name}"
        rows.append({"file": file, "field": path, "kind": _kind(sub), "description": description})
        if "items" in sub:
            item = _resolve(sub["items"], defs)
            if "properties" in item:
                _walk(item, f"{path}[].", file, defs, rows)
        elif "properties" in sub and not set(sub["properties"]) <= {"be", "ru", "en"}:
            _walk(sub, f"{path}.", file, defs, rows)
