"""Restricted networks, without a browser: no third-party resources, the offline zip, page sizes.

The static scan reads every HTML, CSS and JS file of the built site and lists each address on the
open internet that a page would *load* (scripts, styles, fonts, images, frames, prefetches...).
Links a reader clicks are fine. The browser crawl in test_browser_offline.py checks the same thing
from the other side, by recording every request real pages make.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, read_html

from volia.cli.build import build_all, build_language, environment
from volia.data.loading import load_dataset
from volia.outputs import compaction
from volia.outputs import offline_copy as offline_zip

# bytes of HTML for one person's page (issue 13: 25 kB, the referrer and content security policy of
# issue 16 included; the theme's settings block in UTF-8 made the room for them)
RECORD_PAGE_BUDGET = 25_000

# ---- The static scan ----

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //host
LOCAL_SCHEMES = ("data:", "blob:", "about:", "javascript:", "mailto:", "tel:", "#")

# <link rel=...> values that make the browser fetch or connect to the address.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                "mask-icon", "manifest", "preload", "prefetch", "modulepreload", "preconnect",
                "dns-prefetch", "prerender"}
# Attributes whose address the browser loads on its own, by element.
LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"), "base": ("href",),  # <base> would turn every relative address remote
}

# Addresses that appear as strings in vendored scripts but are never fetched, each with the reason.
INERT = {
    "https://bit.ly/2s3ChXG": "lunr's console warning text about a deprecated call",
    "https://github.com/isaacs/node-glob/issues/167": "an error message of node-glob, bundled in wordcut.js "
                                                      "(the Thai word splitter, which our search never loads)",
    "https://prisoners.spring96.org/": "volia.js: the address of a link an empty search result offers "
                                       "(Viasna's database), followed only when a reader clicks it",
}


@dataclass(frozen=True)
class Latent:
    """A remote address inside Material's bundle, fetched only when a page has a certain feature."""

    why: str
    trigger: re.Pattern[str] | None  # the feature in a page's HTML; None: outside our control


LATENT = {
    "https://api.github.com/": Latent("repository stars and forks for the `repo_url` widget",
                                      re.compile(r'data-md-component="source"')),
    "https://unpkg.com/mermaid": Latent("Mermaid diagrams, loaded for pages with a mermaid block",
                                        re.compile(r'class="[^"]*\bmermaid\b')),
    "https://unpkg.com/resize-observer-polyfill": Latent(
        "a polyfill for browsers without ResizeObserver (before 2020); current browsers never load it", None),
}


@dataclass(frozen=True)
class Finding:
    file: str
    where: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.url}"


def is_external(url: str) -> bool:
    url = url.strip()
    return bool(url) and not url.lower().startswith(LOCAL_SCHEMES) and bool(EXTERNAL.match(url))


