"""`volia new`: a record from flags (or questions at a terminal), in sorted place, checked at once."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import Result, volia

from volia.cli import new_record as scaffold
from volia.data.loading import load_dataset
from volia.data.safe_yaml import load_yaml

BASIC = ["--publication", "minimal", "--name-en", "Fictional Nova Person", "--status", "imprisoned",
         "--arrested", "2024-03-02", "--article", "342", "--article", "130", "--facility", "colony-99-testtown",
         "--source-url", "https://example.org/nova", "--source-title", "Example source about a fictional person"]


def new(data_dir: Path, *args: str) -> Result:
    return volia("--data", data_dir, "new", *args)


def ids_in_file(data_dir: Path) -> list[str]:
    return [e["id"] for e in load_yaml(data_dir / "prisoners.yaml", "prisoners.yaml")]


def test_flags_make_a_checked_record_in_sorted_place(data_dir: Path) -> None:
    header = (data_dir / "prisoners.yaml").read_text(encoding="utf-8").split("\n- ", 1)[0].rstrip()
    run = new(data_dir, *BASIC)
    assert run.returncode == 0, run.stderr
    ids = ids_in_file(data_dir)
    assert "fictional-nova-person" in ids and ids == sorted(ids)
    text = (data_dir / "prisoners.yaml").read_text(encoding="utf-8")
    assert text.startswith(header)  # the header comment is kept
    line = text.splitlines().index("- id: fictional-nova-person") + 1
    assert f"added fictional-nova-person at {data_dir / 'prisoners.yaml'}:{line}" in run.stdout
    assert "prisoners/fictional-nova-person.html" in run.stdout
    record = next(r for r in load_dataset(data_dir).records if r.id == "fictional-nova-person")
    assert record.publication == "minimal" and record.status == "imprisoned"
    assert record.articles == ("342", "130") and record.facility == "colony-99-testtown"
    assert str(record.last_verified) == str(record.as_of) == os.environ["VOLIA_TODAY"]
    assert record.sources[0].url == "https://example.org/nova"
    # Written in canonical form: formatting now changes nothing.
    fmt = volia("--data", data_dir, "fmt", "--check")
    assert "prisoners.yaml (as it is)" not in fmt.stdout


def test_the_id_comes_from_the_passport_spelling_when_only_cyrillic_is_given(data_dir: Path) -> None:
    args = [a for a in BASIC if a not in ("--name-en", "Fictional Nova Person")]
    run = new(data_dir, *args, "--name-be", "Фіктыўны Сяргей Юхнавец")
    assert run.returncode == 0, run.stderr
    assert "fiktyuny-siarhei-iukhnavets" in ids_in_file(data_dir)


def test_a_taken_id_is_refused_unless_it_is_another_person(data_dir: Path) -> None:
    before = (data_dir / "prisoners.yaml").read_bytes()
    args = [*BASIC]
    args[args.index("Fictional Nova Person")] = "Fictional Ales Testovich"
    refused = new(data_dir, *args)
    assert refused.returncode == 1
    assert "the id 'fictional-ales-testovich' is taken" in refused.stderr
    assert "--another-person" in refused.stderr and "fictional-ales-testovich-2" in refused.stderr
    assert (data_dir / "prisoners.yaml").read_bytes() == before
    assert new(data_dir, *args, "--another-person").returncode == 0
    assert new(data_dir, *args, "--another-person").returncode == 0
    ids = ids_in_file(data_dir)
    assert {"fictional-ales-testovich-2", "fictional-ales-testovich-3"} <= set(ids)


def test_a_record_with_problems_is_not_written(data_dir: Path) -> None:
    before = (data_dir / "prisoners.yaml").read_bytes()
    args = [*BASIC]
    args[args.index("130")] = "999"
    args[args.index("2024-03-02")] = "2099-01-01"
    run = new(data_dir, *args)
    assert run.returncode == 1
    assert 'record fictional-nova-person: cases[0].articles[1]: "999" — not an id in data/articles.yaml' in run.stderr
    assert 'cases[0].arrested: "2099-01-01" — in the future' in run.stderr
    assert "nothing was written" in run.stderr
    assert (data_dir / "prisoners.yaml").read_bytes() == before


def test_missing_answers_are_listed_when_nobody_is_at_the_terminal(data_dir: Path) -> None:
    before = (data_dir / "prisoners.yaml").read_bytes()
    run = new(data_dir, "--publication", "full", "--status", "released")
    assert run.returncode == 2
    for flag in ("--name-en (or --name-be, --name-ru)", "--consent-basis", "--consent-by", "--arrested",
                 "--released", "--how", "--source-url", "--source-title"):
        assert flag in run.stderr
    assert "--facility" not in run.stderr  # optional answers are not demanded
    assert (data_dir / "prisoners.yaml").read_bytes() == before


def test_a_full_record_records_the_consent(data_dir: Path) -> None:
    run = new(data_dir, *BASIC[2:], "--publication", "full", "--consent-basis", "family",
              "--consent-by", "the family", "--summary-en", "Fictional person for the test suite",
              "--source-date", "2024-05-01")
    assert run.returncode == 0, run.stderr
    record = next(r for r in load_dataset(data_dir).records if r.id == "fictional-nova-person")
    assert record.consent == {"basis": "family", "by": "the family", "date": os.environ["VOLIA_TODAY"]}
    assert record.summary == {"en": "Fictional person for the test suite"}
    # The information is as old as its source; checking it happened today.
    assert (str(record.as_of), str(record.last_verified)) == ("2024-05-01", os.environ["VOLIA_TODAY"])


def test_the_message_names_the_file_as_the_contributor_sees_it(data_dir: Path) -> None:
    run = volia("--data", "data", "new", *BASIC, cwd=data_dir.parent)
    assert run.returncode == 0, run.stderr
    line = (data_dir / "prisoners.yaml").read_text(encoding="utf-8").splitlines().index("- id: fictional-nova-person")
    assert run.stdout.startswith(f"added fictional-nova-person at data/prisoners.yaml:{line + 1}\n")


def test_a_counted_record_has_no_name_and_an_id_that_spells_none(data_dir: Path) -> None:
    counted = ["--publication", "counted", "--status", "restricted", "--arrested", "2023-01",
               "--source-url", "https://example.org/c", "--source-title", "Example"]
    named = new(data_dir, *counted, "--name-en", "Fictional Secret Name")
    assert named.returncode == 1 and "a counted record carries no name" in named.stderr
    assert new(data_dir, *counted).returncode == 0
    assert new(data_dir, *counted).returncode == 0
    ids = ids_in_file(data_dir)
    assert {"counted-1", "counted-2"} <= set(ids)
    assert not any("secret" in i for i in ids)


def test_a_released_record_gets_its_release(data_dir: Path) -> None:
    args = [*BASIC]
    args[args.index("imprisoned")] = "released"
    run = new(data_dir, *args, "--released", "2025-01-10", "--how", "pardon")
    assert run.returncode == 0, run.stderr
    record = next(r for r in load_dataset(data_dir).records if r.id == "fictional-nova-person")
    assert record.release is not None and record.release.how == "pardon"
    assert str(record.release.date) == "2025-01-10"


def test_dry_run_prints_the_record_and_writes_nothing(data_dir: Path) -> None:
    before = (data_dir / "prisoners.yaml").read_bytes()
    run = new(data_dir, *BASIC, "--dry-run")
    assert run.returncode == 0
    assert run.stdout.startswith("- id: fictional-nova-person\n  publication: minimal\n")
    assert (data_dir / "prisoners.yaml").read_bytes() == before


# ---- Questions ----

def test_interview_asks_what_is_missing_and_asks_again_after_a_wrong_answer() -> None:
    replies = iter(["minimal",
                    "", "", "",  # every name skipped: a page needs one, so the names are asked again at once
                    "", "", "Фиктивный Спрошенный",
                    "free", "released",  # not a status: asked again
                    "", # no recognition known: its address is not asked
                    "10.01.2021", "2021-01-10",  # not a date: asked again
                    "342, 130", "",
                    "",  # no sentence known: its length, regime and verdict date are not asked
                    "2022-02", "served",
                    "https://example.org/asked", "Example", ""])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(replies)

    answers = scaffold.interview({}, ask)
    assert answers["name_ru"] == "Фиктивный Спрошенный" and not answers.get("name_en")
    assert answers["status"] == "released" and answers["arrested"] == "2021-01-10"
    assert answers["article"] == ["342", "130"]
    assert (answers["released"], answers["how"]) == ("2022-02", "served")
    assert scaffold.missing(answers) == []
    assert sum("A page needs at least one name" in p for p in prompts) == 3
    assert any(p.startswith("('free' is not one of the choices) Status now") for p in prompts)
    assert any(p.startswith("('10.01.2021' is not a date") for p in prompts)
    assert not any(p.startswith("Who agreed") for p in prompts)  # consent: not asked for a minimal record
    assert not any(p.startswith(("Address of the recognition", "Length of", "Regime")) for p in prompts)
    with pytest.raises(StopIteration):
        next(replies)


def _answered(replies: dict[str, list[str]], known: scaffold.Known, given: dict | None = None) -> tuple[dict, list]:
    """Answer each question by the start of its prompt (after any "(why) " prefix), in turn."""
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        question = prompt.split(") ", 1)[1] if prompt.startswith("(") else prompt
        start = next(key for key in replies if question.startswith(key))
        return replies[start].pop(0)

    answers = scaffold.interview(given or {}, ask, known)
    assert not any(replies.values()), replies  # every answer was used
    return answers, prompts


WRONG_THEN_RIGHT = {
    "Publication level": ["minimal"], "Name in Latin": ["Fictional Nova Person"], "Name in Belarusian": [""],
    "Name in Russian": [""], "Status now": ["imprisoned"],
    "Who recognised": ["Human Rights Center Viasna"],
    "Address of the recognition": ["spring96.org/news/1", "https://spring96.org/news/1"],
    "Date of arrest": ["2021-02-30", "2099-01", "2021-02"],
    "Criminal Code articles": ["342, 34", "342"],
    "Place of detention": ["colony-99-testown", "colony-99-testtown"],
    "Sentence given": ["imprisonment"], "Length of the sentence": ["three years", "36"],
    "Regime": ["general"], "Date of the verdict": ["2021-09"],
    "Source address": ["https://example.org/nova"], "Source title": ["Example"], "Source publication date": [""],
}


def test_each_answer_is_checked_as_it_is_typed(data_dir: Path) -> None:
    known = scaffold.Known.read(data_dir, dt.date(2026, 12, 5))
    answers, prompts = _answered({k: list(v) for k, v in WRONG_THEN_RIGHT.items()}, known)
    said = [p.split(") ", 1)[0] + ")" for p in prompts if p.startswith("(")]
    assert said == [
        "('spring96.org/news/1' is not a web address; expected one starting with https://)",
        "('2021-02-30' is not a date as YYYY, YYYY-MM or YYYY-MM-DD)",
        "(2099-01 is in the future; today is 2026-12-05)",
        "('34' is not an id in data/articles.yaml; did you mean 364, 342 or 341?)",
        "('colony-99-testown' is not an id in data/facilities.yaml; did you mean colony-99-testtown or sizo-98-testtown?)",
        "('three years' is not a number of months from 0 to 600)",
    ]
    record = scaffold.build_record(answers, "fictional-nova-person", "2026-12-05")
    assert record["recognised"] == {"by": "Human Rights Center Viasna", "url": "https://spring96.org/news/1"}
    assert record["cases"] == [{"arrested": "2021-02", "verdict_date": "2021-09", "articles": ["342"],
                                "sentence": {"kind": "imprisonment", "months": 36, "regime": "general"},
                                "facilities": ["colony-99-testtown"]}]


def test_a_taken_id_is_asked_about_as_soon_as_the_names_are_in(data_dir: Path) -> None:
    known = scaffold.Known.read(data_dir, dt.date(2026, 12, 5))
    replies = {k: list(v) for k, v in WRONG_THEN_RIGHT.items()}
    replies["Name in Latin"] = ["Fictional Ales Testovich"]
    replies["The id fictional-ales-testovich is taken"] = ["maybe", "yes"]
    answers, prompts = _answered(replies, known)
    asked = next(i for i, p in enumerate(prompts) if "is taken" in p)
    assert prompts[asked] == ("The id fictional-ales-testovich is taken by the record at data/prisoners.yaml:4. "
                              "Is this another person with the same name [yes/no]: ")
    assert prompts[asked + 2].startswith("Status now")  # before any other question: nothing typed in vain
    assert answers["another_person"] is True
    assert scaffold.new_id(answers, set(known.taken), answers["another_person"]) == "fictional-ales-testovich-2"
    stop = {"Publication level": ["minimal"], "Name in Latin": ["Fictional Ales Testovich"],
            "Name in Belarusian": [""], "Name in Russian": [""], "The id fictional-ales-testovich": ["no"]}
    with pytest.raises(scaffold.ScaffoldError, match=r"^fictional-ales-testovich already has a record, at "
                       r"data/prisoners.yaml:4: correct that one instead \(CONTRIBUTING.md, Correcting a record\)$"):
        _answered(stop, known)


def test_make_new_passes_its_flags_and_the_hint_says_how(data_dir: Path) -> None:
    makefile = (Path(__file__).parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/volia new $(ARGS)\n" in makefile
    args = [*BASIC]
    args[args.index("Fictional Nova Person")] = "Fictional Ales Testovich"
    refused = new(data_dir, *args)
    assert refused.stderr.strip() == (
        "volia new: the id 'fictional-ales-testovich' is taken: this person may already have a record "
        "(see data/prisoners.yaml). If it is someone else, run again with --another-person "
        "(`make new ARGS=--another-person`; the id becomes fictional-ales-testovich-2), or choose an id with --id")


def test_volia_new_asks_at_a_real_terminal(data_dir: Path) -> None:
    """Run the command on a pseudo-terminal, as a person would, and answer each question in turn."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "volia.cli", "--data", str(data_dir), "new",
         "--status", "imprisoned", "--arrested", "2024-03-02"],
        stdin=follower, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    answers = {"Publication level": "minimal", "Name in Latin": "Fictional Terminal Person",
               "Name in Belarusian": "", "Name in Russian": "", "Who recognised": "",
               "Criminal Code articles": "342", "Place of detention": "", "Sentence given": "", "Source address": "https://example.org/terminal",
               "Source title": "Example", "Source publication date": ""}
    seen = ""
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 4096).decode("utf-8", "replace")
            except OSError:
                break
            seen += chunk
            for start, reply in answers.items():
                if start in chunk and chunk.rstrip().endswith(":"):
                    os.write(leader, (reply + "\n").encode())
                    break
        process.wait(timeout=30)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, seen
    assert "added fictional-terminal-person" in seen
    assert "Date of arrest" not in seen  # given as a flag: not asked
    assert "fictional-terminal-person" in ids_in_file(data_dir)
