"""`make screenshots` (scripts/screenshots.py) works: it shoots the built site at a phone's and a
desktop's width, and picks a record page with an envelope to write on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from browser import chromium  # noqa: F401 - fixture
from conftest import ROOT
from PIL import Image

pytestmark = pytest.mark.browser


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_screenshot_script_shoots_each_page_type_at_each_width(chromium, site: Path, tmp_path: Path) -> None:  # noqa: F811
    shots = _script()
    assert shots.pages(site)["record"] == "prisoners/fictional-ales-testovich.html"  # held, with an envelope
    written = shots.shoot(site, tmp_path, ["en"], ["record", "list"], ["phone", "desktop"], scale=1, browser=chromium)
    assert sorted(p.name for p in written) == ["list-en-desktop.png", "list-en-phone.png",
                                                "record-en-desktop.png", "record-en-phone.png"]
    with Image.open(tmp_path / "record-en-phone.png") as phone, Image.open(tmp_path / "list-en-desktop.png") as desk:
        assert phone.size == (390, int(844 * 1.5)) and desk.size == (1280, 800)
        assert len(set(phone.convert("L").getdata())) > 10  # a page was drawn, not a blank screen
    # README's pictures are the ones the README shows.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, lang, kind in shots.README_SHOTS:
        assert f".github/readme/{name}-{lang}-{kind}.png" in readme
