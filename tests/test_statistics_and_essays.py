"""Figures on the site come from the data: statistics counted by hand, essays that follow the data,
and macros that fail loudly on an unknown key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_project, content, read_html

from volia.analysis import chart_geometry as charts
from volia.text.i18n import t
from volia.views.templates import render


def test_statistics_equal_a_count_made_by_hand(site: Path) -> None:
    # The fixture records, counted by hand: Ales (imprisoned, recognised), Hanna (released by pardon),
    # Maryja (imprisoned, minimal page), one counted-only record (restricted). Four people in all.
    page = content(read_html(site / "en" / "statistics.html"))
    items = [li.get_text(" ", strip=True) for li in page.select("ul")[0].select("li")]
    assert items == ["Records: 4", "Held, status confirmed recently: 2",
                     "Held when last checked (status not confirmed recently): 0", "Serving restriction of freedom: 1",
                     "Released: 1", "Recognised as political prisoners: 1"]
    status = {tr.select("td")[0].get_text(): tr.select("td")[1].get_text()
              for tr in page.select("#chart-status table tbody tr")}
    assert status == {"Imprisoned": "2", "Restriction of freedom (“khimiya”)": "1", "Released": "1"}
    release = page.select_one("#chart-release table tbody tr")
    assert release.select_one("a")["href"] == "strategies/negotiate.html"  # a pardon is negotiation's result
    assert release.select("td")[1].get_text() == "1"
    articles = {tr.select("td")[0].get_text(): tr.select("td")[1].get_text()
                for tr in page.select("#chart-article table tbody tr")}
    # Ales only: articles are counted from full records (the counted one is charged under 342 too)
    assert next(v for k, v in articles.items() if k.startswith("342 ")) == "1"
    assert "as of June 1, 2024" in page.select_one("#chart-status .volia-chart__source").get_text()


def test_every_chart_has_a_text_alternative_and_a_table(site: Path) -> None:
    page = content(read_html(site / "en" / "statistics.html"))
    charts = page.select("figure.volia-chart")
    assert len(charts) >= 10
    for chart in charts:
        svg = chart.select_one("svg")
        if svg is not None:
            assert svg["role"] == "img"
            assert svg.select_one("title").get_text().strip()
            assert svg.select_one("desc").get_text().strip()
            assert chart.select("table tbody tr")
        else:  # no bars: a sentence says so, instead of an empty drawing and an empty table
            assert chart.select_one(".volia-chart__empty").get_text(strip=True) == "No record gives this yet."


def test_long_chart_labels_wrap_inside_the_drawing(site: Path) -> None:
    page = content(read_html(site / "en" / "statistics.html"))
    wrapped = 0
    for chart in page.select("figure.volia-chart"):
        if chart.select_one("svg") is None or chart.select_one(".volia-chart__line"):
            continue
        table = [tr.select("td")[0].get_text() for tr in chart.select("table tbody tr")]
        labels = chart.select("text.volia-chart__label")
        bars = chart.select("rect.volia-chart__bar")
        assert len(labels) == len(bars) == len(table)
        for label, bar, full in zip(labels, bars, table, strict=True):
            lines = [tspan.get_text() for tspan in label.select("tspan")]
            assert all(len(line) <= charts.LABEL_CHARS for line in lines), lines
            assert " ".join(lines) == full  # every word kept, in order
            baselines = [float(tspan["y"]) for tspan in label.select("tspan")]
            assert baselines == sorted(baselines) and baselines[-1] < float(bar["y"])  # above its bar
            wrapped += len(lines) > 1
    assert wrapped  # the fixture's article 342 has a long title: at least one label did wrap


def test_a_label_too_long_for_three_lines_ends_in_an_ellipsis() -> None:
    short = charts.label_lines("293 — Mass riots")
    assert short == ["293 — Mass riots"]
    lines = charts.label_lines(" ".join(["word"] * 60))
    assert len(lines) == charts.LABEL_LINES and lines[-1].endswith("…")
    assert all(len(line) <= charts.LABEL_CHARS for line in lines)


def test_changing_a_figure_in_the_data_changes_the_essay_and_the_chart(tmp_path: Path) -> None:
    def edit(data: Path) -> None:
        counts = (data / "counts.yaml").read_text(encoding="utf-8")
        assert "held: 1140" in counts
        (data / "counts.yaml").write_text(counts.replace("held: 1140", "held: 4321"), encoding="utf-8")

    code, site = build_project(tmp_path, edit_data=edit)
    assert code == 0
    essay = content(read_html(site / "strategies" / "pressure.html")).get_text(" ", strip=True)
    assert "4,321 (as of March 5, 2026" in essay
    assert "1,140" not in essay  # negative control: the old figure is gone everywhere on the page
    chart_rows = [tr.get_text(" ", strip=True) for tr in read_html(site / "statistics.html").select("#chart-counts tbody tr")]
    assert any("4,321" in row for row in chart_rows)


def test_the_shipped_essays_show_the_data_figures(site: Path) -> None:
    essay = content(read_html(site / "en" / "strategies" / "pressure.html")).get_text(" ", strip=True)
    assert "1,140 (as of March 5, 2026" in essay


@pytest.mark.parametrize(("call", "words"), [
    ('{{ precedent("no-such-precedent", "freed") }}', ["no-such-precedent", "broken.md"]),
    ("{{ undefined_variable_here }}", ["undefined_variable_here", "broken.md"]),
    ('{{ count_on("1999-01-01") }}', ["1999-01-01", "broken.md"]),
])
def test_an_unknown_key_or_variable_fails_the_build_naming_page_and_key(
        tmp_path: Path, capsys: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture,
        call: str, words: list[str]) -> None:
    def edit(docs: Path) -> None:
        (docs / "broken.md").write_text(f"---\nrender_macros: true\n---\n# Broken\n\n{call}\n", encoding="utf-8")

    code, _ = build_project(tmp_path, edit_docs=edit)
    assert code == 1
    output = capsys.readouterr()
    text = output.out + output.err + caplog.text
    for word in words:
        assert word in text


def test_every_precedent_and_count_has_a_source() -> None:
    from volia.data.loading import load_policy

    policy = load_policy(ROOT / "data")
    assert policy.precedents and policy.counts
    assert all(p["sources"] and all(s["url"].startswith("https://") for s in p["sources"])
               for p in policy.precedents.values())
    assert all(c["source"]["url"].startswith("https://") and c["source"]["publisher"] for c in policy.counts)


def test_a_precedent_without_a_source_fails_validation(tmp_path: Path) -> None:
    from volia.data.loading import load_policy
    from volia.data.problems import DataError

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "precedents.yaml").read_text(encoding="utf-8")
    start = text.index("  sources:", text.index("key: us-nicaragua-2023"))
    end = text.index("  disagreement:", start)
    (data / "precedents.yaml").write_text(text[:start] + "  sources: []\n" + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_policy(data)
    assert [p.record for p in caught.value.problems] == ["us-nicaragua-2023"]
    assert "expected at least 1 item" in str(caught.value)



def test_a_party_with_the_csv_separator_fails_validation_instead_of_the_export(tmp_path: Path) -> None:
    from volia.data.loading import load_policy
    from volia.data.problems import DataError

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "precedents.yaml").read_text(encoding="utf-8")
    assert "  - Nicaragua\n" in text
    (data / "precedents.yaml").write_text(text.replace("  - Nicaragua\n", "  - Nicaragua; Qatar\n", 1),
                                          encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_policy(data)
    assert [(p.record, p.field, p.expected) for p in caught.value.problems] == [
        ("us-nicaragua-2023", "parties[1]", "expected a name without ';' (the CSV export separates list items with it)")]


STRATEGY_SECTIONS = ["What it is", "Who argues for it", "What it has achieved", "What it costs",
                     "The strongest argument against", "Evidence and sources"]


@pytest.mark.parametrize("page", ["pressure", "negotiate", "exchange"])
def test_each_strategy_page_reads_on_its_own(site: Path, page: str) -> None:
    # A reader's test: what it is, who argues for it, what it achieved, its costs, the case
    # against, and where the evidence comes from — each a section with real text and sources.
    article = content(read_html(site / "en" / "strategies" / f"{page}.html"))
    headings = [h.get_text(strip=True) for h in article.select("h2")]
    assert headings == STRATEGY_SECTIONS
    for heading in article.select("h2"):
        words = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            words += sibling.get_text(" ", strip=True).split()
        assert len(words) >= 25, heading.get_text()
    external = [a["href"] for a in article.select("a[href^='https://']")]
    assert len(external) >= 2


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_a_breakdown_with_no_known_values_says_so_instead_of_an_empty_chart(lang: str) -> None:
    def chart(rows: list[dict]) -> BeautifulSoup:
        b = {"name": "region", "title": "By region", "rows": rows, "unknown": 4, "source": "Source: the records"}
        bars, height = charts.bars([(r["label"], r["value"], r["value_text"], r["link"]) for r in rows])
        return BeautifulSoup(render("chart_bars.html", "statistics.md", lang, b=b, bars=bars, height=height,
                                    alt=""), "html.parser")

    empty = chart([])
    assert empty.select_one(".volia-chart__empty").get_text() == t("chart_no_data", lang)
    assert empty.select_one("svg") is None and empty.select_one("table") is None
    assert "4" in empty.select_one(".volia-chart__source").get_text()  # the unknown count is still given
    one = chart([{"label": "Minsk", "value": 2, "value_text": "2", "link": None}])  # control
    assert one.select_one("svg") and one.select("table tbody tr") and one.select_one(".volia-chart__empty") is None


def test_the_macro_page_lists_every_macro_as_an_essay_calls_it(site: Path) -> None:
    page = content(read_html(site / "en" / "about" / "macros.html"))
    forms = [code.get_text() for code in page.select("code") if "(" in code.get_text()]
    assert 'precedent(key, field="freed")' in forms and "records_count(status=None)" in forms
    assert not [f for f in forms if "'str'" in f or "->" in f or ": " in f]  # no Python type hints
    names = {f.split("(", 1)[0] for f in forms}
    assert {"headline", "counts_chart", "breakdown", "per_million", "macro_reference"} <= names
