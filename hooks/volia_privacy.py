"""MkDocs glue for readers' privacy (the logic is in volia/outputs/privacy.py), read as the build runs it:

on_startup       under `mkdocs serve` (make serve) the policy is left out: the server puts its own
                 inline live-reload script into every page it serves, which the policy would block
on_config        read the vendored iframe-worker shim (the search-on-demand script in extra.polyfills
                 loads it over file://): search then runs in its frame, whose one inline script the
                 policy must allow
on_post_page     last of all (after compaction): no referrer, the content security policy with the
                 hashes of the theme's inline scripts on this page, rel="noopener noreferrer" on
                 every link out; an inline script in a page's own content is reported, not allowed
on_post_template the same for the theme's pages that are not pages (404.html)
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from volia.outputs import privacy

log = logging.getLogger("mkdocs.plugins.volia_privacy")
_worker: dict[str, privacy.WorkerBootstrap | None] = {}
SERVING = "VOLIA_SERVING"  # set for the process by `mkdocs serve`: its rebuilds load this module anew
SHIM = "assets/vendor/iframe-worker/shim.js"  # under docs/


def on_startup(*, command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[SERVING] = "1"
        log.info("readers' privacy: no content security policy while serving (live reload is an inline script)")


def _policy() -> bool:
    return os.environ.get(SERVING) != "1"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    shims = [p for p in config.extra.get("polyfills", []) if "iframe-worker" in str(p)]
    try:
        _worker["shim"] = privacy.WorkerBootstrap((Path(config.docs_dir) / SHIM).read_text(encoding="utf-8")) \
            if shims else None
    except (OSError, privacy.PrivacyError) as error:
        raise PluginError(f"readers' privacy: {error}") from None
    return config


@event_priority(-100)  # last: the hashes are of the page as it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    html, own = privacy.protect(output, page.content or "", _worker.get("shim"), policy=_policy())
    for script in own:
        log.warning("%s: an inline script in the page's content is blocked by the content security "
                    "policy (put it in a .js file under docs/assets/): %.60s", page.file.src_uri, script.strip())
    if page.meta.get("volia_kind") == "record":
        page.content = None  # read last here; drawn late (hooks/volia_site.py), so let go once written
    return html


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return privacy.protect(output_content, "", _worker.get("shim"), policy=_policy())[0]
