"""Places of detention: named with their city, grouped by kind with counts, and saying of regime,
parcels, visits and letters only what the data holds — each such statement backed by sources."""

from __future__ import annotations

from pathlib import Path

from cli_runner import volia
from conftest import content, read_html


def test_the_index_groups_facilities_by_kind_with_their_city_and_counts(site: Path) -> None:
    page = content(read_html(site / "en" / "facilities" / "index.html"))
    groups = [h.get_text(" ", strip=True) for h in page.select("h2")]
    assert groups == ["Pre-trial detention centres (1)", "Penal colonies (1)"]  # the kinds' order; none empty
    colony = page.select_one("a[href='colony-99-testtown.html']")
    assert colony.get_text() == "Penal colony No. 99 (test), Testavy"  # the city from the data
    listed = content(read_html(site / "en" / "facilities" / "colony-99-testtown.html")).select(
        "table.volia-people tbody tr")
    assert colony.find_next("small").get_text() == f"· people on this site: {len(listed)}"
    # A facility whose data has no city is named without one (nothing invented).
    assert page.select_one("a[href='sizo-98-testtown.html']").get_text() == "Pre-trial detention centre No. 98 (test)"


def test_a_facility_page_says_what_its_sources_say_and_nothing_more(site: Path) -> None:
    be = content(read_html(site / "facilities" / "colony-99-testtown.html"))
    assert be.select_one("h1").get_text() == "Выпраўленчая калонія № 99 (тэставая), Тэставы"
    assert be.select_one(".volia-facility-kind").get_text() == "калонія строгага рэжыму · Гродзенская вобласць"
    terms = [dt.get_text() for dt in be.select("dl.volia-conditions dt")]
    assert terms == ["Перадачы і пасылкі", "Спатканні", "Лісты"]
    parcels, visits, _ = be.select("dl.volia-conditions dd")
    assert not parcels.has_attr("lang") and visits["lang"] == "en"  # a fallback says which language it is in
    assert be.select_one("#sources") is not None
    # Negative control: a facility with no regime and no conditions in its data states neither.
    other = content(read_html(site / "en" / "facilities" / "sizo-98-testtown.html"))
    assert other.select_one("#conditions") is None and not other.select("dl.volia-conditions")
    assert other.select_one(".volia-facility-kind").get_text() == "pre-trial detention centre · Minsk"


def test_regime_and_conditions_need_sources(data_dir: Path) -> None:
    path = data_dir / "facilities.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  sources:\n    - url: https://example.org/fictional-colony-99")
    end = text.index("\n\n", start) if "\n\n" in text[start:] else len(text)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    run = volia("--data", data_dir, "check")
    assert run.returncode == 1
    said = (run.stdout + run.stderr).splitlines()
    line = text[:text.index("- id: colony-99-testtown")].count("\n") + 1
    assert [s.split(": ", 1)[1] for s in said if "colony-99-testtown" in s] == [
        "facility colony-99-testtown: sources: missing; regime is stated only with the sources that say so",
        "facility colony-99-testtown: sources: missing; conditions is stated only with the sources that say so"]
    assert all(s.startswith(f"{path}:{line}:") for s in said if "colony-99-testtown" in s)
