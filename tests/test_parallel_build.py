"""Languages built in parallel processes (issue 17) give the same site, byte for byte, as the same
languages built one after another; a failing language fails the build and leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from volia.cli.build import build_all

pytestmark = pytest.mark.slow  # two whole builds


def differences(one: Path, other: Path) -> list[str]:
    """Paths (relative) of the files that differ between two trees, or that only one has."""
    files = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()} | \
        {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    return sorted(name for name in files
                  if not (one / name).is_file() or not (other / name).is_file()
                  or (one / name).read_bytes() != (other / name).read_bytes())


def test_a_parallel_build_is_byte_identical_to_a_sequential_one(site: Path, tmp_path: Path) -> None:
    """`site` (conftest) is built the default way, every language at once; here one after another."""
    sequential = tmp_path / "sequential"
    assert build_all(sequential, data_dir=FIXTURES / "data", jobs=1) == 0
    assert len(list(site.rglob("*.html"))) > 100
    assert differences(sequential, site) == []
    # Control: the comparison sees a changed byte and a missing file.
    (sequential / "en" / "index.html").write_bytes((sequential / "en" / "index.html").read_bytes() + b" ")
    (sequential / "ru" / "statistics.html").unlink()
    assert differences(sequential, site) == ["en/index.html", "ru/statistics.html"]
    # Nothing is left beside the site (the other languages' staging folders).
    assert [p.name for p in site.parent.iterdir() if "-languages-" in p.name] == []


def test_a_language_that_fails_fails_the_parallel_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("hooks", "overrides", "volia", "data"):  # the config watches these folders
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "broken.md").write_text("---\nrender_macros: true\n---\n# Broken\n\n{{ no_such_value }}\n",
                                                encoding="utf-8")
    site = tmp_path / "site"
    assert build_all(site, languages=("be", "en"), config_file=project / "mkdocs.yml",
                     data_dir=FIXTURES / "data") == 1
    err = capsys.readouterr().err
    assert "build failed (be)" in err and "build failed (en)" in err
    assert [p.name for p in tmp_path.iterdir() if "-languages-" in p.name] == []
    assert not (site / "volia-offline.zip").exists()
