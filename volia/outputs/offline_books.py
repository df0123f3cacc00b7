"""Books: in the offline copy of a large site, the people's pages bound fifty to a page.

A zip compresses each file on its own, so every record page pays again for what all of them share:
the header, the navigation, the scripts. At 20,000 records that is most of the copy (about 5 kB a
page compressed, 245 MB for three languages), too big to pass on over a slow, filtered connection.
Bound into one page, fifty records of the same shape compress to well under a kilobyte each.

So when a language has BOOKS_FROM published records or more, its copy (never the hosted site) holds
books instead of record pages: prisoners/people_001.html, … (an underscore, so no record id can take
the name), each the list of people's page with its content replaced by up to BOOK_SIZE records in
the list's order (surname first, in that language's alphabet) — a volume of a phone book. Each
record keeps its content; its section carries the record id, its own ids are prefixed with it (fifty
records would repeat "letters" and "sources"), and its name becomes the section's heading. Every link
to a record page anywhere in the copy — lists, facilities, other records, the other languages — is
rewritten to its book and section, and the names index (search/names.js) gets each person's place.
A smaller site keeps a page per person in its copy: the copy of 1,000 records is about 16 MB.

Everything here works on pages this build wrote: contributed text inside them is already escaped, so
it cannot look like a tag or an attribute; the titles taken from the names index are escaped again.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from volia.addresses import language_folder, relative_path
from volia.outputs import names_index
from volia.text.i18n import t

BOOK_SIZE = 50
BOOKS_FROM = 1000  # published records in one language

# Pages, and the feeds (whose links are relative when the site has no address). The open data keeps
# its "page" column as it is: it names the hosted site's pages, and its files are published as they are.
REWRITTEN = (".html", ".xml")
CONTENT_OPEN = '<article class="md-content__inner md-typeset">'  # Material's page content
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_ID = re.compile(r'(\sid=")([^"]+)(")')
_FRAGMENT_LINK = re.compile(r'(\shref="#)([^"]+)(")')
_NAME_HEADING = re.compile(r'<h1 id="name">(.*?)</h1>', re.S)
_SHARE = re.compile(r'<aside class="volia-share".*?</aside>', re.S)  # "copy link": no use in a file
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@dataclass
class Book:
    path: str                      # e.g. en/prisoners/people_001.html
    lang: str
    chrome: str                    # the list of people's page it is cut from
    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


class OfflineBooks:
    """Where each record page of the copy went, and the books' text. Empty for a small site."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.books: dict[str, Book] = {}
        self.moved: dict[str, tuple[str, str]] = {}   # record page → (book, record id)
        self.indexes: dict[str, dict] = {}            # names.js path → its data, places added

    @classmethod
    def plan(cls, site_dir: Path, languages: Iterable[str], books_from: int = BOOKS_FROM,
             size: int = BOOK_SIZE) -> OfflineBooks:
        """`languages`: those built into `site_dir`, each in its folder ("", "ru/", "en/")."""
        books = cls(Path(site_dir))
        for lang in languages:
            folder = language_folder(lang)
            index_path = folder + names_index.PATH
            index = names_index.read_script((books.site_dir / index_path).read_text(encoding="utf-8"))
            people = index["people"]
            if len(people) < books_from:
                continue
            record_dir = folder + index["dir"]
            chrome = (books.site_dir / record_dir / "index.html").read_text(encoding="utf-8")
            for start in range(0, len(people), size):
                book = Book(f"{record_dir}people_{start // size + 1:03d}.html", lang, chrome)
                books.books[book.path] = book
                for person in people[start:start + size]:
                    record_id, title = person[0], person[1]
                    page = f"{record_dir}{record_id}.html"
                    if not (books.site_dir / page).is_file():
                        raise FileNotFoundError(f"{index_path} lists {record_id}, but {page} was not built")
                    book.ids.append(record_id)
                    book.titles.append(title)
                    books.moved[page] = (book.path, record_id)
                    person.append(posixpath.basename(book.path) + "#" + record_id)
            books.indexes[index_path] = index
        return books

    def content(self, name: str) -> bytes:
        """The bytes the copy holds for `name`: a book, or a file of the site with links rewritten."""
        if name in self.books:
            return self.rewrite_links(name, self._bind(self.books[name])).encode("utf-8")
        if name in self.indexes:
            return names_index.script(self.indexes[name]).encode("utf-8")
        data = (self.site_dir / name).read_bytes()
        if self.moved and name.endswith(REWRITTEN):
            return self.rewrite_links(name, data.decode("utf-8")).encode("utf-8")
        return data

    def _bind(self, book: Book) -> str:
        head, _, tail = split_content(book.chrome)
        first, last = html.escape(book.titles[0]), html.escape(book.titles[-1])
        head = _TITLE.sub(lambda m: f"<title>{first} – {last} · {m[1]}</title>", head, count=1)
        people = f'<a href="index.html">{html.escape(t("offline_book_list", book.lang))}</a>'
        sections = [f"<h1>{first} – {last}</h1>",
                    f'<p class="volia-book__note">{t("offline_book_note", book.lang, list=people)}</p>']
        for record_id in book.ids:
            page = (self.site_dir / posixpath.dirname(book.path) / f"{record_id}.html").read_text(encoding="utf-8")
            sections.append(person_section(record_id, split_content(page)[1]))
        return head + "\n".join(sections) + "\n" + tail

    def rewrite_links(self, page: str, text: str) -> str:
        """Every relative link or source in `text` (the page at `page`) that points at a record page,
        pointed at its book and section instead."""
        here = posixpath.dirname(page)

        def moved(match: re.Match[str]) -> str:
            value = match[2]
            if not value or value[0] in "#/" or _SCHEME.match(value):
                return match[0]
            path, _, fragment = value.partition("#")
            target = self.moved.get(posixpath.normpath(posixpath.join(here, path)))
            if target is None:
                return match[0]
            book, record_id = target
            anchor = f"{record_id}--{fragment}" if fragment else record_id
            return f"{match[1]}{relative_path(book, here or '.')}#{anchor}{match[3]}"

        return _LINK.sub(moved, text)


def split_content(page: str) -> tuple[str, str, str]:
    """A built page as (everything up to its content, the content, everything after)."""
    start = page.index(CONTENT_OPEN) + len(CONTENT_OPEN)
    end = page.rindex("</article>")
    return page[:start], page[start:end], page[end:]


def person_section(record_id: str, content: str) -> str:
    """A record page's content as a section of a book: its ids and links to them prefixed with the
    record id, its name a second-level heading, the share box left out."""
    content = _SHARE.sub("", content)
    content = _NAME_HEADING.sub(lambda m: f'<h2 id="name" class="volia-book__name">{m[1]}</h2>', content, count=1)
    content = _ID.sub(lambda m: f"{m[1]}{record_id}--{m[2]}{m[3]}", content)
    content = _FRAGMENT_LINK.sub(lambda m: f"{m[1]}{record_id}--{m[2]}{m[3]}", content)
    return f'<section class="volia-book__person" id="{record_id}">{content}</section>'
