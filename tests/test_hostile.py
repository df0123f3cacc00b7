"""Hostile input is inert: every string of tests/hostile/corpus.yaml, in every field of a record, is
either refused by validation with a clear message or shown as plain text (sanitized, in a biography).

Validation is checked on records that carry a string in every field at once. The strings that are
accepted are built into one real site (English), which is read with an HTML parser here and loaded
page by page in Chromium by the browser test. The same corpus also goes through the Viasna importer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser import chromium, http_server, watch_requests  # noqa: F401 - chromium is a fixture
from bs4 import BeautifulSoup
from conftest import read_html
from hostile import corpus
from hostile.corpus import FIELDS, PHOTO, base_record, fill, put, shown
from hostile.html_checks import violations
from hostile.images import camera_jpeg
from hostile.sites import build, copy_fixture_data, read_records, write_records

from volia.cli.import_viasna import Choices, convert
from volia.data.loading import load_dataset
from volia.data.problems import DataError, Problem
from volia.text.sanitize import ALLOWED_TAGS, URL_SCHEMES, bio_html

TEXTS, URLS = corpus.load()
BROWSER_TABS = 6


# ---- Building the data ----

def validation_records() -> list[dict]:
    """One record per case, the string in every field of every kind at once."""
    records = [fill(base_record(f"hostile-{c.id}", "Validation Case"), ("name", "line", "text"), c.text)
               for c in TEXTS]
    records += [fill(base_record(f"hostile-url-{c.id}", "Validation Case"), ("url",), c.url) for c in URLS]
    return records


def site_data(data_dir: Path) -> dict[str, dict]:
    """Records with each string in every field that accepts it; a facility and an article carry
    it too (their names become page titles). Returns the records by id."""
    records, facilities, articles = [], [], []
    for number, case in enumerate(TEXTS):
        kinds = tuple(k for k in corpus.KINDS if case.accepted(k))
        if not kinds:
            continue
        record = fill(base_record(f"hostile-{case.id}", f"Hostile Case {_letters(number)}"), kinds, case.text)
        if case.accepted("line") and not case.accepted("name"):
            # Refused in names, this string reaches a page title only as a facility's or an
            # article's name: give it both.
            facility_id, article_id = f"hostile-{case.id}", str(900 + number)
            facilities.append({"id": facility_id, "kind": "colony", "name": {"en": case.text},
                               "address": {"latin": case.text}})
            articles.append({"id": article_id, "title": {"en": case.text},
                             "explanation": {"en": case.text if case.accepted("text") else "Explained."},
                             "sources": [{"url": "https://example.org/code", "title": case.text}]})
            put(record, ("cases", 1, "facilities"), [facility_id])
            put(record, ("cases", 1, "articles"), [article_id])
        records.append(record)
    for number, case in enumerate(URLS):
        record = base_record(f"hostile-url-{case.id}", f"Hostile Link {_letters(number)}")
        if _fits_a_biography(case.url):
            record["bio"]["en"] = f"Read [the statement]({case.url}) or <{case.url}>."
        if case.rejected is None:
            fill(record, ("url",), case.url)
        records.append(record)
    write_records(data_dir, [*read_records(data_dir), *records])  # the fixture records stay: controls
    _append_yaml(data_dir / "facilities.yaml", facilities)
    _append_yaml(data_dir / "articles.yaml", articles)
    camera_jpeg(data_dir / "photos" / PHOTO)
    return {r["id"]: r for r in records}


def _fits_a_biography(text: str) -> bool:
    """Control characters other than line breaks are refused in a biography before any rendering."""
    return not re.search(r"[\x00-\x09\x0b-\x1f]", text)


def _letters(number: int) -> str:
    """Case 0 → "A", 27 → "Bb": names without digits, each different."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[number % 26] + "b" * (number // 26)


