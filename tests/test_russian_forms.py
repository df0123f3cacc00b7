"""Russian forms derived from Belarusian Cyrillic (volia/text/russian.py): given names from a table,
surnames and places by letter rules, each checked against a published pair; marked derived, and a
contributor's spelling always wins (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import content, read_html

from volia.text import names, russian, translit
from volia.text.translit import Spelling

# Pairs as Russian-language publications print them (see translit_tables/russian/*.yaml for sources).
PUBLISHED_PEOPLE = [
    ("Андрэй Чапюк", "Андрей Чапюк"),  # Viasna's database, /ru page
    ("Эдуард Пальчыс", "Эдуард Пальчис"),  # DW, Reform.news: «Эдуарда Пальчиса»
    ("Ірына Халіп", "Ирина Халип"),  # Радио Свобода: «Ирина Халип»
    ("Уладзімір Хамічэнка", "Владимир Хамиченко"),
    ("Вольга Класкоўская", "Ольга Класковская"),
    ("Цімур Рызапур", "Тимур Ризапур"),
    ("Ягор Канецкі", "Егор Канецкий"),
    ("Дзмітрый Дашкевіч", "Дмитрий Дашкевич"),  # stayrebel.fun/ru: «Дмитрий Вячеславович Дашкевич»
]
PUBLISHED_SURNAMES = [  # B. O. Unbegaun, «Русские фамилии»; a parallel be/Latin/ru table of surnames
    ("Цітоў", "Титов"), ("Андрейчык", "Андрейчик"), ("Крушынскі", "Крушинский"), ("Жыдовіч", "Жидович"),
    ("Дзімідовіч", "Димидович"), ("Казанеўскі", "Казаневский"), ("Абаеў", "Абаев"), ("Аксёнаў", "Аксёнов"),
    ("Гагарын", "Гагарин"), ("Джулінскі", "Джулинский"), ("Ждановіч", "Жданович"), ("Лукашэнка", "Лукашенко"),
    ("Пальчыс", "Пальчис"), ("Чапюк", "Чапюк"), ("Халіп", "Халип"),
]
PUBLISHED_PLACES = [("Магілёў", "Могилёв"), ("Наваполацк", "Новополоцк"), ("Гродна", "Гродно"),
                    ("Брэст", "Брест"), ("Віцебск", "Витебск"), ("Гомель", "Гомель"), ("Мінск", "Минск"),
                    ("Жодзіна", "Жодино"), ("Шклоў", "Шклов"), ("Барысаў", "Борисов")]


@pytest.mark.parametrize(("be", "ru"), PUBLISHED_PEOPLE)
def test_a_persons_name_takes_its_published_russian_form(be: str, ru: str) -> None:
    assert russian.person_name(be) == ru


@pytest.mark.parametrize(("be", "ru"), PUBLISHED_SURNAMES)
def test_surnames_follow_the_letter_rules(be: str, ru: str) -> None:
    assert russian.word_form(be) == ru


@pytest.mark.parametrize(("be", "ru"), PUBLISHED_PLACES)
def test_places_take_their_russian_names(be: str, ru: str) -> None:
    assert russian.place(be) == ru


def test_what_the_rules_cannot_undo_is_known_and_left_derived() -> None:
    """Akanye: an unstressed Russian о is written а in Belarusian. Сырамалот is Сыромолот in Russian
    (dissidentby.com: «Ксения Александровна Сыромолот»); the rule gives Сырамалот, which is why the
    form is marked derived and a contributor's `ru` wins."""
    assert russian.person_name("Ксенія Сырамалот") == "Ксения Сырамалот" != "Ксения Сыромолот"
    # Alesʹ keeps its Belarusian form in Russian-language media («Алесь Беляцкий»): not in the table.
    assert russian.person_name("Алесь Бяляцкі") == "Алесь Бяляцкий"  # Russian media: Беляцкий (yakanye)


def test_letter_rules_keep_what_should_stay() -> None:
    assert russian.word_form("Эдуард") == "Эдуард"  # э at the start of a word stays
    assert russian.word_form("Цыганкоў") == "Цыганков"  # a hard ц stays ц
    assert russian.word_form("ЧАПЮК") == "ЧАПЮК" and russian.word_form("ПАЛЬЧЫС") == "ПАЛЬЧИС"
    assert russian.word_form("Рымашэўскі-Кук") == "Римашевский-Кук"
    assert russian.person_name("Andrei Chapiuk") == "Andrei Chapiuk"  # another script: unchanged
    # Negative control: without the rules the Belarusian letters would stay.
    assert russian.word_form("Пальчыс") != "Пальчыс" and "і" not in russian.person_name("Ірына Халіп")


def test_every_table_entry_is_a_belarusian_and_a_russian_spelling() -> None:
    tables = russian.TABLES
    given = yaml.safe_load((tables / "given_names.yaml").read_text(encoding="utf-8"))
    places = yaml.safe_load((tables / "places.yaml").read_text(encoding="utf-8"))
    for be, ru in [*given["male"].items(), *given["female"].items(), *places.items()]:
        assert isinstance(ru, str) and ru, be
        assert not set(ru) & set("ўі"), f"{be}: {ru} has Belarusian letters"


def test_the_derived_form_is_marked_and_a_contributors_form_wins() -> None:
    assert translit.russian_name({"be": "Андрэй Чапюк"}) == Spelling("Андрей Чапюк", "ru-derived", True)
    assert translit.russian_name({"be": "Алесь Тэставіч", "ru": "Алесь Тестович"}) == \
        Spelling("Алесь Тестович", "ru", False)
    view = names.names_view({"be": "Андрэй Чапюк"}, (), "ru")
    assert view["name_note"] and "выведена автоматически" in view["name_note"]
    # Negative control: with a contributor's `ru`, nothing on the page says derived.
    assert names.names_view({"be": "Алесь Тэставіч", "ru": "Алесь Тестович"}, (), "ru")["name_note"] is None


def test_russian_pages_show_russian_forms_and_every_language_can_find_them(site: Path) -> None:
    page = "prisoners/fictional-hanna-prykladava.html"
    ru = content(read_html(site / "ru" / page))
    be = content(read_html(site / page))
    name_be, name_ru = be.select_one("h1").get_text(), ru.select_one("h1").get_text()
    assert (name_be, name_ru) == ("Ганна Прыкладава", "Анна Прикладова")  # the fixture gives no `ru`
    # Each language's page carries the other forms (indexed by search in that language).
    for soup in (ru, be, content(read_html(site / "en" / page))):
        text = soup.get_text(" ")
        assert name_ru in text and name_be in text


def test_a_facility_town_without_a_russian_name_is_shown_in_russian_on_russian_pages() -> None:
    from volia.views.records import place_name
    assert place_name({"be": "Магілёў"}, "ru") == "Могилёв"
    assert place_name({"be": "Магілёў", "ru": "Могилев"}, "ru") == "Могилев"  # the data's spelling wins
    assert place_name({"be": "Магілёў"}, "be") == "Магілёў"  # control: other languages unchanged
