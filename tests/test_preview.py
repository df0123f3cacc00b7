"""The preview (make serve, volia/cli/preview.py) keeps up with a contributor (issue 17): an edited
record is redrawn with the lists it is on first, then the whole site is rebuilt "dirty", and what it
leaves is byte for byte what a clean build of the edited data makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_html
from test_parallel_build import differences

from volia.cli.preview import Preview
from volia.data.incremental import split_entries

pytestmark = pytest.mark.slow  # three one-language builds


def _edit(data_dir: Path, record_id: str, old: str, new: str) -> None:
    path = data_dir / "prisoners.yaml"
    head, entries = split_entries(path.read_text(encoding="utf-8"))
    texts = [text.replace(old, new, 1) if text.startswith(f"- id: {record_id}\n") else text for _, text in entries]
    assert texts != [text for _, text in entries], "the edit changed nothing"
    path.write_text(head + "".join(texts), encoding="utf-8")


def test_an_edit_is_shown_first_then_the_site_equals_a_clean_build(data_dir: Path, tmp_path: Path) -> None:
    preview = Preview("en", tmp_path / "preview", data_dir=data_dir)
    preview.build()
    page = tmp_path / "preview" / "prisoners" / "fictional-ales-testovich.html"
    before = {p: p.read_bytes() for p in (tmp_path / "preview").rglob("*.html")}
    looks: list[str] = []
    preview.on_first_look = lambda: looks.append(page.read_text(encoding="utf-8"))
    # A name changed and a line added (every later record's lines move).
    _edit(data_dir, "fictional-ales-testovich", "    en: Ales Testovich\n",
          "    en: Ales Testovich-Edited\n")
    _edit(data_dir, "fictional-ales-testovich", "    en: Teacher (fictional)\n",
          "    en: Teacher (fictional)\n    ru: Учитель (выдуманный)\n")
    assert preview.rebuild() == "first look + dirty"
    assert len(looks) == 1 and "Ales Testovich-Edited" in looks[0]  # the first look showed the edit
    assert "Ales Testovich-Edited" in (tmp_path / "preview" / "prisoners" / "index.html").read_text(encoding="utf-8")
    # Kept record pages are the previous build's files: most of them did not change at all.
    unchanged = [p for p, body in before.items() if p.read_bytes() == body and "/prisoners/" in p.as_posix()]
    assert len(unchanged) >= 3
    clean = Preview("en", tmp_path / "clean", data_dir=data_dir)
    clean.build()
    assert differences(tmp_path / "preview", tmp_path / "clean") == []
    assert read_html(page).title is not None


def test_an_edit_that_breaks_a_rule_is_reported_and_the_next_good_one_builds(data_dir: Path, tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    preview = Preview("en", tmp_path / "preview", data_dir=data_dir)
    preview.build()
    _edit(data_dir, "fictional-ales-testovich", "  region: hrodna\n", "  region: nowhere\n")
    with pytest.raises(Abort, match="not an id in data/regions.yaml"):
        preview.rebuild()
    _edit(data_dir, "fictional-ales-testovich", "  region: nowhere\n", "  region: hrodna\n")
    assert preview.rebuild() == "clean"  # after a failure everything is built again
    clean = Preview("en", tmp_path / "clean", data_dir=data_dir)
    clean.build()
    assert differences(tmp_path / "preview", tmp_path / "clean") == []
