"""mkdocs-macros glue: registers the macros essay writers call (volia/site/macros.py, where each
is a plain function of the build context and the page). Documented on docs/about/macros.md.

Only pages with `render_macros: true` in their front matter are rendered (render_by_default is
false), so generated pages — which carry contributor text — never pass through Jinja. Unknown
macros and variables fail the build (on_undefined: strict).
"""

from __future__ import annotations

from typing import Any

from volia.site import context, macros


def define_env(env: Any) -> None:  # env: mkdocs-macros' MacrosPlugin
    ctx = context.of(env.conf)
    env.variables["site_root"] = macros.site_root(ctx)
    for name, macro in macros.MACROS.items():
        env.macro(macro.bind(ctx, lambda: env.page.file.src_uri), name)
