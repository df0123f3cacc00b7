"""scripts/ci-checks.sh, the one list of checks that .ci/run and GitHub Actions both run.

These tests run single stages of it against a test's data folder; none runs the `tests` stage,
which would start this suite again (the script itself refuses that).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from cli_runner import volia
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "ci-checks.sh"
STAGES = ["setup", "data", "format", "lint", "tests", "build"]
ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+)::(?P<message>.+)$")


def ci(*args: str, github: bool = False, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        environment["GITHUB_ACTIONS"] = "true"
    environment.update(env)
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=300,
                          env=environment)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_stages_in_order() -> None:
    run = ci("--list")
    assert run.returncode == 0
    assert run.stdout.split() == STAGES


def test_a_pull_requests_bad_data_fails_with_an_annotation_on_each_line(data_dir: Path) -> None:
    path = data_dir / "prisoners.yaml"
    text = path.read_text(encoding="utf-8")
    # What a hurried pull request might bring: a status that does not exist, an article that is
    # not in articles.yaml, an impossible date, and a record that repeats an id.
    broken = (text.replace("  status: released\n", "  status: freed\n", 1)
                  .replace('        - "293"\n', '        - "2930"\n', 1)
                  .replace('  born: "2001-01-17"\n', '  born: "2001-02-30"\n', 1))
    broken += "\n- id: fictional-minimal-person\n  publication: counted\n  status: imprisoned\n" \
              '  as_of: "2024-06-01"\n  cases:\n    - arrested: "2022-01-01"\n' \
              '  sources:\n    - url: https://example.org/x\n      title: X\n  last_verified: "2024-06-01"\n'
    assert broken.count("\n") > text.count("\n")
    path.write_text(broken, encoding="utf-8")
    expected_lines = {
        line_of(path, "  status: freed"),
        line_of(path, '        - "2930"'),
        line_of(path, '  born: "2001-02-30"'),
        len(broken.splitlines()) - broken.splitlines()[::-1].index("- id: fictional-minimal-person"),  # 2nd copy
    }
    run = ci("--data", str(data_dir), "data", github=True)
    assert run.returncode == 1
    annotations = [ANNOTATION.match(line) for line in run.stdout.splitlines() if line.startswith("::")]
    assert annotations and all(annotations), run.stdout
    assert {a["file"] for a in annotations} == {str(path)}
    assert {int(a["line"]) for a in annotations} == expected_lines
    messages = " | ".join(a["message"] for a in annotations)
    assert 'record fictional-hanna-prykladava: status: "freed" — expected one of' in messages
    assert '"2930"' in messages and '"2001-02-30" — not a real date' in messages
    assert "id: \"fictional-minimal-person\" — this id is already used by the entry at line" in messages
    # The same problems, for a person reading the log.
    assert f"{len(annotations)} problems found in the data." in run.stderr


def test_good_data_passes_the_data_stage_without_annotations(data_dir: Path) -> None:
    run = ci("--data", str(data_dir), "data", github=True)
    assert run.returncode == 0, run.stderr
    assert "::error" not in run.stdout
    assert "ok: 4 records (3 with a page)" in run.stdout


def test_annotations_only_on_github(data_dir: Path) -> None:
    path = data_dir / "prisoners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  status: released\n", "  status: freed\n", 1),
                    encoding="utf-8")
    run = ci("--data", str(data_dir), "data")
    assert run.returncode == 1
    assert "::error" not in run.stdout
    assert 'status: "freed"' in run.stderr


def test_annotations_name_the_file_as_the_repository_does(data_dir: Path) -> None:
    """On GitHub the checks run at the repository's root: the file is data/prisoners.yaml, as GitHub needs."""
    path = data_dir / "prisoners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  status: released\n", "  status: freed\n", 1),
                    encoding="utf-8")
    run = volia("--data", "data", "check", "--github", cwd=data_dir.parent)
    assert run.returncode == 1
    line = line_of(path, "  status: freed")
    assert run.stdout.splitlines()[0].startswith(f"::error file=data/prisoners.yaml,line={line}::record ")


