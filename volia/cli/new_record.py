"""`volia new`: a new record from a few answers, written where it belongs in data/prisoners.yaml.

The answers come from command-line flags, or from questions when a flag is missing and someone is
at the keyboard. The record gets a fresh id made from the Latin name, goes into the file in sorted
position and canonical form (the header comment kept), and the whole data set is checked at once.
When the new record itself has a problem, the file is put back exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from volia import schemas
from volia.data.canonical_form import canonical, split_header
from volia.data.files import ARTICLES, FACILITIES, RECORDS
from volia.data.loading import load_dataset, shown_path
from volia.data.problems import DataError, Problem, did_you_mean
from volia.data.safe_yaml import Mapping, load_yaml
from volia.model.partial_date import DATE_FORM, PartialDate
from volia.model.vocabulary import CONSENT_BASES as CONSENT_BASIS
from volia.model.vocabulary import GENDERS as GENDER
from volia.model.vocabulary import LEFT_PRISON, NOT_RECOGNISED, PAGE_LEVELS, REGIMES, SENTENCE_KINDS
from volia.model.vocabulary import PUBLICATION_LEVELS as PUBLICATION
from volia.model.vocabulary import RELEASE_MODES as RELEASE_HOW
from volia.model.vocabulary import STATUSES as STATUS
from volia.text import translit

ID_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 80


class ScaffoldError(Exception):
    """The answers cannot make a record; the message says what to change."""


class TakenId(ScaffoldError):
    """The id the answers make belongs to a record already."""

    def __init__(self, message: str, record_id: str):
        super().__init__(message)
        self.record_id = record_id


@dataclass(frozen=True)
class Question:
    key: str  # the answer's name, and the flag's: name_en → --name-en
    prompt: str
    choices: tuple[str, ...] = ()
    many: bool = False  # a list: the flag repeats, the question takes commas
    date: bool = False
    checked_as: str = ""  # url, months, or a data file's ids (facilities, articles): see Known.problem

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")


# In the order they are asked. Which ones are required depends on earlier answers (`missing`).
QUESTIONS = (
    Question("publication", "Publication level — full (needs consent), minimal (name and status only) "
                            "or counted (no name, no page)", PUBLICATION),
    Question("name_en", "Name in Latin letters, as the person writes it (Enter to skip)"),
    Question("name_be", "Name in Belarusian Cyrillic (Enter to skip)"),
    Question("name_ru", "Name in Russian Cyrillic (Enter to skip)"),
    Question("consent_basis", "Who agreed to a full page", CONSENT_BASIS),
    Question("consent_by", "Who gave or holds the agreement (a role or an organisation, not a private name)"),
    Question("status", "Status now", STATUS),
    Question("recognised_by", "Who recognised the person as a political prisoner, for example Human Rights "
                              "Center Viasna (Enter if nobody has, or you do not know)"),
    Question("recognised_url", "Address of the recognition statement (https://…; Enter if you have none)",
             checked_as="url"),
    Question("arrested", "Date of arrest (YYYY, YYYY-MM or YYYY-MM-DD)", date=True),
    Question("article", "Criminal Code articles, ids from data/articles.yaml, comma-separated "
                        "(Enter if unknown)", many=True, checked_as="articles"),
    Question("facility", "Place of detention now or last, an id from data/facilities.yaml (Enter if unknown)",
             checked_as="facilities"),
    Question("sentence", "Sentence given (Enter if there is no verdict yet, or it is unknown)", SENTENCE_KINDS),
    Question("months", "Length of the sentence in months, 4½ years = 54 (Enter if unknown)", checked_as="months"),
    Question("regime", "Regime of the colony or prison (Enter if unknown)", REGIMES),
    Question("verdict_date", "Date of the verdict (Enter if unknown)", date=True),
    Question("released", "Date of release (YYYY, YYYY-MM or YYYY-MM-DD)", date=True),
    Question("how", "How the person was released", RELEASE_HOW),
    Question("source_url", "Source address (https://…)", checked_as="url"),
    Question("source_title", "Source title and publisher"),
    Question("source_date", "Source publication date (Enter if none)", date=True),
)
# Answered from flags only; never asked.
EXTRA_FLAGS = (
    Question("id", "Record id (default: made from the Latin name)"),
    Question("gender", "Gender", GENDER),
    Question("born", "Date of birth", date=True),
    Question("region", "Region, an id from data/regions.yaml"),
    Question("summary_en", "One line in English that says who the person is"),
    Question("recognised_date", "When the recognition was declared", date=True),
    Question("consent_date", "When the agreement was given (default: today)", date=True),
    Question("as_of", "The date the information describes (default: the source's date, else today)", date=True),
)
NAME_KEYS = ("name_en", "name_be", "name_ru")
_URL = re.compile(schemas.definitions()["url"]["pattern"])
_MONTHS = schemas.definitions()["case"]["properties"]["sentence"]["properties"]["months"]


# ---- What the data already holds: each answer is checked as it is typed ----

@dataclass(frozen=True)
class Known:
    """The ids an answer may point to or must not take, read from the data folder, and today."""

    taken: dict[str, int]  # record id → its line in data/prisoners.yaml
    ids: dict[str, set[str]]  # "facilities", "articles" → the ids that file defines
    today: dt.date

    @classmethod
    def read(cls, data_dir: Path, today: dt.date) -> Known:
        return cls(taken_ids(data_dir), {spec.name.removesuffix(".yaml"): set(_ids(data_dir / spec.name))
                                         for spec in (FACILITIES, ARTICLES)}, today)

    def problem(self, question: Question, reply: str) -> str | None:
        """Why `reply` cannot be the answer to `question`, in a few words, or None when it can."""
        if question.date:
            try:
                date = PartialDate.parse(reply)
            except ValueError:
                return f"{reply!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD"
            if date.earliest() > self.today:
                return f"{reply} is in the future; today is {self.today.isoformat()}"
        if question.checked_as == "url" and not _URL.match(reply):
            return f"{reply!r} is not a web address; expected one starting with https://"
        if question.checked_as == "months" and not (reply.isdigit() and int(reply) <= _MONTHS["maximum"]):
            return f"{reply!r} is not a number of months from 0 to {_MONTHS['maximum']}"
        for value in _split(reply) if question.checked_as in self.ids else ():
            if value not in self.ids[question.checked_as]:
                return (f"{value!r} is not an id in data/{question.checked_as}.yaml"
                        + did_you_mean(value, self.ids[question.checked_as]))
        return None


# ---- Answers ----

def missing(answers: dict[str, Any]) -> list[Question]:
    """The questions still needed for a record that can pass the checks."""
    need = ["publication", "status", "arrested", "source_url", "source_title"]
    publication = answers.get("publication")
    if publication in PAGE_LEVELS and not _names(answers):
        need.append("name_en")
    if publication == "full":
        need += ["consent_basis", "consent_by"]
    if answers.get("status") in LEFT_PRISON:
        need += ["released", "how"]
    return [q for q in QUESTIONS if q.key in need and not answers.get(q.key)]


def interview(answers: dict[str, Any], ask: Callable[[str], str], known: Known | None = None) -> dict[str, Any]:
    """Ask every question that matters and has no answer yet; a wrong answer is asked again at once,
    saying why. With `known`, an id made from the names that is taken already is asked about as soon
    as the names are in: another person of the same name (answers["another_person"]) or a stop."""
    answers = dict(answers)
    asked: set[str] = set()
    prefix = ""
    id_checked = False
    while True:
        needed = {q.key for q in missing(answers)}
        pending = [q for q in QUESTIONS if q.key not in asked and not answers.get(q.key) and _relevant(q, answers)]
        if needed & asked and not set(NAME_KEYS) & {q.key for q in pending}:
            # Every name was skipped, but a page needs one: offer the three again, right away.
            asked -= set(NAME_KEYS)
            prefix = "A page needs at least one name. "
            continue
        if known and not id_checked and not set(NAME_KEYS) & {q.key for q in pending} and answers.get("publication"):
            id_checked = True
            _same_name(answers, ask, known)
        if not pending:
            return answers
        question = pending[0]
        asked.add(question.key)
        # Any one of the names will do, so none of them is required on its own.
        required = question.key in needed and question.key not in NAME_KEYS
        answers[question.key] = _ask_one(question, ask, required, prefix if question.key in NAME_KEYS else "", known)


def _same_name(answers: dict[str, Any], ask: Callable[[str], str], known: Known) -> None:
    """The id the names make is taken: ask whether this is someone else, or stop before more typing."""
    try:
        new_id(answers, set(known.taken), answers.get("another_person", False))
    except TakenId as taken:
        line = known.taken[taken.record_id]
        reply = _ask_one(Question("another_person", f"The id {taken.record_id} is taken by the record at "
                                  f"{RECORDS.repository_path}:{line}. Is this another person with the same name",
                                  ("yes", "no")), ask, required=True)
        if reply == "no":
            raise ScaffoldError(f"{taken.record_id} already has a record, at {RECORDS.repository_path}:{line}: "
                                "correct that one instead (CONTRIBUTING.md, Correcting a record)") from None
        answers["another_person"] = True
    except ScaffoldError:
        return  # no id can be made from the names: said with the other problems at the end


def _relevant(question: Question, answers: dict[str, Any]) -> bool:
    publication, status, sentence = answers.get("publication"), answers.get("status"), answers.get("sentence")
    if question.key in NAME_KEYS:
        return publication != "counted"
    if question.key.startswith("consent_"):
        return publication == "full"
    if question.key == "recognised_by":
        return status not in NOT_RECOGNISED
    if question.key == "recognised_url":
        return bool(answers.get("recognised_by"))
    if question.key in ("months", "verdict_date"):
        return bool(sentence)
    if question.key == "regime":
        return sentence == "imprisonment"
    if question.key in ("released", "how"):
        return status in LEFT_PRISON
    return True


def _ask_one(question: Question, ask: Callable[[str], str], required: bool, prefix: str = "",
             known: Known | None = None) -> Any:
    hint = f" [{'/'.join(question.choices)}]" if question.choices else ""
    while True:
        reply = ask(f"{prefix}{question.prompt}{hint}: ").strip()
        # A wrong answer is asked again, saying why.
        if not reply:
            if required:
                prefix = "(needed) "
                continue
            return [] if question.many else None
        if question.choices and reply not in question.choices:
            prefix = f"({reply!r} is not one of the choices) "
            continue
        problem = known.problem(question, reply) if known else None
        if problem is None and question.date and not DATE_FORM.match(reply):
            problem = f"{reply!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD"
        if problem:
            prefix = f"({problem}) "
            continue
        return _split(reply) if question.many else reply


def _split(reply: str) -> list[str]:
    return [part.strip() for part in reply.split(",") if part.strip()]


def _names(answers: dict[str, Any]) -> dict[str, str]:
    return {lang: answers[f"name_{lang}"] for lang in ("be", "ru", "en") if answers.get(f"name_{lang}")}


# ---- The record ----

def build_record(answers: dict[str, Any], record_id: str, today: str) -> dict[str, Any]:
    """The record as it goes into the file (canonical formatting puts the keys in schema order)."""
    publication = answers["publication"]
    names = _names(answers)
    if publication == "counted" and (names or answers.get("summary_en") or answers.get("born")):
        raise ScaffoldError("a counted record carries no name, summary or birth date: leave them out "
                            "(its id is not made from the name either)")
    record: dict[str, Any] = {"id": record_id, "publication": publication}
    if publication == "full":
        record["consent"] = {"basis": answers["consent_basis"], "by": answers["consent_by"],
                             "date": answers.get("consent_date") or today}
    if names:
        record["name"] = names
    for key in ("gender", "born", "region"):
        if answers.get(key):
            record[key] = answers[key]
    if answers.get("summary_en"):
        record["summary"] = {"en": answers["summary_en"]}
    record["status"] = answers["status"]
    if answers.get("recognised_by"):
        record["recognised"] = {"by": answers["recognised_by"]}
        for key in ("date", "url"):
            if answers.get(f"recognised_{key}"):
                record["recognised"][key] = answers[f"recognised_{key}"]
    # The information is as fresh as its source; without a source date, as of the day it was added.
    record["as_of"] = answers.get("as_of") or answers.get("source_date") or today
    case: dict[str, Any] = {"arrested": answers["arrested"]}
    if answers.get("article"):
        case["articles"] = list(dict.fromkeys(answers["article"]))
    if answers.get("verdict_date"):
        case["verdict_date"] = answers["verdict_date"]
    if answers.get("sentence"):
        case["sentence"] = {"kind": answers["sentence"]}
        if answers.get("months"):
            if not str(answers["months"]).isdigit():
                raise ScaffoldError(f"--months {answers['months']!r}: expected a whole number of months "
                                    "(4½ years = 54)")
            case["sentence"]["months"] = int(answers["months"])
        if answers.get("regime"):
            case["sentence"]["regime"] = answers["regime"]
    if answers.get("facility"):
        case["facilities"] = [answers["facility"]]
    if answers["status"] in LEFT_PRISON:
        case["released"] = {"date": answers["released"], "how": answers["how"]}
    record["cases"] = [case]
    source = {"url": answers["source_url"], "title": answers["source_title"]}
    if answers.get("source_date"):
        source["date"] = answers["source_date"]
    record["sources"] = [source]
    record["last_verified"] = today
    return record


def new_id(answers: dict[str, Any], taken: set[str], another_person: bool = False) -> str:
    """A fresh id: the one asked for, or one made from the Latin (or transliterated) name.

    A taken id is an error — the person may already have a record — unless the contributor says
    this is another person, who then gets the next free suffix (-2, -3, …).
    """
    if answers.get("id"):
        base = answers["id"]
        if not ID_FORM.match(base) or len(base) > MAX_ID:
            raise ScaffoldError(f"--id {base!r}: expected lowercase Latin letters, digits and single hyphens")
    elif answers["publication"] == "counted":
        # The id is public in the repository: a counted record's must not spell a name.
        return _next_free("counted", taken, first=1)
    else:
        # The contributor's Latin name, else the passport spelling of the Cyrillic one.
        latin = translit.latin_name(_names(answers))
        base = slug(latin.text) if latin else ""
        if not base:
            raise ScaffoldError("the name gives no Latin letters for an id; give one with --id")
    if base not in taken:
        return base
    if not another_person:
        raise TakenId(
            f"the id {base!r} is taken: this person may already have a record (see data/prisoners.yaml). "
            "If it is someone else, run again with --another-person (`make new ARGS=--another-person`; "
            f"the id becomes {_next_free(base, taken)}), or choose an id with --id", base)
    return _next_free(base, taken)


def _next_free(base: str, taken: set[str], first: int = 2) -> str:
    number = first
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def slug(text: str) -> str:
    """'Aleś Biaļacki' → 'ales-bialacki': Latin letters without accents, words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", translit.fold(text))
    return "-".join(words)[:MAX_ID].rstrip("-")


