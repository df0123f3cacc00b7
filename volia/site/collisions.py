"""No two generated files may share a path: the second would silently replace the first.

Validation refuses the ids that name a page the site makes itself (volia/data/rules.py:
RESERVED_IDS); this is the net under it, run on every build over every page generated from the
data, so that an id, a new kind of page or a new list can never take over another page's address.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from volia.addresses import html_uri

# Where each kind of generated page comes from, for the message.
_SOURCES = {"record": ("record", "data/prisoners.yaml"), "removed": ("removal", "data/removed.yaml"),
            "facility": ("facility", "data/facilities.yaml"), "article": ("article", "data/articles.yaml")}


class PathCollision(ValueError):
    """Two generated files at one path; the message names both sources."""


def check_unique_paths(pages: Iterable[Any]) -> None:
    """Raise PathCollision when two pages (objects with src_uri, title and meta) share a path."""
    seen: dict[str, Any] = {}
    for page in pages:
        path = html_uri(page.src_uri)
        if path in seen:
            raise PathCollision(f"two generated files share the path {path}: {source_of(seen[path])} and "
                                f"{source_of(page)}; give one of them another id")
        seen[path] = page


def source_of(page: Any) -> str:
    kind = (page.meta or {}).get("volia_kind")
    stem = page.src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    if kind in _SOURCES:
        name, file = _SOURCES[kind]
        return f"{name} {stem!r} ({file})"
    return f"the generated page {page.title!r}"
