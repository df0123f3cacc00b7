"""The shape of the code: the layer contract holds (and would catch a breach), the generated pages
survive a build without Volia's hooks, nothing template-like reaches the site, and a record page's
main content changes only on purpose (a golden file)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, content, read_html

from volia.site.markdown_tree import write_tree

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = "VOLIA_UPDATE_GOLDEN"  # VOLIA_UPDATE_GOLDEN=1 pytest tests/test_architecture.py rewrites it


# ---- The layer contract ----

def _lint_imports(package_root: Path) -> subprocess.CompletedProcess:
    """lint-imports with the project's contract, over the `volia` package found in `package_root`."""
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
                          cwd=package_root, env=env, capture_output=True, text=True, timeout=120)


def _copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package with `line` added to `module` (a path inside volia/)."""
    shutil.copytree(ROOT / "volia", tmp_path / "volia", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "volia" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_the_layer_contract_holds() -> None:
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken." in run.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("module", "line", "broken"), [
    ("model/languages.py", "from volia.site import context", "Layers"),  # the model reaching up to the site
    ("data/rules.py", "from volia.outputs import photos", "Layers"),  # validation reaching up to publishing
    ("views/templates.py", "import mkdocs", "Only the build command imports MkDocs"),
])
def test_the_contract_catches_an_import_that_reaches_up(tmp_path: Path, module: str, line: str, broken: str) -> None:
    """Negative controls: one planted import breaks exactly the contract that forbids it."""
    run = _lint_imports(_copy_with(tmp_path, module, line))
    assert run.returncode == 1
    assert re.search(rf"{re.escape(broken)}[^\n]* BROKEN", run.stdout), run.stdout
    assert "Contracts: 1 kept, 1 broken." in run.stdout


# ---- A way out of MkDocs: the pages as Markdown, built without Volia ----

PLAIN_CONFIG = """\
site_name: Plain MkDocs over volia pages
docs_dir: docs
site_dir: site
use_directory_urls: false
strict: true
theme:
  name: material
  language: en
  font: false
plugins:
  - search
"""


@pytest.mark.slow
def test_the_generated_pages_build_with_plain_mkdocs_and_say_the_same(tmp_path: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    pages = write_tree(tmp_path / "docs", FIXTURES / "data", "en")
    (tmp_path / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    assert not config.hooks and "macros" not in config.plugins  # no Volia code takes part
    build(config)
    records = [site / "en" / "prisoners" / f"{name}.html" for name in
               ("fictional-ales-testovich", "fictional-hanna-prykladava", "fictional-minimal-person",
                "fictional-removed-person")]  # three people, and the notice of a page taken down
    assert pages > len(records)
    for ours in records:
        plain = tmp_path / "site" / "prisoners" / ours.name
        theirs_text = content(read_html(plain)).get_text(" ", strip=True)
        ours_text = content(read_html(ours)).get_text(" ", strip=True)
        # The same page, word for word; Volia's build adds only the share links after it.
        assert ours_text.startswith(theirs_text) and len(theirs_text) > 80, ours.name
    assert (tmp_path / "site" / "feed.xml").is_file() and (tmp_path / "site" / "dates" / "calendar.ics").is_file()
    assert (tmp_path / "site" / "data" / "index.html").is_file()  # the downloads page
    # The open data is published once, at the root of the whole site: in the default language's tree.
    assert not (tmp_path / "docs" / "data" / "prisoners.json").exists()
    write_tree(tmp_path / "docs-be", FIXTURES / "data", "be")
    assert (tmp_path / "docs-be" / "data" / "prisoners.json").is_file()


def test_the_markdown_tree_keeps_contributor_text_out_of_markdown_and_templates(tmp_path: Path) -> None:
    write_tree(tmp_path, FIXTURES / "data", "en")
    text = (tmp_path / "prisoners" / "fictional-ales-testovich.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert "render_macros: false" in front and "title: Ales Testovich" in front
    assert body.lstrip().startswith('<div class="volia-generated">') and body.rstrip().endswith("</div>")


# ---- Nothing template-like is published ----

TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%|\{#")
TEXT_FILES = {".html", ".xml", ".svg", ".ics", ".json", ".csv", ".txt", ".js", ".css", ".md"}


def template_syntax_in(site_dir: Path, data_dir: Path | None = None) -> list[str]:
    """Every built text file (the theme's own scripts aside) that holds `{{`, `{%` or `{#`, except
    where the very same snippet is contributor text in the data: the fixture data carries
    `{{ 7*191 }}` on purpose, and the hostile tests prove it is shown as text, never run."""
    shown_as_text = set()
    for path in (data_dir.glob("*.yaml") if data_dir else ()):
        shown_as_text |= set(TEMPLATE_SYNTAX.findall(path.read_text(encoding="utf-8")))
    found = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or path.suffix not in TEXT_FILES or "assets/javascripts/" in relative:
            continue
        snippets = set(TEMPLATE_SYNTAX.findall(path.read_text(encoding="utf-8", errors="replace")))
        if snippets - shown_as_text:
            found.append(relative)
    return found


def test_no_built_file_holds_template_syntax(site: Path) -> None:
    assert template_syntax_in(site, FIXTURES / "data") == []
    assert not list(site.rglob("volia/feed.xml")) and not list(site.rglob("volia/badge.svg"))  # no template sources


def test_the_template_syntax_scan_would_catch_one(tmp_path: Path) -> None:
    """Negative control: a template source among the built files is found."""
    shutil.copy(ROOT / "volia" / "templates" / "feed.xml", tmp_path / "feed.xml")
    (tmp_path / "page.html").write_text("<p>plain</p> {{ 7*191 }}", encoding="utf-8")  # data shown as text
    (tmp_path / "leak.html").write_text("<p>{{ 7*191 }} {{ r.name }}</p>", encoding="utf-8")  # one is not data
    assert template_syntax_in(tmp_path, FIXTURES / "data") == ["feed.xml", "leak.html"]


# ---- A golden file for one record page ----

def _main_content(path: Path) -> str:
    article = content(read_html(path))
    return BeautifulSoup(str(article), "html.parser").prettify()


@pytest.mark.parametrize("lang", ["be", "en"])
def test_a_record_pages_main_content_matches_its_golden_file(site: Path, lang: str) -> None:
    folder = site if lang == "be" else site / lang
    built = _main_content(folder / "prisoners" / "fictional-ales-testovich.html")
    golden = GOLDEN / f"record-fictional-ales-testovich.{lang}.html"
    if os.environ.get(UPDATE_GOLDEN):
        golden.write_text(built, encoding="utf-8")
    assert built == golden.read_text(encoding="utf-8"), (
        f"the page changed; if on purpose, run {UPDATE_GOLDEN}=1 pytest {Path(__file__).name} and review the diff")


def test_every_hook_stays_thin() -> None:
    """Hooks are glue: under 150 lines each; logic goes into the package (issue 12)."""
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "hooks").glob("*.py")}
    assert sizes and all(n < 150 for n in sizes.values()), sizes
