"""Load every data file, check it, and hand back typed objects — or every problem at once.

YAML (read with line numbers) → JSON Schema check → rules across records and files → the model's
Dataset and PolicyData. Nothing downstream reads the YAML again.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from volia.data import rules, schema_check
from volia.data.clock import today as build_today
from volia.data.files import (
    ARTICLES,
    FACILITIES,
    ORGANISATIONS,
    PHOTO_DIR,
    POLICY_FILES,
    RECORDS,
    REGIONS,
    REMOVED,
    DataFile,
)
from volia.data.links import symlink_problems
from volia.data.problems import NO_VALUE, DataError, Problem
from volia.data.safe_yaml import load_yaml
from volia.model.dataset import Dataset
from volia.model.partial_date import PartialDate
from volia.model.policy import PolicyData
from volia.model.records import Record
from volia.model.references import Article, Facility, Organisation, Region, Removal
from volia.model.vocabulary import PAGE_LEVELS

# ---- Records and what they point to ----

def load_dataset(data_dir: Path, today: dt.date | None = None) -> Dataset:
    """Read and check all record data under `data_dir`; raise DataError listing every problem."""
    today = today or build_today()
    problems: list[Problem] = []
    loaded: dict[str, Any] = {}
    for spec in (REGIONS, ARTICLES, FACILITIES, RECORDS, REMOVED, ORGANISATIONS):
        loaded[spec.name], found = load_list(data_dir, spec)
        problems += found
    known = {
        kind: {e["id"] for e in loaded[f"{kind}.yaml"] if isinstance(e, dict) and isinstance(e.get("id"), str)}
        for kind in ("regions", "articles", "facilities")
    }
    known["pages"] = {r["id"] for r in loaded[RECORDS.name] if isinstance(r, dict) and isinstance(r.get("id"), str)
                      and r.get("publication") in PAGE_LEVELS}
    photos_dir = data_dir / PHOTO_DIR
    for spec, check in ((REGIONS, rules.check_entries), (ARTICLES, rules.check_entries),
                        (FACILITIES, rules.check_facilities), (RECORDS, rules.check_records),
                        (REMOVED, rules.check_removed), (ORGANISATIONS, rules.check_organisations)):
        ctx = rules.RuleContext(loaded[spec.name], shown_path(data_dir, spec.name), known, today, photos_dir, spec)
        problems += check(ctx)
    problems += symlink_problems(data_dir, shown_path(data_dir, "."))
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


# ---- The facts behind the essays ----

def load_policy(data_dir: Path) -> PolicyData:
    """Read and check precedents, counts, comparisons and cited sources; raise DataError listing every problem."""
    problems: list[Problem] = []
    loaded: dict[str, list] = {}
    for spec in POLICY_FILES:
        data, found = load_list(data_dir, spec)
        problems += found
        problems += rules.check_entries(
            rules.RuleContext(data, shown_path(data_dir, spec.name), {}, dt.date.max, spec=spec))
        loaded[spec.name] = data
    if problems:
        raise DataError(problems)
    precedents, counts, comparisons, sources = (loaded[spec.name] for spec in POLICY_FILES)
    return PolicyData(
        precedents={p["key"]: p for p in precedents},
        counts=sorted(counts, key=lambda c: PartialDate.parse(c["date"]).sort_key),
        comparisons={c["key"]: c for c in comparisons},
        sources={s["id"]: s for s in sources},
    )


# ---- Once per process ----

@lru_cache(maxsize=4)
def cached_dataset(data_dir: Path, today: dt.date, stamp: tuple) -> Dataset:
    """load_dataset, once per process for the same files: the languages of one `volia build` share it.

    `stamp` (file names, sizes and modification times) makes a changed file load anew under `serve`.
    """
    return load_dataset(data_dir, today)


@lru_cache(maxsize=4)
def cached_policy(data_dir: Path, stamp: tuple) -> PolicyData:
    return load_policy(data_dir)


def data_stamp(data_dir: Path) -> tuple:
    # Photos count too: validation decodes them, so a replaced photo must be checked again.
    files = [*sorted(data_dir.glob("*.yaml")), *sorted((data_dir / PHOTO_DIR).glob("*"))]
    return tuple((str(p.relative_to(data_dir)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


# ---- One file ----

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
        if spec.optional:
            return [], []
        return [], [Problem(shown, 1, "", "", NO_VALUE, "the file is missing; expected a YAML list")]
    try:
        data = load_yaml(path, shown)
    except DataError as error:
        return [], error.problems
    if data is None:
        return [], [Problem(shown, 1, "", "", NO_VALUE,
                            f"the file is empty; expected a YAML list of entries (- {spec.key}: ...)")]
    if not isinstance(data, list):
        held = "fields (name: value)" if isinstance(data, dict) else "a single value"
        return [], [Problem(shown, getattr(data, "line", 1), "", "", NO_VALUE, f"the file holds {held}, not "
                            f"a list; expected a YAML list of entries, each starting with '- ' (- {spec.key}: ...)")]
    validator = schema_check.validator_for(spec.schema, spec.definition)
    return data, schema_check.check(data, validator, shown, spec)

