"""No untranslated text on a Belarusian or Russian page (issue 15).

How it is detected: every page of the be and ru sites is parsed; each text node (and the text of
the attributes a reader meets: the meta description, alt, title, aria-label, placeholder) belongs
to the language of its nearest element with a `lang` attribute, the <html lang="be"> root at the
latest. Text whose language is not Belarusian or Russian in Cyrillic (lang="en", "be-Latn", "pl" …)
is left alone: it is marked as another language, as a screen reader needs it. In the rest, any
word of three or more Latin letters is English left untranslated unless it is in the allow-list:
proper names and acronyms that Belarusian and Russian texts also write in Latin letters (Telegram,
JSON, ECFR …), plus the Latin spellings of the people in the data (a person with only a Latin name
is listed by it). Code, scripts, styles and `hidden` elements are not reader text, nor are
addresses (URLs, file names).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from conftest import FIXTURES

from volia.data.loading import load_dataset
from volia.text import translit

# Written in Latin letters in Belarusian and Russian texts too: brands, acronyms, outlets, formats.
ALLOWED = {
    "Telegram", "Signal", "WhatsApp", "Facebook", "GitHub", "JSON", "CSV", "SHA", "Atom", "Schema",
    "zip", "ics", "html", "Markdown", "HTML", "JPEG", "PNG", "http", "https", "mailto", "null", "true",
    "ECFR", "NPR", "TASS", "Reuters", "Mint", "WION", "Associated", "Press", "Arabiya", "Doha", "News",
    "Kyiv", "Independent", "Interfax", "Ukraine", "Reform", "news", "RFE", "TheFirstNews", "AJC",
    "Zmagar", "Foro", "Penal", "BGN", "PCGN", "Volia", "Material", "MkDocs", "BELARUS", "via",
    "Git", "YAML", "Google", "LibreOffice", "Calc", "Excel", "Sheets", "UTF", "Creative", "Commons",
    "Attribution", "Zerkalo", "Python", "pandas", "BOM", "SVG", "iCalendar", "Windows", "Linux", "macOS",
    "PowerShell",
    # The title of a publication the essays discuss by name (ECFR's commentary).
    "Freedom's", "gambit",
}
_LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’]{2,}(?![\w-])")
# Addresses and identifiers are not words: URLs, e-mail addresses, paths and file names, dotted or
# snake_case names, and anything with a digit in it (SHA256SUMS, sha256sum).
_ADDRESS = re.compile(r"\S+://\S+|\S+@\S+|[\w/.-]+\.(?:yaml|json|csv|zip|ics|xml|svg|png|jpg|html|md|txt)\b"
                      r"|\b\w+(?:[._]\w+)+\b|\b\w*\d\w*\b")
_NOT_READER_TEXT = ["script", "style", "code", "pre", "kbd", "samp"]
_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def proper_names(data_dir: Path) -> set[str]:
    """Every word of every spelling of every person's name, given and derived."""
    words: set[str] = set()
    for record in load_dataset(data_dir).records:
        for spelling in translit.derive(record.name, record.aliases):
            words.update(_LATIN_WORD.findall(spelling.text))
    return words


def _reader_language(element) -> str:
    owner = element if element.has_attr("lang") else element.find_parent(lambda tag: tag.has_attr("lang"))
    return owner["lang"] if owner is not None else ""


def _ours(lang: str) -> bool:
    """Belarusian or Russian in Cyrillic: the text must be in the page's language."""
    return lang.split("-")[0] in ("be", "ru") and "Latn" not in lang


def english_in(html: str, allowed: set[str]) -> Iterator[tuple[str, str]]:
    """(word, the text it is in) for each English word outside an element marked with another language."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in [*soup(_NOT_READER_TEXT), *soup.select("[hidden]")]:
        tag.decompose()
    texts = []
    for node in soup.find_all(string=True):
        if not isinstance(node, Comment) and node.parent is not None and node.parent.name not in ("[document]",):
            texts.append((_reader_language(node.parent), str(node)))
    for element in soup.find_all(True):
        for attribute in _ATTRIBUTES:
            if element.has_attr(attribute):
                texts.append((_reader_language(element), element[attribute]))
    for meta in soup.select('meta[name="description"]'):
        texts.append((_reader_language(meta), meta.get("content", "")))
    for lang, text in texts:
        if not _ours(lang):
            continue
        for word in _LATIN_WORD.findall(_ADDRESS.sub(" ", text)):
            if word not in allowed and word.strip("'’") not in allowed:
                yield word, " ".join(text.split())[:160]


def untranslated(site: Path, data_dir: Path) -> dict[str, list[tuple[str, str]]]:
    allowed = ALLOWED | proper_names(data_dir)
    found: dict[str, list[tuple[str, str]]] = {}
    for root, skip in ((site, ("ru", "en")), (site / "ru", ())):
        for path in sorted(root.rglob("*.html")):
            relative = path.relative_to(root)
            if relative.parts[0] in skip or relative.parts[0] == "assets":
                continue
            words = list(english_in(path.read_text(encoding="utf-8"), allowed))
            if words:
                found[str(path.relative_to(site))] = words
    return found


def test_no_english_on_belarusian_and_russian_pages(site: Path) -> None:
    found = untranslated(site, FIXTURES / "data")
    report = "\n".join(f"{page}: {word!r} in {text!r}" for page, words in found.items() for word, text in words[:5])
    assert not found, f"English outside an element marked lang=\"en\":\n{report}"


def test_a_planted_english_sentence_is_caught(site: Path, tmp_path: Path) -> None:
    """Negative control: the detector finds English in a page's text and in its description, and
    leaves it alone when the element says lang="en"."""
    copy = tmp_path / "site"
    shutil.copytree(site / "ru" / "prisoners", copy / "ru" / "prisoners")
    page = copy / "ru" / "prisoners" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", "</h1><p>Released after serving the full term.</p>", 1), encoding="utf-8")
    found = untranslated(copy, FIXTURES / "data")
    assert [word for word, _ in found["ru/prisoners/index.html"]] == ["Released", "after", "serving", "the", "full", "term"]
    page.write_text(html.replace("</h1>", '</h1><p lang="en">Released after serving the full term.</p>', 1),
                    encoding="utf-8")
    assert untranslated(copy, FIXTURES / "data") == {}
    described = html.replace('<meta name="description" content="', '<meta name="description" content="Political prisoners ', 1)
    page.write_text(described, encoding="utf-8")
    assert "Political" in [word for word, _ in untranslated(copy, FIXTURES / "data")["ru/prisoners/index.html"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Суддзя: Siarhei Khrypach", ["Siarhei", "Khrypach"]),
    ("Спампаваць volia-offline.zip: https://example.org/a.zip", []),
    ("Лічба «Вясны» — 969", []),
])
def test_what_counts_as_an_english_word(text: str, expected: list[str]) -> None:
    html = f'<html lang="be"><body><p>{text}</p><p lang="en">Figure from the report</p></body></html>'
    assert [word for word, _ in english_in(html, ALLOWED)] == expected
