"""Emptying the blocks search skips gives the search plugin exactly the same sections."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from laa_publish.write.search_exclusion import for_search, hollowed


def _sections(html: str) -> list[tuple[str, str | None, str, str]]:
    """What the index is made of: each kept section's heading tag, id, title and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (s.el.tag, s.id, "".join(s.title), "".join(s.text))
        for s in parser.data
        if not s.is_excluded()
    ]


AREA_TABLE = (
    '<div class="laa-areas" data-search-exclude>\n<table><caption>Crime: wards</caption>'
    '<tbody><tr id="trend-E1"><th scope="row"><a href="../areas/E1.html">Ashby</a></th>'
    '<td><svg class="laa-spark" viewBox="0 0 160 40" aria-hidden="true"><polyline points="5,'
    '35 19,23"/><circle cx="19" cy="23" r="4"/></svg></td><td>worse by 6.4 points<br>'
    "</td></tr></tbody></table>\n"
    '<details class="laa-series" data-search-exclude><summary>Every period</summary>'
    "<table><tr><td>1</td></tr></table></details>\n</div>"
)
PAGE = (
    '<h1 id="crime">Crime</h1>\n<p>Crime fell in every <em>district</em>.</p>\n'
    f'<h2 id="each-area">Each area</h2>\n{AREA_TABLE}\n<p>Read the method.</p>\n'
    '<h2 id="about">About</h2>\n<ul><li>Source: police</li></ul>'
)


def test_a_generated_area_table_is_emptied_and_the_sections_stay_the_same() -> None:
    emptied = for_search(PAGE)
    assert '<div class="laa-areas" data-search-exclude></div>' in emptied
    assert "trend-E1" not in emptied and "Every period" not in emptied
    assert _sections(emptied) == _sections(PAGE)
    assert [s[1] for s in _sections(PAGE)] == [None, "each-area", "about"]


@pytest.mark.parametrize(
    "inside",
    [
        '<h3 id="x">A heading inside</h3>',  # the parser opens a section even when skipping
        "<p>never closed",
        "<td>a < b</td>",
        '<a title="x<y">z</a>',
        '<a title="></a></div>">z</a>',
        "<td>1</td><a",
        "<script>var a = 1;</script>",
        "<!-- a comment -->",
        "<br></br>",
    ],
)
def test_an_element_the_parser_may_read_differently_keeps_its_inside(inside: str) -> None:
    html = f'<h1 id="t">T</h1><div data-search-exclude>{inside}</div><p>after</p>'
    assert hollowed(html) is html
    assert for_search(html) is html


def test_a_value_holding_a_closing_angle_is_read_as_the_parser_reads_it() -> None:
    html = '<h1 id="t">T</h1><div data-search-exclude><a title="x>y">z</a></div><p>p</p>'
    assert hollowed(html) == '<h1 id="t">T</h1><div data-search-exclude></div><p>p</p>'
    assert _sections(for_search(html)) == _sections(html)


def test_a_page_with_a_deeply_nested_heading_is_indexed_whole() -> None:
    html = (
        '<h1 id="t">T</h1><div><div><h2 id="deep">Deep</h2><p>x</p></div></div>'
        "<div data-search-exclude><section><p>y</p></section></div><p>after</p>"
    )
    assert hollowed(html) != html, "the element itself is well formed"
    assert for_search(html) is html, "but the section depth could change what follows"


def test_a_page_without_marked_blocks_is_passed_on_as_it_is() -> None:
    html = '<h1 id="t">T</h1><table><tr><td>1</td></tr></table>'
    assert for_search(html) is html


_PIECES = [
    '<h1 id="a">A</h1>', '<h2 id="b">', "</h2>", "<h3>", "</h3>", "<p>", "</p>", "text",
    " ", "\n", "<div data-search-exclude>", "<div>", "</div>", "<table>", "</table>", "<tr>",
    "</tr>", "<td>", "</td>", "<br>", "<svg>", "</svg>", '<polyline points="1,2"/>', "<li>",
    "</li>", "<ul>", "</ul>", "<details data-search-exclude>", "</details>", "<summary>",
    "</summary>", "<", ">", '"', "<script>", "</script>", "<em>", "</em>", "&amp;", "<!--",
    "-->", '<a title="x>y">', '<a title="></a></div>">', "</a>", "<pre>", "</pre>",
    '<h4 id="d">', "</h4>",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24))
def test_for_search_never_changes_the_sections(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert _sections(for_search(html)) == _sections(html), html


def test_the_example_s_search_entries_are_the_same_from_emptied_pages(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from conftest import REPO
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands.build import _populate_page
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from laa_publish.pipeline import generate
    from laa_publish.write.engine_pages import _SearchView

    work = tmp_path_factory.mktemp("search")
    generate(REPO, work)
    config = load_config(str(work / "mkdocs.yml"), site_dir=str(work / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = get_files(config)
    get_navigation(files, config)
    plugin: Any = config.plugins["material/search"]
    emptied = 0
    for file in files.documentation_pages():
        page = file.page or Page(None, file, config)
        _populate_page(page, config, files)
        whole, quick = (SearchIndex(**plugin.search_index.config) for _ in range(2))
        whole.add_entry_from_context(page)
        assert page.content is not None
        content = for_search(page.content)
        quick.add_entry_from_context(_SearchView(page, content))
        assert quick.entries == whole.entries, file.src_uri
        emptied += content is not page.content
    assert emptied > 50, "area and indicator pages carry excluded tables"
