"""The offline copy: the whole built site in one zip that anyone can pass on, with its SHA-256.

Readers in Belarus may reach the site only through a friend's USB stick or a messenger. The zip holds
every language, unpacks into one folder (volia/) and works from disk over file://: links are
relative and the search index is inlined into a script by Material's `offline` plugin. A language
with thousands of records has its people's pages bound into books of fifty (offline_books.py).

The zip is reproducible: the same built site gives the same bytes, so anyone can rebuild it from the
sources and compare checksums with a copy they were handed. Entries are sorted, carry one fixed
timestamp and fixed permissions, and are compressed at one fixed level. (Deflate output can differ
between zlib builds, so compare copies made with the same Python.)

Left out, because a reader of the copy never uses them:
- the zip and its checksum (the copy cannot contain itself);
- source maps (*.map: a developer's aid, fetched only with the browser's developer tools open);
- sitemaps (for search engines of the hosted site; they carry the build date, which would make
  two builds of the same sources differ);
- Open Graph cards (og/: images for link previews on social networks, fetched from the hosted site);
- search stemmers and word splitters for languages the site does not search in (Material ships
  all 30 of them in every language folder; ours are Russian, for be and ru, and English).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from volia.addresses import CARD_DIR, OFFLINE_SUM, OFFLINE_ZIP, language_folder
from volia.model.languages import LANGUAGES
from volia.outputs.names_index import PATH as NAMES
from volia.outputs.offline_books import BOOK_SIZE, BOOKS_FROM, OfflineBooks
from volia.outputs.zip_writer import Deflated, deflate, write_zip

ZIP_NAME, SUM_NAME = OFFLINE_ZIP, OFFLINE_SUM
FOLDER = "volia"  # every entry sits in one folder, so unpacking never scatters files
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
FILE_MODE = 0o100644  # a regular file, rw-r--r--
LEVEL = 6  # zlib's default: level 9 took twice as long for 0.5 % fewer bytes (1,000 records)
# From this many files to read the copy is compressed in JOBS processes, PART entries at a time
# (below it, starting them costs more than they save); the zip's bytes are the same.
PARALLEL_FROM, JOBS, PART = 2000, 2, 50

_SKIPPED_NAMES = {"sitemap.xml", "sitemap.xml.gz"}
# Open Graph cards (og/ in each language's copy, volia/outputs/cards.py): only social networks fetch
# them, from the hosted site; they would add about 9 KB per page to the copy.
_SKIPPED_FOLDERS = re.compile("^(?:" + "|".join(re.escape(language_folder(lang)) for lang in LANGUAGES) + ")"
                              + re.escape(CARD_DIR) + "/")
# The word splitters only the Japanese, Hindi and Thai search pipelines load.
_SEGMENTERS = {"tinyseg.js": {"ja"}, "wordcut.js": {"hi", "th"}}
# lunr/min/lunr.<lang>.min.js: a stemmer; support and multi are shared by every non-English language.
_LUNR_LANGUAGE = re.compile(r"(?:^|/)assets/javascripts/lunr/min/lunr\.(?P<lang>[a-z]+)\.min\.js$")
_LUNR_SHARED = {"multi"}  # lunr.stemmer.support.min.js does not match the pattern at all


@dataclass(frozen=True)
class OfflineCopy:
    path: Path
    sha256: str
    size: int
    entries: int


def write_offline_copy(site_dir: Path, search_languages: Iterable[str],
                       books_from: int = BOOKS_FROM, book_size: int = BOOK_SIZE) -> OfflineCopy:
    """Zip `site_dir` into site_dir/volia-offline.zip and write volia-offline.zip.sha256 beside it.

    A language with `books_from` published records or more gets its record pages bound into books
    of `book_size` (volia/outputs/offline_books.py)."""
    site_dir = Path(site_dir)
    languages = set(search_languages)
    target = site_dir / ZIP_NAME
    partial = site_dir / (ZIP_NAME + ".part")
    built = [lang for lang in LANGUAGES if (site_dir / language_folder(lang) / NAMES).is_file()]
    books = OfflineBooks.plan(site_dir, built, books_from, book_size)
    names = sorted({*included_files(site_dir, languages)} - books.moved.keys() | books.books.keys())
    if len(names) + len(books.moved) < PARALLEL_FROM:  # the files to read (a book reads fifty)
        entries: Iterable[Deflated] = (_deflated(books, name) for name in names)
        write_zip(partial, entries, FIXED_TIME, FILE_MODE)
    else:
        # Each process plans the books again (a second or so at 20,000 records), which costs less
        # than sending it the plan; the parts come back in order, so the zip is the same either way.
        parts = [names[start:start + PART] for start in range(0, len(names), PART)]
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(JOBS, mp_context=context, initializer=_plan_here,
                                 initargs=(site_dir, built, books_from, book_size)) as pool:
            write_zip(partial, (entry for part in pool.map(_deflated_part, parts) for entry in part),
                      FIXED_TIME, FILE_MODE)
    os.replace(partial, target)
    digest = sha256_of(target)
    (site_dir / SUM_NAME).write_text(f"{digest}  {ZIP_NAME}\n", encoding="utf-8")
    return OfflineCopy(target, digest, target.stat().st_size, len(names))


def _deflated(books: OfflineBooks, name: str) -> Deflated:
    return deflate(f"{FOLDER}/{name}", books.content(name), LEVEL)


_books_here: OfflineBooks | None = None  # in a process that compresses parts of the copy


def _plan_here(site_dir: Path, built: list[str], books_from: int, book_size: int) -> None:
    global _books_here
    _books_here = OfflineBooks.plan(site_dir, built, books_from, book_size)


def _deflated_part(names: list[str]) -> list[Deflated]:
    assert _books_here is not None, "_plan_here runs first in each process"
    return [_deflated(_books_here, name) for name in names]


def included_files(site_dir: Path, search_languages: set[str]) -> Iterator[str]:
    """Every file of the built site that goes into the copy, as a path relative to the site."""
    for path in site_dir.rglob("*"):
        if path.is_file():
            name = path.relative_to(site_dir).as_posix()
            if not _left_out(name, search_languages):
                yield name


def _left_out(name: str, search_languages: set[str]) -> bool:
    base = posixpath.basename(name)
    if name in (ZIP_NAME, SUM_NAME, ZIP_NAME + ".part"):
        return True
    if base.endswith(".map") or base in _SKIPPED_NAMES or _SKIPPED_FOLDERS.match(name):
        return True
    if base in _SEGMENTERS and "/lunr/" in name:
        return not _SEGMENTERS[base] & search_languages
    match = _LUNR_LANGUAGE.search(name)
    if match and match["lang"] not in _LUNR_SHARED:
        return match["lang"] not in search_languages
    return False


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
