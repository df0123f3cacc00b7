"""Current and honest: how old each fact is, said on the page; stale records not presented as
current; both versions of a disputed fact; comparisons only between counts of about one date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY, build_project, content, read_html
from hostile.sites import edit_records

from volia.analysis import freshness
from volia.data.loading import load_dataset, load_policy
from volia.model.partial_date import PartialDate
from volia.text import i18n
from volia.views import policy as policy_views

DAY = dt.date.fromisoformat(TODAY)


def _ales_checked_on(day: str):
    def edit(data: Path) -> None:
        edit_records(data, lambda records: records["fictional-ales-testovich"].update(last_verified=day))
    return edit


# ---- Freshness ----

@pytest.mark.parametrize(("checked", "months", "recent"), [
    ("2026-06-01", 6, True), ("2026-05-25", 6, False), ("2026", 6, True), ("2025", 6, False), ("2026-05", 6, True),
    ("2025-11-26", 12, True), ("2025-11-25", 12, False)])
def test_a_check_is_recent_within_the_period_at_its_own_precision(checked: str, months: int, recent: bool) -> None:
    record = next(r for r in load_dataset(FIXTURES / "data").records if r.id == "fictional-ales-testovich")
    from dataclasses import replace
    record = replace(record, last_verified=PartialDate.parse(checked))
    assert freshness.checked_recently(record, DAY, months) is recent
    assert freshness.last_known_only(record, DAY, months) is (not recent)  # he is recorded as imprisoned


@pytest.mark.slow
def test_a_stale_record_is_last_known_everywhere_and_not_featured(tmp_path: Path) -> None:
    code, site = build_project(tmp_path, edit_data=_ales_checked_on("2024-06-01"))
    assert code == 0
    page = content(read_html(site / "prisoners" / "fictional-ales-testovich.html"))
    assert page.select_one(".volia-badge").get_text() == "Imprisoned (last known, June 1, 2024)"
    checked = page.select_one(".volia-checked")
    assert "volia-checked--old" in checked["class"]
    assert checked.get_text() == "Last checked against the sources: June 1, 2024: the status may have changed since"
    row = next(tr for tr in read_html(site / "prisoners" / "index.html").select("table.volia-people tr")
               if "Ales Testovich" in tr.get_text())
    assert "last known" in row.get_text()
    # On the home page he may fill a card, but only as last known: never as a person held now.
    card = next(li for li in content(read_html(site / "index.html")).select("li.volia-card")
                if "Ales Testovich" in li.get_text())
    assert card.select_one(".volia-badge").get_text() == "Imprisoned (last known, June 1, 2024)"
    stats = {li.get_text().split(": ")[0]: li.get_text().split(": ")[-1] for li in
             content(read_html(site / "statistics.html")).select("li")}
    assert stats["Held, status confirmed recently"] == "1"  # Maryja (minimal, checked recently)
    assert stats["Held when last checked (status not confirmed recently)"] == "1"  # Ales


@pytest.mark.slow
def test_control_a_recently_checked_record_is_current_and_featured(tmp_path: Path) -> None:
    code, site = build_project(tmp_path, edit_data=_ales_checked_on("2026-11-01"))
    assert code == 0
    page = content(read_html(site / "prisoners" / "fictional-ales-testovich.html"))
    assert page.select_one(".volia-badge").get_text() == "Imprisoned"
    assert "volia-checked--old" not in page.select_one(".volia-checked")["class"]
    card = next(li for li in content(read_html(site / "index.html")).select("li.volia-card")
                if "Ales Testovich" in li.get_text())
    assert card.select_one(".volia-badge").get_text() == "Imprisoned"  # featured as held now


def test_a_term_that_ended_by_the_calculation_is_flagged_and_a_release_is_not(site: Path) -> None:
    ales = content(read_html(site / "en" / "prisoners" / "fictional-ales-testovich.html"))
    assert ales.select_one(".volia-flag").get_text() == \
        "Term ended by the calculation (July 15, 2025); release not confirmed"
    hanna = content(read_html(site / "en" / "prisoners" / "fictional-hanna-prykladava.html"))
    assert hanna.select_one(".volia-flag") is None  # released: nothing to flag


def test_the_import_date_is_not_a_check_date(site: Path) -> None:
    """The page never says "as of 2023" beside "checked last week" unless someone checked last week."""
    records = load_dataset(Path(__file__).resolve().parent.parent / "data", dt.date.today()).records
    for record in records:
        if record.verified_by == "Viasna database export":
            assert record.last_verified == record.as_of, record.id


# ---- The latest figure says how old it is ----

def test_the_headline_says_how_old_the_latest_count_is(site: Path) -> None:
    latest = load_policy(FIXTURES / "data").latest_count()
    age = i18n.age(PartialDate.parse(latest["date"]), DAY, "en")
    assert age == "9 months ago"  # 5 March 2026 seen from 26 November 2026
    front = content(read_html(site / "en" / "index.html")).select_one(".volia-front")
    assert front.select_one(".volia-front__number").get_text() == "1,140"
    assert front.select_one(".volia-front__source").get_text(" ", strip=True).startswith(
        f"The latest published count, as of March 5, 2026 ({age}): Human Rights Center Viasna")
    essay = content(read_html(site / "en" / "strategies" / "pressure.html")).get_text(" ", strip=True)
    assert f"the latest published count, {age}" in essay  # the headline macro, in the essays
    assert i18n.age(PartialDate.parse("2026-11-26"), DAY, "be") == "сёння"  # control: no "in 0 days"


# ---- Comparisons and disputes ----

def test_a_comparison_names_both_dates_and_refuses_counts_far_apart() -> None:
    policy = load_policy(FIXTURES / "data")
    sentence = policy_views.compare(policy, "venezuela-2024-12", "belarus-2024-12", "en")
    assert sentence == ("Political prisoners: Venezuela, 1,849 (as of December 23, 2024); Belarus, 1,265 (as of "
                        "December 31, 2024); on those dates Venezuela held more")
    with pytest.raises(ValueError, match="days apart"):
        policy_views.compare(policy, "venezuela-2024-12", "belarus-2026-01", "en")


def test_a_comparison_row_without_a_sourced_count_is_not_published() -> None:
    policy = load_policy(FIXTURES / "data")
    published = {c["key"] for c in policy_views.published_comparisons(policy)}
    assert "iran" in policy.comparisons and "iran" not in published
    assert {"belarus-2024-12", "venezuela-2024-12"} <= published  # control


def test_a_disputed_fact_shows_every_version_with_its_source(site: Path) -> None:
    essay = content(read_html(site / "en" / "strategies" / "negotiate.html"))
    block = next(b for b in essay.select(".volia-disputed") if "exchange" in b.get_text())
    claims = block.select("li")
    assert len(claims) == 2
    assert claims[0].get_text().startswith("Lukashenka's press secretary: Called the handover an exchange.")
    assert claims[1].get_text().startswith("Ukraine's Coordination Headquarters")
    assert all(c.select_one("a[href^='https://']") for c in claims)
