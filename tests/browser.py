"""Shared helpers for browser tests: Debian's Chromium through Playwright, and a local web server.

Import what you need in a test module:

    from browser import chromium, serve_site, unzipped   # pytest fixtures
    from browser import http_server, is_local, watch_requests

Only Debian's /usr/bin/chromium is used (`playwright install` would download a browser). One browser
is started per test session however many modules import the `chromium` fixture: Playwright's sync
API cannot run twice in one thread, and starting Chromium costs about a second.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Schemes that never reach the network: the page's own data, blobs and files on disk.
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}


# ---- The browser ----

class _Shared:
    """One Playwright and one Chromium for the whole session, shared by reference count."""

    def __init__(self) -> None:
        self.users = 0
        self.playwright = None
        self.browser = None

    def acquire(self):
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.users += 1
        return self.browser

    def release(self) -> None:
        self.users -= 1
        if self.users == 0 and self.browser is not None:
            self.browser.close()
            self.playwright.stop()
            self.browser = self.playwright = None


_shared = _Shared()


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium (skips the test when Debian's chromium is not installed: `make browser`)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser`")
    browser = _shared.acquire()
    try:
        yield browser
    finally:
        _shared.release()


# ---- A local web server ----

# What GitHub Pages (and most hosts) send gzip-compressed.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        """With `compress`, text goes out gzip-compressed when the browser accepts it, as hosts do."""
        path = self.translate_path(self.path)
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path)):
            return super().send_head()
        kind = self.guess_type(path)
        if not kind.startswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser dropping a connection mid-response is not a test failure


@contextmanager
def http_server(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve `directory` on http://127.0.0.1:<a free port>/ from a thread; yields the base URL.

    compress=True sends HTML, CSS, JS and JSON gzip-compressed, as GitHub Pages does: use it to
    measure what a reader downloads.
    """
    handler = functools.partial(type("Handler", (_QuietHandler,), {"compress": compress}), directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_site(site: Path) -> Iterator[str]:
    """The session's built site (the `site` fixture from conftest.py) over http://127.0.0.1."""
    with http_server(site) as base:
        yield base


@pytest.fixture(scope="session")
def unzipped(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's offline zip, unpacked as a reader would: the `volia` folder it makes."""
    from volia.outputs import offline_copy

    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site / offline_copy.ZIP_NAME) as archive:
        archive.extractall(target)
    return target / offline_copy.FOLDER


# ---- Watching what a page asks for ----

def is_local(url: str) -> bool:
    """True for URLs that stay on this machine: files, data, blobs, and 127.0.0.1."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


def watch_requests(context) -> list[str]:
    """Record every request the context's pages, frames and workers make; never let one leave.

    Returns the list that fills as pages load. Requests to anything but this machine are recorded,
    then aborted, so that a test failing on them has not already leaked a visit to a third party.
    """
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))

    def guard(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return seen
