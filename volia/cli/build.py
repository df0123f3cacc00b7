"""Build the whole site: one MkDocs build per language into one folder.

The default language (Belarusian) is built at the root of site/ and the others into site/ru/ and
site/en/. The languages build at the same time, each in its own process (`jobs`, by default one
per language: three cost about 1.5× one on two cores, and each process holds its own language's
pages only). MkDocs cleans the folder it builds into, so the other languages build into a folder
beside site/ and move into it once every build has succeeded. With jobs=1 they build one after
another in this process, the root language first; the output is the same byte for byte
(tests/test_parallel_build.py).

This module and the hooks are the only code that imports MkDocs (a contract in pyproject.toml
holds the package to it): moving to another site generator means replacing them, and
`volia pages` (volia/site/markdown_tree.py) already writes every generated page as plain Markdown.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from volia.addresses import language_folder
from volia.data.links import symlink_problems
from volia.data.problems import DataError
from volia.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from volia.outputs.offline_copy import write_offline_copy
from volia.site.collisions import PathCollision
from volia.site.context import share_loaded, use_shared

ROOT = Path(__file__).resolve().parent.parent.parent
# lunr has no Belarusian; Russian is the closest. Material's default pipeline keeps only the stop-word
# filter (no stemmer, no trimmer), so every language's index holds lower-cased words split at spaces
# and hyphens, Cyrillic and Latin alike, and folds no accents: record pages add the folded spellings
# themselves (volia/text/names.py), which is how Čapiuk, Capiuk and Чапюк all find one person.
SEARCH_LANG = {"be": "ru", "ru": "ru", "en": "en"}


@contextmanager
def environment(**values: str):
    """Set environment variables for the duration of a block, then restore them as they were."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_language(lang: str, site_dir: Path, config_file: Path = ROOT / "mkdocs.yml",
                   data_dir: Path | None = None) -> None:
    """One language's build into its folder of `site_dir`."""
    # VOLIA_SITE_URL, the whole site's address, passes through unchanged: the build context
    # makes each language's address from it (volia/addresses.py).
    values = {"VOLIA_LANG": lang, "VOLIA_SEARCH_LANG": SEARCH_LANG[lang],
              "VOLIA_SITE_DIR": str((site_dir / language_folder(lang)).resolve())}
    if data_dir is not None:
        values["VOLIA_DATA_DIR"] = str(data_dir.resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with environment(**values):
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


def build_all(site_dir: Path, languages: tuple[str, ...] = LANGUAGES,
              config_file: Path = ROOT / "mkdocs.yml", data_dir: Path | None = None,
              jobs: int | None = None) -> int:
    """Every language, then the offline copy. Returns a process exit code.

    `jobs`: how many languages build at once, each in its own process (default: all of them);
    1 builds them one after another in this process.
    """
    _show_warnings()
    # A link under docs/ would publish what it points to (data/ is checked with the data).
    links = symlink_problems(config_file.parent / "docs", "docs")
    if links:
        print("build failed: " + DataError(links).report(), file=sys.stderr)
        return 1
    ordered = sorted(languages, key=lambda lang: lang != DEFAULT_LANGUAGE)
    jobs = len(ordered) if jobs is None else max(1, jobs)
    if jobs == 1 or len(ordered) == 1:
        for lang in ordered:
            failure = _build_one(lang, site_dir, config_file, data_dir)
            if failure:
                print(failure, file=sys.stderr)
                return 1
    elif not _build_in_parallel(ordered, site_dir, config_file, data_dir, jobs):
        return 1
    # Last, once every language is in place: the zip holds the whole site (and never itself).
    started = time.perf_counter()
    copy = write_offline_copy(site_dir, {SEARCH_LANG[lang] for lang in ordered})
    print(f"offline copy in {time.perf_counter() - started:.1f} s → {copy.path} "
          f"({copy.size / 1e6:.1f} MB, {copy.entries} files, sha256 {copy.sha256})")
    return 0


def _build_one(lang: str, site_dir: Path, config_file: Path, data_dir: Path | None,
               setting: tuple[dict[str, str], str] | None = None, shared: Path | None = None) -> str | None:
    """One language's build; returns None, or what to say when it failed (a message crosses
    processes where an exception might not). `setting`: the environment and working folder to build
    in (a process started by the fork server has the server's, not the caller's)."""
    if setting is not None:
        environ, folder = setting
        os.environ.clear()
        os.environ.update(environ)
        os.chdir(folder)
    if shared is not None:
        use_shared(shared)  # the data, read and checked once for every language (volia/site/context.py)
    _show_warnings()
    started = time.perf_counter()
    try:
        build_language(lang, site_dir, config_file, data_dir)
    except (Abort, ConfigurationError, PluginError, PathCollision) as error:
        return f"build failed ({lang}): {error}"
    except SystemExit as error:  # mkdocs-macros exits on a macro error, after printing it
        return f"build failed ({lang}): a macro failed (exit {error.code}); see the message above"
    print(f"built {lang} in {time.perf_counter() - started:.1f} s → {site_dir / language_folder(lang)}", flush=True)
    return None


def _build_in_parallel(ordered: list[str], site_dir: Path, config_file: Path, data_dir: Path | None,
                       jobs: int) -> bool:
    """The root language straight into `site_dir`, the others into a folder beside it (MkDocs
    cleans the root language's folder, subfolders included), moved in when all have succeeded."""
    site_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-languages-", dir=site_dir.resolve().parent))
    # A fresh interpreter per build (never a fork of this one, which may hold threads and locks),
    # started from a server that has imported MkDocs and the package once already.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, max_tasks_per_child=1) as pool:
            setting = (dict(os.environ), os.getcwd())
            shared = share_loaded(data_dir or config_file.parent / os.environ.get("VOLIA_DATA_DIR", "data"), staging)
            futures = [pool.submit(_build_one, lang, site_dir if lang == DEFAULT_LANGUAGE else staging,
                                   config_file, data_dir, setting, shared) for lang in ordered]
            failures = [failure for failure in (future.result() for future in futures) if failure]
        for failure in failures:
            print(failure, file=sys.stderr)
        if failures:
            return False
        for lang in ordered:
            if lang != DEFAULT_LANGUAGE:
                target = site_dir / language_folder(lang)
                shutil.rmtree(target, ignore_errors=True)
                os.replace(staging / language_folder(lang), target)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _show_warnings() -> None:
    """Print MkDocs' warnings as its own command line does (a strict build stops on them)."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_volia", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._volia = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
