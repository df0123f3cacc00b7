"""No number is typed into an essay: every figure, year and date comes from the data through a macro.

The essays (docs/strategies/*.md and the front pages docs/index*.md, in every language) are read as
written, with their macro calls ({{ … }}, {% … %}) and link targets taken out. What remains is the
prose a person typed, and it must hold no digit, no month name (a date reference), no heading with
a year, and no word-number (sixteen, сотні, десятки …): a figure written out in words ages like one
written in digits. A second test builds the site and checks the numbered source notes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, content, read_html

ESSAYS = sorted([*(ROOT / "docs" / "strategies").glob("*.md"), *(ROOT / "docs").glob("index*.md")])

# Text a person may type that contains a digit. Kept tiny on purpose, and empty for now: the essays
# name no Criminal Code article (those have their own generated pages) and no other code or
# identifier with digits. Add an entry only for a name that is not a figure (a law's number, say),
# with the reason beside it.
ALLOWED: tuple[str, ...] = ()

_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # [text](target): the target is an address, not prose
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)  # [label]: https://…
_ATTRIBUTES = re.compile(r"\{[:.#][^}]*\}|\{ [.#][^}]*\}")  # { .class } attribute lists
_HTML_TAG = re.compile(r"<[^>]+>")

_WORD_NUMBERS = {
    "en": ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
           "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
           "thousand thousands million millions billion billions dozen dozens"),
    "be": ("адзін адна адно аднаго адной адну два дзве двух двума тры трох чатыры пяць шэсць сем восем дзевяць "
           "дзесяць адзінаццаць дванаццаць трынаццаць чатырнаццаць пятнаццаць шаснаццаць семнаццаць "
           "васямнаццаць дзевятнаццаць дваццаць трыццаць сорак пяцьдзясят сто сотня сотні сотняў сотнямі "
           "тысяча тысячы тысяч тысячамі дзясятак дзясяткі дзясяткаў мільён мільёны мільёнаў мільярд мільярды"),
    "ru": ("один одна одно одного одной одну одним два две двух двум три трёх трех четыре пять шесть семь восемь "
           "девять десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
           "восемнадцать девятнадцать двадцать тридцать сорок пятьдесят сто сотня сотни сотен сотнями тысяча "
           "тысячи тысяч тысячами десяток десятки десятков миллион миллиона миллионы миллионов миллиард "
           "миллиарды"),
}
_MONTHS = {
    "en": "January February March April June July August September October November December",
    "be": ("студзень студзеня студзені люты лютага лютым сакавік сакавіка сакавіку красавік красавіка красавіку "
           "травень траўня траўні чэрвень чэрвеня чэрвені ліпень ліпеня ліпені жнівень жніўня жніўні верасень "
           "верасня верасні кастрычнік кастрычніка кастрычніку лістапад лістапада лістападзе снежань снежня "
           "снежні"),
    "ru": ("январь января январе февраль февраля феврале март марта марте апрель апреля апреле мая июнь июня "
           "июне июль июля июле август августа августе сентябрь сентября сентябре октябрь октября октябре "
           "ноябрь ноября ноябре декабрь декабря декабре"),
}


def _words(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’ʼ-])(" + "|".join(text.split()) + r")(?![\w'’ʼ-])", re.I)


WORD_NUMBER = _words(" ".join(_WORD_NUMBERS.values()))
MONTH = re.compile(_words(" ".join(_MONTHS.values())).pattern + r"|(?<![\w-])(in|of|since|until|by|from) May(?!\w)")
HEADING = re.compile(r"^#{1,6}\s.*$", re.M)


def prose(markdown: str) -> str:
    """What a person typed: without front matter, macro calls, link targets, attribute lists or tags."""
    text = _FRONT_MATTER.sub("", markdown)
    for pattern in (_MACRO, _LINK_DEFINITION, _LINK_TARGET, _ATTRIBUTES, _HTML_TAG):
        text = pattern.sub(" ", text)
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    return text


def typed_numbers(markdown: str) -> list[str]:
    """Every typed figure, date reference, word-number and dated heading, each with its line."""
    found: list[str] = []
    for heading in HEADING.findall(markdown):
        if re.search(r"\d|\{\{|\{%", heading):
            found.append(f"a year or figure in a heading: {heading.strip()}")
    for number, line in enumerate(prose(markdown).splitlines(), start=1):
        for kind, pattern in (("a digit", re.compile(r"\d+(?:[.,\u00a0 ]\d+)*")), ("a date reference", MONTH),
                              ("a word-number", WORD_NUMBER)):
            found += [f"line {number}: {kind}: {m.group(0)!r} in {line.strip()[:100]!r}"
                      for m in pattern.finditer(line)]
    return found


# Essays known to fail, each marked as a strict expected failure (so the test says so the day one
# passes). Empty since issue 14: every essay in every language is strict. Add a name only while its
# rewrite is on its way, and remove it in the same commit as the rewrite.
NOT_YET_REWRITTEN: set[str] = set()


def _essay(path: Path) -> object:
    name = str(path.relative_to(ROOT / "docs"))
    marks = [pytest.mark.xfail(strict=True, reason="translation not yet rewritten")] if name in NOT_YET_REWRITTEN else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", [_essay(p) for p in ESSAYS])
def test_no_number_is_typed_into_an_essay(path: Path) -> None:
    assert typed_numbers(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("planted", [
    "In 2025 we wrote to them.",
    "## Talks in 2024",
    "## Talks in {{ precedent(\"us-belarus-2025\", \"date\") }}",
    "As many as sixteen people share a cell.",
    "Viasna added hundreds of names.",
    "Палітвязняў сталі дзве сотні.",
    "Добавились десятки имён.",
    "It happened in December.",
    "Гэта было ў снежні.",
    "Count of 1,150 people.",
    "Released in May 2023.",
    "Вызвалены 1\u00a0135 чалавек.",
])
def test_the_check_flags_a_planted_number(planted: str) -> None:
    """Negative controls: each planted figure, date or word-number is found."""
    assert typed_numbers(f"---\ntitle: x\n---\n\n{planted}\n")


def test_the_check_passes_a_sentence_made_of_macros() -> None:
    clean = ('---\ntitle: x\nrender_macros: true\n---\n\n# A title\n\n'
             'Viasna counted {{ count_on("2023-12", 1) }} on {{ count_date("2023-12") }}'
             '{{ cite("ecfr-freedoms-gambit") }}; see [the open data](../open-data.md) and [the commentary][seed].\n\n'
             '[seed]: https://ecfr.eu/2024/x\n\n{{ people_sample(3) }}\n')
    assert typed_numbers(clean) == []


def test_every_essay_ends_with_its_notes() -> None:
    """A page that cites sources lists them: without notes() its numbers would point nowhere."""
    for path in ESSAYS:
        if str(path.relative_to(ROOT / "docs")) in NOT_YET_REWRITTEN:
            continue
        text = path.read_text(encoding="utf-8")
        if "cite(" in text:
            assert text.count("notes()") == 1, path


# ---- The built site ----

ESSAY_PAGES = sorted({p.name.split(".")[0] for p in (ROOT / "docs" / "strategies").glob("*.md")})


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_citations_are_numbered_in_order_and_each_note_listed_once(site: Path, lang: str) -> None:
    root = site if lang == "be" else site / lang
    for name in ESSAY_PAGES:
        main = content(read_html(root / "strategies" / f"{name}.html"))
        numbers = [int(a.get_text()) for a in main.select("sup.volia-cite a")]
        assert numbers, f"{lang}/{name}: no citations"
        first_use = list(dict.fromkeys(numbers))
        assert first_use == list(range(1, len(first_use) + 1)), f"{lang}/{name}: {numbers}"
        assert all(a["href"] == f"#note-{a.get_text()}" for a in main.select("sup.volia-cite a"))
        notes = main.select("ol.volia-notes > li")
        assert [li["id"] for li in notes] == [f"note-{n}" for n in first_use], f"{lang}/{name}"
        links = [li.find("a") for li in notes]
        assert len({a["href"] for a in links}) == len(links), f"{lang}/{name}: a source listed twice"
        assert all(set(a["rel"]) == {"nofollow", "noopener", "noreferrer"} for a in links)


_REPOSITORY_PATH = re.compile(r"data/[\w.-]*\.yaml")
# Pages written for contributors and maintainers, which name the files they edit: the data dictionary
# (every field of every file, generated from the schemas) and the removal procedure.
_FOR_CONTRIBUTORS = {"about/data", "about/removal"}


def test_no_reader_page_shows_a_repository_path(site: Path) -> None:
    """Readers see the data through the open-data page, not as paths into the repository; the edit
    and correction links may still point there (in hrefs, not in the text)."""
    shown = []
    for page in site.rglob("*.html"):
        if any(part in page.as_posix() for part in _FOR_CONTRIBUTORS):
            continue
        soup = read_html(page)
        for hidden in soup(["script", "style"]):
            hidden.decompose()
        shown += [f"{page.relative_to(site)}: {m}" for m in _REPOSITORY_PATH.findall(soup.get_text(" "))]
    assert shown == []
