"""A page for contributors in every language, and the private channel for removals (issue 18).

The channel is written once (mkdocs.yml: extra.private_contact); a build for the real site fails
while it is still the placeholder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, content, read_html
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from volia.site.contact import is_placeholder, production_problem

FORMS = ("new-record.yml", "correction.yml", "removal.yml")


def _extra() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV, !!python/name
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]


@pytest.mark.parametrize(("address", "placeholder"), [
    ("privacy@volia.example", True), ("https://volia.example/", True), ("", True), ("x@example.org", True),
    ("https://preview.test/", True), ("privacy@volia.by", False), ("https://volia-project.github.io/volia/", False),
    ("https://example.community/", False),  # only the reserved names, not every name that starts so
])
def test_placeholders_are_the_reserved_example_domains(address: str, placeholder: bool) -> None:
    assert is_placeholder(address) is placeholder


def test_only_a_build_for_a_real_address_needs_the_real_channel() -> None:
    assert production_problem(None, "privacy@volia.example") is None  # make build
    assert production_problem("http://127.0.0.1:8000/", "privacy@volia.example") is None  # make serve's own address
    assert production_problem("http://[::1]:8000/", "privacy@volia.example") is None
    assert production_problem("https://volia.example/", "privacy@volia.example") is None  # the tests' builds
    assert production_problem("https://volia.by/", "privacy@volia.by") is None
    assert production_problem("https://volia.by/", "privacy@volia.example") == (
        "extra.private_contact in mkdocs.yml is privacy@volia.example, a placeholder, but this build is for "
        "https://volia.by/: write the maintainers' real private address for removal and safety requests there "
        "before building the site for readers")


def test_a_production_build_fails_while_the_channel_is_a_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    assert is_placeholder(_extra()["private_contact"])  # still the placeholder in the repository
    monkeypatch.setenv("VOLIA_SITE_URL", "https://volia-project.github.io/volia/")
    config = load_config(str(ROOT / "mkdocs.yml"))
    spec = importlib.util.spec_from_file_location("volia_site_hook", ROOT / "hooks" / "volia_site.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    with pytest.raises(PluginError, match=r"^extra\.private_contact in mkdocs\.yml is privacy@volia\.example, a "
                       r"placeholder, but this build is for https://volia-project\.github\.io/volia/: "):
        hook.on_config(config)


@pytest.mark.parametrize(("prefix", "heading"), [("", "Як дапамагчы"), ("ru", "Как помочь"), ("en", "Contribute")])
def test_the_contribute_page_links_every_form_and_the_private_channel(site: Path, prefix: str, heading: str) -> None:
    page = read_html(site / prefix / "contribute.html")
    main = content(page)
    assert main.select_one("h1").get_text(strip=True) == heading
    links = {a["href"] for a in main.select("a[href]")}
    repository = _extra()["repository"]
    for form in FORMS:
        assert f"{repository}/issues/new?template={form}" in links
        assert (ROOT / ".github" / "ISSUE_TEMPLATE" / form).exists()
    assert _extra()["private_contact"] in main.get_text()
    assert "{{" not in main.get_text()
    # In the navigation, right after "About".
    titles = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary > ul > li > a, "
                                                          "nav.md-nav--primary > ul > li > label")]
    assert heading in titles


def test_the_issue_forms_point_at_the_page_not_at_an_address_of_their_own() -> None:
    for form in ("removal.yml", "config.yml"):
        text = (ROOT / ".github" / "ISSUE_TEMPLATE" / form).read_text(encoding="utf-8")
        assert "volia.example" not in text and "contribute.html" in text
