"""Readers leak nothing: every page sends no referrer, runs only the site's own scripts, and its links
out of the site tell the destination nothing.

`protect(html, ...)` is applied to every finished page (hooks/volia_privacy.py, after everything
else has written into it):

- `<meta name="referrer" content="no-referrer">`: a reader who follows a source link does not tell
  the destination (possibly a state site) that they came from here;
- a Content-Security-Policy in a meta tag, first in <head> (it only governs what comes after it):
  scripts, styles, images, fonts, fetches and the search worker from the site itself; inline scripts
  only by the hash of the theme's own, computed here from the finished page, so the list stays right
  when the theme changes; no plugins, frames, forms or <base>;
- every link that leaves the site gets rel="noopener noreferrer" (also those written in essays).

Inline scripts inside the page's content (an essay's raw HTML, say) are never hashed: the browser
blocks them, and the hook reports the page (a warning, which `strict` turns into a failed build).

Over file://, Material's search worker runs in an iframe (the vendored iframe-worker shim), which
writes one inline script into it; that frame inherits this policy. `WorkerBootstrap` reads that
script's text from the shim itself and hashes it with the page's worker address.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable

REFERRER = '<meta name="referrer" content="no-referrer">'
OUTBOUND_REL = ("noopener", "noreferrer")

# What each kind of resource may come from. data: images are the theme's icons, drawn by its CSS.
DIRECTIVES = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "base-uri": "'none'",
    "form-action": "'none'",
}

# A tag's attributes may hold ">" inside quotes.
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_SCRIPT = re.compile(r"<script\b(" + _ATTRIBUTES + r")>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_ANCHOR = re.compile(r"<a\b(" + _ATTRIBUTES + r")>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
# Script types a browser runs; any other type (application/json, say) is data.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_OUTBOUND = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # a scheme, or another host


class PrivacyError(ValueError):
    """A page the policy cannot be put into."""


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _attributes(tag_inside: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in _ATTRIBUTE.findall(tag_inside):
        found.setdefault(name.lower(), value[1:-1] if value[:1] in "\"'" and value else value)
    return found


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run, as the browser hashes it."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _RUNNABLE:
            scripts.append(match.group(2))
    return scripts


def content_policy(script_hashes: Iterable[str]) -> str:
    directives = dict(DIRECTIVES)
    hashes = sorted(set(script_hashes))
    directives["script-src"] = " ".join([directives["script-src"], *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def outbound_links(html: str) -> str:
    """Every <a> whose href leaves the site carries rel="noopener noreferrer" (other rel words kept)."""
    def fix(match: re.Match[str]) -> str:
        inside = match.group(1)
        attributes = _attributes(inside)
        if not _OUTBOUND.match(attributes.get("href", "")):
            return match.group(0)
        words = attributes.get("rel", "").split()
        rel = " ".join(words + [w for w in OUTBOUND_REL if w not in {x.lower() for x in words}])
        without = re.sub(r"""\srel\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""", "", inside, flags=re.IGNORECASE)
        return f'<a{without.rstrip()} rel="{rel}">'

    return _ANCHOR.sub(fix, html)


class WorkerBootstrap:
    """The inline script the iframe-worker shim writes into its frame, for a given worker address.

    The shim (vendored; the search-on-demand script loads it over file://) builds it as a template
    string: `<script>postMessage=${c};importScripts=${d};…filename:"${e}"…<\\/script>`, where c and d
    are functions of the shim (the browser puts in their source text) and e is the worker's address
    as the page's __config gives it.
    """

    def __init__(self, shim: str) -> None:
        found = re.search(r"<script>(.*?)<\\/script>", shim, re.DOTALL)
        if not found or "\\" in found.group(1):
            raise PrivacyError("the iframe-worker shim no longer writes the inline script this build hashes; "
                               "see volia/outputs/privacy.py (WorkerBootstrap)")
        self._parts = re.split(r"\$\{(\w+)\}", found.group(1))  # text, name, text, name, …
        names = set(self._parts[1::2])
        self._functions = {name: _function_source(shim, name) for name in names}
        self._address = [name for name, source in self._functions.items() if source is None]
        if len(self._address) != 1:
            raise PrivacyError(f"the iframe-worker shim's frame script has {self._parts[1::2]} in it; "
                               "expected its functions and one worker address")

    def script(self, worker: str) -> str:
        values = {name: source or worker for name, source in self._functions.items()}
        return "".join(values[part] if i % 2 else part for i, part in enumerate(self._parts))

    def hash_for(self, html: str) -> str | None:
        """The hash of the frame's script for this page's search worker (None without search)."""
        config = _CONFIG.search(html)
        worker = json.loads(config.group(1)).get("search") if config else None
        return sha256_source(self.script(worker)) if worker else None


def _function_source(js: str, name: str) -> str | None:
    """The source text of `function NAME(…){…}` in js, as Function.prototype.toString gives it."""
    start = js.find(f"function {name}(")
    if start < 0:
        return None
    depth = 0
    for index in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[index], 0)
        if depth == 0:
            return js[start:index + 1]
    raise PrivacyError(f"the iframe-worker shim's function {name} has no end")


def protect(html: str, content: str = "", worker: WorkerBootstrap | None = None,
            policy: bool = True) -> tuple[str, list[str]]:
    """The page with its referrer policy, its content security policy and its outbound links fixed.

    `content` is the page's own content (Markdown or generated HTML): inline scripts found there
    are not the theme's and are not allowed. Returns the page and those scripts (for the report).
    policy=False leaves the content security policy out (a development server's own scripts).
    """
    own = inline_scripts(content)
    hashes = {sha256_source(s) for s in inline_scripts(html) if s not in own}
    if worker and (bootstrap := worker.hash_for(html)):
        hashes.add(bootstrap)
    tags = REFERRER + (f'<meta http-equiv="Content-Security-Policy" content="{content_policy(hashes)}">'
                       if policy else "")
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if not anchor:
        raise PrivacyError("a page without <head>: its content security policy has nowhere to go")
    html = html[:anchor.end()] + tags + html[anchor.end():]
    return outbound_links(html), own
