"""mkdocs-macros glue: registers the macros essay writers call (volia/site/macros.py, where each
is a plain function of the build context and the page). Documented on docs/about/macros.md.

Only pages with `render_macros: true` in their front matter are rendered (render_by_default is
false), so generated pages — which carry contributor text — never pass through Jinja. Unknown
macros and variables fail the build (on_undefined: strict).

Also listed under `hooks:` in mkdocs.yml, for on_page_content: a block macro returns a placeholder,
and its HTML takes the placeholder's place after Markdown has run (volia/site/macros.py).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from volia.site import context, macros


def define_env(env: Any) -> None:  # env: mkdocs-macros' MacrosPlugin
    ctx = context.of(env.conf)
    env.variables["site_root"] = macros.site_root(ctx)
    for name, macro in macros.MACROS.items():
        env.macro(macro.bind(ctx, lambda: env.page.file.src_uri), name)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return macros.substitute(context.of(config), page.file.src_uri, html)
