"""Readers' privacy in a real browser (Debian's Chromium): the content security policy every page
carries (volia/outputs/privacy.py) lets the site do all it does and nothing else, over
http://127.0.0.1 and from the unzipped offline copy over file:// (where search runs in an iframe).

- one page of every type in every language loads with no policy violation, and its scripts ran;
- search answers, and the copy buttons copy, under the policy;
- negative control: an inline script added to a built page, not among the hashes, is blocked.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import chromium, http_server, serve_site, watch_requests  # noqa: F401 - fixtures
from playwright.sync_api import expect
from test_browser_offline import DESKTOP, LANGUAGE_ROOTS, RECORD, page_type, search, unzipped  # noqa: F401

pytestmark = pytest.mark.browser

# Collects every violation of the policy in the page and in the frames it makes (the search worker's).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  (window.top.__violations || window.__violations).push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""
INJECTED = ("<script>document.documentElement.dataset.injected = 'ran'</script>"
            '<img src="https://images.example.com/p.jpg" alt="">')


def pages_of_every_type(root: Path) -> list[str]:
    """One page of each type in each language folder, the full record among them, and 404.html."""
    chosen: dict[tuple[str, str], str] = {}
    for path in sorted(root.glob("**/*.html")):
        relative = path.relative_to(root).as_posix()
        lang = next(lang for lang, prefix in sorted(LANGUAGE_ROOTS.items(), key=lambda kv: -len(kv[1]))
                    if relative.startswith(prefix))
        if not relative.endswith("404.html"):
            chosen.setdefault((lang, page_type(relative[len(LANGUAGE_ROOTS[lang]):])), relative)
    records = [f"{prefix}prisoners/{RECORD}.html" for prefix in LANGUAGE_ROOTS.values()]
    return sorted(set(chosen.values()) | set(records)) + ["404.html"]


def violations(context, url: str) -> tuple[list[str], object]:
    """Load `url` in a new page of `context`; return the violations reported and the page."""
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url, wait_until="load")
    page.mouse.wheel(0, 20_000)
    page.wait_for_timeout(150)
    return console + page.evaluate("window.__violations"), page


def _context(chromium, **options):  # noqa: F811
    context = chromium.new_context(viewport=DESKTOP, **options)
    context.add_init_script(WATCH)
    return context


@pytest.fixture(params=["http", "file"])
def base(request, serve_site: str, unzipped: Path) -> str:  # noqa: F811
    return serve_site if request.param == "http" else unzipped.as_uri() + "/"


def test_every_page_type_runs_under_the_policy_without_a_violation(chromium, base: str, site: Path) -> None:  # noqa: F811
    paths = pages_of_every_type(site)
    assert len(paths) >= 3 * 11
    context = _context(chromium)
    for path in paths:
        if base.startswith("file:") and path == "404.html":
            continue  # the not-found page is served by a web server; its links are absolute
        found, page = violations(context, base + path)
        assert not found, (path, found)
        # the theme's inline script ran (it defines __md_scope), and so did its bundle
        assert page.evaluate("typeof __md_scope") == "object", path
        assert page.evaluate("document.documentElement.classList.contains('js')"), path
        page.close()
    context.close()


@pytest.mark.parametrize(("lang", "query"), [("be", "Тэставіч"), ("en", "Testovich")])
def test_search_answers_under_the_policy(chromium, base: str, lang: str, query: str) -> None:  # noqa: F811
    context = _context(chromium, offline=base.startswith("file:"))
    found, page = violations(context, base + LANGUAGE_ROOTS[lang] + "index.html")
    assert any(RECORD in href for href in search(page, query))
    assert not found + page.evaluate("window.__violations")
    context.close()


def test_the_copy_buttons_copy_under_the_policy(chromium, serve_site: str) -> None:  # noqa: F811
    context = _context(chromium, permissions=["clipboard-read", "clipboard-write"])
    found, page = violations(context, serve_site + f"en/prisoners/{RECORD}.html")
    envelope = page.locator("figure.volia-envelope").first
    envelope.locator("button.volia-copy").click()
    expect(envelope.locator("button.volia-copy")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()").startswith("Тэставіч Алесь")
    assert not found + page.evaluate("window.__violations")
    context.close()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_an_inline_script_added_to_a_built_page_is_blocked(chromium, site: Path, tmp_path: Path,  # noqa: F811
                                                           scheme: str) -> None:
    """Negative control: the policy is enforced. A script not among the page's hashes does not run and
    is reported; the same page without the policy (its meta tag removed) runs it."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.zip"))
    page_path = copy / "en" / "prisoners" / f"{RECORD}.html"
    html = page_path.read_text(encoding="utf-8")
    page_path.write_text(html.replace("</body>", INJECTED + "</body>"), encoding="utf-8")
    without = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    (page_path.with_name("unprotected.html")).write_text(without.replace("</body>", INJECTED + "</body>"),
                                                         encoding="utf-8")
    context = _context(chromium)
    watch_requests(context)  # nothing may leave the machine, whatever happens
    failed: list[tuple[str, str]] = []
    context.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
    with http_server(copy) as served:
        base = served if scheme == "http" else copy.as_uri() + "/"
        found, page = violations(context, base + f"en/prisoners/{RECORD}.html")
        assert page.evaluate("document.documentElement.dataset.injected") is None
        assert any("script-src" in v for v in found), found
        assert "img-src https://images.example.com/p.jpg" in found, found  # nor a remote image
        assert ("https://images.example.com/p.jpg", "csp") in failed  # stopped by the policy itself
        # the page's own scripts still ran: the policy blocked only the stranger
        assert page.evaluate("typeof __md_scope") == "object"
        found, page = violations(context, base + "en/prisoners/unprotected.html")
        assert page.evaluate("document.documentElement.dataset.injected") == "ran" and not found
    context.close()
