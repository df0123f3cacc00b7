"""The JSON Schemas of the data files (and of the open-data export), and the one reader of them.

The schemas are package data: validation, the canonical form, the vocabulary of the model, the
data dictionary and the open-data export all read them from here, parsed once, with `$ref` and
`allOf` resolved in one way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent
# The schemas of data/*.yaml, in the order the open data publishes them.
DATA_SCHEMAS = ("prisoners.schema.json", "reference.schema.json", "policy.schema.json")
EXPORT_SCHEMA = "export.schema.json"  # the shape of prisoners.json in the open data


@cache
def documents() -> dict[str, dict[str, Any]]:
    """Every data schema document by file name. Callers must not change what they get."""
    return {name: json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) for name in DATA_SCHEMAS}


@cache
def definitions() -> dict[str, dict[str, Any]]:
    """Every `$defs` entry of the data schemas by name (the names are unique across the files)."""
    merged: dict[str, Any] = {}
    for document in documents().values():
        for name, definition in document.get("$defs", {}).items():
            if name in merged:
                raise RuntimeError(f"schemas: $defs/{name} is defined twice")
            merged[name] = definition
    return merged


def resolve(node: dict[str, Any], nullable: bool = False) -> dict[str, Any]:
    """A schema node with its `$ref`s followed and an `allOf` merged into one node; with
    `nullable`, a `oneOf` of null and one other branch becomes that branch."""
    while "$ref" in node:
        node = definitions()[node["$ref"].split("/")[-1]]
    if "allOf" in node:  # a definition plus one more rule: read them as one
        node = merge_all_of(node, lambda branch: resolve(branch, nullable))
    if nullable and "oneOf" in node:
        branches = [b for b in node["oneOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            return resolve(branches[0], nullable)
    return node


def merge_all_of(node: dict[str, Any], resolve_branch: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    """`allOf: [a definition, one more rule]` as one schema node: the branches' keys, then the node's own."""
    merged: dict[str, Any] = {}
    for branch in node["allOf"]:
        merged.update(resolve_branch(branch))
    merged.update({k: v for k, v in node.items() if k != "allOf"})
    return merged


def enum(definition: str, *path: str) -> tuple[str, ...]:
    """The allowed values of a field, in the schema's order: enum("record", "status")."""
    node = definitions()[definition]
    for step in path:
        node = resolve(node)["properties"][step]
    return tuple(value for value in resolve(node)["enum"] if value is not None)


# ---- For editors ----

EDITOR_DIR = SCHEMA_DIR / "editor"  # one self-contained schema per data file, named in its first line


def editor_schema(document: str, definition: str | None, title: str) -> dict[str, Any]:
    """One data file's schema with every `$ref` pointing inside it, for editors (VS Code's YAML
    extension, GitHub Codespaces) that read a schema from a file and cannot follow `$id`s."""
    source = documents()[document]
    root: dict[str, Any] = {"$schema": source["$schema"], "title": title,
                            "description": "Generated from volia/schemas/ by tests/test_editor_support.py; "
                                           "edit those, not this file."}
    # A list file's schema is the document itself (prisoners) or one of its $defs (facilities …).
    root.update({"type": "array", "items": _local(source["items"])} if definition is None
                else {"$ref": f"#/$defs/{definition}"})
    root["$defs"] = {name: _local(node) for name, node in definitions().items()}
    return root


def _local(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: ("#/$defs/" + value.split("/")[-1] if key == "$ref" and isinstance(value, str) else _local(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_local(item) for item in node]
    return node
