"""Shared fixtures: a copy of the fictional test data, and the real site built from it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from volia.cli.build import build_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2026-11-26"

# Date rules compare with "today": fix it so the tests do not change with the calendar.
os.environ["VOLIA_TODAY"] = TODAY
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/data."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, every language, built once from the fictional fixture data."""
    from volia.cli.build import build_all

    site_dir = tmp_path_factory.mktemp("site")
    assert build_all(site_dir, data_dir=FIXTURES / "data") == 0
    return site_dir


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def build_project(tmp_path: Path, edit_data=None, edit_docs=None) -> tuple[int, Path]:
    """A one-language build of the real docs and templates over a copy of the fixture data."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for name in ("hooks", "overrides", "volia", "data"):  # the config watches these folders
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    if edit_data:
        edit_data(data)
    if edit_docs:
        edit_docs(project / "docs")
    site = tmp_path / "site"
    code = build_all(site, languages=("en",), config_file=project / "mkdocs.yml", data_dir=data)
    return code, site / "en"


def build_essay(tmp_path: Path, name: str, text: str, edit_data=None) -> BeautifulSoup:
    """The English page built from an essay `name`.md with `text`, over the fixture data (edited)."""
    def edit_docs(docs: Path) -> None:
        (docs / f"{name}.md").write_text(text, encoding="utf-8")

    code, site = build_project(tmp_path, edit_data, edit_docs)
    assert code == 0
    return read_html(site / f"{name}.html")
