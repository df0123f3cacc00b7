"""Editors help (issue 18): every data file names its JSON Schema in its first line, in the form the
YAML language server reads (VS Code's YAML extension, GitHub Codespaces), `volia fmt` keeps that
line, and a dev container serves the site.

The editor schemas are generated from volia/schemas/ with every reference inside one file (editors
cannot follow the schemas' `$id`s): VOLIA_UPDATE_GOLDEN=1 rewrites them after a schema changes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cli_runner import volia
from conftest import ROOT
from jsonschema import Draft202012Validator

from volia import schemas
from volia.data.files import ALL, DataFile
from volia.data.safe_yaml import load_yaml


def editor_schema_text(spec: DataFile) -> str:
    title = f"Volia {spec.repository_path} (for editors)"
    return json.dumps(schemas.editor_schema(spec.schema, spec.definition, title), indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("spec", ALL, ids=[spec.name for spec in ALL])
def test_each_data_file_names_its_editor_schema_and_the_schema_checks_it(spec: DataFile) -> None:
    path = ROOT / spec.editor_schema
    if os.environ.get("VOLIA_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(editor_schema_text(spec), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == editor_schema_text(spec), "VOLIA_UPDATE_GOLDEN=1 rewrites it"
    data_file = ROOT / "data" / spec.name
    assert data_file.read_text(encoding="utf-8").splitlines()[0] == spec.modeline
    assert (data_file.parent / spec.modeline.split("$schema=")[1]).resolve() == path.resolve()
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert "$id" not in json.dumps(schema) and '.json#' not in json.dumps(schema)  # every $ref is local
    validator = Draft202012Validator(schema)
    entries = load_yaml(data_file, spec.name) or []
    assert not list(validator.iter_errors(json.loads(json.dumps(entries)))), spec.name
    # Negative control: the same schema refuses an entry with a field it does not know.
    assert list(validator.iter_errors([{spec.key: "x", "no-such-field": 1}]))


def test_volia_fmt_keeps_the_schema_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "regions.yaml").read_text(encoding="utf-8")
    header, *entries = text.split("\n- ")
    (data / "regions.yaml").write_text(header + "\n- " + "\n- ".join(reversed([e.rstrip("\n") for e in entries]))
                                       + "\n", encoding="utf-8")
    run = volia("--data", data, "fmt")
    assert run.returncode == 0 and "formatted" in run.stdout
    assert (data / "regions.yaml").read_text(encoding="utf-8") == text


def test_the_dev_container_serves_the_site() -> None:
    config = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert config["postAttachCommand"] == "make serve"
    assert config["forwardPorts"] == [8000]
    assert "redhat.vscode-yaml" in config["customizations"]["vscode"]["extensions"]
    assert "python:1-3.11" in config["image"]
