"""Publication levels and removal, proved on everything a build writes.

The fixture data has a full record, a minimal record whose withheld fields hold WITHHELD-* markers
(and a birth date used nowhere else), and a counted-only record with COUNTED-* markers. The site is
built in every language with a site URL (so the sitemap lists every page) and with camera photos;
then every file it wrote is searched, archives unpacked and escapes decoded (tests/hostile/output.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, read_html
from hostile.output import find, walk
from hostile.sites import (
    COUNTED_ID,
    FIXTURE_DATA,
    FULL_ID,
    MINIMAL_ID,
    build,
    copy_fixture_data,
    edit_records,
    line_of,
    published_site,
    read_records,
)

from volia.data.loading import load_dataset
from volia.data.problems import DataError, Problem
from volia.model.languages import LANGUAGES
from volia.model.partial_date import DATE_FORM, PartialDate
from volia.model.publication import cut
from volia.text import i18n

# Fields a minimal page may show; everything else in a minimal record is withheld.
MINIMAL_SHOWS = {"id", "publication", "name", "aliases", "gender", "region", "status", "recognised", "as_of",
                 "last_verified"}
# Values that are categories, not facts about one person: the same words appear on every page.
CATEGORY_KEYS = {"publication", "status", "gender", "kind", "regime", "how", "basis", "months"}
LANGUAGE_FOLDERS = {"be": "", "ru": "ru/", "en": "en/"}


def strings_in(value: object, key: str = "") -> list[str]:
    """Every text in a record that says something about the person: no categories, dates or numbers."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings_in(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v, key)]
    if isinstance(value, str) and key not in CATEGORY_KEYS and not DATE_FORM.match(value):
        return [value]
    return []


def rendered_dates(text: str) -> list[str]:
    """A date as the site could print it: as written, and in each language's words."""
    return [text, *(i18n.date(PartialDate.parse(text), lang) for lang in LANGUAGES)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], Path]:
    data_dir, site = published_site(tmp_path_factory)
    return {r["id"]: r for r in read_records(data_dir)}, site


def withheld_needles(record: dict, references: set[str]) -> list[str]:
    """What a minimal page must not show, as strings to search for."""
    needles = [s for key, value in record.items() if key not in MINIMAL_SHOWS for s in strings_in(value, key)]
    needles += rendered_dates(record["born"])
    return [n for n in needles if n not in references]


# ---- Validation ----

def test_a_full_page_needs_consent_and_a_minimal_page_does_not(data_dir: Path) -> None:
    def drop_consent(records: dict[str, dict]) -> None:
        del records[MINIMAL_ID]["consent"]

    edit_records(data_dir, drop_consent)
    assert MINIMAL_ID in {r.id for r in cut(load_dataset(data_dir)).records}  # the control

    def drop_full_consent(records: dict[str, dict]) -> None:
        del records[FULL_ID]["consent"]

    text = edit_records(data_dir, drop_full_consent)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    line = line_of(text, f'"id": "{FULL_ID}"')
    assert [short(p) for p in caught.value.problems] == [
        f"prisoners.yaml:{line}: record {FULL_ID}: consent: missing; this field is required here"]


def test_a_counted_record_may_hold_no_name_and_nothing_personal(data_dir: Path) -> None:
    def personal(records: dict[str, dict]) -> None:
        records[COUNTED_ID].update(name={"en": "Somebody"}, aliases=["Sb"], born="1970", bio={"en": "Text"},
                                   summary={"en": "One line"}, occupation={"en": "Driver"})

    text = edit_records(data_dir, personal)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    expected = "not allowed when publication is counted"
    assert sorted((p.record, p.field, p.expected) for p in caught.value.problems) == [
        (COUNTED_ID, field, expected) for field in ("aliases", "bio", "born", "name", "occupation", "summary")]
    lines = text.splitlines()
    start = line_of(text, f'"id": "{COUNTED_ID}"')
    for problem in caught.value.problems:  # each message points at the field's own line in the record
        assert problem.line > start and lines[problem.line - 1].strip().startswith(f'"{problem.field}":')


# ---- Everything the build wrote ----

def test_the_output_holds_nothing_a_minimal_page_withholds(built) -> None:
    records, site = built
    references = _reference_ids()
    needles = withheld_needles(records[MINIMAL_ID], references)
    assert len(needles) >= 12 and all(len(n) >= 8 for n in needles), needles
    leaks = {needle: find(site, needle) for needle in needles}
    assert {n: where for n, where in leaks.items() if where} == {}


