"""From an issue form to a checked record (issue 18): `volia from-issue` and its workflow.

The issue body is hostile input: a fixture body becomes exactly the expected YAML; hostile bodies
become a comment listing the problems, or a record that holds their text as inert data; and the
workflow never lets the body reach a shell or an expression, with the least token it can have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_runner import volia
from conftest import ROOT
from test_workflow import actionlint, check_jsonschema

from volia.cli.issue_form import convert
from volia.data.loading import load_dataset

ISSUE_WORKFLOW = ROOT / ".github" / "workflows" / "issue-to-pr.yml"
TODAY = "2026-11-26"


def body(**answers: str) -> str:
    """An issue body as GitHub renders the New record form: `### Label`, a blank line, the answer."""
    form = {"Name": "Fictional Issue Person", "Status now": "imprisoned (pre-trial detention, colony or prison)",
            "Date of arrest": "2024-03-02", "Criminal Code articles": "342, 130",
            "Place of detention": "colony-99-testtown", "Recognised as a political prisoner by": "Test Human Rights Group",
            "Recognition statement (link)": "https://example.org/recognised",
            "Sources": "Example: a fictional report https://example.org/report\nhttps://example.org/second",
            "How much the site should show": "minimal (name, status and dates only)",
            "Agreement to a full page": "_No response_",
            "Before you submit": "- [X] Everything I wrote here is already public, and none of it could put anyone at risk."}
    form.update(answers)
    return "".join(f"### {label}\n\n{text}\n\n" for label, text in form.items())


EXPECTED = """\
- id: fictional-issue-person
  publication: minimal
  name:
    en: Fictional Issue Person
  status: imprisoned
  recognised:
    by: Test Human Rights Group
    url: https://example.org/recognised
  as_of: "2026-11-26"
  cases:
    - arrested: "2024-03-02"
      articles:
        - "342"
        - "130"
      facilities:
        - colony-99-testtown
  sources:
    - url: https://example.org/report
      title: 'Example: a fictional report'
    - url: https://example.org/second
      title: 'example.org (given in issue #7)'
  last_verified: "2026-11-26"
  verified_by: 'a maintainer, from issue #7'
"""


def test_a_form_becomes_exactly_the_expected_record(data_dir: Path) -> None:
    outcome = convert(body(), 7, data_dir, TODAY)
    assert outcome.problems == []
    assert outcome.text == EXPECTED
    assert "fictional-issue-person" in {r.id for r in load_dataset(data_dir).records}
    assert volia("--data", data_dir, "check").returncode == 0  # in place: no order problem either


def test_wrong_answers_come_back_as_one_list_and_nothing_is_written(data_dir: Path) -> None:
    before = (data_dir / "prisoners.yaml").read_bytes()
    outcome = convert(body(**{"Date of arrest": "10.03.2024", "Place of detention": "colony-99-testown",
                              "Sources": "see Viasna", "Status now": "free"}), 7, data_dir, TODAY)
    assert outcome.problems == [
        "the status “free” is not one of the form's choices",
        "line 1 of the sources has no link (https://…): “see Viasna”",
        "'10.03.2024' is not a date as YYYY, YYYY-MM or YYYY-MM-DD",
        "'colony-99-testown' is not an id in data/facilities.yaml; did you mean colony-99-testtown or sizo-98-testtown?",
        "“Status now” is needed", "“Sources” is needed"]
    assert (data_dir / "prisoners.yaml").read_bytes() == before


def test_a_person_who_has_a_record_already_is_not_added_twice(data_dir: Path) -> None:
    outcome = convert(body(Name="Fictional Ales Testovich"), 7, data_dir, TODAY)
    assert outcome.problems == ["the id 'fictional-ales-testovich' is taken: this person may already have a record "
                                "(see data/prisoners.yaml)."]


HOSTILE = {
    "shell": "$(touch /tmp/volia-pwned) `id` ; rm -rf ~ && echo",
    "expression": "${{ github.token }} ${{ secrets.GITHUB_TOKEN }}",
    "template": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "yaml": "Ales\n  status: released\n  publication: full",
    "markup": "<script>alert(1)</script> [x](javascript:alert(1)) @maintainers",
    "spoofed-section": "Ales\n### Status now\n\nreleased",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_body_is_data_never_code(data_dir: Path, tmp_path: Path, name: str) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 7, "body": body(Name=HOSTILE[name])}}), encoding="utf-8")
    out = tmp_path / "out"
    run = volia("--data", data_dir, "from-issue", "--event", event, "--out", out)
    assert run.returncode == 0, run.stderr
    assert not Path("/tmp/volia-pwned").exists()
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert (out / "record.id").exists() is False, comment  # every hostile name is refused by the name rules
    assert comment.startswith("This issue cannot become a record yet; nothing was written.")
    assert "`" not in comment.split("\n\n", 1)[1].replace("```", "")  # no code span the body could close
    assert "@maintainers" not in comment  # no mention that would notify anyone
    assert load_dataset(data_dir)  # the data is as it was, and still valid


def test_the_workflow_keeps_the_body_out_of_every_shell_and_expression() -> None:
    text = ISSUE_WORKFLOW.read_text(encoding="utf-8")
    assert actionlint(ISSUE_WORKFLOW) == []
    assert check_jsonschema("vendor.github-workflows", ISSUE_WORKFLOW).returncode == 0
    # The body or the title (contributor text) appears nowhere in the workflow, not even in env:.
    assert not re.search(r"github\.event\.issue\.(body|title)", text)
    assert not re.search(r"\$\{\{[^}]*(body|title|head_ref|comment)[^}]*\}\}", text)
    assert '--event "$GITHUB_EVENT_PATH"' in text  # the body is read from the event file, as data
    assert "persist-credentials: false" in text


def test_the_workflows_token_can_write_only_what_it_needs() -> None:
    from volia.data.safe_yaml import load_yaml

    flow = load_yaml(ISSUE_WORKFLOW, str(ISSUE_WORKFLOW))
    assert flow["permissions"] == {}
    assert flow["on"] == {"issues": {"types": ["labeled"]}}
    job = flow["jobs"]["record"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "github.event.label.name == 'accepted'" in job["if"]
    for step in job["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
