"""The quick anchor-id pass finds exactly the ids MkDocs' own parse finds, or declines."""

from __future__ import annotations

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _HTMLHandler, _RawHTMLPreprocessor
from rendering import Site, render_repository

from laa_publish.write.engine_anchors import anchor_ids, quick_anchor_ids, tags_to_parse


def _full(text: str) -> set[str]:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return set(handler.present_anchor_ids)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The shipped example, rendered as the build renders it."""
    return render_repository(REPO, tmp_path_factory.mktemp("anchors") / "cache")


def test_every_generated_page_gets_the_same_ids_without_a_full_parse(site: Site) -> None:
    pages = {p: t for p, t in site.rendered.files.items() if p.endswith(".md")}
    assert len(pages) > 100
    with_ids = 0
    for path, text in sorted(pages.items()):
        quick = anchor_ids(text, _HTMLHandler)
        assert quick is not None, f"{path}: generated markup should not need the full parse"
        assert quick == _full(text), path
        with_ids += bool(quick)
    assert with_ids > 50, "area tables and indicator rows carry ids"


def test_an_indicator_page_s_json_ld_is_raw_text_as_the_parser_reads_it() -> None:
    text = (
        '<script type="application/ld+json">{"x": "<a id=\\"inside\\">"}</script>\n\n'
        '<tr id="trend-E1"><td>1</td></tr>\n<a name="old-style"></a> <b name="not-an-a">'
    )
    assert anchor_ids(text, _HTMLHandler) == _full(text) == {"trend-E1", "old-style"}


def test_only_tags_that_may_name_an_anchor_are_parsed() -> None:
    text = (
        '<svg aria-hidden="true" width="80"><polyline points="1,2"/></svg>'
        '<tr ID="a"><td data-id="no" name="x">1</td></tr><h2 id=\'b\'>B</h2>'
    )
    assert tags_to_parse(text) == ['<tr ID="a">', '<td data-id="no" name="x">', "<h2 id='b'>"]
    assert anchor_ids(text, _HTMLHandler) == _full(text) == {"a", "b"}


@pytest.mark.parametrize(
    "text",
    [
        '<!-- <a id="hidden"> -->',
        '<a id="x"',  # never closed: the parser reads it as text
        "</a x>",
        "<?php ?>",
        "<style>a{}</style>",
        "<script>var a = '<b id=\"x\">';</script>",
        '<a title="<b id=y>" id="z">',
        "<a`id=x>",
        "a\x00b",
    ],
)
def test_markup_the_quick_pass_cannot_vouch_for_goes_to_the_full_parse(text: str) -> None:
    assert anchor_ids(text, _HTMLHandler) is None


_PIECES = [
    "<a", "<tr", "<h2", "<b", "<script", '<script type="application/ld+json">', "</script>",
    "<style", "<!--", "-->", ">", "/", "/>", " ", "\t", "\n", '"', "'", "=", "id", "ID",
    "name", "aria-hidden", "x", "y", "&amp;", "&#120;", "<", "</", "</a>", "<!", "<?", "`",
    "text on a line", "<svg", "data-id", ",", '<tr id="trend-1">', "<a name=n>", " id=x",
    ' name="m"', "<h2 id='h'", '<a href="#x" id="y">',
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16))
def test_the_quick_pass_agrees_with_mkdocs_or_declines(pieces: list[str]) -> None:
    text = "".join(pieces)
    quick = anchor_ids(text, _HTMLHandler)
    if quick is not None:
        assert quick == _full(text), text


def test_mkdocs_uses_the_quick_pass_inside_the_block_and_its_own_after() -> None:
    original = _RawHTMLPreprocessor.run
    lines = ['<tr id="trend-E1"><td>1</td></tr>', "", "# Heading", '<a name="n"></a>']
    with quick_anchor_ids():
        assert _RawHTMLPreprocessor.run is not original
        quick = _RawHTMLPreprocessor()
        assert quick.run(lines) == lines
    assert _RawHTMLPreprocessor.run is original
    full = _RawHTMLPreprocessor()
    full.run(lines)
    assert quick.present_anchor_ids == full.present_anchor_ids == {"trend-E1", "n"}
