"""Where everything lives: every page, file and link of the site comes from here.

Paths are written as the page's source path (`prisoners/x.md`), the way MkDocs names pages, and
turned into links relative to the page that shows them, so that every link works on GitHub Pages,
under any base path, and from an unzipped copy over file://.

The default language (Belarusian) is built at the site's root and the others in a folder each
(ru/, en/), so every page has the same path in every language. The site's address (VOLIA_SITE_URL)
is the address of the whole site; the address of one language's copy is made here, once.
"""

from __future__ import annotations

import posixpath
from functools import cache

from volia.model.languages import DEFAULT_LANGUAGE

# ---- Pages generated from the data ----

RECORD_DIR = "prisoners"
FACILITY_DIR = "facilities"
ARTICLE_DIR = "articles"
PRISONERS_INDEX = f"{RECORD_DIR}/index.md"
FACILITY_INDEX = f"{FACILITY_DIR}/index.md"
ARTICLE_INDEX = f"{ARTICLE_DIR}/index.md"
BIRTHDAYS = "dates/birthdays.md"
RELEASES = "dates/releases.md"
EXPORT_DIR = "data"  # the open data, published once at the root of the whole site
DOWNLOADS = f"{EXPORT_DIR}/index.md"  # the list of files, in every language's copy


def record_uri(record_id: str) -> str:
    return f"{RECORD_DIR}/{record_id}.md"


def facility_uri(facility_id: str) -> str:
    return f"{FACILITY_DIR}/{facility_id}.md"


def article_uri(article_id: str) -> str:
    return f"{ARTICLE_DIR}/{article_id}.md"


# The list of people narrowed to one status or one region: pre-built pages, so the filters work
# without JavaScript. (A facility's own page is its filtered list.)
def people_by_status_uri(status: str) -> str:
    return f"{RECORD_DIR}/status/{status}.md"


def people_by_region_uri(region_id: str) -> str:
    return f"{RECORD_DIR}/region/{region_id}.md"


# ---- Hand-written pages (docs/) that generated pages link to ----

HOME = "index.md"
LETTER_GUIDE = "letters.md"  # what reaches prisoners today, and what still helps
OPEN_DATA_GUIDE = "open-data.md"  # how to use the open data
OFFLINE_GUIDE = "offline.md"  # how to open, check and pass on the offline copy
STRATEGIES = "strategies/index.md"  # the essays on how people are freed
ESSAY_OF_RELEASE_MODE = {"pardon": "strategies/negotiate.md", "deported": "strategies/negotiate.md",
                         "exchange": "strategies/exchange.md", "served": "strategies/pressure.md"}

# ---- Files beside the pages ----

FEED = "feed.xml"  # the Atom feed, at the root of each language's copy
BADGE = "badge.svg"
CALENDAR = "dates/calendar.ics"
PHOTO_DIR = "photos"
CARD_DIR = "og"  # Open Graph cards: og/<page path>.png, left out of the offline copy
OFFLINE_ZIP = "volia-offline.zip"  # at the root of the whole site
OFFLINE_SUM = OFFLINE_ZIP + ".sha256"


def photo_uri(record_id: str) -> str:
    """Where a record's photo is published: named by the record, never by the contributed file."""
    return f"{PHOTO_DIR}/{record_id}.jpg"


def card_uri(page_dest_uri: str) -> str:
    """og/prisoners/x.png for prisoners/x.html: one card per page, at a path that mirrors it."""
    stem = page_dest_uri[:-5] if page_dest_uri.endswith(".html") else page_dest_uri
    return f"{CARD_DIR}/{stem}.png"


# ---- Links ----

def html_uri(src_uri: str) -> str:
    """prisoners/x.md → prisoners/x.html (the site uses file URLs so it works from a folder)."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


def relative(from_src_uri: str, to_src_uri: str) -> str:
    """A link from one page to another page or file of the same language's copy."""
    return relative_path(html_uri(to_src_uri), posixpath.dirname(html_uri(from_src_uri)) or ".")


@cache
def relative_path(target: str, start: str) -> str:
    """The path from folder `start` to `target`, both from the same root.

    Kept by the folder, not the linking page: thousands of record pages share one folder and link to
    the same places, and posixpath.relpath is slow enough to show in a build of 20,000 records."""
    return posixpath.relpath(target, start)


def language_folder(lang: str) -> str:
    """'' for the default language (the site's root), else 'ru/' or 'en/'."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def from_page(target: str, src_uri: str, lang: str) -> str:
    """A link from page `src_uri` of `lang`'s copy to `target`, a path from the root of the whole
    site (another language's page, the offline zip, the open data)."""
    return relative_path(target, posixpath.dirname(language_folder(lang) + html_uri(src_uri)) or ".")


def in_language(src_uri: str, lang: str) -> str:
    """The path, from the root of the whole site, of a page in `lang`'s copy."""
    return language_folder(lang) + html_uri(src_uri)


# ---- Absolute addresses (only when the site's address is known) ----

def language_url(site_root: str | None, lang: str) -> str | None:
    """The absolute address of `lang`'s copy: the site's address plus ru/ or en/; None without one."""
    if not site_root:
        return None
    root = site_root if site_root.endswith("/") else site_root + "/"
    return root + language_folder(lang)


def page_url(site_root: str | None, lang: str, src_uri: str) -> str | None:
    """A page's or file's absolute address in `lang`'s copy, when the site's address is known."""
    base = language_url(site_root, lang)
    return base + html_uri(src_uri) if base else None
