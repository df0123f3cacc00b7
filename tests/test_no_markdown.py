"""A page with empty Markdown (every generated page) skips MkDocs' Markdown converter
(hooks/volia_no_markdown.py): what it gets instead must be what the installed MkDocs' render makes of
empty Markdown."""

from __future__ import annotations

import importlib.util

import markdown
import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

HOOK = ROOT / "hooks" / "volia_no_markdown.py"


def _load_hook():
    spec = importlib.util.spec_from_file_location("volia_no_markdown", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _load_hook()


def skip_markdown(page: Page) -> None:
    """The hook, as MkDocs calls it once every plugin has had the page's Markdown."""
    page.markdown = hook.on_page_markdown(page.markdown, page=page, config=None, files=Files([]))


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def _page(config, text: str) -> Page:
    file = File("prisoners/fictional-x.md", config.docs_dir, config.site_dir, use_directory_urls=False)
    page = Page("Fictional X", file, config)
    page.markdown = text
    return page


def _rendered(page: Page) -> tuple:
    toc = [(a.id, a.title, a.level, len(a.children)) for a in page.toc]
    return (page.content, toc, page.toc.__class__, page._title_from_render,
            page.present_anchor_ids, {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()})


def test_an_empty_page_gets_what_mkdocs_render_gives_it(config) -> None:
    theirs, ours = _page(config, ""), _page(config, "")
    theirs.render(config, Files([]))
    skip_markdown(ours)
    ours.render(config, Files([]))
    assert _rendered(ours) == _rendered(theirs)
    assert ours.title == theirs.title == "Fictional X"


def test_no_converter_is_built_for_an_empty_page(config, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a Markdown converter was built")

    monkeypatch.setattr(markdown, "Markdown", refuse)
    page = _page(config, "")
    skip_markdown(page)
    page.render(config, Files([]))  # no converter
    with pytest.raises(AssertionError, match="converter was built"):  # control: MkDocs' own render builds one
        _page(config, "").render(config, Files([]))


def test_a_page_with_text_keeps_mkdocs_render(config) -> None:
    page = _page(config, "Some *text*.")
    skip_markdown(page)
    assert page.render.__func__ is Page.render  # control: the hook leaves it alone


def test_a_page_given_text_after_all_is_rendered_by_mkdocs(config) -> None:
    text = "# A heading\n\nSome *text*, [a link](#a-heading).\n"
    theirs, ours = _page(config, text), _page(config, "")
    theirs.render(config, Files([]))
    skip_markdown(ours)
    ours.markdown = text  # as if a plugin after the hook had written some
    ours.render(config, Files([]))
    assert _rendered(ours) == _rendered(theirs)
    assert "<em>text</em>" in ours.content and ours._title_from_render == "A heading"