def test_the_format_stage_shows_the_diff_and_fails(data_dir: Path) -> None:
    assert volia("--data", data_dir, "fmt").returncode == 0
    assert ci("--data", str(data_dir), "format").returncode == 0
    path = data_dir / "facilities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  kind: colony\n", "  kind: 'colony'\n", 1),
                    encoding="utf-8")
    run = ci("--data", str(data_dir), "format")
    assert run.returncode == 1
    assert "-  kind: 'colony'" in run.stdout and "+  kind: colony" in run.stdout


def test_unknown_stages_and_recursion_are_refused() -> None:
    unknown = ci("deploy")
    assert unknown.returncode == 2 and "unknown stage 'deploy'" in unknown.stderr
    nested = ci("tests", VOLIA_CI_TESTS_RUNNING="1")
    assert nested.returncode == 2 and "refusing to recurse" in nested.stderr


def test_ci_run_calls_the_script_with_every_stage() -> None:
    run_file = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    calls = [line.strip() for line in run_file.splitlines() if "ci-checks.sh" in line and not line.startswith("#")]
    assert calls == ["bash scripts/ci-checks.sh"]  # no stage named: all of them, in order


def test_a_pull_request_that_changes_only_data_takes_the_quick_path() -> None:
    def data_only(changed: str, **env: str) -> str:
        return ci("--data-only", VOLIA_CHANGED_FILES=changed, **env).stdout.strip()

    pull_request = {"GITHUB_EVENT_NAME": "pull_request"}
    assert data_only("data/prisoners.yaml\ndata/facilities.yaml", **pull_request) == "yes"
    assert data_only("data/prisoners.yaml\nvolia/cli/main.py", **pull_request) == "no"  # code: the full suite
    assert data_only("", **pull_request) == "no"
    assert data_only("data/prisoners.yaml", GITHUB_EVENT_NAME="push") == "no"  # main: always the full suite
    script = SCRIPT.read_text(encoding="utf-8")
    assert 'VOLIA_CI_TESTS_RUNNING=1 .venv/bin/pytest -q -m "not browser" $(data_tests)' in script
    # The quick path's tests are the ones that read the repository's data/.
    listed = subprocess.run(["bash", "-c", 'source <(sed -n "/^data_tests()/p" scripts/ci-checks.sh); data_tests'],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert "tests/test_editor_support.py" in listed and "tests/test_fmt.py" in listed
    assert "tests/test_validation.py" not in listed  # fixtures only


def test_a_pull_requests_summary_lists_the_pages_it_changes(data_dir: Path, tmp_path: Path) -> None:
    import shutil

    before = tmp_path / "before"
    shutil.copytree(data_dir, before)
    text = (data_dir / "prisoners.yaml").read_text(encoding="utf-8")
    changed = text.replace('last_verified: "2026-10-15"', 'last_verified: "2026-11-01"', 1)
    assert changed != text
    (data_dir / "prisoners.yaml").write_text(changed, encoding="utf-8")
    run = volia("--data", data_dir, "changed-pages", "--before", before, "--artifact", "site-12")
    edited = next(r for r in volia_records(changed) if 'last_verified: "2026-11-01"' in r)
    record_id = edited.split("\n", 1)[0].removeprefix("- id: ")
    assert run.stdout == (
        "### Pages this pull request changes\n\nThe built site is this run's artifact `site-12` (the run's "
        "*Summary*, then *Artifacts*): unzip it and open these files in a browser, no server needed.\n\n"
        f"- `prisoners/{record_id}.html`: record {record_id} (changed)\n")
    same = volia("--data", before, "changed-pages", "--before", before)
    assert same.stdout == "### Pages this pull request changes\n\nNo record or facility page changes.\n"
    script = SCRIPT.read_text(encoding="utf-8")
    assert 'changed-pages --before "$before"' in script and '>> "$GITHUB_STEP_SUMMARY"' in script


def volia_records(text: str) -> list[str]:
    return ["- id: " + chunk for chunk in text.split("\n- id: ")[1:]]
