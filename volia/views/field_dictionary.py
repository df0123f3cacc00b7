"""The data dictionary: every field of every data file, with its description, from the schemas.

Generated, so it cannot drift from what validation enforces; a test fails when a field has no
description.
"""

from __future__ import annotations

from typing import Any

from volia import schemas
from volia.data.files import ALL, RECORDS


def _kind(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"] if v is not None)
    if node.get("pattern", "").startswith("^[0-9]{4}"):
        return "date"
    kind = node.get("type", "")
    if isinstance(kind, list):
        kind = " or ".join(k for k in kind if k != "null")
    return {"object": "fields", "array": "list", "string": "text", "integer": "whole number"}.get(kind, kind)


def fields() -> list[dict[str, str]]:
    """Rows of (file, field path, kind, description) for every property in every data file."""
    rows: list[dict[str, str]] = []
    for spec in ALL:
        if spec is RECORDS:
            root = schemas.resolve(schemas.documents()[spec.schema]["items"], nullable=True)
        else:
            root = schemas.definitions()[spec.entry]
        _walk(root, "", spec.repository_path, rows)
    return rows


def _walk(node: dict[str, Any], prefix: str, file: str, rows: list) -> None:
    for name, raw in node.get("properties", {}).items():
        sub = schemas.resolve(raw, nullable=True)
        description = raw.get("description") or sub.get("description") or ""
        path = f"{prefix}{name}"
        rows.append({"file": file, "field": path, "kind": _kind(sub), "description": description})
        if "items" in sub:
            item = schemas.resolve(sub["items"], nullable=True)
            if "properties" in item:
                _walk(item, f"{path}[].", file, rows)
        elif "properties" in sub and not set(sub["properties"]) <= {"be", "ru", "en"}:
            _walk(sub, f"{path}.", file, rows)
