"""Raw HTML blocks set aside before Python-Markdown's parser: the same pages, byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest

from laa_publish.write.raw_blocks import RawBlocks, raw_blocks_set_aside

# the engine's extensions, as the generated mkdocs.yml lists them
EXTENSIONS = ["toc", "tables", "fenced_code", "sane_lists", "abbr", "def_list", "footnotes"]
CONFIGS = {"tables": {"use_align_attribute": True}, "toc": {"permalink": True}}

FRAGMENTS = [
    '<div class="laa-areas" data-search-exclude>\n<table><tr><td>1</td></tr></table>\n</div>',
    '<p data-search-exclude>x <a href="y.html#z">z</a> <code>[p]</code></p>',
    "<div>\n\n<p>a blank line inside</p>\n</div>",
    "<DIV>capitals</div>",
    "<div><!-- a comment --></div>",
    "<script>var a = '<div>';</script>",
    '<details><summary>s</summary>\n<svg viewBox="0 0 1 1"><polyline points="1,1"/>'
    '<circle r="1"/></svg>\n</details>',
    "<div>unclosed",
    "<div>a</div> tail text",
    "<div>a</div>\nthe next line",
    '<img src="x" alt="a>b">',
    "<hr>",
    "<div><p>mis-nested</div>",
    "```\n<div>code</div>\n```",
    "    <div>indented code</div>",
    "- a list item\n<div>after it</div>",
    "| a | b |\n| - | -: |\n| <span>1</span> | 2 |",
    "Text with *emphasis* and <span>inline</span> HTML.",
    "<ul>\n<li>a</li>\n</ul>",
    '<div title="a\nb">an attribute over two lines</div>',
    '<table data-search-exclude>\n<thead><tr><th scope="col">h</th></tr></thead>\n<tbody>\n'
    '<tr><th scope="row">1</th><td align="right">2</td></tr>\n</tbody>\n</table>',
    "# A heading",
    "<div>a</div><div>b</div>",
    "<section><div>opened</div>",
    "</section>",
    "</div>",
    "<p>a < b</p>",
    "<div>&amp; &lt; &#163;</div>",
    "<figure><img src=a><figcaption>c</figcaption></figure>",
    "<div/>",
    "<span>an inline tag at a line start</span>",
    "<div><title>t</title></div>",
    "<div>*not emphasis*</div>",
    "Term\n: a definition",
    "A footnote[^1].\n\n[^1]: <div>inside a footnote</div>",
    "*[HTML]: Hyper Text",
    "<div><a href=x/>a bare value ending in a slash</a></div>",
    "<div>line break<br/>and<br>again</div>",
    "<div>\n<pre>\n<div>\n</pre>\n</div>",
    "   <div>three spaces in</div>",
    "<table>\n\n</table>",
    "<style>div { color: red }</style>",
    '<div class="x" >\n<span\nclass="y">a tag over two lines</span>\n</div>',
    "<p>a\n<p>b</p>",
]


def _convert(text: str, set_aside: bool) -> tuple[str, int]:
    extra = [RawBlocks()] if set_aside else []
    md = markdown.Markdown(extensions=[*EXTENSIONS, *extra], extension_configs=CONFIGS)
    html = md.convert(text)
    return html, len(md.htmlStash.rawHtmlBlocks)


def test_mixed_fragments_convert_the_same_with_blocks_set_aside() -> None:
    rng = random.Random(20261205)
    aside = 0
    for _ in range(600):
        parts = rng.choices(FRAGMENTS, k=rng.randint(1, 6))
        text = "".join(p + rng.choice(["\n\n", "\n", "\n\n\n"]) for p in parts)
        plain, _ = _convert(text, set_aside=False)
        fast, _ = _convert(text, set_aside=True)
        assert fast == plain, text
        md = markdown.Markdown(extensions=[*EXTENSIONS, RawBlocks()], extension_configs=CONFIGS)
        md.preprocessors["laa_raw_blocks"].run(text.split("\n"))
        aside += len(md.htmlStash.rawHtmlBlocks)
    assert aside > 100  # many documents had a block the preprocessor could set aside


def test_a_generated_table_is_set_aside_whole() -> None:
    block = FRAGMENTS[20]
    md = markdown.Markdown(extensions=[*EXTENSIONS, RawBlocks()], extension_configs=CONFIGS)
    md.preprocessors["laa_raw_blocks"].run(["Intro.", "", *block.split("\n"), "", "After."])
    assert md.htmlStash.rawHtmlBlocks == [block + "\n"]


@pytest.mark.parametrize("fragment", [FRAGMENTS[4], FRAGMENTS[5], FRAGMENTS[3], FRAGMENTS[12]])
def test_uncertain_blocks_are_left_to_the_parser(fragment: str) -> None:
    md = markdown.Markdown(extensions=[*EXTENSIONS, RawBlocks()], extension_configs=CONFIGS)
    md.preprocessors["laa_raw_blocks"].run(["", *fragment.split("\n"), ""])
    assert md.htmlStash.rawHtmlBlocks == []


def test_only_plain_extensions_get_the_preprocessor() -> None:
    config = {"markdown_extensions": list(EXTENSIONS)}
    with raw_blocks_set_aside(config):
        assert isinstance(config["markdown_extensions"][-1], RawBlocks)
    assert config["markdown_extensions"] == EXTENSIONS
    other = {"markdown_extensions": [*EXTENSIONS, "md_in_html"]}
    with raw_blocks_set_aside(other):
        assert not any(isinstance(e, RawBlocks) for e in other["markdown_extensions"])
    assert other["markdown_extensions"] == [*EXTENSIONS, "md_in_html"]


@pytest.mark.slow
def test_every_generated_page_of_the_example_converts_the_same(example_site: Path) -> None:
    docs = example_site.parent / "work" / "docs"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text("utf-8")
        assert _convert(text, True)[0] == _convert(text, False)[0], page
