"""An accepted *New record* issue → a record in data/prisoners.yaml, written by `volia new`'s code.

The issue body is hostile input. It is read from the event file GitHub writes (never through a
shell or a workflow expression), parsed as data: the form's `### Label` sections, each answer
checked as `volia new` checks a typed one, the record built, placed and checked by the same code.
What comes out is either the record (the workflow commits it and opens a pull request) or every
problem in plain words (the workflow comments them on the issue). Nothing from the body is ever
run, and a reply that echoes it quotes it inside a code span with its backticks removed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from volia.cli import new_record as scaffold
from volia.data.canonical_form import canonical, key_order
from volia.data.files import RECORDS
from volia.data.problems import DataError, one_line
from volia.model.vocabulary import PUBLICATION_LEVELS, STATUSES

MAX_BODY = 20_000  # a form's answers fit in a few hundred characters; far more is not a form
MAX_ANSWER = 500
NO_RESPONSE = "_No response_"
# The form's labels (.github/ISSUE_TEMPLATE/new-record.yml) → `volia new`'s answers.
LABELS = {
    "Name": "name", "Status now": "status", "Date of arrest": "arrested", "Criminal Code articles": "article",
    "Place of detention": "facility", "Recognised as a political prisoner by": "recognised_by",
    "Recognition statement (link)": "recognised_url", "Sources": "sources",
    "How much the site should show": "publication", "Agreement to a full page": "consent",
    "Before you submit": "confirmed",
}
_FORM_LABEL = {"name_en": "Name", "status": "Status now", "arrested": "Date of arrest", "source_url": "Sources",
               "source_title": "Sources"}
_URL = re.compile(r"https?://[^\s<>\"'`]+")


@dataclass
class Outcome:
    record: dict[str, Any] | None = None
    text: str = ""  # the record as it is written into the file
    problems: list[str] = field(default_factory=list)


def sections(body: str) -> tuple[dict[str, str], list[str]]:
    """The form's answers by label; unknown or repeated sections are problems, not answers."""
    answers: dict[str, str] = {}
    problems: list[str] = []
    label, lines = None, []  # type: ignore[var-annotated]
    for line in [*body.replace("\r\n", "\n").split("\n"), "### "]:
        if line.startswith("### "):
            if label is not None:
                text = "\n".join(lines).strip()
                if label in answers:
                    problems.append(f"the section “{quoted(label)}” is in the issue twice; keep one")
                elif label in LABELS:
                    answers[label] = "" if text == NO_RESPONSE else text
            label, lines = line[4:].strip(), []
        elif label is not None:
            lines.append(line)
    return answers, problems


def answers_from(form: dict[str, str], issue: int) -> tuple[dict[str, Any], list[str]]:
    """`volia new`'s answers from the form's, and what the form got wrong."""
    problems: list[str] = []
    answers: dict[str, Any] = {}
    for label, text in form.items():
        if len(text) > MAX_ANSWER and label not in ("Sources", "Agreement to a full page"):
            problems.append(f"the answer to “{label}” is longer than {MAX_ANSWER} characters; shorten it")
            form[label] = ""
    name = form.get("Name", "").strip()
    if name:
        answers[_name_key(name)] = name
    status = form.get("Status now", "").split(" ", 1)[0]
    if status in STATUSES:
        answers["status"] = status
    elif status:
        problems.append(f"the status “{quoted(status)}” is not one of the form's choices")
    publication = form.get("How much the site should show", "").split(" ", 1)[0]
    # "I do not know" → minimal: the guide's rule for any doubt.
    answers["publication"] = publication if publication in PUBLICATION_LEVELS else "minimal"
    if answers["publication"] == "full":
        problems.append("a full page needs the agreement recorded by a maintainer (who agreed, as a role, and "
                        "when): choose minimal in the issue, and a maintainer can extend the page later")
    if answers["publication"] == "counted":  # no name anywhere, not even in the id
        for key in scaffold.NAME_KEYS:
            answers.pop(key, None)
    for label, key in (("Date of arrest", "arrested"), ("Place of detention", "facility"),
                       ("Recognised as a political prisoner by", "recognised_by"),
                       ("Recognition statement (link)", "recognised_url")):
        if form.get(label, "").strip():
            answers[key] = form[label].strip()
    articles = [a for a in re.split(r"[\s,;]+", form.get("Criminal Code articles", "")) if a]
    if articles:
        answers["article"] = articles
    sources = [line for line in form.get("Sources", "").splitlines() if line.strip()]
    for number, line in enumerate(sources):
        found = _URL.search(line)
        if not found:
            problems.append(f"line {number + 1} of the sources has no link (https://…): “{quoted(line)}”")
            continue
        url = found.group(0).rstrip(".,;)")
        title = re.sub(r"^[\s:—–-]+|[\s:—–-]+$", "", line.replace(found.group(0), " ")).strip()
        answers.setdefault("sources", []).append(
            {"url": url, "title": title or f"{urlsplit(url).hostname} (given in issue #{issue})"})
    if answers.get("sources"):
        first = answers["sources"][0]
        answers["source_url"], answers["source_title"] = first["url"], first["title"]
    return answers, problems