def _append_yaml(path: Path, entries: list[dict]) -> None:
    from hostile.sites import _QuotingDumper

    existing = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.dump(existing + entries, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False,
                              width=10_000), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], Path]:
    """The accepted strings, built once into a real English site."""
    root = tmp_path_factory.mktemp("hostile")
    data_dir = copy_fixture_data(root / "data")
    records = site_data(data_dir)
    # No site URL: with one, the theme fetches sitemaps from that host, which is not this test's subject.
    return records, build("hostile", root, data_dir, languages=("en",), site_url="") / "en"


# ---- Validation ----

def test_the_corpus_is_large_and_varied() -> None:
    assert len(TEXTS) >= 40 and len(URLS) >= 10
    assert len({c.id for c in TEXTS} | {c.id for c in URLS}) == len(TEXTS) + len(URLS)
    for kind in ("name", "line", "text"):  # every kind of field both refuses and accepts something
        assert any(c.accepted(kind) for c in TEXTS) and not all(c.accepted(kind) for c in TEXTS)
    assert any(c.rejected for c in URLS) and not all(c.rejected for c in URLS)


def test_validation_refuses_exactly_what_the_corpus_says_with_a_clear_message(tmp_path: Path) -> None:
    data_dir = copy_fixture_data(tmp_path / "data")
    camera_jpeg(data_dir / "photos" / PHOTO)
    text = write_records(data_dir, validation_records())
    lines = text.splitlines()
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    found: dict[str, set[tuple[str, str]]] = {}
    for problem in caught.value.problems:
        found.setdefault(problem.record, set()).add((problem.field, problem.expected))
        _assert_points_at_its_field(problem, lines)
    expected = {f"hostile-{c.id}": {(shown(path), message) for kind, messages in c.rejected.items()
                                    for message in messages for path in FIELDS[kind]} for c in TEXTS}
    expected |= {f"hostile-url-{c.id}": {(shown(path), c.rejected) for path in FIELDS["url"]}
                 for c in URLS if c.rejected}
    expected = {k: v for k, v in expected.items() if v}
    assert {k: {"found": found.get(k), "expected": expected.get(k)}
            for k in found.keys() | expected.keys() if found.get(k) != expected.get(k)} == {}


def _assert_points_at_its_field(problem: Problem, lines: list[str]) -> None:
    """The message names the file, the line of the field itself, the record and the bad value."""
    message = str(problem)
    assert message.startswith(f"{problem.file}:{problem.line}: record {problem.record}: {problem.field}: ")
    assert "\n" not in message and "Traceback" not in message
    line = lines[problem.line - 1].strip()
    last = problem.field.rsplit(".", 1)[-1]
    if last.endswith("]"):
        assert line.startswith("- "), (message, line)  # a list item: its own line
    else:
        assert line.removeprefix("- ").startswith(f'"{last}":'), (message, line)


# ---- The built site ----

def _scripts(soup: BeautifulSoup) -> list[str]:
    return [s.get("src") or s.get_text() for s in soup.find_all("script")]