def test_the_output_holds_nothing_of_a_counted_only_record(built) -> None:
    records, site = built
    needles = [n for n in strings_in(records[COUNTED_ID]) if n not in _reference_ids()]
    assert COUNTED_ID in needles and len(needles) >= 7, needles
    leaks = {needle: find(site, needle) for needle in needles}
    assert {n: where for n, where in leaks.items() if where} == {}


def test_the_search_finds_the_same_kinds_of_fields_of_a_full_record(built) -> None:
    """The control for the two tests above: the walk does reach the pages, the search index, the
    sitemap and the offline zip, and finds a full record's equivalents of the withheld fields."""
    records, site = built
    ales = records[FULL_ID]
    shown = {"summary": ales["summary"]["en"], "court": ales["cases"][1]["court"],
             "sentence": ales["cases"][1]["sentence"]["text"], "source": ales["sources"][0]["title"],
             "born": rendered_dates(ales["born"])[3], "name (be)": ales["name"]["be"]}
    for what, needle in shown.items():
        where = find(site, needle)
        assert any(w.endswith(f"prisoners/{FULL_ID}.html") for w in where), what
    assert any(w.endswith("search/search_index.json") for w in find(site, ales["name"]["be"]))
    assert any(".zip!" in w for w in find(site, ales["summary"]["en"])), "the offline zip was not searched"
    sitemaps = [out for out in walk(site) if out.name.endswith("sitemap.xml")]
    assert sitemaps and all(out.has(f"prisoners/{FULL_ID}.html") for out in sitemaps)


def test_a_minimal_record_is_not_tied_to_a_place_or_a_charge(built) -> None:
    records, site = built
    name = records[MINIMAL_ID]["name"]["en"]
    where = find(site, name)
    assert any(w.endswith(f"prisoners/{MINIMAL_ID}.html") for w in where)
    assert any(w.endswith("prisoners/index.html") for w in where)  # listed: name, status, arrest date
    assert [w for w in where if "facilities/" in w or "articles/" in w] == []
    # The control: a full record's name does appear on its facility's page.
    assert any("facilities/" in w for w in find(site, records[FULL_ID]["name"]["en"]))


def test_only_full_pages_are_open_to_search_engines(built) -> None:
    _, site = built
    for folder in LANGUAGE_FOLDERS.values():
        minimal = read_html(site / folder / "prisoners" / f"{MINIMAL_ID}.html")
        full = read_html(site / folder / "prisoners" / f"{FULL_ID}.html")
        assert minimal.select_one('meta[name="robots"]')["content"] == "noindex"
        assert full.select_one('meta[name="robots"]') is None


# ---- Removal ----

def test_removed_page_leaves_a_notice_in_every_language(site: Path) -> None:
    removed = load_dataset(FIXTURE_DATA).removed
    assert [r.id for r in removed] == ["fictional-removed-person"]
    uri = "prisoners/fictional-removed-person.html"
    for lang, folder in LANGUAGE_FOLDERS.items():
        page = read_html(site / folder / uri)
        assert page.html["lang"] == lang
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert page.select_one("article.volia-removed p").get_text() == i18n.t("removed_family-request", lang)
        index = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert not [location for location in locations if location.startswith("prisoners/")]
        names = (site / folder / "search" / "names.js").read_text(encoding="utf-8")
        assert '"fictional-removed-person"' not in names and f'"{FULL_ID}"' in names  # people are found here
        listed = {a["href"] for a in read_html(site / folder / "prisoners" / "index.html").select("tbody th a")}
        assert "fictional-removed-person.html" not in listed and f"{FULL_ID}.html" in listed


def test_removing_a_record_leaves_nothing_of_it(tmp_path: Path, built) -> None:
    records, published = built
    minimal = records[MINIMAL_ID]
    needles = [minimal["name"]["en"], *withheld_needles(minimal, _reference_ids())]
    assert find(published, minimal["name"]["en"])  # the control: before removal, the name is published

    data_dir = copy_fixture_data(tmp_path / "data")
    edit_records(data_dir, lambda records: records.pop(MINIMAL_ID))
    (data_dir / "removed.yaml").write_text(
        f'- id: {MINIMAL_ID}\n  date: "2026-11-01"\n  reason: person-request\n', encoding="utf-8")
    # One language is enough here: every language renders the same data, and the notice in every
    # language is checked on the main test site above.
    site = build("removal", tmp_path, data_dir, languages=("en",))
    assert {n: find(site, n) for n in needles if find(site, n)} == {}
    notice = read_html(site / "en" / "prisoners" / f"{MINIMAL_ID}.html").select_one("article.volia-removed")
    assert notice.select_one("p").get_text() == i18n.t("removed_person-request", "en")