# ---- Writing and checking ----

@dataclass(frozen=True)
class Added:
    record_id: str
    path: Path  # as a contributor sees it: relative to the current folder when possible
    line: int
    problems: list[Problem]  # problems elsewhere in the data; the new record itself has none
    reformatted: bool  # the file was not in canonical form before, so other lines changed too


def taken_ids(data_dir: Path) -> dict[str, int]:
    """Every record id in the data folder, with the line its record starts on."""
    return _ids(data_dir / RECORDS.name)


def _ids(path: Path) -> dict[str, int]:
    try:
        entries = load_yaml(path, str(path)) if path.exists() else []
    except DataError:
        return {}  # a broken file: `volia check` says why; nothing can be looked up in it
    return {e["id"]: e.line for e in entries if isinstance(e, Mapping) and isinstance(e.get("id"), str)} \
        if isinstance(entries, list) else {}


def add_record(data_dir: Path, record: dict[str, Any], order: dict[str, Any]) -> Added:
    """Insert `record` in sorted position, check everything, and put the file back if it is at fault.

    Raises DataError with the new record's problems (the file then is unchanged), or ScaffoldError
    when the file holds comments that formatting would drop.
    """
    path = data_dir / RECORDS.name
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    entries = list(load_yaml(path, str(path)) or []) if before else []
    header, lost = split_header(before)
    if lost:
        raise ScaffoldError(f"{path}: comments on lines {', '.join(map(str, lost))} would be lost when the "
                            "file is rewritten; move them into the comment block at the top first")
    reformatted = bool(before) and canonical(entries, order, header) != before
    path.write_text(canonical([*entries, record], order, header), encoding="utf-8")
    try:
        load_dataset(data_dir)
        problems: list[Problem] = []
    except DataError as error:
        own = [p for p in error.problems if p.record == record["id"]]
        if own:
            path.write_text(before, encoding="utf-8")
            raise DataError(own) from None
        problems = error.problems
    return Added(record["id"], Path(shown_path(data_dir, RECORDS.name)), _line_of(path, record["id"]), problems,
                 reformatted)


def _line_of(path: Path, record_id: str) -> int:
    for entry in load_yaml(path, str(path)) or []:
        if isinstance(entry, Mapping) and entry.get("id") == record_id:
            return entry.line
    return 0
