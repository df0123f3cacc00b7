"""Transliteration tables against spellings published by the institutions that use them.

Each example below is a spelling printed somewhere authoritative (a standard's own examples, an
official list of place names, ISO 3166-2, a passport as printed in international sport), not one
produced by this code. Where a test shows a rule (capitals, context), a negative control sits
beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from volia.text import names, translit
from volia.text.translit import Spelling, derive, fold, latin_name, transliterate

# Official romanisation, 2007 version: the brief's place names, the Instruction's own examples
# (2000 list, with ŭ for ў and accents for the soft sign as amended in 2007) and the ISO 3166-2:BY
# subdivision names, which use this system.
NATIONAL = [
    ("Мінск", "Minsk"), ("Магілёў", "Mahilioŭ"), ("Віцебск", "Viciebsk"), ("Гродна", "Hrodna"),
    ("Брэст", "Brest"), ("Гомель", "Homieĺ"),
    ("Бешанковічы", "Biešankovičy"), ("Гаўя", "Haŭja"), ("Добруш", "Dobruš"), ("Бабаедава", "Babajedava"),
    ("Ёды", "Jody"), ("Вераб'ёвічы", "Vierabjovičy"), ("Мёры", "Miory"), ("Іўе", "Iŭje"),
    ("Лагойск", "Lahojsk"), ("Круглае", "Kruhlaje"), ("Нясвіж", "Niasviž"), ("Орша", "Orša"),
    ("Рагачоў", "Rahačoŭ"), ("Светлагорск", "Svietlahorsk"), ("Шаркаўшчына", "Šarkaŭščyna"),
    ("Хоцімск", "Chocimsk"), ("Любань", "Liubań"), ("Ельск", "Jeĺsk"), ("Фаніпаль", "Fanipaĺ"),
    ("Брэсцкая вобласць", "Bresckaja voblasć"), ("Гомельская вобласць", "Homieĺskaja voblasć"),
    ("Гродзенская вобласць", "Hrodzienskaja voblasć"), ("Магілёўская вобласць", "Mahilioŭskaja voblasć"),
    ("Віцебская вобласць", "Viciebskaja voblasć"), ("Горад Мінск", "Horad Minsk"),
]
# Łacinka: the brief's example, the names of the alphabet and of the 19th-century paper printed in
# it, and forms every Łacinka text uses.
LACINKA = [
    ("Чапюк", "Čapiuk"), ("Лацінка", "Łacinka"), ("Мужыцкая праўда", "Mužyckaja praŭda"),
    ("Кастусь Каліноўскі", "Kastuś Kalinoŭski"), ("Наша Ніва", "Naša Niva"), ("Беларусь", "Biełaruś"),
    ("Магілёў", "Mahiloŭ"), ("Шчучыншчына", "Ščučynščyna"), ("Лукашэнка", "Łukašenka"),
]
# BGN/PCGN 1979: names as in the US/UK gazetteers.
BGN = [
    ("Магілёў", "Mahilyow"), ("Гомель", "Homyel’"), ("Віцебск", "Vitsyebsk"), ("Мінск", "Minsk"),
    ("Гродна", "Hrodna"), ("Брэст", "Brest"), ("Маладзечна", "Maladzyechna"),
]
# Passports (ICAO 9303 with the Belarusian exceptions), as printed for athletes in international
# sport and in reports on passport spellings, and Viasna's English spelling of Andrei Chapiuk.
PASSPORT = [
    ("Андрэй", "Andrei"), ("Андрэй Чапюк", "Andrei Chapiuk"), ("Аляксандр Глеб", "Aliaksandr Hleb"),
    ("Арына Сабаленка", "Aryna Sabalenka"), ("Марына Арзамасава", "Maryna Arzamasava"),
    ("Марыя Рудзь", "Maryia Rudz"), ("Сяргей", "Siarhei"),
]
# Polish transcription: names as Polish publications print them.
POLISH = [
    ("Чапюк", "Czapiuk"), ("Аляксандр Лукашэнка", "Alaksandr Łukaszenka"), ("Алесь Бяляцкі", "Aleś Bialacki"),
    ("Сяргей Ціханоўскі", "Siarhiej Cichanouski"), ("Марыя Калеснікава", "Maryja Kalesnikawa"),
    ("Святлана", "Swiatłana"), ("Наталля", "Natalla"),
]
# Russian passports since 2013 (ICAO 9303): the samples published with the iuliia schema tables.
PASSPORT_RU = [
    ("Андрей Видный", "Andrei Vidnyi"), ("Мадыр Чёткий", "Madyr Chetkii"), ("Артём Краевой", "Artem Kraevoi"),
    ("Оксана Клеёнкина", "Oksana Kleenkina"), ("Игорь Ильин", "Igor Ilin"), ("Ян Разъездной", "Ian Razieezdnoi"),
]
# BGN/PCGN 1947 for Russian, notes 1 and 2 (ye/yë after vowels, й, ъ, ь and at the start).
BGN_RU = [
    ("Юрьев", "Yur’yev"), ("Мейеровка", "Meyyerovka"), ("Москва", "Moskva"), ("Орёл", "Orël"),
    ("Хрущёв", "Khrushchëv"), ("Елена", "Yelena"),
]


@pytest.mark.parametrize(("system", "examples"), [
    ("national", NATIONAL), ("lacinka", LACINKA), ("bgn", BGN), ("passport", PASSPORT), ("polish", POLISH),
    ("passport-ru", PASSPORT_RU), ("bgn-ru", BGN_RU),
])
def test_each_table_reproduces_published_spellings(system: str, examples: list[tuple[str, str]]) -> None:
    wrong = [(cyrillic, transliterate(cyrillic, system), latin) for cyrillic, latin in examples
             if transliterate(cyrillic, system) != latin]
    assert wrong == []


def test_capitals_follow_the_source() -> None:
    assert transliterate("АНДРЭЙ", "passport") == "ANDREI"
    assert transliterate("ЧАПЮК", "passport") == "CHAPIUK"
    assert transliterate("Чапюк", "passport") == "Chapiuk"  # negative control: not CHapiuk
    assert transliterate("ЛУКАШ", "polish") == "ŁUKASZ"  # a digraph at the end of a word in capitals
    assert transliterate("Шчара", "national") == "Ščara"


def test_context_rules_depend_on_the_neighbouring_letters() -> None:
    # е after a vowel or at the start is je; after a consonant ie; after л in Łacinka plain e.
    assert transliterate("Ева", "national") == "Jeva"
    assert transliterate("Бабаедава", "national") == "Babajedava"
    assert transliterate("Бела", "national") == "Biela"
    assert transliterate("Лена", "lacinka") == "Lena"
    assert transliterate("Бена", "lacinka") == "Biena"
    # Hard л is ł; soft л is l.
    assert transliterate("Лата", "lacinka") == "Łata"
    assert transliterate("Ліна", "lacinka") == "Lina"


def test_apostrophes_inside_a_word_are_letters_and_outside_are_quotes() -> None:
    assert transliterate("Дар'я", "national") == "Darja"
    assert transliterate("Дар’я", "passport") == "Daria"
    assert transliterate("«Дар'я»", "passport") == "«Daria»"
    assert transliterate("'Яна'", "passport") == "'Iana'"


def test_latin_i_typed_inside_a_cyrillic_word_is_read_as_belarusian_i() -> None:
    assert transliterate("Вiцебск", "national") == "Viciebsk"  # the і here is Latin i
    assert transliterate("Мiхаил", "passport-ru") == "Mikhail"  # in a Russian name it is и
    assert transliterate("iPhone", "national") == "iPhone"  # negative control: Latin words stay


def test_every_table_is_complete_for_its_alphabet() -> None:
    alphabets = {"be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя", "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"}
    for system, table in translit.tables().items():
        for letter in alphabets[table.source]:
            assert letter in table.letters or letter in table.context, f"{system}: {letter}"
        output = table.transliterate(alphabets[table.source])
        assert not any("\u0400" <= c <= "\u04ff" for c in output), f"{system}: {output}"
        assert set(table.label) == {"be", "ru", "en"}


def test_a_table_with_a_non_string_value_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load((translit.TABLES / "passport.yaml").read_text(encoding="utf-8"))
    data["letters"]["н"] = None  # what YAML makes of an unquoted empty value
    with pytest.raises(ValueError, match=r"letters\.н: None \(expected a string; quote it\)"):
        translit.Table.from_data(data, tmp_path / "passport.yaml")


# ---- derive() ----

def test_derive_lists_given_spellings_first_then_derived_ones_marked() -> None:
    spellings = derive({"be": "Андрэй Чапюк"})
    assert spellings[0] == Spelling("Андрэй Чапюк", "be", False)
    derived = {s.system: s.text for s in spellings if s.derived}
    assert derived == {"ru-derived": "Андрей Чапюк", "national": "Andrej Čapiuk", "passport": "Andrei Chapiuk",
                       "bgn": "Andrey Chapyuk", "polish": "Andrej Czapiuk"}
    # Łacinka gives the same spelling as the official system here: listed once, under both; the
    # Russian-form systems, from the derived Russian form, agree with the Belarusian-form ones.
    assert [s.also for s in spellings if s.derived] == [(), ("lacinka",), ("passport-ru",), ("bgn-ru",), ()]
    assert all(s.derived for s in spellings[1:])


def test_a_contributors_spelling_wins_over_a_derived_one() -> None:
    spellings = derive({"be": "Андрэй Чапюк", "en": "Andrei Chapiuk"}, ["Andrej Čapiuk"])
    systems = [(s.system, s.derived) for s in spellings if s.text in ("Andrei Chapiuk", "Andrej Čapiuk")]
    assert systems == [("en", False), ("alias", False)]  # neither comes back as derived
    assert len({s.text.casefold() for s in spellings}) == len(spellings)


def test_cyrillic_is_never_derived_from_the_other_cyrillic_or_from_latin() -> None:
    only_be = derive({"be": "Алесь Тэставіч"})
    assert [s.system for s in only_be if not s.derived] == ["be"]
    assert not any(s.system in ("passport-ru", "bgn-ru") for s in only_be)  # no Russian form was given
    only_en = derive({"en": "Hanna Prykladava"})
    assert only_en == [Spelling("Hanna Prykladava", "en", False)]
    with_ru = {s.system: s.text for s in derive({"ru": "Елена Юрьева"})}
    assert with_ru == {"ru": "Елена Юрьева", "passport-ru": "Elena Iureva", "bgn-ru": "Yelena Yur’yeva"}


def test_spellings_that_differ_only_in_marks_are_listed_once() -> None:
    spellings = derive({"ru": "Алесь Тестович", "en": "Ales Testovich"})
    assert [s.text for s in spellings] == ["Алесь Тестович", "Ales Testovich"]  # not also "Ales’ Testovich"


def test_latin_name_prefers_the_contributors_then_the_passport_form() -> None:
    assert latin_name({"be": "Андрэй Чапюк", "en": "Andrew"}) == Spelling("Andrew", "en", False)
    assert latin_name({"be": "Андрэй Чапюк"}) == Spelling("Andrei Chapiuk", "passport", True)
    assert latin_name({"ru": "Андрей Чапюк"}) == Spelling("Andrei Chapiuk", "passport-ru", True)
    assert latin_name({}) is None


def test_fold_removes_accents_and_belarusian_letters_but_keeps_cyrillic_letters() -> None:
    assert fold("Čapiuk") == "capiuk"
    assert fold("Aleś Testavič") == "ales testavic"
    assert fold("Łukašenka") == "lukasenka"
    assert fold("Homyel’ Alesʹ") == "homyel ales"
    assert fold("Тэставіч Магілёў") == "тэставич магилеу"
    assert fold("Андрэй") == "андрэй"  # й is a letter, not и with a mark
    assert fold("Chapiuk") == "chapiuk"  # negative control: plain Latin is only lower-cased


# ---- What a record page shows (volia.names) ----

def test_an_english_page_titles_a_person_without_a_latin_name_with_the_passport_form() -> None:
    view = names.names_view({"be": "Андрэй Чапюк"}, (), "en")
    assert names.display_name({"be": "Андрэй Чапюк"}, "en") == Spelling("Andrei Chapiuk", "passport", True)
    assert view["name_note"] == "This Latin spelling of the name was transliterated automatically (passport spelling)."
    assert [s["text"] for s in view["given_spellings"]] == ["Андрэй Чапюк"]
    derived = [s["text"] for s in view["derived_spellings"]]
    assert "Andrei Chapiuk" not in derived and "Andrej Čapiuk" in derived  # the title is not repeated
    # Negative control: the Belarusian page keeps the Cyrillic name and lists the passport form.
    be = names.names_view({"be": "Андрэй Чапюк"}, (), "be")
    assert be["name_note"] is None and "Andrei Chapiuk" in [s["text"] for s in be["derived_spellings"]]
    # The Russian page gets the derived Russian form, marked derived (issue 15).
    assert names.display_name({"be": "Андрэй Чапюк"}, "ru") == Spelling("Андрей Чапюк", "ru-derived", True)


def test_each_spelling_carries_the_language_it_is_read_in() -> None:
    view = names.names_view({"be": "Андрэй Чапюк", "ru": "Андрей Чапюк"}, ("Andrzej Czapiuk",), "be")
    langs = {s["text"]: s["lang"] for s in view["given_spellings"] + view["derived_spellings"]}
    assert langs["Андрей Чапюк"] == "ru" and langs["Andrej Czapiuk"] == "pl" and langs["Andrej Čapiuk"] == "be-Latn"
    assert langs["Andrzej Czapiuk"] is None  # an alias may be in any language: none is claimed
    labels = {s["text"]: s["label"] for s in view["derived_spellings"]}
    assert labels["Andrej Čapiuk"] == "афіцыйная транслітарацыя 2007 г.; лацінка"  # both give this spelling
    assert labels["Andrej Czapiuk"] == "па-польску"
    assert all(s["label"] is None for s in view["given_spellings"])
