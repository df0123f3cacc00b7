"""Keep what every reader downloads small: each page's HTML and the search index every page fetches."""

from __future__ import annotations

import json
import re
from pathlib import Path


def compact_search_index(site_dir: Path) -> int:
    """Rewrite search/search_index.json as UTF-8 instead of \\u escapes; returns the bytes saved.

    Material writes the index with every Cyrillic letter escaped as \\uXXXX: six bytes for a letter
    that UTF-8 spells in two. Every page fetches the index on its first visit, so for the Belarusian
    and Russian sites this more than halves the heaviest thing a reader downloads. The content is
    unchanged: the browser's JSON parser reads both spellings alike.
    """
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return 0
    before = path.read_bytes()
    after = json.dumps(json.loads(before), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(after)
    return len(before) - len(after)


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
# What keeps JSON inside <script> from ending it or reading as markup (as Jinja's tojson escapes).
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def compact_config(html: str) -> str:
    """The theme's settings block (a JSON data block in every page) in UTF-8 instead of \\u escapes.

    Material writes its interface strings escaped, six bytes for each Cyrillic letter: on a Belarusian
    page the block shrinks from about 1.7 kB to 0.9 kB. It is data (type application/json), never run,
    and the theme's script reads both spellings alike; <, >, & and ' stay escaped, so no value can end
    the script element."""
    def rewrite(match: re.Match[str]) -> str:
        text = json.dumps(json.loads(match.group(2)), ensure_ascii=False, separators=(",", ":"))
        for char, escaped in _HTML_SAFE.items():
            text = text.replace(char, escaped)
        return match.group(1) + text + match.group(3)

    return _CONFIG.sub(rewrite, html, count=1)


# Blocks whose whitespace is content (or code): left exactly as they are.
_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")  # a line break, its indentation, blank lines after


def compact_html(html: str) -> str:
    """A page without the indentation and blank lines of the templates it was made from.

    Material's templates are deeply indented: about a tenth of a person's page is spaces. Outside
    <pre>, <textarea>, <script> and <style>, a browser collapses any run of spaces and line breaks
    into one space, so a run is cut to the single line break it starts with and the page renders the
    same. (Only CSS `white-space: pre*` outside those blocks would show the difference; the site has none.)
    """
    parts, start = [], 0
    for block in _VERBATIM.finditer(html):
        parts.append(_LINE_BREAKS.sub("\n", html[start:block.start()]))
        parts.append(block.group(0))
        start = block.end()
    parts.append(_LINE_BREAKS.sub("\n", html[start:]))
    return compact_config("".join(parts))


# Where one block of text ends and the next begins without a space between them in the markup.
_BLOCK_END = re.compile(r"(</(?:p|li|dt|dd|td|th|tr|caption|figcaption|summary|h[1-6]|div|blockquote|table|"
                        r"thead|tbody|ul|ol|dl|section|aside|figure|header|footer|details)>|<br\s*/?>)(?=<|[^\s<])",
                        re.IGNORECASE)


_BLOCK_START = re.compile(r"(?<!\s)(<(?:p|div|ul|ol|li|dl|table|details|figure|blockquote)[\s>])", re.IGNORECASE)


def spaced_blocks(html: str) -> str:
    """A line break where a block ends or begins right against other text (`</td><td>`, `origin<div>`).

    The theme's search reads a page's text by joining the text between its tags, so cells of a table
    the templates write without spaces become one word in the results ("DateHeldSources",
    "дзеячПакаранне"). A line break between blocks changes nothing on the page (a browser collapses
    it) and gives search its word boundary."""
    return _BLOCK_START.sub("\n\\1", _BLOCK_END.sub("\\1\n", html))
