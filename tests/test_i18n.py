"""Three languages: interface strings, page translations, the visible fallback, dates, numbers and
country names in each language's own conventions."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, content, read_html

from volia.data.loading import load_dataset
from volia.model.languages import LANGUAGES, fallback_language, pick
from volia.model.partial_date import PartialDate
from volia.text import i18n
from volia.text.translit import TABLES
from volia.views import policy as policy_views
from volia.views.records import status_label, worded_for

DOCS = ROOT / "docs"
# Hand-written pages that knowingly have no Belarusian or Russian translation yet. Each entry is
# shown with a "not yet translated" note on the be and ru sites; keep this list short.
KNOWINGLY_UNTRANSLATED: set[str] = set()


# ---- Interface strings ----

def test_every_interface_string_exists_in_all_three_languages() -> None:
    assert i18n.missing_keys() == []
    assert len(i18n.strings()) > 50  # the real file was read, not an empty one


def test_a_string_missing_a_language_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "strings", lambda: {"greeting": {"be": "Прывітанне", "en": "Hello"},
                                                   "empty": {"be": "", "ru": "x", "en": "y"}})
    assert i18n.missing_keys() == ["greeting:ru", "empty:be"]


def test_strings_file_has_no_duplicate_keys() -> None:
    """YAML keeps the last of two equal keys silently; a duplicate would hide a translation."""
    seen: dict[str, int] = {}
    text = i18n.STRINGS_FILE.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            key = line.split(":", 1)[0]
            assert key not in seen, f"strings.yaml:{number}: {key} already defined at line {seen[key]}"
            seen[key] = number
    assert set(seen) == set(yaml.safe_load(text))


# ---- Page translations ----

def _pages() -> dict[str, set[str]]:
    """Each hand-written page (x.md, English) → the languages it has a translation in (x.be.md, x.ru.md)."""
    pages: dict[str, set[str]] = {}
    translations: dict[str, set[str]] = {}
    for path in DOCS.rglob("*.md"):
        relative = path.relative_to(DOCS).as_posix()
        stem, _, _ = relative.rpartition(".md")
        base, dot, lang = stem.rpartition(".")
        if dot and lang in LANGUAGES:
            translations.setdefault(f"{base}.md", set()).add(lang)
        else:
            pages[relative] = set()
    orphans = set(translations) - set(pages)
    assert not orphans, f"translations without an English page: {sorted(orphans)}"
    return {page: translations.get(page, set()) for page in pages}


def test_every_docs_page_is_translated_into_belarusian_and_russian_or_listed() -> None:
    pages = _pages()
    assert "index.md" in pages and "strategies/index.md" in pages
    untranslated = {page for page, langs in pages.items() if not {"be", "ru"} <= langs}
    assert untranslated == KNOWINGLY_UNTRANSLATED, (
        "translate these pages (x.be.md and x.ru.md) or list them in KNOWINGLY_UNTRANSLATED: "
        f"{sorted(untranslated - KNOWINGLY_UNTRANSLATED)}; translated now, remove from the list: "
        f"{sorted(KNOWINGLY_UNTRANSLATED - untranslated)}")


def test_translations_keep_the_macro_calls_of_the_english_page() -> None:
    """A translation that drops {{ headline() }} would show a stale hand-typed figure, or none."""
    import re

    call = re.compile(r"{{\s*([a-z_]+)\(")
    for page, langs in _pages().items():
        english = sorted(call.findall((DOCS / page).read_text(encoding="utf-8")))
        for lang in langs:
            translated = (DOCS / page.replace(".md", f".{lang}.md")).read_text(encoding="utf-8")
            assert sorted(call.findall(translated)) == english, f"{page} ({lang})"


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The be and en sites built from a copy of docs/ with one page that has no translation."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from volia.cli.build import SEARCH_LANG

    work = tmp_path_factory.mktemp("fallback")
    docs = work / "docs"
    shutil.copytree(DOCS, docs)
    (docs / "untranslated.md").write_text("# Only in English\n\nUNTRANSLATED-BODY-MARKER\n", encoding="utf-8")
    for lang in ("be", "en"):
        values = {"VOLIA_LANG": lang, "VOLIA_SEARCH_LANG": SEARCH_LANG[lang],
                  "VOLIA_DATA_DIR": str(FIXTURES / "data")}
        saved = {key: os.environ.get(key) for key in values}
        os.environ.update(values)
        try:
            config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(work / lang))
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
        finally:
            for key, value in saved.items():
                os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    return work


def test_a_page_without_translation_shows_a_visible_note_and_the_english_text(fallback_site: Path) -> None:
    page = content(read_html(fallback_site / "be" / "untranslated.html"))
    note = page.select_one(".admonition")
    assert note is not None
    assert note.get_text(" ", strip=True) == i18n.t("not_yet_translated", "be", shown=i18n.t("language_name", "en"))
    assert "UNTRANSLATED-BODY-MARKER" in page.get_text()
    # Negative controls: the English site shows the same page without a note, and a translated
    # page on the Belarusian site has no note and its Belarusian heading.
    english = content(read_html(fallback_site / "en" / "untranslated.html"))
    assert english.select_one(".admonition") is None and "UNTRANSLATED-BODY-MARKER" in english.get_text()
    about = content(read_html(fallback_site / "be" / "about.html"))
    assert about.select_one(".admonition") is None
    assert about.select_one("h1").get_text(strip=True) == "Пра Volia"


def test_translated_pages_are_served_in_their_language(site: Path) -> None:
    expected = {"": "Статыстыка", "ru/": "Статистика", "en/": "Statistics"}
    for prefix, heading in expected.items():
        page = content(read_html(site / prefix / "statistics.html"))
        assert page.select_one("h1").get_text(strip=True) == heading
        assert page.select_one(".admonition") is None  # no "not yet translated" note
    data = content(read_html(site / "about" / "data.html"))
    assert data.select_one("h1").get_text(strip=True) == "Даныя: як запіс становіцца старонкай"
    assert data.select_one("table, dl")  # the macro's field dictionary rendered in the translation


# ---- Dates, numbers, durations ----

@pytest.mark.parametrize(("lang", "full", "month", "number", "decimal", "duration"), [
    ("be", "10 сакавіка 2024\u202fг.", "сакавік 2023", "1\xa0471", "12,5", "4 гады і 6 месяцаў"),
    ("ru", "10 марта 2024\u202fг.", "март 2023\u202fг.", "1\xa0471", "12,5", "4 года и 6 месяцев"),
    ("en", "March 10, 2024", "March 2023", "1,471", "12.5", "4 years and 6 months"),
])
def test_dates_and_numbers_follow_each_languages_conventions(lang: str, full: str, month: str, number: str,
                                                              decimal: str, duration: str) -> None:
    assert i18n.date(PartialDate.parse("2024-03-10"), lang) == full
    assert i18n.date(PartialDate.parse("2023-03"), lang) == month
    assert i18n.date(PartialDate.parse("2021"), lang) == "2021"  # a year alone is never given a day
    assert i18n.number(1471, lang) == number
    assert i18n.number(12.5, lang) == decimal
    assert i18n.duration(54, lang) == duration


def test_the_built_pages_use_each_languages_dates(site: Path) -> None:
    first_events = {}
    for prefix in ("", "ru/", "en/"):
        page = content(read_html(site / prefix / "prisoners" / "fictional-ales-testovich.html"))
        first_events[prefix] = page.select_one("ol.volia-timeline li time").get_text()
    assert first_events == {"": "1 лютага 2019\u202fг.", "ru/": "1 февраля 2019\u202fг.", "en/": "February 1, 2019"}


# ---- Country names ----

def _countries(data_dir: Path) -> set[str]:
    names = set()
    for p in yaml.safe_load((data_dir / "precedents.yaml").read_text(encoding="utf-8")):
        names.update(p["parties"])
        names.update(n for n in (p.get("mediator"), p.get("host_country")) if n)
    return names


def test_every_country_in_the_precedents_has_a_name_in_each_language() -> None:
    names = _countries(ROOT / "data") | _countries(FIXTURES / "data")
    assert "United States" in names
    unknown = sorted(n for n in names if policy_views.country_code(n) is None)
    assert unknown == []
    for name in names:
        for lang in ("be", "ru"):
            assert policy_views.country(name, lang) != name, (name, lang)


def test_country_names_are_translated_and_unknown_bodies_keep_their_name() -> None:
    assert policy_views.country("United States", "be") == "Злучаныя Штаты Амерыкі"
    assert policy_views.country("USA", "ru") == policy_views.country("United States", "ru")
    assert policy_views.country("Poland", "ru") == "Польша"
    assert policy_views.country("Poland", "en") == "Poland"
    assert policy_views.country("International Committee of the Red Cross", "be") == \
        "International Committee of the Red Cross"


def test_precedent_tables_name_countries_in_the_pages_language(site: Path) -> None:
    def parties(prefix: str) -> str:
        page = content(read_html(site / prefix / "strategies" / "negotiate.html"))
        return " | ".join(td.get_text(" ", strip=True) for td in page.select("table tbody td:nth-of-type(3)"))

    assert "Злучаныя Штаты Амерыкі, Нікарагуа" in parties("")
    assert "Соединенные Штаты, Никарагуа" in parties("ru/")
    assert "United States, Nicaragua" in parties("en/")
    assert "United States" not in parties("") + parties("ru/")  # no English left on be and ru pages


# ---- Contributor text in another language ----

ALES = "prisoners/fictional-ales-testovich.html"


def test_record_text_shown_in_another_language_says_which_language_it_is(site: Path) -> None:
    # Ales's summary and biography exist in English only, his occupation in Belarusian and English.
    pages = {lang: content(read_html(site / prefix / ALES)) for lang, prefix in (("be", ""), ("ru", "ru"),
                                                                                  ("en", "en"))}
    for lang in ("be", "ru"):  # a fallback to English is marked as English, for screen readers
        assert pages[lang].select_one("p.volia-summary")["lang"] == "en"
        assert pages[lang].select_one("div.volia-bio")["lang"] == "en"
    occupation = {lang: page.find(string=lambda s: s and s.startswith("Настаўнік")) for lang, page in pages.items()}
    assert occupation["be"].parent.get("lang") is None  # its own language: no attribute
    assert occupation["ru"].parent["lang"] == "be"  # ru falls back to the Belarusian text
    assert occupation["en"] is None and pages["en"].find(string="Teacher (fictional)").parent.get("lang") is None
    # Control: on the English page the English texts carry no attribute of their own.
    assert pages["en"].select_one("p.volia-summary").get("lang") is None
    assert pages["en"].select_one("div.volia-bio").get("lang") is None


def test_the_fallback_language_is_the_one_pick_chooses() -> None:
    text = {"be": "Б", "en": "E"}
    for lang in ("be", "ru", "en"):
        chosen = fallback_language(text, lang)
        assert text[chosen or lang] == pick(text, lang)
    assert fallback_language({"en": "E"}, "en") is None
    assert fallback_language(None, "be") is None


# ---- Organisations ----

def test_organisations_are_named_in_the_pages_language(site: Path) -> None:
    recognition = {prefix: content(read_html(site / prefix / ALES)).select_one(".volia-recognition").get_text()
                   for prefix in ("", "ru", "en")}
    assert "Тэставая праваабарончая група" in recognition[""]
    assert "Тестовая правозащитная группа" in recognition["ru"]
    assert "Test Human Rights Group" in recognition["en"]
    assert "Test Human Rights Group" not in recognition[""]  # the English name is not what be readers see
    # The home page's headline names the publisher of the latest count in each language.
    headline = {prefix: content(read_html(site / prefix / "index.html")).get_text() for prefix in ("", "ru", "en")}
    assert "Праваабарончы цэнтр «Вясна»" in headline[""] and "Правозащитный центр «Весна»" in headline["ru"]
    assert "Human Rights Center Viasna" in headline["en"]


def test_an_organisation_that_is_not_listed_is_shown_as_written(data_dir: Path) -> None:
    dataset = load_dataset(data_dir)
    assert dataset.organisation_name("Unlisted Monitoring Group", "be") == "Unlisted Monitoring Group"
    assert dataset.organisation_name("human rights center viasna", "be") == "Праваабарончы цэнтр «Вясна»"
    assert dataset.organisation_name("Правозащитный центр «Весна»", "en") == "Human Rights Center Viasna"


# ---- Status worded for the person ----

def test_a_full_records_status_agrees_with_the_persons_gender(site: Path) -> None:
    hanna = "prisoners/fictional-hanna-prykladava.html"  # a woman, released
    labels = {prefix: content(read_html(site / prefix / hanna)).select_one(".volia-badge").get_text()
              for prefix in ("", "ru", "en")}
    assert labels == {"": "Вызваленая", "ru": "Освобождена", "en": "Released"}
    ales = {prefix: content(read_html(site / prefix / ALES)).select_one(".volia-recognition").get_text()
            for prefix in ("", "ru")}  # a man
    assert ales[""].startswith("Прызнаны палітвязнем:") and ales["ru"].startswith("Признан политзаключённым:")
    # The statistics name the group, not one person.
    rows = [tr.select_one("td").get_text() for tr in content(read_html(site / "statistics.html"))
            .select("#chart-status table tbody tr")]
    assert "Вызваленыя" in rows and "Вызваленая" not in rows


def test_a_minimal_page_does_not_reveal_gender_through_the_wording(site: Path, data_dir: Path) -> None:
    # Maryja (fictional) is a woman with a minimal page: its wording stays the neutral one.
    minimal_page = "prisoners/fictional-minimal-person.html"
    for prefix, lang in (("", "be"), ("ru", "ru")):
        text = content(read_html(site / prefix / minimal_page)).select_one(".volia-recognition").get_text()
        # Her record names no recognition: the page says it is not recorded, not that she is not recognised.
        assert text == i18n.t("recognition_not_recorded", lang), text
        assert text != i18n.t("not_recognised_female", lang)  # control: the two wordings differ
    hanna = next(r for r in load_dataset(data_dir).records if r.id == "fictional-hanna-prykladava")
    assert status_label(hanna, "be") == "Вызваленая"
    minimal = dataclasses.replace(hanna, publication="minimal")
    assert status_label(minimal, "be") == "На волі" and status_label(minimal, "ru") == "На свободе"
    unknown = dataclasses.replace(hanna, gender="unknown")
    assert status_label(unknown, "be") == "На волі"
    assert worded_for(hanna, "not_recognised", "ru").endswith("не признана политзаключённой")
    assert worded_for(minimal, "not_recognised", "ru").endswith("статуса политзаключённого нет")


# Bracketed endings that stand for "either gender": Вызвалены(-ая), Освобождён(а), Умер(ла), памёр (памерла).
_BRACKETED_ENDING = re.compile(r"\w\((?:-?[а-яёіў]{1,3})\)|\(памерла\)", re.IGNORECASE)


def test_no_interface_string_uses_a_bracketed_ending_for_gender() -> None:
    assert _BRACKETED_ENDING.search("Вызвалены(-ая)") and _BRACKETED_ENDING.search("Освобождён(а)")  # control
    assert _BRACKETED_ENDING.search("Умер(ла)") and not _BRACKETED_ENDING.search("Суд (2021)")
    for key, texts in i18n.strings().items():
        for lang in ("be", "ru"):
            text = texts[lang]
            for form in (text.values() if isinstance(text, dict) else [text]):
                assert not _BRACKETED_ENDING.search(form), f"{key}:{lang}: {form}"


@pytest.mark.parametrize(("lang", "gender", "expected"), [
    ("be", "female", {"released": "Вызваленая", "deceased": "Памерла", "not-recognised": "Асуджаная; не прызнаная палітвязніцай"}),
    ("be", "male", {"released": "Вызвалены", "deceased": "Памёр", "not-recognised": "Асуджаны; не прызнаны палітвязнем"}),
    ("be", "unknown", {"released": "На волі", "deceased": "Няма ў жывых", "not-recognised": "Ёсць прысуд; статусу палітвязня няма"}),
    ("ru", "female", {"released": "Освобождена", "deceased": "Умерла", "not-recognised": "Осуждена; не признана политзаключённой"}),
    ("ru", "male", {"released": "Освобождён", "deceased": "Умер", "not-recognised": "Осуждён; не признан политзаключённым"}),
    ("ru", "unknown", {"released": "На свободе", "deceased": "Нет в живых", "not-recognised": "Есть приговор; статуса политзаключённого нет"}),
    ("en", "unknown", {"released": "Released", "deceased": "Deceased", "not-recognised": "Convicted; not recognised as a political prisoner"}),
])
def test_status_is_worded_for_the_persons_gender_or_without_one(data_dir: Path, lang: str, gender: str,
                                                                  expected: dict[str, str]) -> None:
    hanna = next(r for r in load_dataset(data_dir).records if r.id == "fictional-hanna-prykladava")
    for status, words in expected.items():
        full = dataclasses.replace(hanna, gender=gender, status=status)
        assert status_label(full, lang) == words
        # A minimal page never shows the gender: the neutral wording, whatever the record says.
        minimal = dataclasses.replace(full, publication="minimal")
        assert status_label(minimal, lang) == i18n.t(f"status_{status}", lang)
    if gender != "unknown" and lang != "en":  # negative control: the gendered form is not the neutral one
        assert expected["released"] != i18n.t("status_released", lang)


# ---- Counts: CLDR plural rules (Babel), per language ----

@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("be", 1, "1 чалавек за кратамі"), ("be", 2, "2 чалавекі за кратамі"), ("be", 4, "4 чалавекі за кратамі"),
    ("be", 5, "5 чалавек за кратамі"), ("be", 11, "11 чалавек за кратамі"), ("be", 21, "21 чалавек за кратамі"),
    ("be", 22, "22 чалавекі за кратамі"), ("be", 1135, "1\u00a0135 чалавек за кратамі"),
    ("ru", 1, "1 человек в заключении"), ("ru", 3, "3 человека в заключении"), ("ru", 12, "12 человек в заключении"),
    ("ru", 24, "24 человека в заключении"), ("ru", 25, "25 человек в заключении"),
    ("en", 1, "1 person held"), ("en", 4, "4 people held"), ("en", 21, "21 people held"),
])
def test_a_count_takes_the_plural_form_cldr_gives_it(lang: str, n: int, expected: str) -> None:
    assert expected in i18n.count("counts_records_note", lang, n, date="2023")


@pytest.mark.parametrize(("lang", "wrong"), [("be", "4 чалавек за"), ("ru", "4 человек в"), ("en", "4 person")])
def test_a_hand_written_ending_would_be_caught(lang: str, wrong: str) -> None:
    """Negative control: the form for 5 is not the form for 4 (the bug of "4 чалавек за кратамі")."""
    assert wrong not in i18n.count("counts_records_note", lang, 4, date="2023")
    assert i18n.count("counts_records_note", lang, 4, date="2023") != i18n.count("counts_records_note", lang, 5, date="2023") \
        or lang == "en"


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("be", 1, "Споўніцца 1 год."), ("be", 23, "Споўніцца 23 гады."), ("be", 30, "Споўніцца 30 гадоў."),
    ("ru", 21, "Исполнится 21 год."), ("ru", 34, "Исполнится 34 года."), ("ru", 45, "Исполнится 45 лет."),
    ("en", 30, "Turns 30."),
])
def test_ages_in_the_calendar_agree_with_the_number(lang: str, n: int, expected: str) -> None:
    assert i18n.count("calendar_turns", lang, n) == expected


def test_every_plural_string_has_each_cldr_category_of_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.plural_categories("be") == {"one", "few", "many", "other"} == i18n.plural_categories("ru")
    assert i18n.plural_categories("en") == {"one", "other"}
    plural = [key for key, texts in i18n.strings().items() if isinstance(texts["be"], dict)]
    assert {"counts_records_note", "birthdays_intro", "calendar_turns"} <= set(plural)
    # Negative control: a plural string without Russian "few" is reported.
    monkeypatch.setattr(i18n, "strings", lambda: {"x": {"be": {"one": "a", "few": "b", "many": "c", "other": "d"},
                                                       "ru": {"one": "a", "many": "c", "other": "d"},
                                                       "en": {"one": "a", "other": "b"}}})
    assert i18n.missing_keys() == ["x:ru:few"]


def test_a_plural_string_asked_for_without_a_count_is_an_error() -> None:
    with pytest.raises(TypeError):
        i18n.t("counts_records_note", "be")
    with pytest.raises(TypeError):
        i18n.count("site_name", "be", 3)


def test_the_fast_yaml_loader_reads_the_strings_and_tables_as_the_safe_loader_does() -> None:
    for path in [i18n.STRINGS_FILE, *sorted(TABLES.glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), path
