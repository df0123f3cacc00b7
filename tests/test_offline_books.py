"""The offline copy of a large site binds its people's pages into books (volia/outputs/offline_books.py).

The sample publishes three people, so these tests bind them two to a book from the first record on
(books_from=1, book_size=2): the same code a site of thousands runs with fifty. Each copy is read
back unzipped with an HTML parser: nobody is lost, nothing of a record is lost, every link and
anchor in the copy still leads somewhere, and the search's names index knows each person's place.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from volia.model.languages import LANGUAGES
from volia.outputs import names_index, offline_books
from volia.outputs import offline_copy as offline_zip

FOLDERS = {"be": "", "ru": "ru/", "en": "en/"}
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def bound_copy(site: Path, tmp_path: Path, name: str, **books: int) -> Path:
    """The session's site copied, zipped with `books`, and unzipped as a reader would."""
    copy = tmp_path / f"{name}-site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.zip", "*.sha256"))
    offline_zip.write_offline_copy(copy, {"ru", "en"}, **books)
    target = tmp_path / name
    with zipfile.ZipFile(copy / offline_zip.ZIP_NAME) as archive:
        archive.extractall(target)
    return target / offline_zip.FOLDER


@pytest.fixture(scope="module")
def bound(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bound_copy(site, tmp_path_factory.mktemp("books"), "bound", books_from=1, book_size=2)


def _people(root: Path, lang: str) -> list[list[str]]:
    text = (root / FOLDERS[lang] / names_index.PATH).read_text(encoding="utf-8")
    return names_index.read_script(text)["people"]


def _soup(path: Path) -> BeautifulSoup:
    with warnings.catch_warnings():  # a feed read as HTML: only its <link href> matter here
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def broken_links(root: Path) -> list[str]:
    """Every relative link or source in the copy's pages and feeds that leads to no file, or to no
    element with its #anchor; and every id that a page holds twice. (The zip is not in the zip.)"""
    files = [*root.rglob("*.html"), *root.rglob("feed.xml")]
    soups = {p.relative_to(root).as_posix(): _soup(p) for p in files}
    ids = {name: Counter(e["id"] for e in soup.select("[id]")) for name, soup in soups.items()}
    broken = [f"{name}: id {i} twice" for name, counts in ids.items() for i, n in counts.items() if n > 1]
    for name, soup in soups.items():
        for element in soup.select("[href], [src]"):
            value = element.get("href") or element.get("src") or ""
            if not value or value.startswith("/") or SCHEME.match(value):
                continue
            path, _, anchor = value.partition("#")
            path = path.partition("?")[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target.startswith(offline_zip.ZIP_NAME):
                continue
            if not (root / target).is_file():
                broken.append(f"{name}: {value} (no file)")
            elif anchor and target in ids and anchor not in ids[target]:
                broken.append(f"{name}: {value} (no #{anchor})")
    return broken


def test_every_person_is_in_one_book_in_every_language_and_has_no_page_of_their_own(bound: Path) -> None:
    for lang in LANGUAGES:
        people = _people(bound, lang)
        assert len(people) >= 3  # two books, the last one not full
        record_dir = bound / FOLDERS[lang] / "prisoners"
        books = sorted(record_dir.glob("people_*.html"))
        assert len(books) == -(-len(people) // 2)  # two to a book
        assert not [p.name for p in record_dir.glob("*.html") if p.stem in {q[0] for q in people}]
        found = Counter(s["id"] for book in books for s in _soup(book).select("section.volia-book__person"))
        assert found == Counter(p[0] for p in people)
        # the names index: each person's place, in the list's order, two to a book
        for number, person in enumerate(people):
            assert person[3] == f"people_{number // 2 + 1:03d}.html#{person[0]}"


def test_a_book_holds_each_record_whole_with_its_name_as_the_heading(site: Path, bound: Path) -> None:
    for lang in ("be", "en"):
        for person in _people(bound, lang):
            page, anchor = person[3].split("#")
            section = _soup(bound / FOLDERS[lang] / "prisoners" / page).select_one(f"section#{anchor}")
            original = _soup(site / FOLDERS[lang] / "prisoners" / f"{person[0]}.html") \
                .select_one("article.md-content__inner")
            for share in original.select("aside.volia-share"):  # "copy link": nothing to copy in a file
                share.decompose()
            assert section.get_text(" ", strip=True) == original.get_text(" ", strip=True)
            assert section.select_one("h2.volia-book__name").get_text() == original.select_one("h1#name").get_text()
            assert not section.select("h1")


def test_a_book_is_titled_by_its_first_and_last_person_and_says_what_it_is(bound: Path) -> None:
    people = _people(bound, "en")
    book = _soup(bound / "en" / "prisoners" / "people_001.html")
    assert book.select_one("article.md-content__inner > h1").get_text() == f"{people[0][1]} – {people[1][1]}"
    assert book.title.get_text().startswith(f"{people[0][1]} – {people[1][1]} · ")
    note = book.select_one("p.volia-book__note")
    assert "bound into volumes" in note.get_text()
    assert note.a["href"] == "index.html"
    assert _soup(bound / "prisoners" / "people_001.html").select_one("p.volia-book__note").a.get_text() \
        == "спіса людзей"


def test_every_link_and_anchor_in_the_bound_copy_leads_somewhere(bound: Path) -> None:
    assert broken_links(bound) == []
    assert any("people_001.html#" in a["href"] for a in _soup(bound / "en" / "feed.xml").select("link[href]"))
    # the lists lead into the books
    for lang in LANGUAGES:
        links = {a["href"] for a in _soup(bound / FOLDERS[lang] / "prisoners" / "index.html").select("a[href]")}
        assert {p[3] for p in _people(bound, lang)} <= links


def test_the_link_check_sees_links_left_pointing_at_record_pages(site: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: books without the links rewritten leave the lists pointing at pages that
    are not in the copy."""
    monkeypatch.setattr(offline_books.OfflineBooks, "rewrite_links", lambda self, page, text: text)
    broken = broken_links(bound_copy(site, tmp_path, "unrewritten", books_from=1, book_size=2))
    for page in ("prisoners/index.html", "en/feed.xml"):
        assert any(line.startswith(f"{page}: ") and "(no file)" in line for line in broken), page


def test_a_site_below_the_threshold_keeps_a_page_per_person(site: Path, tmp_path: Path) -> None:
    people = _people(site, "en")
    root = bound_copy(site, tmp_path, "small", books_from=len(people) + 1)
    assert not list(root.rglob("people_*.html"))
    assert {p.stem for p in (root / "en" / "prisoners").glob("*.html")} >= {p[0] for p in people}
    assert (root / "en" / names_index.PATH).read_bytes() == (site / "en" / names_index.PATH).read_bytes()
    with zipfile.ZipFile(site / offline_zip.ZIP_NAME) as default:
        assert sorted(default.namelist()) == sorted(
            f"{offline_zip.FOLDER}/{p.relative_to(root).as_posix()}" for p in root.rglob("*") if p.is_file())


# ---- Unit: hostile names, and a record id in a link's anchor ----

CHROME = ('<html><head><title>People - Volia</title></head><body><nav><a href="x1.html">x</a></nav>'
          f'{offline_books.CONTENT_OPEN}<h1 id="people">People</h1></article></body></html>')


def _record(name_html: str) -> str:
    return (f'<html><head><title>t</title></head><body>{offline_books.CONTENT_OPEN}'
            f'<h1 id="name">{name_html}</h1><article class="volia-record"><h2 id="letters">Letters</h2>'
            '<a href="#letters">write</a> <a href="x2.html#sources">the other</a>'
            '<aside class="volia-share"><a href="x1.html">Copy link</a></aside></article></article></body></html>')


def test_hostile_titles_are_escaped_and_anchors_are_prefixed(tmp_path: Path) -> None:
    hostile = '<img src=x onerror="alert(1)">&amp;'
    index = {"dir": "prisoners/", "people": [["x1", hostile, "a"], ["x2", "B</title><script>", "b"]]}
    (tmp_path / "en" / "search").mkdir(parents=True)
    (tmp_path / "en" / names_index.PATH).write_text(names_index.script(index), encoding="utf-8")
    (tmp_path / "en" / "prisoners").mkdir()
    (tmp_path / "en" / "prisoners" / "index.html").write_text(CHROME, encoding="utf-8")
    for record_id in ("x1", "x2"):
        (tmp_path / "en" / "prisoners" / f"{record_id}.html").write_text(_record("&lt;b&gt;"), encoding="utf-8")
    books = offline_books.OfflineBooks.plan(tmp_path, ["en"], books_from=1, size=50)
    assert list(books.books) == ["en/prisoners/people_001.html"]
    text = books.content("en/prisoners/people_001.html").decode("utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert not soup.select("img, script")
    assert soup.select_one("article > h1").get_text() == f"{hostile} – B</title><script>"
    assert soup.title.get_text() == f"{hostile} – B</title><script> · People - Volia"
    assert [a["href"] for a in soup.select("nav a")] == ["people_001.html#x1"]
    first = soup.select_one("section#x1")
    assert [e["id"] for e in first.select("[id]")] == ["x1--name", "x1--letters"]
    assert [a["href"] for a in first.select("a")] == ["#x1--letters", "people_001.html#x2--sources"]
    assert first.select_one("h2.volia-book__name").get_text() == "<b>"
    # the names index knows where each person went, and stays one assignment of JSON
    script = books.content("en/" + names_index.PATH).decode("utf-8")
    assert [p[3] for p in names_index.read_script(script)["people"]] == ["people_001.html#x1", "people_001.html#x2"]
    assert json.loads(script.split("=", 1)[1].rstrip(";\n"))["dir"] == "prisoners/"


def test_a_person_the_index_lists_without_a_page_stops_the_copy(tmp_path: Path) -> None:
    index = {"dir": "prisoners/", "people": [["x1", "A", "a"]]}
    (tmp_path / "search").mkdir()
    (tmp_path / names_index.PATH).write_text(names_index.script(index), encoding="utf-8")
    (tmp_path / "prisoners").mkdir()
    (tmp_path / "prisoners" / "index.html").write_text(CHROME, encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="lists x1, but prisoners/x1.html was not built"):
        offline_books.OfflineBooks.plan(tmp_path, ["be"], books_from=1)
