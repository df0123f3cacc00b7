"""`volia preview` (make serve): one language served on 127.0.0.1, rebuilt as files change, and an
edited record shown within about two seconds at 5,000 records (issue 17).

MkDocs' own `serve` rebuilds the whole site on every change: 20–28 s at 5,000 records, most of it
spent on pages the edit did not touch. This keeps the last build's state in memory (its
configuration, files, navigation and theme environment) and, when only data/prisoners.yaml changed:

1. first look: the edited records (volia/data/incremental.py, which parses and checks only the
   entries whose text changed) and the lists they appear in (volia/site/touched.py) are rendered
   again and written, and the browser reloads at once;
2. then the whole site again, "dirty": every page is read as in a full build (its content rendered,
   every plugin and hook told about it), but a record page whose content, title, metadata and
   Volia's template variables are those of the previous build is not drawn through the theme and
   written again: its file from the previous build is the same byte for byte. Every other page
   and file is made as a full build makes it, so the site ends exactly as a clean build of the
   same data would (tests/test_preview.py proves it); the browser reloads once more.

Any other change (a template, an essay, the theme, mkdocs.yml, a photo, another data file), or an
edit that adds, removes or renames a record, rebuilds everything, as `mkdocs serve` does. Python
code is not reloaded: restart after changing it. `volia build` never takes these paths.

Like volia/cli/build.py, this module imports MkDocs (the import contract in pyproject.toml allows
the two): it drives MkDocs' own build steps (mkdocs.commands.build) in the order `build()` runs them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from volia.addresses import language_folder
from volia.cli.build import ROOT, SEARCH_LANG, environment
from volia.data import incremental
from volia.data.files import RECORDS
from volia.data.problems import DataError
from volia.site import context
from volia.site.pages import generated_pages
from volia.site.touched import touched_pages

log = logging.getLogger("mkdocs.volia.preview")
SITE_HOOK = "hooks/volia_site.py"  # its `_generated` maps each generated page to what renders it


@dataclass
class _Built:
    """What the last build left: enough to redraw a few pages without building everything."""
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment  # the theme's
    records_text: str  # data/prisoners.yaml as that build read it
    dests: frozenset[str]  # every file the build wrote (a dirty build must write the same set)


class Preview:
    """One language's site in `site_dir`, kept in step with the sources by `rebuild()`."""

    def __init__(self, lang: str, site_dir: Path, config_file: Path = ROOT / "mkdocs.yml",
                 data_dir: Path | None = None, serve_url: str = "http://127.0.0.1:8000/") -> None:
        self.lang, self.site_dir, self.config_file = lang, Path(site_dir), Path(config_file)
        self.data_dir, self.serve_url = data_dir, serve_url
        self.digests: dict[str, str] = {}  # record page src_uri → what its theme rendering was drawn from
        self.built: _Built | None = None
        self._sources: dict[str, int] = {}
        self.on_first_look: Callable[[], None] = lambda: None  # the server reloads browsers here

    # ---- What changed ----

    def _environment(self) -> dict[str, str]:
        values = {"VOLIA_LANG": self.lang, "VOLIA_SEARCH_LANG": SEARCH_LANG[self.lang],
                  "VOLIA_SITE_DIR": str(self.site_dir.resolve())}
        if self.data_dir is not None:
            values["VOLIA_DATA_DIR"] = str(Path(self.data_dir).resolve())
        return values

    def _records_file(self, config: MkDocsConfig) -> Path:
        return context.of(config).data_dir / RECORDS.name

    def _snapshot(self, config: MkDocsConfig) -> dict[str, int]:
        """Every watched file's modification time: the docs, the theme overrides, the templates and
        data, the configuration (a test or an editor may change a file twice within one second:
        nanoseconds)."""
        roots = [Path(config.docs_dir), Path(config.config_file_path), *map(Path, config.watch),
                 context.of(config).data_dir, *map(Path, config.theme.dirs)]
        stamps: dict[str, int] = {}
        for root in roots:
            for path in [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()):
                stamps[str(path.resolve())] = path.stat().st_mtime_ns
        return stamps

    # ---- Building ----

    def build(self) -> None:
        """A whole build, clean: what `mkdocs serve` does on any change."""
        self._build(dirty=False)

    def rebuild(self) -> str:
        """Bring the site in step with its sources; says how ("first look + dirty", or "clean")."""
        built = self.built
        if built is None:
            self.build()
            return "clean"
        now = self._snapshot(built.config)
        changed = {path for path in now.keys() | self._sources.keys() if now.get(path) != self._sources.get(path)}
        if changed != {str(self._records_file(built.config).resolve())}:
            self.build()
            return "clean"
        if self._first_look(built):
            self.on_first_look()
        self._build(dirty=True)
        return "first look + dirty"

    def _first_look(self, built: _Built) -> bool:
        """Redraw the edited records and the lists they are on; False when the edit is not a simple one."""
        ctx = context.of(built.config)
        try:
            edit = incremental.changed_records(ctx.dataset, built.records_text, ctx.data_dir, ctx.today)
        except DataError:
            return False  # the whole rebuild reports every problem
        if edit is None:
            return False
        dataset, _text, ids = edit
        edited = context.with_dataset(ctx, dataset)
        uris = set(touched_pages(ctx.public, edited.public, ids))
        pages = {p.src_uri: p for p in generated_pages(edited, only=uris)}
        found = [built.files.get_file_from_path(uri) for uri in sorted(pages)]
        files: list[File] = [file for file in found if file is not None and file.page is not None]
        if len(files) != len(found):
            return False  # a list that was not there (the first person of a region): the files change
        context.attach(built.config, edited)
        getattr(built.config.plugins[SITE_HOOK], "_generated").update(pages)  # noqa: B009 (a hook's state)
        doc_files = built.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        # The search plugin reads each page for an index that only the whole rebuild writes: a third
        # of the first look's time at 5,000 records, for nothing. Left out here, and only here.
        events = built.config.plugins.events["page_context"]
        saved = list(events)
        events[:] = [m for m in events if type(getattr(m, "__self__", None)).__name__ != "SearchPlugin"]
        try:
            for file in files:
                assert file.page is not None
                _populate_page(file.page, built.config, built.files)
                _build_page(file.page, built.config, doc_files, built.nav, built.env)
        finally:
            events[:] = saved
        return True

    def _build(self, dirty: bool) -> None:
        """MkDocs' build() step by step (mkdocs/commands/build.py), with one difference when `dirty`:
        record pages drawn from the same inputs as last time are not drawn again (see the module's
        docstring). A dirty build whose set of files differs from the last one's starts again clean."""
        with environment(**self._environment()):
            config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        # As volia build does (build_language); serve() tells hooks/volia_privacy.py it is serving.
        config.plugins.on_startup(command="build", dirty=False)
        counter = utils.CountHandler()
        counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(counter)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            records_text = self._records_file(config).read_text(encoding="utf-8")
            sources = self._snapshot(config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            dests = frozenset(f.abs_dest_path for f in files)
            if dirty and (self.built is None or dests != self.built.dests):
                dirty = False
            if not dirty:
                utils.clean_directory(config.site_dir)
                self.digests.clear()
            nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
            inclusion = InclusionLevel.is_in_serve
            for file in files.documentation_pages(inclusion=inclusion):
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                assert file.page is not None
                _populate_page(file.page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(dirty=dirty, inclusion=inclusion)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
            doc_files = files.documentation_pages(inclusion=inclusion)
            for file in doc_files:
                assert file.page is not None
                self._page(file.page, config, doc_files, nav, env, dirty)
            for file in doc_files:
                assert file.page is not None
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            config.plugins.on_post_build(config=config)
            if counts := counter.get_counts():
                raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        except Exception as error:
            config.plugins.on_build_error(error=error)
            self.built = None  # the next change builds everything again
            if isinstance(error, BuildError):
                raise Abort(str(error)) from None
            raise
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)
        self.built = _Built(config, files, nav, env, records_text, dests)
        self._sources = sources

    def _page(self, page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation,
              env: jinja2.Environment,
              dirty: bool) -> None:
        """MkDocs' _build_page, except that a record page is kept (not drawn again) when everything
        its theme rendering reads that can change with the data is as it was: its content, title and
        metadata, and the variables Volia's hooks add to its template context (the others are the
        site's, unchanged when only the data changed). Its page_context event runs either way: the
        search index reads every page."""
        if page.meta.get("volia_kind") != "record":
            _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
            return
        config._current_page = page
        page.active = True
        try:
            variables = config.plugins.on_page_context(get_context(nav, doc_files, config, page),
                                                       page=page, config=config, nav=nav)
            ours = sorted((k, repr(v)) for k, v in variables.items() if k.startswith("volia"))
            digest = hashlib.sha256(repr((page.content, page.title, sorted(page.meta.items(), key=str), ours))
                                    .encode("utf-8")).hexdigest()
            kept = dirty and self.digests.get(page.file.src_uri) == digest and os.path.exists(page.file.abs_dest_path)
            self.digests[page.file.src_uri] = digest
            if not kept:  # the rest of _build_page
                output = env.get_template(page.meta.get("template", "main.html")).render(variables)
                output = config.plugins.on_post_page(output, page=page, config=config)
                utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        finally:
            page.active = False
            config._current_page = None


# ---- Serving ----

def serve(lang: str, host: str = "127.0.0.1", port: int = 8000, config_file: Path = ROOT / "mkdocs.yml",
          data_dir: Path | None = None) -> int:
    """Build once, serve, and rebuild on every change until interrupted."""
    site_dir = Path(tempfile.mkdtemp(prefix="volia-preview-")) / language_folder(lang).rstrip("/")
    preview = Preview(lang, site_dir, config_file, data_dir, serve_url=_serve_url(host, port, "/"))
    lock = threading.Lock()

    def builder() -> None:
        with lock:
            started = time.perf_counter()
            how = preview.rebuild()
            log.info("rebuilt (%s) in %.1f s", how, time.perf_counter() - started)

    handler = logging.StreamHandler()  # MkDocs' messages as `mkdocs serve` shows them (warnings: data problems)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    os.environ["VOLIA_SERVING"] = "1"  # hooks/volia_privacy.py: no content security policy while serving
    preview.build()
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))

    def first_look_shown() -> None:
        # The server reloads browsers when builder() returns; the first look is ready before the
        # dirty build starts, so browsers reload now too (the epoch a browser polls for).
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()
        server._wanted_epoch = server._visible_epoch + 1
        log.info("first look written: reloading browsers")

    preview.on_first_look = first_look_shown
    assert preview.built is not None
    config = preview.built.config
    for path in [config.docs_dir, config.config_file_path, *config.watch, *config.theme.dirs,
                 str(context.of(config).data_dir)]:
        server.watch(path)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
    return 0
