"""Supply chain (issue 16): every action pinned by a full commit SHA with its version beside it,
Dependabot keeping actions and Python packages current, every Python package pinned with hashes
and installed with --require-hashes."""

from __future__ import annotations

import re

from conftest import ROOT

from volia.data.safe_yaml import load_yaml

GITHUB = ROOT / ".github"
PINNED = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+# v\d+(\.\d+){1,2}$")


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    uses = [line for path in sorted((GITHUB / "workflows").glob("*.y*ml"))
            for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert uses, "no action found"
    assert [line.strip() for line in uses if not PINNED.match(line)] == []
    # The negative control: a tag is not a pin.
    assert not PINNED.match("      - uses: actions/checkout@v4") and not PINNED.match("uses: a/b@main  # v1.0.0")


def test_dependabot_keeps_actions_and_python_packages_current() -> None:
    config = load_yaml(GITHUB / "dependabot.yml", "dependabot.yml")
    assert {"github-actions", "pip"} <= {u["package-ecosystem"] for u in config["updates"]}


def test_every_python_package_is_pinned_with_hashes_and_installed_requiring_them() -> None:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z])", text.split("\n\n", 1)[1].strip())
    assert len(entries) > 40
    for entry in entries:
        assert re.match(r"^[A-Za-z0-9._-]+==[^\s]+ \\$", entry.splitlines()[0]), entry.splitlines()[0]
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.splitlines()[0]
    pinned = {re.split(r"[=\s]", e, maxsplit=1)[0].lower().replace("_", "-") for e in entries}
    direct = {re.split(r"[=\s]", line, maxsplit=1)[0].lower().replace("_", "-")
              for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    assert direct <= pinned, direct - pinned
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install [^\n]*--require-hashes -r requirements\.txt", makefile)