def test_every_accepted_string_is_plain_text_on_its_page(hostile_site) -> None:
    records, site = hostile_site
    control = read_html(site / "prisoners" / "fictional-ales-testovich.html")
    checked = 0
    for case in TEXTS:
        record_id = f"hostile-{case.id}"
        if record_id not in records:
            continue
        soup = read_html(site / "prisoners" / f"{record_id}.html")
        article = soup.select_one("article.volia-record")
        assert _scripts(soup) == _scripts(control), case.id  # no script added, none removed
        assert violations(soup) == [] and violations(article, content_only=True) == [], case.id
        name = records[record_id]["name"]["en"]
        assert soup.select_one("h1#name").get_text() == name
        assert soup.title.get_text() == f"{name} - Volia", case.id  # the <title> was not broken out of
        if case.accepted("line"):
            assert soup.select_one(".volia-summary").get_text() == case.text, case.id
            assert soup.select_one(".volia-sources a").get_text() == case.text, case.id
            assert soup.select_one(".volia-quote q").get_text() == case.text, case.id
            assert soup.select_one("figure.volia-portrait figcaption").get_text() == f"Photo: {case.text}", case.id
            assert case.text in soup.select_one(".volia-recognition").get_text(), case.id
        if case.accepted("line") and not case.accepted("name"):
            assert case.text in " ".join(a.get_text() for a in article.select("address")), case.id  # letters
            facility = read_html(site / "facilities" / f"{record_id}.html")
            article_page = read_html(site / "articles" / f"{900 + TEXTS.index(case)}.html")
            for page, title in ((facility, case.text), (article_page, f"{900 + TEXTS.index(case)} — {case.text}")):
                assert page.title.get_text() == f"{title} - Volia", case.id
                assert violations(page) == [] and violations(page.select_one("article"), True) == [], case.id
        if case.accepted("text"):
            bio = soup.select_one(".volia-bio")  # absent when sanitizing left nothing to show
            assert bio is None or {tag.name for tag in bio.find_all(True)} <= ALLOWED_TAGS, case.id
        checked += 1
    assert checked == sum(any(c.accepted(k) for k in corpus.KINDS) for c in TEXTS)
    # Templates and macros never ran over contributor text.
    jinja = read_html(site / "prisoners" / "hostile-jinja-expression.html").get_text()
    assert "{{ 7*191 }}" in jinja and "1337" not in jinja
    macro = read_html(site / "prisoners" / "hostile-macro-call.html").select_one(".volia-summary").get_text()
    assert macro == "{{ records_count() }} {{ stat('total') }}"


def test_links_keep_only_http_and_https(hostile_site) -> None:
    records, site = hostile_site
    for case in URLS:
        soup = read_html(site / "prisoners" / f"hostile-url-{case.id}.html")
        assert violations(soup) == [], case.id
        bio_links = [a.get("href") for a in soup.select(".volia-bio a")]
        sources = [a["href"] for a in soup.select(".volia-sources a")]
        assert soup.select(".volia-bio a") or not _fits_a_biography(case.url), case.id  # the text stays
        if case.rejected:
            kept = [href for href in bio_links if href is not None]
            assert all(urlsplit(href).scheme in URL_SCHEMES for href in kept), (case.id, kept)
            assert case.url not in sources
        else:
            assert case.url in bio_links and sources == [case.url], case.id
            assert soup.select_one(".volia-recognition a")["href"] == case.url


def test_a_biography_link_without_a_scheme_is_dropped() -> None:
    html = str(bio_html("[elsewhere](//example.invalid/x) and [here](../index.html)"))
    assert "href" not in html


def test_the_search_indexes_hold_only_escaped_text_and_data(hostile_site) -> None:
    records, site = hostile_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:  # the theme's full-text index: essays, facilities, articles
        for part in (doc["title"], doc["text"]):
            soup = BeautifulSoup(part, "html.parser")
            assert violations(soup, content_only=True) == [], doc["location"]
    assert any("hostile-" in d["location"] for d in index["docs"])  # hostile facilities and articles
    # People: search/names.js is one assignment of JSON data, whatever the names hold.
    script = (site / "search" / "names.js").read_text(encoding="utf-8")
    prefix = "window.__voliaNames="
    people = json.loads(script.removeprefix(prefix).removesuffix(";\n"))
    assert script == prefix + json.dumps(people, ensure_ascii=False, separators=(",", ":")) + ";\n"
    titles = {person[0]: person[1] for person in people["people"]}
    assert set(records) <= set(titles)
    for record_id in records:  # each title is the page's own heading, as text
        page = read_html(site / "prisoners" / f"{record_id}.html")
        assert titles[record_id] == page.select_one("h1#name").get_text(), record_id
    assert any(set(title) & set("<>&\"'") for title in titles.values())  # the test has something to escape


# ---- In a browser ----

