"""Generated pages skip MkDocs' Markdown converter (volia/site/no_markdown.py): what they get instead
must be what the installed MkDocs' render makes of their empty Markdown."""

from __future__ import annotations

import markdown
import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from volia.site.no_markdown import skip_markdown


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


def test_a_page_given_text_after_all_is_rendered_by_mkdocs(config) -> None:
    text = "# A heading\n\nSome *text*, [a link](#a-heading).\n"
    theirs, ours = _page(config, text), _page(config, text)
    theirs.render(config, Files([]))
    skip_markdown(ours)
    ours.render(config, Files([]))
    assert _rendered(ours) == _rendered(theirs)
    assert "<em>text</em>" in ours.content and ours._title_from_render == "A heading"