def scan_site(site: Path) -> list[Finding]:
    """Every external resource address in the built site's HTML, CSS and JS."""
    findings: list[Finding] = []
    pages = sorted(site.rglob("*.html"))
    html_text = {p: p.read_text(encoding="utf-8") for p in pages}
    scanned_js: dict[str, list[str]] = {}  # one copy per language folder: scan each content once
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            findings += scan_html(html_text[path], name)
        elif path.suffix == ".css":
            findings += [Finding(name, "css", url) for url in css_urls(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            if is_search_index(name, text):
                continue
            key = hashlib.sha256(text.encode()).hexdigest()
            if key not in scanned_js:
                scanned_js[key] = js_urls(text)
            findings += [Finding(name, "js", url) for url in scanned_js[key]]
    return [f for f in findings if not _accounted_for(f, html_text.values())]


def scan_html(text: str, name: str) -> list[Finding]:
    soup = BeautifulSoup(text, "html.parser")
    found = []
    for tag in soup.find_all(True):
        tag_name = tag.name.lower()
        rels = {r.lower() for r in (tag.get("rel") or [])}
        if tag_name == "link" and rels & LOADING_RELS and is_external(tag.get("href", "")):
            found.append(Finding(name, f"<link rel={' '.join(sorted(rels))}>", tag["href"]))
        for attribute in LOADING_ATTRIBUTES.get(tag_name, ()):
            value = tag.get(attribute)
            if not value:
                continue
            addresses = [part.split()[0] for part in value.split(",") if part.strip()] if "srcset" in attribute \
                else [value]
            found += [Finding(name, f"<{tag_name} {attribute}>", a) for a in addresses if is_external(a)]
        if tag.get("ping"):
            found += [Finding(name, f"<{tag_name} ping>", a) for a in tag["ping"].split() if is_external(a)]
        if tag.get("style"):
            found += [Finding(name, f"<{tag_name} style>", u) for u in css_urls(tag["style"])]
        if tag_name == "style":
            found += [Finding(name, "<style>", u) for u in css_urls(tag.get_text())]
        if tag_name == "script" and not tag.get("src") and tag.get("type", "text/javascript") in (
                "text/javascript", "module", "application/javascript"):
            found += [Finding(name, "<script>", u) for u in js_urls(tag.get_text())]
        if tag_name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            target = re.search(r"url\s*=\s*['\"]?([^'\";]+)", tag.get("content", ""), re.IGNORECASE)
            if target and is_external(target[1]):
                found.append(Finding(name, "<meta refresh>", target[1]))
    return found


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]*)\3""",
                      re.IGNORECASE)


def css_urls(css: str) -> list[str]:
    """External addresses in url(...) and @import: fonts, images, other stylesheets."""
    urls = []
    for match in _CSS_URL.finditer(_CSS_COMMENT.sub("", css)):
        url = match["url"] if match["url"] is not None else match["imp"]
        if is_external(url):
            urls.append(url.strip())
    return urls


_JS_URL = re.compile(r"(?:https?|wss?|ftp)://[^\s'\"`<>()\\]+|^//[a-z0-9-]+\.[a-z0-9.-]+", re.IGNORECASE)


def js_urls(source: str) -> list[str]:
    """External addresses in the string literals of a script (comments and licences are skipped)."""
    return [m.group(0) for literal in js_string_literals(source) for m in _JS_URL.finditer(literal)]


def is_search_index(name: str, text: str) -> bool:
    """search/search_index.js is data (`var __index = <JSON>`): the site's text, not code."""
    if not name.endswith("search/search_index.js") or not text.startswith("var __index = "):
        return False
    json.loads(text[len("var __index = "):])
    return True


_JS_SPECIAL = re.compile(r"""["'`/{}]""")
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
                   "yield", "await", "instanceof"}


def js_string_literals(src: str) -> list[str]:
    """The string and template-literal texts of a script, skipping comments and regular expressions.

    A small lexer, enough for minified and hand-written scripts alike: it tells a regular expression
    from a division by the token before the slash, as JavaScript's own grammar does.
    """
    literals: list[str] = []
    templates: list[int] = []  # brace depth at each open `${`, to know where a template resumes
    depth = 0
    i, n = 0, len(src)
    while True:
        match = _JS_SPECIAL.search(src, i)
        if not match:
            return literals
        i = match.start()
        char = src[i]
        if char in "'\"":
            end = _string_end(src, i + 1, char)
            literals.append(src[i + 1:end])
            i = end + 1
        elif char == "`" or (char == "}" and templates and templates[-1] == depth):
            if char == "}":
                templates.pop()
                depth -= 1
            i, opened = _template_part(src, i + 1, literals)
            if opened:
                depth += 1
                templates.append(depth)
        elif char == "{":
            depth += 1
            i += 1
        elif char == "}":
            depth -= 1
            i += 1
        elif src.startswith("//", i):
            newline = src.find("\n", i)
            i = n if newline < 0 else newline
        elif src.startswith("/*", i):
            close = src.find("*/", i + 2)
            i = n if close < 0 else close + 2
        elif _regex_may_start(src, i):
            i = _regex_end(src, i + 1)
        else:
            i += 1


