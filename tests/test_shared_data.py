"""The languages of one `volia build` read and check the data once (volia/site/context.py): the
parent process loads it and each language's process takes it from a pickle, but only for the same
files on the same day; changed files, or data with problems, are loaded by the language itself.
(That the site is the same either way: tests/test_parallel_build.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from volia.site import context


@pytest.fixture
def no_loading(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records each time the data is read from its files (which still happens)."""
    calls: list[Path] = []
    original = context.load_dataset

    def counting(data_dir: Path, today=None):  # the loader's own signature
        calls.append(data_dir)
        return original(data_dir, today)

    monkeypatch.setattr(context, "load_dataset", counting)
    context._load.cache_clear()
    yield calls
    context._load.cache_clear()
    context._shared.clear()


def test_a_language_takes_the_data_the_build_loaded(data_dir: Path, tmp_path: Path, no_loading: list[Path]) -> None:
    shared = context.share_loaded(data_dir, tmp_path)
    assert shared is not None and shared.is_file()
    assert len(no_loading) == 1  # the build's own process read the files
    context.use_shared(shared)
    ctx = context.make_context("en", data_dir)
    assert len(no_loading) == 1  # the language did not
    assert len(ctx.public.records) > 0


def test_changed_files_are_loaded_again(data_dir: Path, tmp_path: Path, no_loading: list[Path]) -> None:
    shared = context.share_loaded(data_dir, tmp_path)
    assert shared is not None
    records = data_dir / "prisoners.yaml"
    records.write_text(records.read_text(encoding="utf-8") + "\n# a comment added after the build loaded it\n",
                       encoding="utf-8")
    context.use_shared(shared)
    context.make_context("en", data_dir)
    assert len(no_loading) == 2  # the stamp differs: the language read the files itself


def test_data_with_a_problem_is_not_shared(data_dir: Path, tmp_path: Path, no_loading: list[Path]) -> None:
    records = data_dir / "prisoners.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace("publication: full", "publication: everything", 1),
                       encoding="utf-8")
    assert context.share_loaded(data_dir, tmp_path) is None
    assert not (tmp_path / context.SHARED_FILE).exists()
