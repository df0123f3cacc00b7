"""What in a parsed page could run code or navigate somewhere: the check every hostile-input test uses."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from volia.text.sanitize import URL_SCHEMES

SAFE_SCHEMES = {*URL_SCHEMES, ""}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster", "background")
NEVER_IN_CONTENT = ("script", "iframe", "object", "embed", "form", "base", "meta", "svg", "math", "style", "img")


def violations(soup: BeautifulSoup, content_only: bool = False) -> list[str]:
    """Anything in the page that could run or navigate: handlers, script URLs, dangerous elements.

    With content_only, `soup` is a page's content, where none of NEVER_IN_CONTENT belongs except
    the site's own: a record's photo and the charts drawn at build time."""
    found = []
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"<{tag.name} {attribute}>")
            if attribute.lower() in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", str(value)).lower()
                scheme = url.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", url) else ""
                if scheme not in SAFE_SCHEMES:
                    found.append(f"<{tag.name} {attribute}={value!r}>")
    if content_only:
        found += [f"<{tag.name}>" for tag in soup.find_all(NEVER_IN_CONTENT) if not _ours(tag)]
    return found


def _ours(tag) -> bool:
    if tag.name == "img":
        return "volia-portrait" in tag.parent.get("class", [])  # the record's published photo
    if tag.name == "svg":
        figure = tag.find_parent("figure")
        return figure is not None and "volia-chart" in figure.get("class", []) and tag.get("role") == "img"
    return False
