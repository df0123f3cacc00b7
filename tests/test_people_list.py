"""The list of people: what its heading says, the alphabetical order of each language, the filters
as pre-built pages, and nothing a minimal record withholds leaking through a filter or a count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, content, read_html

from volia.cli.build import build_all
from volia.text.collation import sorted_names

# Fictional people whose surnames start with the letters code-point order misplaces: Belarusian
# і (U+0456) and ў (U+045E) sort far after я by code point, but belong after з and after у.
ALPHABET_SURNAMES = {  # record id suffix → Belarusian surname (given names all "Тэст")
    "u-short": "Ўсцінава", "u": "Умецкая", "i-short": "Йодкава", "i": "Ісаеўская", "z": "Зыкава",
    "ya": "Яцкевіч", "latin": "Zadvorny",
}
# The Belarusian alphabet's order of those first letters: з і й у ў я, Latin after Cyrillic.
EXPECTED_BE = ["Зыкава", "Ісаеўская", "Йодкава", "Умецкая", "Ўсцінава", "Яцкевіч", "Zadvorny"]


def _alphabet_records() -> list[dict]:
    return [{
        "id": f"fictional-alphabet-{suffix}", "publication": "full",
        "consent": {"basis": "person", "by": "fictional", "date": "2024-01-01"},
        "name": {"be": f"Тэст {surname}"}, "status": "released", "as_of": "2024-06-01",
        "cases": [{"arrested": "2021-01-01", "released": {"date": "2022-01-01", "how": "served"}}],
        "sources": [{"url": f"https://example.org/fictional-alphabet-{suffix}", "title": "Fictional test source"}],
        "last_verified": "2026-10-15",
    } for suffix, surname in ALPHABET_SURNAMES.items()]


@pytest.fixture(scope="module")
def alphabet_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("alphabet") / "data"
    shutil.copytree(FIXTURES / "data", data)
    with (data / "prisoners.yaml").open("a", encoding="utf-8") as file:  # appended: the rest stays as written
        file.write("\n" + yaml.safe_dump(_alphabet_records(), allow_unicode=True, sort_keys=False))
    site = tmp_path_factory.mktemp("alphabet-site")
    assert build_all(site, languages=("be", "en"), data_dir=data) == 0
    return site


def _names(page) -> list[str]:
    return [a.get_text() for a in content(page).select("table.volia-people tbody th a")]


def test_the_collation_follows_each_alphabet() -> None:
    shuffled = list(reversed(EXPECTED_BE))
    assert sorted_names(shuffled, "be") == EXPECTED_BE
    assert sorted(shuffled) != EXPECTED_BE  # negative control: code-point order gets it wrong
    assert sorted_names(["Емельянов", "Ёлкин", "Ежов"], "ru") == ["Ежов", "Ёлкин", "Емельянов"]  # ё as е
    assert sorted_names(["Зыкава", "Adams"], "en") == ["Adams", "Зыкава"]  # English: Latin first


def test_the_list_sorts_by_surname_in_the_alphabet_of_its_language(alphabet_site: Path) -> None:
    names = _names(read_html(alphabet_site / "prisoners" / "index.html"))
    surnames = [n.split()[-1] for n in names if n.startswith("Тэст ")]
    assert surnames == EXPECTED_BE
    # Surname first: Алесь Тэставіч sorts under Т (after Й, before У), not under his first name's А.
    assert names.index("Тэст Йодкава") < names.index("Алесь Тэставіч") < names.index("Тэст Умецкая")
    everyone = [n.split()[-1] for n in names]
    assert everyone == sorted_names(everyone, "be")


def test_the_heading_says_what_the_list_holds(site: Path) -> None:
    page = content(read_html(site / "en" / "prisoners" / "index.html"))
    rows = page.select("table.volia-people tbody tr")
    assert page.select_one("h1").get_text() == f"People on this site: {len(rows)}"
    held = [r for r in rows if r["data-status"] == "imprisoned"]
    assert page.select_one(".volia-list-counts").get_text().startswith(f"Of them behind bars: {len(held)}")


def test_status_filters_are_pre_built_pages(site: Path) -> None:
    for prefix in ("", "en/"):
        index = content(read_html(site / prefix / "prisoners" / "index.html"))
        statuses = {r["data-status"] for r in index.select("table.volia-people tbody tr")}
        links = index.select("nav.volia-filters [data-filter=status] a")
        assert {a["data-filter-value"] for a in links} == statuses  # one per status present, no empty one
        for link in links:
            page = content(read_html(site / prefix / "prisoners" / link["href"]))
            rows = page.select("table.volia-people tbody tr")
            assert rows and {r["data-status"] for r in rows} == {link["data-filter-value"]}
            assert link.small.get_text() == str(len(rows))  # the count on the link is the page's
            assert page.select_one("nav.volia-filters a[aria-current=page]")["data-filter-value"] == \
                link["data-filter-value"]
            assert page.select_one(".volia-filters__all a")["href"] == "../index.html"


def test_filters_never_reveal_what_a_minimal_record_withholds(site: Path) -> None:
    """The minimal record's region (minsk-city) and facility (sizo-98-testtown) are withheld: no
    filter, count or row attribute may carry them."""
    index = content(read_html(site / "en" / "prisoners" / "index.html"))
    minimal = index.select_one("tr:has(a[href='fictional-minimal-person.html'])")
    assert minimal is not None and not minimal.has_attr("data-facility") and not minimal.has_attr("data-region")
    regions = {a["data-filter-value"] for a in index.select("[data-filter=region] a")}
    assert regions == {"hrodna"}  # Ales's region; negative control: the withheld one is absent
    assert not (site / "en" / "prisoners" / "region" / "minsk-city.html").exists()
    assert (site / "en" / "prisoners" / "region" / "hrodna.html").exists()
    facilities = {a["data-filter-value"]: int(a.small.get_text()) for a in index.select("[data-filter=facility] a")}
    shown = index.select("table.volia-people tbody tr[data-facility]")
    for facility, count in facilities.items():
        assert count == sum(facility in r["data-facility"].split() for r in shown)
