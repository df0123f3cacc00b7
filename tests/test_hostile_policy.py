"""Hostile strings in the policy data (precedents, published counts) stay plain text in the essays.

Essays quote that data through macros. A macro's result is read by Markdown after it runs, so a
value spliced into a paragraph could turn into a link, an image or raw HTML there even when it
was escaped for HTML. Every string of the corpus that the schema accepts goes into every text
field of a precedent; a few Markdown and HTML attacks go into the latest count's publisher (the
home page headline). One essay quotes them all, inline and as tables, and is built for real.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_essay, content
from hostile import corpus
from hostile.html_checks import violations

TEXTS, _ = corpus.load()
# Precedent titles, parties and places are one-line fields; summaries and concessions are texts.
CASES = [c for c in TEXTS if c.accepted("line") and c.accepted("text")]
FIELDS = ("title", "parties", "mediator", "host_country", "conceded", "summary")
HEADLINE_CASES = ("markdown-link-javascript", "markdown-autolink", "markdown-image", "markdown-attribute-list",
                  "markdown-code", "img-onerror")
HEADLINE = " ".join(c.text for c in TEXTS if c.id in HEADLINE_CASES)
AUTHOR_LINK = "https://example.org/written-by-the-author"
PRECEDENT_SOURCE = "https://example.org/precedent"


def _precedent(number: int, text: str) -> dict:
    return {"key": f"hostile-{number}", "title": {"en": text},
            # ';' separates parties in the CSV export and is refused there (test_statistics_and_essays)
            "parties": [text if ";" not in text else "Testland"],
            "mediator": text, "date": "2020-01-01", "strategy": "negotiate", "conceded": {"en": text},
            "freed": 1, "freed_qualifier": None, "host_country": text, "summary": {"en": text},
            "sources": [{"url": PRECEDENT_SOURCE, "title": text}], "disagreement": {"en": text}}


def _edit_data(data: Path) -> None:
    precedents = yaml.safe_load((data / "precedents.yaml").read_text(encoding="utf-8"))
    precedents += [_precedent(n, case.text) for n, case in enumerate(CASES)]
    counts = yaml.safe_load((data / "counts.yaml").read_text(encoding="utf-8"))
    counts[-1]["source"]["publisher"] = HEADLINE  # the latest count: the headline
    counts[-1]["note"] = {"en": HEADLINE}
    for name, entries in (("precedents.yaml", precedents), ("counts.yaml", counts)):
        (data / name).write_text(yaml.safe_dump(entries, allow_unicode=True, width=10_000), encoding="utf-8")


def _essay() -> str:
    lines = ["---", "render_macros: true", "---", "", "# Hostile essay", "",
             f"Control: [a link the essay's author wrote]({AUTHOR_LINK}) and *emphasis*.", "",
             "Headline: {{ headline() }} end.", ""]
    for number in range(len(CASES)):
        quoted = " ".join(f'{field} «{{{{ precedent("hostile-{number}", "{field}") }}}}»' for field in FIELDS)
        lines += [f"Case {number}: {quoted} end.", ""]
    lines += ["{{ precedents_table() }}", "", "{{ precedents_timeline() }}", "", "{{ counts_chart() }}", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def essay(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    return build_essay(tmp_path_factory.mktemp("hostile-policy"), "hostile-essay", _essay(), _edit_data)


def test_enough_of_the_corpus_is_accepted_and_the_headline_fits_one_line() -> None:
    assert len(CASES) >= 30
    assert len(HEADLINE) <= 300 and len(HEADLINE_CASES) == sum(c.id in HEADLINE_CASES for c in TEXTS)


def test_the_page_has_nothing_that_runs_or_navigates_away(essay: BeautifulSoup) -> None:
    assert violations(essay) == []
    article = copy.copy(content(essay))
    article.select_one("aside.volia-share").decompose()  # the site's own share links and their script
    assert violations(article, content_only=True) == []
    links = {a["href"] for a in content(essay).select("a[href]")}
    # Only the author's own link, the sources' addresses and the site's own pages.
    assert {h for h in links if h.startswith(("http:", "https:"))} <= {AUTHOR_LINK, *_source_urls()}


def test_quoted_values_read_exactly_as_written(essay: BeautifulSoup) -> None:
    paragraphs = {p.get_text().split(":", 1)[0]: p for p in content(essay).select("p")}
    for number, case in enumerate(CASES):
        paragraph = paragraphs[f"Case {number}"]
        parties = case.text if ";" not in case.text else "Testland"
        expected = " ".join(f"{field} «{parties if field == 'parties' else case.text}»" for field in FIELDS)
        assert paragraph.get_text() == f"Case {number}: {expected} end.", case.id
        assert paragraph.find(True) is None, case.id  # not one element: only text


def test_the_headline_link_text_is_the_publisher_as_written(essay: BeautifulSoup) -> None:
    paragraph = next(p for p in content(essay).select("p") if p.get_text().startswith("Headline:"))
    links = paragraph.select("a")
    assert len(links) == 1 and links[0]["href"] in _source_urls()
    assert HEADLINE in links[0].get_text() and links[0].find(True) is None


def test_control_the_essays_own_markdown_still_works(essay: BeautifulSoup) -> None:
    control = next(p for p in content(essay).select("p") if p.get_text().startswith("Control:"))
    assert control.select_one("a")["href"] == AUTHOR_LINK and control.select_one("em").get_text() == "emphasis"


def test_tables_show_the_values_as_text(essay: BeautifulSoup) -> None:
    cells = " ".join(td.get_text() for td in content(essay).select("table td"))
    for case in CASES:
        assert case.text in cells, case.id
    assert HEADLINE in cells  # the counts table's publisher and note


def _source_urls() -> set[str]:
    """Every address the policy data of this build cites (the fixture's and the hostile precedents')."""
    def load(name: str) -> list[dict]:
        return yaml.safe_load((FIXTURES / "data" / name).read_text(encoding="utf-8"))

    counts = {c["source"]["url"] for c in load("counts.yaml")}
    claims = {c["source"]["url"] for p in load("precedents.yaml") for c in (p.get("disputed") or {}).get("claims", [])}
    return counts | claims | {s["url"] for p in load("precedents.yaml") for s in p["sources"]} | {PRECEDENT_SOURCE}
