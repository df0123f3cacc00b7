"""Load every data file, check it, and hand back typed objects — or every problem at once.

It reads the records and their reference files (prisoners, regions, articles, facilities, organisations,
removed); volia/policy.py reads the policy files (precedents, counts, comparisons) the same way.
Everything downstream works from the Dataset or the PolicyData.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from volia import rules, schema_check
from volia.dates import today as build_today
from volia.loader import load_yaml
from volia.model import Article, Dataset, Facility, Organisation, Record, Region, Removal
from volia.photos import PHOTO_DIR
from volia.problems import NO_VALUE, DataError, Problem

ROOT = Path(__file__).resolve().parent.parent
# The schemas belong to the code, not to a data folder: test data is checked by the same rules.
SCHEMA_DIR = ROOT / "data" / "schema"


@dataclass(frozen=True)
class DataFile:
    name: str  # file name under the data folder
    schema: str  # schema document
    definition: str | None  # $defs entry for reference files
    key: str = "id"  # what entries are sorted by (volia fmt) and, if unique, told apart by
    unique: bool = True  # two entries may not share a key (counts may: two figures for one date)


RECORDS = DataFile("prisoners.yaml", "prisoners.schema.json", None)
REGIONS = DataFile("regions.yaml", "reference.schema.json", "regions")
ARTICLES = DataFile("articles.yaml", "reference.schema.json", "articles")
FACILITIES = DataFile("facilities.yaml", "reference.schema.json", "facilities")
# Pages taken down. Optional: no file means nothing was removed.
REMOVED = DataFile("removed.yaml", "reference.schema.json", "removed")
# Organisations the data names, with their names per language. Optional, like removed.yaml.
ORGANISATIONS = DataFile("organisations.yaml", "reference.schema.json", "organisations")
# The facts behind the essays (read by volia/policy.py).
PRECEDENTS = DataFile("precedents.yaml", "policy.schema.json", "precedents", key="key")
COUNTS = DataFile("counts.yaml", "policy.schema.json", "counts", key="date", unique=False)
COMPARISONS = DataFile("comparisons.yaml", "policy.schema.json", "comparisons", key="key")


def load_dataset(data_dir: Path, today: dt.date | None = None) -> Dataset:
    """Read and check all record data under `data_dir`; raise DataError listing every problem."""
    today = today or build_today()
    problems: list[Problem] = []
    loaded: dict[str, Any] = {}
    for spec in (REGIONS, ARTICLES, FACILITIES, RECORDS):
        loaded[spec.name], found = load_list(data_dir, spec)
        problems += found
    known = {
        kind: {e["id"] for e in loaded[f"{kind}.yaml"] if isinstance(e, dict) and isinstance(e.get("id"), str)}
        for kind in ("regions", "articles", "facilities")
    }
    for spec in (REMOVED, ORGANISATIONS):  # optional files
        loaded[spec.name], found = load_list(data_dir, spec) if (data_dir / spec.name).exists() else ([], [])
        problems += found
    known["pages"] = {r["id"] for r in loaded[RECORDS.name] if isinstance(r, dict) and isinstance(r.get("id"), str)
                      and r.get("publication") in ("full", "minimal")}
    photos_dir = data_dir / PHOTO_DIR
    for spec, check in ((REGIONS, rules.check_entries), (ARTICLES, rules.check_entries),
                        (FACILITIES, rules.check_facilities), (RECORDS, rules.check_records),
                        (REMOVED, rules.check_removed), (ORGANISATIONS, rules.check_organisations)):
        ctx = rules.RuleContext(loaded[spec.name], shown_path(data_dir, spec.name), known, today, photos_dir)
        problems += check(ctx)
    if problems:
        raise DataError(problems)
    return Dataset(
        records=tuple(sorted((Record.from_data(r, r.line) for r in loaded[RECORDS.name]),
                             key=lambda r: r.id)),
        facilities={e["id"]: Facility.from_data(e) for e in loaded[FACILITIES.name]},
        articles={e["id"]: Article.from_data(e) for e in loaded[ARTICLES.name]},
        regions={e["id"]: Region.from_data(e) for e in loaded[REGIONS.name]},
        removed=tuple(sorted((Removal.from_data(e) for e in loaded[REMOVED.name]), key=lambda e: e.id)),
        photos_dir=photos_dir,
        organisations={e["id"]: Organisation.from_data(e) for e in loaded[ORGANISATIONS.name]},
    )


@lru_cache(maxsize=4)
def cached_dataset(data_dir: Path, today: dt.date, stamp: tuple) -> Dataset:
    """load_dataset, once per build: the hooks and the macros share one load.

    `stamp` (file names, sizes and modification times) makes a changed file load anew under `serve`.
    """
    return load_dataset(data_dir, today)


def data_stamp(data_dir: Path) -> tuple:
    # Photos count too: validation decodes them, so a replaced photo must be checked again.
    files = [*sorted(data_dir.glob("*.yaml")), *sorted((data_dir / PHOTO_DIR).glob("*"))]
    return tuple((str(p.relative_to(data_dir)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def shown_path(data_dir: Path, name: str) -> str:
    """The path as a contributor sees it: relative to the current folder when possible."""
    path = (data_dir / name).resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_list(data_dir: Path, spec: DataFile) -> tuple[list, list[Problem]]:
    """One data file: its entries, checked against its schema, and every problem found."""
    shown = shown_path(data_dir, spec.name)
    path = data_dir / spec.name
    if not path.exists():
        return [], [Problem(shown, 1, "", "", NO_VALUE, "the file is missing; expected a YAML list")]
    try:
        data = load_yaml(path, shown)
    except DataError as error:
        return [], error.problems
    if data is None:
        return [], [Problem(shown, 1, "", "", NO_VALUE,
                            f"the file is empty; expected a YAML list of entries (- {spec.key}: ...)")]
    if not isinstance(data, list):
        return [], [Problem(shown, getattr(data, "line", 1), "", "", NO_VALUE, f"the file holds a "
                            f"{type(data).__name__}; expected a YAML list of entries (- {spec.key}: ...)")]
    validator = schema_check.validator_for(SCHEMA_DIR, spec.schema, spec.definition)
    return data, schema_check.check(data, validator, shown)