def convert(body: str, issue: int, data_dir: Path, today: str) -> Outcome:
    """The record the issue asks for, written into `data_dir`; or every problem, nothing written."""
    if len(body) > MAX_BODY:
        return Outcome(problems=[f"the issue is longer than {MAX_BODY} characters; it does not look like the form"])
    form, problems = sections(body)
    answers, more = answers_from(form, issue)
    problems += more
    known = scaffold.Known.read(data_dir, dt.date.fromisoformat(today))
    questions = {q.key: q for q in (*scaffold.QUESTIONS, *scaffold.EXTRA_FLAGS)}
    for key, value in list(answers.items()):
        question = questions.get(key)
        if question is None:
            continue
        for one in value if isinstance(value, list) else [value]:
            said = known.problem(question, one) if isinstance(one, str) else None
            if said:
                problems.append(said)
    problems += list(dict.fromkeys(f"“{_FORM_LABEL.get(q.key, q.key)}” is needed" for q in scaffold.missing(answers)))
    if problems:
        return Outcome(problems=problems)
    try:
        record_id = scaffold.new_id(answers, set(known.taken))
        record = scaffold.build_record(answers, record_id, today)
        record["sources"] = answers["sources"]
        record["verified_by"] = f"a maintainer, from issue #{issue}"
        scaffold.add_record(data_dir, record, key_order(RECORDS))
    except scaffold.ScaffoldError as error:
        return Outcome(problems=[str(error).split(" If it is someone else")[0]])
    except DataError as error:
        return Outcome(problems=[f"{p.field}: {p.expected}" if p.field else p.expected for p in error.problems])
    return Outcome(record=record, text=canonical([record], key_order(RECORDS)))


def reply(outcome: Outcome) -> str:
    """The comment on the issue: the record, or every problem, in plain words."""
    if outcome.record:
        return (f"The record `{outcome.record['id']}` was written and passed every data check; a pull request "
                "follows. The record:\n\n```yaml\n" + outcome.text.replace("```", "'''") + "```\n")
    listed = "\n".join(f"- {one_line(p).replace('`', chr(39))}" for p in outcome.problems)
    return ("This issue cannot become a record yet; nothing was written. Please edit the issue, then a "
            f"maintainer adds the label again:\n\n{listed}\n")


def quoted(text: str) -> str:
    """Contributor text inside a message: one line, short, no backticks or markup that could act."""
    shown = one_line(text)[:80].replace("`", "'").replace("@", "@\u200b")
    return shown + ("…" if len(one_line(text)) > 80 else "")


def _name_key(name: str) -> str:
    if re.search(r"[А-Яа-яЁёІіЎў]", name):
        return "name_be" if re.search(r"[ІіЎў]", name) else "name_ru"
    return "name_en"


def run(event_path: Path, data_dir: Path, out: Path, today: str) -> int:
    """Read the event GitHub wrote, convert its issue, and leave what the workflow needs in `out`:
    comment.md always; record.id and pr-body.md when a record was written. Exit 0 either way: a
    problem in the issue is an answer for its author, not a failure of the workflow."""
    event = json.loads(event_path.read_text(encoding="utf-8"))
    issue = int(event["issue"]["number"])
    outcome = convert(str(event["issue"].get("body") or ""), issue, data_dir, today)
    out.mkdir(parents=True, exist_ok=True)
    (out / "comment.md").write_text(reply(outcome), encoding="utf-8")
    if outcome.record:
        (out / "record.id").write_text(outcome.record["id"], encoding="utf-8")
        (out / "pr-body.md").write_text(f"Closes #{issue}. Written from the issue by `volia from-issue` (the "
                                        "same code as `volia new`) and checked by `volia check`.\n", encoding="utf-8")
    return 0
