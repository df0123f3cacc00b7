"""The hostile corpus (corpus.yaml), and records that carry each string in every field of a kind.

A record built here has every field the schema knows that holds contributor text. The field lists
below say which kind each one is: names follow the name rules, one-line fields the line rules,
the biography is Markdown that gets sanitized, and addresses must be http(s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from volia.data.schema_check import field_name

HERE = Path(__file__).resolve().parent
KINDS = ("name", "line", "text")

NAME_FIELDS = [("name", "be"), ("name", "ru"), ("name", "en"), ("aliases", 0)]
LINE_FIELDS = [("occupation", "en"), ("summary", "en"), ("recognised", "by"), ("consent", "by"),
               ("consent", "note"), ("cases", 0, "court"), ("cases", 0, "released", "note"),
               ("cases", 1, "court"), ("cases", 1, "judge"), ("cases", 1, "sentence", "text"),
               ("letters", "note", "en"), ("sources", 0, "title"), ("photo", "credit"), ("photo", "consent")]
TEXT_FIELDS = [("bio", "en"), ("bio", "be")]
URL_FIELDS = [("sources", 0, "url"), ("recognised", "url"), ("photo", "source")]
FIELDS = {"name": NAME_FIELDS, "line": LINE_FIELDS, "text": TEXT_FIELDS, "url": URL_FIELDS}

PHOTO = "hostile-portrait.jpg"
FACILITY = "colony-99-testtown"


@dataclass(frozen=True)
class TextCase:
    id: str
    text: str
    rejected: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind → the messages validation gives

    def accepted(self, kind: str) -> bool:
        return kind not in self.rejected


@dataclass(frozen=True)
class UrlCase:
    id: str
    url: str
    rejected: str | None = None


def load() -> tuple[list[TextCase], list[UrlCase]]:
    raw = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
    texts = [TextCase(c["id"], c["text"] * c.get("repeat", 1),
                      {kind: (m,) if isinstance(m, str) else tuple(m) for kind, m in (c.get("rejected") or {}).items()})
             for c in raw["texts"]]
    urls = [UrlCase(c["id"], c["url"], f"expected {c['rejected']}" if c.get("rejected") else None)
            for c in raw["urls"]]
    return texts, urls


def base_record(record_id: str, name: str) -> dict[str, Any]:
    """A valid full record with every text field filled with ordinary words."""
    return {
        "id": record_id, "publication": "full",
        "consent": {"basis": "person", "by": "the person", "date": "2024-01-01", "note": "Given in writing"},
        "name": {"be": "Тэст", "ru": "Тест", "en": name}, "aliases": ["Test"],
        "occupation": {"en": "Teacher"}, "summary": {"en": "A fictional person"},
        "bio": {"en": "A fictional person.", "be": "Выдуманы чалавек."},
        "status": "imprisoned",
        "recognised": {"by": "Test Human Rights Group", "date": "2021-03", "url": "https://example.org/recognised"},
        "as_of": "2024-06-01",
        "cases": [
            {"arrested": "2019-02-01", "court": "Testavy District Court", "verdict_date": "2019-06-01",
             "released": {"date": "2020-02-01", "how": "served", "note": "Served in full"}},
            {"arrested": "2021-01-15", "articles": ["342"], "court": "Testavy Regional Court", "judge": "A judge",
             "verdict_date": "2021-09-01",
             "sentence": {"kind": "imprisonment", "months": 54, "regime": "medium", "text": "4 1/2 years"},
             "facilities": [FACILITY]},
        ],
        "letters": {"status": "yes", "note": {"en": "Write in Russian"}},
        "photo": {"file": PHOTO, "credit": "A friend", "consent": "The family", "source": "https://example.org/photo"},
        "sources": [{"url": "https://example.org/source", "title": "An example source"}],
        "last_verified": "2024-06-01",
    }


def put(record: dict, path: tuple, value: str) -> None:
    node: Any = record
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def fill(record: dict, kinds: tuple[str, ...], value: str) -> dict:
    for kind in kinds:
        for path in FIELDS[kind]:
            put(record, path, value)
    return record


def shown(path: tuple) -> str:
    """A field's name as validation messages give it: cases[1].sentence.text."""
    return field_name(list(path))