def _string_end(src: str, i: int, quote: str) -> int:
    n = len(src)
    while i < n and src[i] != quote and src[i] != "\n":
        i += 2 if src[i] == "\\" else 1
    return min(i, n)


def _template_part(src: str, i: int, literals: list[str]) -> tuple[int, bool]:
    """Read template text from i to the closing backtick or to `${`; returns (next index, opened ${)."""
    start, n = i, len(src)
    while i < n:
        if src[i] == "\\":
            i += 2
        elif src[i] == "`":
            literals.append(src[start:i])
            return i + 1, False
        elif src.startswith("${", i):
            literals.append(src[start:i])
            return i + 2, True
        else:
            i += 1
    literals.append(src[start:])
    return n, False


def _regex_may_start(src: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and src[j] in " \t\r\n":
        j -= 1
    if j < 0 or src[j] in _REGEX_BEFORE:
        return True
    word = re.search(r"[A-Za-z_$][\w$]*$", src[max(0, j - 11):j + 1])
    return bool(word) and word.group(0) in _REGEX_KEYWORDS


def _regex_end(src: str, i: int) -> int:
    n, in_class = len(src), False
    while i < n and src[i] != "\n":
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            return i + 1
        i += 1
    return i


def _accounted_for(finding: Finding, pages) -> bool:
    """Inert strings pass; a latent loader passes only while no page has the feature that triggers it."""
    if finding.where not in ("js", "<script>"):
        return False
    if any(finding.url.startswith(prefix) for prefix in INERT):
        return True
    for prefix, latent in LATENT.items():
        if finding.url.startswith(prefix):
            return latent.trigger is None or not any(latent.trigger.search(text) for text in pages)
    return False


# ---- Tests: the static scan ----

def test_the_built_site_loads_nothing_from_other_hosts(site: Path) -> None:
    findings = scan_site(site)
    assert not findings, "external resources:\n" + "\n".join(map(str, findings))


def test_the_scan_sees_every_latent_loader_and_what_would_trigger_it(site: Path) -> None:
    """The allow-lists are not stale: each address on them is really in the site's scripts."""
    urls = {u for p in site.glob("assets/javascripts/**/*.js") for u in js_urls(p.read_text(encoding="utf-8"))}
    for prefix in [*LATENT, *INERT]:
        assert any(u.startswith(prefix) for u in urls), prefix
    # Material's widget for `repo_url` is what would call GitHub's API: the site must not have it.
    assert "data-md-component=\"source\"" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_scan_catches_cdn_scripts_fonts_and_remote_images(site: Path, tmp_path: Path) -> None:
    """Negative control: a copy of a built page with third-party resources added, one of each kind."""
    page = (site / "en" / "prisoners" / "fictional-ales-testovich.html").read_text(encoding="utf-8")
    injected = {
        '<script src="https://cdn.example.com/x.js"></script>': "https://cdn.example.com/x.js",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">':
            "https://fonts.googleapis.com/css2?family=Roboto",
        '<link rel="preconnect" href="https://fonts.gstatic.com">': "https://fonts.gstatic.com",
        '<style>@font-face{font-family:X;src:url("https://fonts.gstatic.com/x.woff2")}</style>':
            "https://fonts.gstatic.com/x.woff2",
        '<img src="//images.example.net/p.jpg" alt="">': "//images.example.net/p.jpg",
        '<img srcset="a.png 1x, https://images.example.net/p2.jpg 2x" alt="">': "https://images.example.net/p2.jpg",
        '<script>fetch("https://stats.example.com/hit")</script>': "https://stats.example.com/hit",
    }
    copy = tmp_path / "site"
    (copy / "en" / "prisoners").mkdir(parents=True)
    (copy / "en" / "prisoners" / "x.html").write_text(
        page.replace("</head>", "".join(injected) + "</head>"), encoding="utf-8")
    (copy / "x.css").write_text("/* https://example.com/in-a-comment.css */ @import 'https://cdn.example.com/a.css';"
                                "b{background:url(https://images.example.net/b.png)}", encoding="utf-8")
    (copy / "x.js").write_text("// https://example.com/in-a-comment.js\nvar re=/https:\\/\\/x/g;"
                               "var s=document.createElement('script');s.src=`https://cdn.example.com/${v}.js`;",
                               encoding="utf-8")
    found = {f.url for f in scan_site(copy)}
    assert found == set(injected.values()) | {"https://cdn.example.com/a.css", "https://images.example.net/b.png",
                                               "https://cdn.example.com/"}
    # ...while the same page as built has nothing, and links a reader clicks do not count.
    assert not scan_html(page, "page")
    assert "https://example.org/ales" in page


def test_the_js_lexer_reads_strings_not_comments_or_regexes() -> None:
    source = ("/*! licence https://lic.example */ a = b / 2 / c; r = /['\"`]/g; s = 'it\\'s https://a.example/x'; "
              "t = `x ${ {k: \"https://b.example\"}.k } https://c.example/${d}`; // https://comment.example\n"
              "return /\\/\\//.test(u) ? \"https://d.example\" : e")
    assert js_urls(source) == ["https://a.example/x", "https://b.example", "https://c.example/", "https://d.example"]


# ---- Tests: the offline zip ----

def test_every_build_writes_the_zip_and_its_checksum(site: Path) -> None:
    archive = site / offline_zip.ZIP_NAME
    line = (site / offline_zip.SUM_NAME).read_text(encoding="utf-8")
    assert line == f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {offline_zip.ZIP_NAME}\n"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert z.testzip() is None
        infos = z.infolist()
    assert names == sorted(names)
    assert all(n.startswith("volia/") for n in names)
    assert {i.date_time for i in infos} == {offline_zip.FIXED_TIME}
    assert {i.external_attr >> 16 for i in infos} == {offline_zip.FILE_MODE}
    inside = {n.removeprefix("volia/") for n in names}
    for page in ("index.html", "ru/index.html", "en/index.html", "prisoners/fictional-ales-testovich.html",
                 "en/statistics.html", "offline.html", "search/search_index.js", "ru/search/search_index.js"):
        assert page in inside, page
    # not itself, and none of what a reader never uses
    assert not inside & {offline_zip.ZIP_NAME, offline_zip.SUM_NAME, offline_zip.ZIP_NAME + ".part"}
    assert not [n for n in inside if n.endswith((".map", "sitemap.xml", "sitemap.xml.gz"))]
    assert not [n for n in inside if n.endswith(("wordcut.js", "tinyseg.js", "lunr.de.min.js"))]
    # ...but what search needs in each language is there (Russian stemmer for be and ru)
    assert {"assets/javascripts/lunr/min/lunr.ru.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
            "ru/assets/javascripts/lunr/min/lunr.ru.min.js"} <= inside
    # every other file of the site is in the zip
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    left_out = on_disk - inside
    assert all(offline_zip._left_out(n, {"ru", "en"}) for n in left_out)
    assert inside <= on_disk


@pytest.mark.slow
def test_the_zip_is_reproducible(site: Path, tmp_path: Path) -> None:
    """The same sources give the same bytes: a second build, in another folder, seconds later.
    (The negative control, a changed file giving another checksum, is the test below.)"""
    again = tmp_path / "again"
    assert build_all(again, data_dir=FIXTURES / "data") == 0
    first = (site / offline_zip.SUM_NAME).read_text(encoding="utf-8")
    assert not _different_entries(site / offline_zip.ZIP_NAME, again / offline_zip.ZIP_NAME)
    assert (again / offline_zip.SUM_NAME).read_text(encoding="utf-8") == first
    assert (again / offline_zip.ZIP_NAME).read_bytes() == (site / offline_zip.ZIP_NAME).read_bytes()


def _different_entries(one: Path, other: Path) -> list[str]:
    """Names of the entries whose content differs between two zips (or that only one has)."""
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(other) as b:
        names = sorted(set(a.namelist()) | set(b.namelist()))
        return [n for n in names if n not in a.namelist() or n not in b.namelist() or a.read(n) != b.read(n)]


def test_the_zip_does_not_depend_on_file_times_or_permissions(tmp_path: Path) -> None:
    site = tmp_path / "s"
    (site / "b").mkdir(parents=True)
    (site / "b" / "page.html").write_text("<p>b</p>", encoding="utf-8")
    (site / "a.html").write_text("<p>a</p>", encoding="utf-8")
    first = offline_zip.write_offline_copy(site, {"en"}).sha256
    (site / "a.html").chmod(0o600)
    os.utime(site / "b" / "page.html", (1_000_000_000, 1_000_000_000))
    assert offline_zip.write_offline_copy(site, {"en"}).sha256 == first
    (site / "a.html").write_text("<p>A</p>", encoding="utf-8")
    assert offline_zip.write_offline_copy(site, {"en"}).sha256 != first


def test_every_page_links_the_download_and_the_how_to(site: Path) -> None:
    for page, zip_href, howto in (("index.html", "volia-offline.zip", "offline.html"),
                                  ("prisoners/fictional-ales-testovich.html", "../volia-offline.zip",
                                   "../offline.html"),
                                  ("ru/statistics.html", "../volia-offline.zip", "offline.html"),
                                  ("en/prisoners/index.html", "../../volia-offline.zip", "../offline.html")):
        soup = read_html(site / page)
        link = soup.select_one("aside.volia-offline a.volia-offline__download")
        assert link["href"] == zip_href, page
        assert (site / Path(page).parent / link["href"]).resolve() == (site / offline_zip.ZIP_NAME).resolve()
        how = soup.select_one("aside.volia-offline a.volia-offline__howto")
        assert how["href"] == howto, page
        assert (site / Path(page).parent / how["href"]).is_file(), page
    assert read_html(site / "en" / "index.html").select_one(".volia-offline__download").get_text() \
        == "Download the whole site (zip)"
    assert read_html(site / "index.html").select_one(".volia-offline__download").get_text() \
        == "Спампаваць увесь сайт (zip)"


def test_the_how_to_page_exists_in_every_language_and_links_the_zip(site: Path) -> None:
    for page, lang in (("offline.html", "be"), ("ru/offline.html", "ru"), ("en/offline.html", "en")):
        soup = read_html(site / page)
        assert soup.html["lang"] == lang
        assert not soup.select(".admonition.note")  # a real translation, not the English fallback
        hrefs = [a["href"] for a in soup.select(".volia-offline-page__download a")]
        assert len(hrefs) == 2
        for href in hrefs:
            assert (site / Path(page).parent / href).resolve().is_file(), (page, href)
        text = soup.get_text(" ")
        assert "sha256sum -c volia-offline.zip.sha256" in text
        nav = [a.get("href") for a in soup.select("nav.md-nav--primary a")]
        assert "offline.html" in nav


# ---- Tests: text alternatives ----

def test_every_chart_has_a_text_alternative_and_its_data_as_a_table(site: Path) -> None:
    charts = 0
    for path in sorted(site.rglob("*.html")):
        soup = read_html(path)
        for svg in soup.select("article svg[role=img]"):
            charts += 1
            ids = svg.get("aria-labelledby", "").split()
            names = [soup.find(id=i) for i in ids]
            assert ids and all(n is not None and n.get_text(strip=True) for n in names), (path, ids)
            figure = svg.find_parent("figure")
            if figure and "volia-chart" in figure.get("class", []):
                assert figure.select("details table tbody tr"), path  # the numbers, readable without the picture
        for img in soup.select("article img"):
            assert img.get("alt") is not None, (path, img.get("src"))
    assert charts >= 10  # the statistics page and the home page, in three languages


# ---- Tests: small pages ----

@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real records (data/), built in Russian only: its pages are the longest (a second or two)."""
    site = tmp_path_factory.mktemp("shipped")
    # The real data is checked against the real calendar (a record may have been checked this week).
    with environment(VOLIA_TODAY=dt.date.today().isoformat()):
        build_language("ru", site, data_dir=ROOT / "data")
    return site / "ru"


def test_the_shipped_records_pages_stay_under_the_budget(shipped_site: Path) -> None:
    pages = [p for p in (shipped_site / "prisoners").glob("*.html") if p.name != "index.html"]
    assert len(pages) >= 10
    sizes = {p.name: p.stat().st_size for p in pages}
    print(f"\nlargest record page of the shipped data: {max(sizes.values())} bytes")
    assert max(sizes.values()) <= RECORD_PAGE_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_record_pages_stay_under_the_budget(site: Path) -> None:
    published = [r.id for r in load_dataset(FIXTURES / "data").records if r.publication in ("full", "minimal")]
    pages = [site / prefix / "prisoners" / f"{id}.html" for id in published for prefix in ("", "ru", "en")]
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}
    assert max(sizes.values()) <= RECORD_PAGE_BUDGET, sizes


def test_the_search_index_is_utf8_and_complete(site: Path) -> None:
    raw = (site / "search" / "search_index.json").read_bytes()
    assert b"\\u04" not in raw  # no escaped Cyrillic
    index = json.loads(raw)
    titles = {d["title"] for d in index["docs"]}
    assert "Воля — палітвязні Беларусі" in titles  # Belarusian, read back as written
    assert "Алесь Тэставіч" in (site / "search" / "names.js").read_text(encoding="utf-8")  # people: names.js
    inlined = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(inlined.removeprefix("var __index = ")) == index


@pytest.mark.parametrize("text", ["плюс Ўў і ’", "emoji \U0001F54A and \u2028 separators"])
def test_compacting_the_index_keeps_its_content(tmp_path: Path, text: str) -> None:
    (tmp_path / "search").mkdir()
    original = {"docs": [{"title": text, "text": text * 3}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(original), encoding="utf-8")
    saved = compaction.compact_search_index(tmp_path)
    assert saved > 0
    assert json.loads((tmp_path / "search" / "search_index.json").read_bytes()) == original


def test_compact_html_drops_indentation_but_keeps_verbatim_blocks() -> None:
    page = ("<body>\n    <p>a\n      <em>b</em>\n\n      c</p>\n"
            "    <pre>  keep\n    this</pre>\n  <textarea>\n  t</textarea>\n"
            "  <script>var s = `\n   x`;</script>\n  <STYLE>\n  p{}</STYLE>\n</body>")
    assert compaction.compact_html(page) == (
        "<body>\n<p>a\n<em>b</em>\nc</p>\n<pre>  keep\n    this</pre>\n<textarea>\n  t</textarea>\n"
        "<script>var s = `\n   x`;</script>\n<STYLE>\n  p{}</STYLE>\n</body>")
    # words stay apart: a run of whitespace becomes one line break, never nothing
    assert compaction.compact_html("<b>x</b>\n   <b>y</b>") == "<b>x</b>\n<b>y</b>"


def test_built_pages_are_compact(site: Path) -> None:
    """(test_browser_offline.py checks in a browser that the text a reader sees is unchanged.)"""
    page = (site / "en" / "prisoners" / "fictional-ales-testovich.html").read_text(encoding="utf-8")
    assert compaction.compact_html(page) == page  # the build already compacted it
    assert "\n  <" not in page


def test_the_theme_settings_block_is_utf8_and_still_cannot_end_its_script(site: Path) -> None:
    page = (site / "prisoners" / "fictional-ales-testovich.html").read_text(encoding="utf-8")
    block = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.DOTALL).group(1)
    settings = json.loads(block)
    assert "\\u04" not in block and settings["translations"]["search.result.placeholder"]  # Cyrillic as UTF-8
    # A value that would close the element, as the theme writes it (escaped), stays escaped: decoding
    # the \\u escapes alone (json.dumps without the HTML-safe step) would end the element early.
    theme = '<script id="__config" type="application/json">{"x": "\\u003c/script\\u003e\\u003cscript\\u003e"}</script>'
    out = compaction.compact_config(theme)
    assert out.count("</script>") == 1 and out.endswith("</script>")
    assert json.loads(out[out.index(">") + 1:-len("</script>")]) == {"x": "</script><script>"}
