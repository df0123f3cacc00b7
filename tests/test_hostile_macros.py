"""A block macro (a chart, a table) placed inside an indented block of an essay — an admonition, a
list item, a quote — stays inert: Markdown never reads its HTML again (volia/site/macros.py puts a
placeholder through Markdown and the HTML in after it).

Indented, block HTML is not left alone by Markdown: the text between its tags is read as Markdown,
so a facility or region named "[x](javascript:alert(1))" in the data would become a live link.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import build_essay, content
from hostile.html_checks import violations

from volia.site import macros

FACILITY = "[x](javascript:alert(1)) *em* <b>bold</b>"  # where the full record's person is held
HARMLESS = "Hrodna Region"  # that person's region, as the fixture names it: the control
PLACES = {
    "admonition": '!!! note "Where they are held"\n\n    {{ breakdown("facility") }}\n\n    {{ breakdown("region") }}\n',
    "list item": '- A list item:\n\n    {{ breakdown("facility") }}\n\n- {{ breakdown("region") }}\n',
    "quote": '> {{ breakdown("facility") }}\n>\n> {{ breakdown("region") }}\n',
    "nested": '!!! note\n\n    - In a list in an admonition:\n\n        {{ precedents_table() }}\n',
}


def _edit_data(data: Path) -> None:
    entries = yaml.safe_load((data / "facilities.yaml").read_text(encoding="utf-8"))
    next(e for e in entries if e["id"] == "colony-99-testtown")["name"]["en"] = FACILITY
    (data / "facilities.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True, width=10_000), encoding="utf-8")


def _essay() -> str:
    blocks = [f'<div class="place" id="{n.replace(" ", "-")}" markdown>\n\n{text}\n</div>\n' for n, text in PLACES.items()]
    return "\n".join(["---", "render_macros: true", "---", "", "# Macros in blocks", "", *blocks,
                      "Top level:", "", '{{ breakdown("facility") }}', ""])


@pytest.fixture(scope="module")
def essay(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    return build_essay(tmp_path_factory.mktemp("hostile-macros"), "macros-in-blocks", _essay(), _edit_data)


def test_nothing_in_the_page_runs_or_navigates(essay: BeautifulSoup) -> None:
    assert violations(essay) == []
    assert not [a for a in content(essay).select("a[href]") if "javascript" in a["href"].lower()]


@pytest.mark.parametrize("place", ["admonition", "list-item", "quote"])
def test_a_chart_in_an_indented_block_shows_the_name_as_written(essay: BeautifulSoup, place: str) -> None:
    block = essay.select_one(f"#{place}")
    charts = block.select("figure.volia-chart")
    assert charts, place
    # the chart sits in its block (the admonition, the list item, the quote), whole
    assert charts[0].find_parent(["li", "blockquote", "div"]) is not None
    labels = " ".join(c.get_text(" ") for c in charts)
    assert FACILITY.replace("<b>", "").replace("</b>", "") not in labels  # not read as HTML either
    assert FACILITY in labels
    assert not block.select("em, b") and not block.select("a[href^=javascript]")
    assert "volia" + macros._NONCE not in str(block)  # no placeholder left over


def test_a_table_two_blocks_deep_is_whole(essay: BeautifulSoup) -> None:
    table = essay.select_one("#nested li table")
    assert table is not None and len(table.select("tr")) > 1


def test_control_a_harmless_name_renders_as_it_did(essay: BeautifulSoup) -> None:
    """Negative control: a harmless name (the region's chart beside the facility's, in each block)
    renders as it always did: its label, its count, its table."""
    for place in ("admonition", "list-item", "quote"):
        chart = essay.select_one(f"#{place} figure#chart-region")
        assert chart is not None, place
        assert [td.get_text() for td in chart.select("tbody td")] == [HARMLESS, "1"], place
        assert HARMLESS in chart.select_one("svg").get_text(" ")
    top = content(essay).find_all("figure", class_="volia-chart", recursive=False)
    assert top and FACILITY in top[-1].get_text(" ")


def test_control_markdown_would_make_the_name_a_link_without_the_placeholder(essay: BeautifulSoup) -> None:
    """Why: the very HTML the chart macro made, indented into an admonition and read by Markdown as
    it was before, turns the facility's name into a live javascript: link."""
    chart = str(essay.select_one("#admonition figure.volia-chart"))
    indented = "!!! note\n\n" + "\n".join("    " + line for line in chart.splitlines()) + "\n"
    reread = BeautifulSoup(markdown.markdown(indented, extensions=["admonition"]), "html.parser")
    assert "javascript:alert(1)" in [a["href"] for a in reread.select("a[href]")]


def test_a_placeholder_that_markdown_changed_fails_naming_the_page() -> None:
    ctx = object()
    placeholder = macros._defer(ctx, "essay.md", "<figure>x</figure>")  # type: ignore[arg-type]
    assert macros.substitute(ctx, "essay.md", f"<p>{placeholder}</p>") == "<figure>x</figure>"  # type: ignore[arg-type]
    placeholder = macros._defer(ctx, "essay.md", "<figure>x</figure>")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="essay.md: a macro's output was not found"):
        macros.substitute(ctx, "essay.md", f'<a title="{placeholder[:-1]}">')  # type: ignore[arg-type]
