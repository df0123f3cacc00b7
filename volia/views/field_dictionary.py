"""The data dictionary: every field of every data file, with its description, from the schemas.

Generated, so it cannot drift from what validation enforces; a test fails when a field has no
description. The schemas describe fields in English; the Belarusian and Russian descriptions are in
volia/text/locale/field_descriptions.yaml, keyed by the English text, so that a description changed
in a schema without its translations fails a test (every description has every language).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from volia import schemas
from volia.data.files import ALL, RECORDS
from volia.text.i18n import t

TRANSLATIONS = Path(__file__).resolve().parent.parent / "text" / "locale" / "field_descriptions.yaml"


@cache
def translations() -> dict[str, dict[str, str]]:
    return yaml.load(TRANSLATIONS.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}


def _kind(node: dict[str, Any], lang: str) -> str:
    if "enum" in node:
        return t("kind_one_of", lang, values=", ".join(f"`{v}`" for v in node["enum"] if v is not None))
    if node.get("pattern", "").startswith("^[0-9]{4}"):
        return t("kind_date", lang)
    kind = node.get("type", "")
    if isinstance(kind, list):
        return t("kind_or", lang).join(t(f"kind_{k}", lang) for k in kind if k != "null")
    return t(f"kind_{kind}", lang) if kind else ""


def describe(description: str, lang: str) -> str:
    """A schema's (English) description in `lang`; English pages and untranslated ones keep it."""
    if lang == "en" or not description:
        return description
    return translations().get(description, {}).get(lang, description)


def fields(lang: str = "en") -> list[dict[str, Any]]:
    """Rows of (file, field path, kind, description) for every property in every data file."""
    rows: list[dict[str, Any]] = []
    for spec in ALL:
        if spec is RECORDS:
            root = schemas.resolve(schemas.documents()[spec.schema]["items"], nullable=True)
        else:
            root = schemas.definitions()[spec.entry]
        _walk(root, "", spec.repository_path, rows, lang)
    return rows


def code_parts(text: str) -> list[dict[str, Any]]:
    """`text` cut at its `backticks`: values of the data (ids, field names) shown as code, the rest as
    words. A text with an odd number of backticks is one part (a backtick named, not quoting)."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:
        return [{"text": text, "code": False}]
    return [{"text": piece, "code": bool(i % 2)} for i, piece in enumerate(pieces) if piece]


def untranslated() -> list[str]:
    """Schema descriptions without a Belarusian or Russian text: the test suite keeps this empty."""
    return sorted({row["description"] for row in fields() for lang in ("be", "ru")
                   if row["description"] and not translations().get(row["description"], {}).get(lang)})


def _walk(node: dict[str, Any], prefix: str, file: str, rows: list, lang: str) -> None:
    for name, raw in node.get("properties", {}).items():
        sub = schemas.resolve(raw, nullable=True)
        description = raw.get("description") or sub.get("description") or ""
        path = f"{prefix}{name}"
        text = describe(description, lang)
        kind = _kind(sub, lang)
        rows.append({"file": file, "field": path, "kind": kind.replace("`", ""), "kind_parts": code_parts(kind),
                     "description": text,
                     "parts": code_parts(text),
                     "description_lang": "en" if text == description and lang != "en" and text else None})
        if "items" in sub:
            item = schemas.resolve(sub["items"], nullable=True)
            if "properties" in item:
                _walk(item, f"{path}[].", file, rows, lang)
        elif "properties" in sub and not set(sub["properties"]) <= {"be", "ru", "en"}:
            _walk(sub, f"{path}.", file, rows, lang)
