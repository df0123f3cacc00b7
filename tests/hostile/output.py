"""Read every byte a build produced, as text a test can search.

A withheld fact could leak through any file, not only the HTML: the search index (JSON that
escapes every non-ASCII letter as \\uXXXX), the sitemap, feeds, exports, gzip files, the offline
zip, even a photo's metadata. So the walk opens every file, unpacks gzip and zip members
(recursively), and offers each one as its raw text plus a decoded form in which HTML entities
and JSON/JavaScript \\u escapes are resolved. A test searches both.
"""

from __future__ import annotations

import gzip
import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Output:
    name: str  # the path under the site, with "!member" for members of archives
    text: str  # raw text followed by the decoded form

    def has(self, needle: str) -> bool:
        return needle in self.text


def walk(site: Path) -> tuple[Output, ...]:
    """Every file under `site`, with archives unpacked. Read once per site: each site a test
    builds is built once per session and never changes afterwards."""
    return _walk(site.resolve())


def find(site: Path, needle: str) -> list[str]:
    """The names of every file (or archive member) that contains `needle`."""
    return [out.name for out in walk(site) if out.has(needle)]


@cache
def _walk(site: Path) -> tuple[Output, ...]:
    return tuple(out for path in sorted(p for p in site.rglob("*") if p.is_file())
                 for out in _open(str(path.relative_to(site)), path.read_bytes()))


def _open(name: str, data: bytes) -> Iterator[Output]:
    if name.endswith(".gz"):
        yield from _open(name[:-3], gzip.decompress(data))
        return
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                if not member.is_dir():
                    yield from _open(f"{name}!{member.filename}", archive.read(member))
        return
    raw = data.decode("utf-8", errors="replace")
    decoded = html.unescape(_UNICODE_ESCAPE.sub(lambda m: chr(int(m[1], 16)), raw))
    yield Output(name, raw if decoded == raw else f"{raw}\n{decoded}")