def test_a_removed_id_may_not_have_a_page_again(data_dir: Path) -> None:
    (data_dir / "removed.yaml").write_text(
        f'- id: {MINIMAL_ID}\n  date: "2026-11-01"\n  reason: safety\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert [short(p) for p in caught.value.problems] == [
        f'removed.yaml:1: removal {MINIMAL_ID}: id: "{MINIMAL_ID}" — this record still has a page in '
        "data/prisoners.yaml; expected it deleted there or set to publication: counted"]
    # Kept as counted only, the record may stay: it has no page to bring back.
    (data_dir / "removed.yaml").write_text(
        f'- id: {COUNTED_ID}\n  date: "2026-11-01"\n  reason: safety\n', encoding="utf-8")
    assert [r.id for r in load_dataset(data_dir).removed] == [COUNTED_ID]


@pytest.mark.parametrize(("entry", "expected"), [
    ('- id: gone\n  date: "2026-11-01"\n  reason: because\n',
     'removed.yaml:3: removal gone: reason: "because" — expected one of: family-request, person-request, safety, other'),
    ('- id: gone\n  date: "2026-11-01"\n  reason: safety\n  name: Somebody\n',
     "removed.yaml:4: removal gone: name: \"Somebody\" — unknown field 'name'; expected one of: date, id, reason"),
    ('- id: gone\n  date: "2027-01-01"\n  reason: safety\n',
     'removed.yaml:2: removal gone: date: "2027-01-01" — in the future (today is 2026-11-26); expected a past date'),
], ids=["reason", "no-personal-details", "future"])
def test_removed_entries_are_checked(data_dir: Path, entry: str, expected: str) -> None:
    (data_dir / "removed.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert [short(p) for p in caught.value.problems] == [expected]


# ---- Helpers ----

def short(problem: Problem) -> str:
    """The message as a contributor sees it, with the data folder's path cut to the file's name."""
    return str(problem).replace(problem.file, Path(problem.file).name, 1)


def _reference_ids() -> set[str]:
    """Ids of shared facts (articles, facilities, regions): on the site anyway, not the record's own."""
    dataset = load_dataset(FIXTURE_DATA)
    return {*dataset.articles, *dataset.facilities, *dataset.regions}


def test_the_sitemap_leaves_out_noindex_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from volia.cli.build import build_language

    monkeypatch.setenv("VOLIA_SITE_URL", "https://volia.example/")
    build_language("en", tmp_path, data_dir=FIXTURES / "data")
    sitemap = (tmp_path / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://volia.example/en/prisoners/fictional-ales-testovich.html" in sitemap  # a full page is listed
    assert "fictional-minimal-person" not in sitemap  # a minimal page (noindex) is not


# ---- A page says only what the data says ----

def test_a_minimal_page_names_whose_agreement_only_when_the_consent_does() -> None:
    import dataclasses

    from volia.views.records import minimal_notice

    dataset = load_dataset(FIXTURES / "data")
    minimal = next(r for r in cut(dataset).records if r.id == "fictional-minimal-person")
    assert minimal.consent == {"basis": "family"}  # the cut keeps the basis, never who or when
    assert minimal_notice(minimal, "en") == "As agreed with the family, this page shows only the name, status and dates."
    assert minimal_notice(minimal, "be") == "Па згодзе з сям'ёй на гэтай старонцы паказаныя толькі імя, статус і даты."
    person = dataclasses.replace(minimal, consent={"basis": "person"})
    assert minimal_notice(person, "ru") == "По согласию с самим человеком на этой странице показаны только имя, статус и даты."
    for consent in (None, {"basis": "public-source"}):
        silent = dataclasses.replace(minimal, consent=consent)
        assert minimal_notice(silent, "en") == "This page shows only the name, status and dates."


def test_a_record_without_recognition_says_it_is_not_recorded_not_that_there_is_none() -> None:
    import dataclasses

    from volia.views.records import _recognition

    public = cut(load_dataset(FIXTURES / "data"))
    record = next(r for r in public.records if r.id == "fictional-minimal-person")
    assert record.recognised is None and record.status == "imprisoned"
    assert _recognition(record, public, "en")["text"] == "Recognition as a political prisoner not recorded here"
    assert _recognition(record, public, "be")["text"] == "Прызнанне палітвязнем тут не запісана"
    np = dataclasses.replace(record, status="not-recognised")
    assert _recognition(np, public, "en")["text"] == "Politically motivated case; not recognised as a political prisoner"
