"""Counts that would say too much (issue 16, item 7): the breakdowns by facility, region, article,
gender, age and sentence count only the records that publish those fields (full ones), and say so
under the chart.

A facility whose only prisoner has a minimal page, a region only a minimal record names, and a
facility only a counted record names must not show up with a "1" on the statistics page, nor in any
open-data file; a facility with three full records is shown with its 3 (the negative control).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, read_html
from hostile.output import walk
from hostile.sites import FULL_ID, MINIMAL_ID, build, copy_fixture_data, edit_records

from volia.analysis import statistics as stats
from volia.data.loading import load_dataset
from volia.model.partial_date import PartialDate

HIDDEN, COUNTED_ONLY, SHOWN = "colony-77-hidden", "colony-76-counted", "colony-55-shown"
HIDDEN_REGION = "minsk-city"  # the minimal record's region; no full record names it
SHOWN_IDS = ("fictional-shown-a", "fictional-shown-b", "fictional-shown-c")
SHOWN_NAMES = ("Shown Adamovich", "Shown Barysavich", "Shown Cimafeevich")


def _facility(facility_id: str, name: str, template: dict) -> dict:
    return {**json.loads(json.dumps(template)), "id": facility_id, "name": {"be": name, "ru": name, "en": name}}


def _edit_data(data: Path) -> None:
    facilities = yaml.safe_load((data / "facilities.yaml").read_text(encoding="utf-8"))
    template = facilities[0]
    facilities += [_facility(HIDDEN, "HIDDEN-FACILITY-MARKER", template),
                   _facility(COUNTED_ONLY, "COUNTED-FACILITY-MARKER", template),
                   _facility(SHOWN, "SHOWN-FACILITY-MARKER", template)]
    (data / "facilities.yaml").write_text(yaml.safe_dump(facilities, allow_unicode=True), encoding="utf-8")

    def change(records: dict[str, dict]) -> None:
        records[MINIMAL_ID]["cases"][-1]["facilities"] = [HIDDEN]
        counted = next(r for r in records.values() if r["publication"] == "counted")
        counted["status"] = "imprisoned"
        counted["cases"][-1]["facilities"] = [COUNTED_ONLY]
        counted["cases"][-1].pop("released", None)
        for record_id, name in zip(SHOWN_IDS, SHOWN_NAMES, strict=True):
            copy = json.loads(json.dumps(records[FULL_ID]))
            copy.update(id=record_id, name={"en": name}, region="hrodna", photo=None, aliases=None)
            copy = {k: v for k, v in copy.items() if v is not None}
            copy["cases"] = [copy["cases"][-1]]
            copy["cases"][0]["facilities"] = [SHOWN]
            records[record_id] = copy

    edit_records(data, change)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site in Belarusian (which publishes the open data) and English."""
    root = tmp_path_factory.mktemp("breakdowns")
    _edit_data(copy_fixture_data(root / "data"))
    return build("breakdowns", root, root / "data", languages=("be", "en"))


@pytest.fixture(scope="module")
def statistics(built: Path) -> BeautifulSoup:
    return read_html(built / "en" / "statistics.html")


def _rows(page: BeautifulSoup, chart: str) -> dict[str, str]:
    figure = page.select_one(f"figure#chart-{chart}")
    return {tr.select("td")[0].get_text(): tr.select("td")[1].get_text() for tr in figure.select("tbody tr")}


def test_a_facility_held_only_by_a_withheld_record_is_not_on_the_statistics_page(
        statistics: BeautifulSoup, built: Path) -> None:
    text = str(statistics) + (built / "statistics.html").read_text(encoding="utf-8")
    assert "HIDDEN-FACILITY-MARKER" not in text and "COUNTED-FACILITY-MARKER" not in text
    assert HIDDEN not in text and COUNTED_ONLY not in text
    facilities = _rows(statistics, "facility")
    # only places where a full record says the person is held, each with its full records' count
    assert facilities == {"SHOWN-FACILITY-MARKER": "3", "Penal colony No. 99 (test)": "1"}


def test_regions_and_articles_count_full_records_only(statistics: BeautifulSoup) -> None:
    regions = _rows(statistics, "region")
    assert not [label for label in regions if "Minsk" in label]  # the minimal record's region
    assert set(regions.values()) == {"4"}  # Hrodna: Ales and the three copies
    articles = _rows(statistics, "article")
    assert not [label for label in articles if label.startswith("369 ")]  # the minimal record's article


def test_each_chart_over_a_withheld_field_says_whom_it_counts(statistics: BeautifulSoup) -> None:
    for chart in ("facility", "region", "article"):
        note = statistics.select_one(f"figure#chart-{chart} .volia-chart__note")
        assert note is not None and note.get_text().startswith("Counts only the people with a full page"), chart
    # the status chart counts everyone, the counted-only record too: no such note
    assert statistics.select_one("figure#chart-status .volia-chart__note") is None


def test_no_open_data_file_ties_a_withheld_record_to_its_facility(built: Path) -> None:
    exports = [o for o in walk(built) if o.name.startswith("data/") or "!volia/data/" in o.name]
    assert any(o.name.endswith("prisoners.json") for o in exports)
    for output in exports:
        if output.name.endswith(("facilities.json", "facilities.csv")):
            continue  # the list of places itself: names and addresses, no one in them
        for marker in (HIDDEN, COUNTED_ONLY, "HIDDEN-FACILITY-MARKER", "COUNTED-FACILITY-MARKER"):
            assert not output.has(marker), (output.name, marker)
    # Control: the shown facility is in the records' export, three times
    prisoners = next(o for o in exports if o.name.endswith("prisoners.json"))
    assert prisoners.text.count(SHOWN) == 3


def test_no_breakdown_changes_with_a_field_a_record_withholds() -> None:
    """Every field a minimal or counted-only record withholds (gender, birth date, region, sentence,
    facility, articles) may change freely without changing any breakdown: none can be read back by
    subtraction. Negative control: the same change on the full record does change them."""
    dataset = load_dataset(FIXTURES / "data")
    breakdowns = (stats.by_gender, stats.by_age_at_arrest, stats.by_sentence, stats.by_region,
                  stats.by_facility, stats.by_article)

    def altered(record_id: str):
        def change(record):
            if record.id != record_id:
                return record
            case = record.cases[-1]
            sentence = replace(case.sentence, months=(case.sentence.months or 0) + 100) if case.sentence else None
            cases = (*record.cases[:-1], replace(case, sentence=sentence, articles=("130",),
                                                  facilities=("colony-99-testtown",)))
            return replace(record, gender="male" if record.gender == "female" else "female",
                           born=PartialDate.parse("1950-01-01"), region="brest", cases=cases)
        return replace(dataset, records=tuple(change(r) for r in dataset.records))

    def shown(data):
        return [b(data).rows for b in breakdowns]

    for record in dataset.records:
        if record.publication != "full":
            assert shown(altered(record.id)) == shown(dataset), record.id
    assert shown(altered(FULL_ID)) != shown(dataset)  # the control: a full record's fields do count
