"""One build context per build: the language, today, the data and its public cut, the policy
data, the site's address and the repository — made once in `on_config` (hooks/volia_site.py) and
handed to every hook, macro and output. Nothing else reads the data files, the date or the
environment during a build.
"""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from volia.addresses import language_url
from volia.analysis.freshness import DEFAULT_FRESH_MONTHS, Freshness
from volia.data.clock import today as build_today
from volia.data.loading import data_stamp, load_dataset, load_policy
from volia.data.problems import DataError
from volia.model.dataset import Dataset
from volia.model.languages import LANGUAGES
from volia.model.policy import PolicyData
from volia.model.publication import PublicDataset, cut
from volia.outputs.open_data import ExportFile, build_exports

ROOT = Path(__file__).resolve().parent.parent.parent
LICENCE_FILE = ROOT / "data" / "LICENSE"  # the data licence (CC BY 4.0), published as data/LICENSE.txt


@dataclass(frozen=True)
class BuildContext:
    lang: str
    today: dt.date
    dataset: Dataset  # the whole set: statistics read it, nothing that publishes does
    public: PublicDataset  # the public cut: everything that publishes reads this
    policy: PolicyData
    site_root: str  # the whole site's address as configured (VOLIA_SITE_URL), or '' when unknown
    repository: str | None  # the repository on GitHub, for correction links and feed ids
    data_dir: Path
    fresh_months: int = DEFAULT_FRESH_MONTHS  # older checks are shown as last known (volia/analysis/freshness.py)
    stamp: tuple = field(default=(), repr=False)  # the data files' names, sizes and times

    @property
    def site_url(self) -> str | None:
        """The address of this language's copy (the site's address plus ru/ or en/), if known."""
        return language_url(self.site_root, self.lang)

    @property
    def freshness(self) -> Freshness:
        return Freshness(self.today, self.fresh_months)

    @property
    def exports(self) -> list[ExportFile]:
        """Every open-data file. Made once per process: the language builds of one `volia build`
        share them (each lists them on its downloads page; only the root build publishes them)."""
        return _exports(self.data_dir, self.today, self.stamp)


def make_context(lang: str, data_dir: Path, site_root: str = "", repository: str | None = None,
                 today: dt.date | None = None, fresh_months: int = DEFAULT_FRESH_MONTHS) -> BuildContext:
    """Load (or reuse) the data and cut it; raises DataError listing every problem in it."""
    if lang not in LANGUAGES:
        raise ValueError(f"the build's language is {lang!r}; expected one of {', '.join(LANGUAGES)}")
    data_dir = data_dir.resolve()
    day = today or build_today()
    stamp = data_stamp(data_dir)
    dataset, public, policy = _load(data_dir, day, stamp)
    return BuildContext(lang=lang, today=day, dataset=dataset, public=public, policy=policy,
                        site_root=site_root or "", repository=repository, data_dir=data_dir,
                        fresh_months=fresh_months, stamp=stamp)


def with_dataset(ctx: BuildContext, dataset: Dataset) -> BuildContext:
    """The same build over an edited dataset (the preview's first look: volia/data/incremental.py).
    The stamp stays the old one: nothing cached under it is read on that path."""
    return replace(ctx, dataset=dataset, public=cut(dataset))


# ---- Once per process ----
# `volia build` runs every language in one process, and `mkdocs serve` rebuilds in one process:
# unchanged files (the same stamp) are read, checked and cut once.

@lru_cache(maxsize=2)
def _load(data_dir: Path, today: dt.date, stamp: tuple) -> tuple[Dataset, PublicDataset, PolicyData]:
    if (data_dir, today, stamp) in _shared:
        return _shared.pop((data_dir, today, stamp))
    problems = []
    try:
        dataset = load_dataset(data_dir, today)
    except DataError as error:
        problems += error.problems
    try:
        policy = load_policy(data_dir)
    except DataError as error:
        problems += error.problems
    if problems:  # every problem of every file at once
        raise DataError(problems)
    return dataset, cut(dataset), policy


# `volia build` builds the languages in processes of their own (volia/cli/build.py). Reading and
# checking the data is the same work in each (about a second per thousand records): it is done once,
# before they start, and handed to each as a pickle in the build's private temporary folder.
_shared: dict[tuple, tuple[Dataset, PublicDataset, PolicyData]] = {}
SHARED_FILE = "checked-data.pickle"


def share_loaded(data_dir: Path, folder: Path) -> Path | None:
    """Load and check the data once for the language processes of one build: the loaded data in
    `folder` (private to this build), or None when the data has a problem; then each language loads
    it and reports every problem, as it always has."""
    key = (data_dir.resolve(), build_today(), data_stamp(data_dir.resolve()))
    try:
        loaded = _load(*key)
    except DataError:
        return None
    finally:
        _load.cache_clear()  # the languages hold it now; this process only waits for them
    path = folder / SHARED_FILE
    with path.open("wb") as stream:
        pickle.dump((key, loaded), stream, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def use_shared(path: Path) -> None:
    """In a language's process: the data share_loaded wrote, used if this build reads the same files
    on the same day (the key says so); otherwise the build loads the data itself."""
    with path.open("rb") as stream:
        key, loaded = pickle.load(stream)  # written by this build's own process, in its private folder
    _shared.clear()
    _shared[key] = loaded


@lru_cache(maxsize=2)
def _exports(data_dir: Path, today: dt.date, stamp: tuple) -> list[ExportFile]:
    _, public, policy = _load(data_dir, today, stamp)
    return build_exports(public, policy, today, LICENCE_FILE)


# ---- Handing it down ----
# MkDocs loads each hook file as a module of its own; the context travels on the configuration
# that every event receives (and mkdocs-macros' env.conf is the same object).

_KEY = "volia_context"


def attach(config: Any, ctx: BuildContext) -> None:
    config[_KEY] = ctx


def of(config: Any) -> BuildContext:
    """The context `on_config` made for this build."""
    return config[_KEY]
