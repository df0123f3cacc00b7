"""Screenshots of the main page types, at a phone's width and a desktop's, in every language.

    python scripts/screenshots.py                       build the site (sample data), then shoot
    python scripts/screenshots.py --site SITE_DIR       shoot a site already built
    python scripts/screenshots.py --out DIR --langs en --pages home record --kinds phone

The site is served on 127.0.0.1 (tests/browser.py's server) and shot with Debian's Chromium through
Playwright (never a downloaded browser). Files: OUT/<page>-<lang>-<kind>.png; the phone shots show
the first screen and a half (what a reader sees before scrolling far), the desktop shots the first
screen. README.md shows three of them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, http_server  # noqa: E402

LANGS = {"be": "", "ru": "ru/", "en": "en/"}
# The pictures README.md shows: (page, language, kind), written at the device's own scale (1×) so
# the repository stays small.
README_SHOTS = (("home", "be", "phone"), ("record", "be", "phone"), ("statistics", "en", "desktop"))
README_DIR = ROOT / ".github" / "readme"
KINDS = {"phone": {"width": 390, "height": 844, "scale": 2, "mobile": True, "screens": 1.5},
         "desktop": {"width": 1280, "height": 800, "scale": 1, "mobile": False, "screens": 1.0}}


def pages(site: Path) -> dict[str, str]:
    """The page types, by name. The record is the first (by file name) with an envelope to write on,
    the page type readers most need to work on a phone; any record if none has one."""
    people = sorted(p for p in (site / "prisoners").glob("*.html") if p.name != "index.html")
    writable = [p for p in people if "volia-envelope" in p.read_text(encoding="utf-8")]
    record = (writable or people)[0].name
    return {"home": "index.html", "list": "prisoners/index.html", "record": f"prisoners/{record}",
            "statistics": "statistics.html", "facility": "facilities/index.html",
            "essay": "strategies/index.html"}


def shoot(site: Path, out: Path, langs: list[str], names: list[str], kinds: list[str],
          scale: float | None = None, browser=None) -> list[Path]:
    """Shoot the pages; with `browser` (a Playwright Chromium already running, as in the tests, where
    a second sync Playwright cannot start in the same thread) that browser is used."""
    out.mkdir(parents=True, exist_ok=True)
    with http_server(site, compress=True) as base:
        if browser is not None:
            return _shoot_with(browser, base, pages(site), out, langs, names, kinds, scale)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _shoot_with(own, base, pages(site), out, langs, names, kinds, scale)
            finally:
                own.close()


def _shoot_with(browser, base: str, available: dict[str, str], out: Path, langs: list[str], names: list[str],
                kinds: list[str], scale: float | None) -> list[Path]:
    written = []
    for kind in kinds:
        k = KINDS[kind]
        context = browser.new_context(viewport={"width": k["width"], "height": k["height"]},
                                      device_scale_factor=scale or k["scale"], is_mobile=k["mobile"])
        page = context.new_page()
        for lang in langs:
            for name in names:
                page.goto(f"{base}{LANGS[lang]}{available[name]}", wait_until="load")
                target = out / f"{name}-{lang}-{kind}.png"
                clip = {"x": 0, "y": 0, "width": k["width"], "height": int(k["height"] * k["screens"])}
                page.screenshot(path=str(target), clip=clip, full_page=True)
                written.append(target)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample data into a temp folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--langs", nargs="+", default=list(LANGS), choices=list(LANGS))
    parser.add_argument("--pages", nargs="+", default=["home", "list", "record", "statistics", "facility", "essay"])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--readme", action="store_true", help=f"also write README's pictures, into {README_DIR}")
    args = parser.parse_args(argv)
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="volia-shots-")) / "site"
        subprocess.run([sys.executable, "-m", "volia.cli", "build", "--site", str(site)], check=True,
                       stdout=subprocess.DEVNULL)
    for path in shoot(site, args.out, args.langs, args.pages, args.kinds):
        print(path)
    if args.readme:
        for name, lang, kind in README_SHOTS:
            for path in shoot(site, README_DIR, [lang], [name], [kind], scale=1):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
