"""Data folders and built sites shared by the safety tests, each built once per test session.

Pytest makes a separate fixture for every module that imports one, so a session-scoped fixture
imported into two modules would build twice; the memo below builds once for all of them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from hostile.images import camera_jpeg, camera_png

from volia.data.safe_yaml import load_yaml

TESTS = Path(__file__).resolve().parent.parent
FIXTURE_DATA = TESTS / "fixtures" / "data"
SITE_URL = "https://volia.example/"  # a site URL makes MkDocs write a full sitemap

FULL_ID, MINIMAL_ID, COUNTED_ID = "fictional-ales-testovich", "fictional-minimal-person", "fictional-counted-only"
FULL_PHOTO, MINIMAL_PHOTO = "ales-from-the-family.jpg", "dsc-minimal-original.png"
FULL_CREDIT, MINIMAL_CREDIT = "the Testovich family", "WITHHELD-PHOTO-CREDIT-MARKER"

_built: dict[str, Path] = {}


# ---- Data ----

def copy_fixture_data(target: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, target)
    return target


def read_records(data_dir: Path) -> list[dict]:
    """The records as plain lists and dicts, read as the site reads them (yes stays "yes")."""
    return json.loads(json.dumps(load_yaml(data_dir / "prisoners.yaml", "prisoners.yaml")))


def write_records(data_dir: Path, records: list[dict]) -> str:
    """Write records as YAML (every string double-quoted, so no value turns into another type)."""
    text = yaml.dump(records, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=10_000)
    (data_dir / "prisoners.yaml").write_text(text, encoding="utf-8")
    return text


def edit_records(data_dir: Path, change: Callable[[dict[str, dict]], None]) -> str:
    """Apply `change` to the records (a dict by id) and write them back; returns the new file's text."""
    by_id = {r["id"]: r for r in read_records(data_dir)}
    change(by_id)  # may also add or delete records
    return write_records(data_dir, list(by_id.values()))


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line that contains `needle`."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]


def with_photos(data_dir: Path) -> Path:
    """The fixture data plus camera photos (GPS, serials…) for the full and the minimal record."""
    camera_jpeg(data_dir / "photos" / FULL_PHOTO, orientation=6, seed=1)
    camera_png(data_dir / "photos" / MINIMAL_PHOTO, seed=2)

    def add(records: dict[str, dict]) -> None:
        records[FULL_ID]["photo"] = {"file": FULL_PHOTO, "credit": FULL_CREDIT, "consent": "the family",
                                     "source": "https://example.org/ales-photo"}
        records[MINIMAL_ID]["photo"] = {"file": MINIMAL_PHOTO, "credit": MINIMAL_CREDIT,
                                        "consent": "WITHHELD-PHOTO-CONSENT-MARKER",
                                        "source": "https://example.org/withheld-photo-source-marker"}

    edit_records(data_dir, add)
    return data_dir


# ---- Sites ----

def build(name: str, root: Path, data_dir: Path, languages: tuple[str, ...] | None = None,
          site_url: str = SITE_URL) -> Path:
    """Build once per session under `name`; later calls return the same folder."""
    if name not in _built:
        from volia.cli.build import build_all, environment

        site = root / "site"
        kwargs = {"languages": languages} if languages else {}
        with environment(VOLIA_SITE_URL=site_url):
            assert build_all(site, data_dir=data_dir, **kwargs) == 0
        _built[name] = site
    return _built[name]


def published_site(tmp_path_factory) -> tuple[Path, Path]:
    """(data folder, site): the fixture records with photos, every language, a full sitemap."""
    if "published" not in _built:
        root = tmp_path_factory.mktemp("published")
        with_photos(copy_fixture_data(root / "data"))
        build("published", root, root / "data")
    site = _built["published"]
    return site.parent / "data", site


class _QuotingDumper(yaml.SafeDumper):
    pass


_QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))
