"""The offline copy's zip writer (volia/outputs/zip_writer.py) writes what Python's zipfile writes,
byte for byte; compressed in several processes or in one, the copy is the same file."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from volia.outputs import offline_copy, zip_writer

FILES = {"volia/index.html": "<p>Воля</p>\n" * 200, "volia/тэст.txt": "non-ASCII name", "volia/empty": ""}


def _by_zipfile(path: Path, files: dict[str, bytes]) -> None:
    """The reference: how the copy was written before, with zipfile.writestr."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=offline_copy.FIXED_TIME)
            info.create_system = 3
            info.external_attr = offline_copy.FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content, compresslevel=offline_copy.LEVEL)


def _by_writer(path: Path, files: dict[str, bytes]) -> None:
    entries = (zip_writer.deflate(name, content, offline_copy.LEVEL) for name, content in files.items())
    zip_writer.write_zip(path, entries, offline_copy.FIXED_TIME, offline_copy.FILE_MODE)


def test_the_writer_writes_what_zipfile_writes(site: Path, tmp_path: Path) -> None:
    files = {name: content.encode("utf-8") for name, content in FILES.items()}
    files |= {f"volia/{p.relative_to(site).as_posix()}": p.read_bytes()
              for p in sorted((site / "en").rglob("*.html"))[:40]}
    _by_zipfile(tmp_path / "reference.zip", files)
    _by_writer(tmp_path / "ours.zip", files)
    assert (tmp_path / "ours.zip").read_bytes() == (tmp_path / "reference.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "ours.zip") as archive:
        assert archive.testzip() is None
        assert {i.filename: archive.read(i) for i in archive.infolist()} == files
    # control: one byte of one file changed, the zips differ
    files["volia/empty"] = b"x"
    _by_writer(tmp_path / "changed.zip", files)
    assert (tmp_path / "changed.zip").read_bytes() != (tmp_path / "reference.zip").read_bytes()


def test_compressed_in_processes_or_in_one_the_copy_is_the_same(site: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    copies = {}
    for how, parallel_from in (("one", 10**9), ("processes", 1)):
        copy = tmp_path / how
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.zip", "*.sha256"))
        monkeypatch.setattr(offline_copy, "PARALLEL_FROM", parallel_from)
        monkeypatch.setattr(offline_copy, "PART", 7)  # many parts, so their order matters
        copies[how] = offline_copy.write_offline_copy(copy, {"ru", "en"}, books_from=1, book_size=2)
    assert copies["processes"].sha256 == copies["one"].sha256
    assert copies["one"].entries > 7 * offline_copy.JOBS


def test_a_copy_that_would_need_zip64_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_writer, "LIMIT_FILES", 2)
    files = {name: content.encode("utf-8") for name, content in FILES.items()}
    with pytest.raises(ValueError, match="would need ZIP64 at volia/empty"):
        _by_writer(tmp_path / "big.zip", files)