class _Visits:
    """Tabs in one browser context that record dialogs, errors and window.__pwned on each page."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context()
        self.outside = watch_requests(self.context)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.pwned: dict[str, object] = {}
        self.tabs = [self.context.new_page() for _ in range(BROWSER_TABS)]
        for tab in self.tabs:
            tab.on("dialog", lambda dialog, tab=tab: (self.dialogs.append(f"{tab.url}: {dialog.message}"),
                                                      dialog.dismiss()))
            tab.on("pageerror", lambda error, tab=tab: self.errors.append(f"{tab.url}: {error}"))
            tab.on("console", lambda message, tab=tab: message.type == "error"
                   and self.errors.append(f"{tab.url}: {message.text}"))

    def load(self, base: str, pages: list[str]) -> None:
        for start in range(0, len(pages), len(self.tabs)):  # several pages load at once
            batch = list(zip(self.tabs, pages[start:start + len(self.tabs)], strict=False))
            for tab, path in batch:
                tab.goto(base + path, wait_until="commit")
            for tab, path in batch:
                tab.wait_for_load_state("load")
                tab.wait_for_timeout(20)  # let late handlers (autofocus, onload, onerror) fire
                self.check(tab, path)

    def check(self, tab, where: str) -> None:
        value = tab.evaluate("() => window.__pwned ?? null")
        if value is not None:
            self.pwned[where] = value


@pytest.mark.browser
def test_no_page_runs_a_script_or_opens_a_dialog(hostile_site, chromium, tmp_path: Path) -> None:  # noqa: F811
    records, site = hostile_site
    hostile_references = [str(p.relative_to(site)) for p in (*(site / "facilities").glob("hostile-*.html"),
                                                              *(site / "articles").glob("9??.html"))]
    pages = sorted({*(f"prisoners/{rid}.html" for rid in records), *hostile_references,
                    "prisoners/index.html", "facilities/index.html", "articles/index.html"})
    visits = _Visits(chromium)
    with http_server(site) as base:
        visits.load(base, pages)
        # The site's own search shows hostile names, summaries and titles among its results.
        search = visits.tabs[0]
        search.goto(base + "index.html", wait_until="load")
        search.click("input[data-md-component=search-query]")
        search.keyboard.type("Hostile")  # key by key, as a reader types: the theme searches on key events
        search.wait_for_selector(".md-search-result__item", timeout=15_000)
        results = search.locator(".md-search-result__item").count()
        search.wait_for_timeout(200)
        # People's results: each name shown as text, with no element made of it.
        people = search.locator(".md-search-result__item a[href*='prisoners/hostile-'] h1").evaluate_all(
            "titles => titles.map(h => [h.textContent, h.childElementCount])")
        visits.check(search, "search results")
    visits.context.close()
    assert len(pages) > len(records) and results > 0 and people
    names = {record["name"]["en"] for record in records.values()}
    assert [title for title, elements in people if title not in names or elements] == []
    assert (visits.pwned, visits.dialogs, visits.errors) == ({}, [], [])
    assert [url for url in visits.outside if not url.startswith(base)] == []

    # The control: the same strings pasted raw into a page do run, and the checks above see it.
    (tmp_path / "raw.html").write_text("<!doctype html><title>raw</title><body>\n"
                                       + "\n".join(c.text for c in TEXTS) + "\n</body>", encoding="utf-8")
    control = _Visits(chromium)
    with http_server(tmp_path) as raw_base:
        control.load(raw_base, ["raw.html"])
    control.context.close()
    assert control.pwned and control.dialogs, (control.pwned, control.dialogs)


# ---- Through the importer ----

@pytest.mark.slow
def test_the_importer_passes_nothing_hostile_through(tmp_path: Path) -> None:
    """The corpus as Viasna export rows: each case is refused with a corpus message, or builds inert."""
    rows = []
    for number, case in enumerate(TEXTS):
        rows.append({"name": f"{case.text} Imported {_letters(number)}", "description": case.text,
                     "judge": case.text, "status": "active", "arrested": "2021-01-15",
                     "decision": "3 years", "penalty": f"imprisonment; {case.text}",
                     "prison/title": f"Penal colony No. {700 + number} {case.text}",
                     "prison/address": f"2200{number:02d}, {case.text}",
                     "articles/0": f"Art. {700 + number} — {case.text}",
                     "url": "https://example.org/viasna", "declaration": "FALSE", "photo": ""})
    for number, case in enumerate(URLS):
        rows.append({"name": f"Imported Link {_letters(number)}", "status": "active", "arrested": "2021-01-15",
                     "url": case.url, "declaration": case.url, "photo": ""})
    data_dir = copy_fixture_data(tmp_path / "data")
    fixtures = {spec: yaml.safe_load((data_dir / f"{spec}.yaml").read_text(encoding="utf-8"))
                for spec in ("facilities", "articles")}
    result = convert(rows, known_facilities={f["id"]: f for f in fixtures["facilities"]},
                     known_articles={a["id"] for a in fixtures["articles"]}, known_ids=set(),
                     as_of="2024-06-01", choices=Choices("full", "public-source"))
    owner = _owners(rows, result)
    assert len(result.records) == len(rows)
    _write_import(data_dir, result.records, result.new_facilities, result.new_articles)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    refused: dict[str, set[str]] = {}
    for problem in caught.value.problems:
        assert problem.record in owner, str(problem)
        if re.fullmatch(r"id|cases\[0\]\.facilities\[0\]", problem.field):
            # The importer makes ids from names: a name too long makes an id too long as well.
            assert problem.expected == "too long: expected at most 80 characters", str(problem)
            continue
        refused.setdefault(owner[problem.record], set()).add(problem.expected)
    for case in TEXTS:
        messages = {m for kind, ms in case.rejected.items() if kind in ("name", "line") for m in ms}
        assert refused.get(case.id, set()) <= messages, case.id  # only the corpus's own messages
        assert bool(refused.get(case.id)) == bool(messages), case.id  # refused exactly when it should be
    for case in URLS:
        assert refused.get(case.id, set()) == ({case.rejected} if case.rejected else set()), case.id

    # What was not refused is built, and shows as text.
    kept = {key for key, case_id in owner.items() if case_id not in refused}
    _write_import(data_dir, [r for r in result.records if r["id"] in kept],
                  [f for f in result.new_facilities if f["id"] in kept],
                  [a for a in result.new_articles if a["id"] in kept])
    site = build("imported", tmp_path, data_dir, languages=("en",), site_url="") / "en"
    control = read_html(site / "prisoners" / "fictional-ales-testovich.html")
    for record in (r for r in result.records if r["id"] in kept):
        soup = read_html(site / "prisoners" / f"{record['id']}.html")
        assert _scripts(soup) == _scripts(control) and violations(soup) == [], record["id"]
        assert soup.title.get_text() == f"{record['name']['en']} - Volia"
        if "summary" in record:
            assert soup.select_one(".volia-summary").get_text() == record["summary"]["en"]


def _owners(rows: list[dict], result) -> dict[str, str]:
    """Which corpus case each imported record, facility and article came from."""
    cases = [c.id for c in TEXTS] + [c.id for c in URLS]
    owner = {}
    for number, record in enumerate(sorted(result.records, key=lambda r: _row_index(rows, r))):
        owner[record["id"]] = cases[number]
        for case in record["cases"]:
            for facility in case.get("facilities", []):
                owner[facility] = cases[number]
            for article in case.get("articles", []):
                owner[article] = cases[number]
    return owner


def _row_index(rows: list[dict], record: dict) -> int:
    return next(i for i, row in enumerate(rows) if row["name"].strip() == record["name"]["en"])


def _write_import(data_dir: Path, records: list[dict], facilities: list[dict], articles: list[dict]) -> None:
    from hostile.sites import FIXTURE_DATA

    write_records(data_dir, [*read_records(FIXTURE_DATA), *records])
    for name, added in (("facilities", facilities), ("articles", articles)):
        (data_dir / f"{name}.yaml").write_text((FIXTURE_DATA / f"{name}.yaml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
        _append_yaml(data_dir / f"{name}.yaml", added)



