"""Hand Python-Markdown the generated pages' raw HTML blocks already set aside.

Most of a county page is raw HTML that laa-publish wrote: area tables, sparklines, maps.
Python-Markdown passes such a block through untouched, but finds where it ends by feeding
every tag to its HTML parser, which at county size is most of the engine's conversion time.
This preprocessor runs just before Python-Markdown's own (`html_block`) and sets aside, in
the same stash and with the same text, each block whose extent is certain without that
parser: it starts a line after a blank line, its tags all follow the parser's own grammar
and nest, it holds no comment, script, style or other markup-bearing text, and its last tag
closes it at the end of a line followed by a blank line. Anything else is left to the
parser, so the converted page is the same byte for byte (`tests/test_raw_blocks.py`).

It is an optimisation of the engine's work only: the generated Markdown is unchanged, and
another engine converts it as it always would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from laa_publish.write.search_exclusion import VOID
from laa_publish.write.tag_grammar import TAG_PARTS

# after whitespace (30), metadata (27) and fenced code (25); before raw HTML's own (20)
PRIORITY = 24
# Python-Markdown's extensions that leave raw HTML blocks to its own preprocessor; with any
# other (md_in_html, or a package's), pages are converted as they always were
PLAIN_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code",
        "footnotes", "legacy_attrs", "legacy_em", "meta", "nl2br", "sane_lists", "smarty",
        "tables", "toc", "wikilinks",
    }
)  # fmt: skip
_OPEN = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
# where the parser opens a raw block of its own: up to three spaces, then a tag
_LINE_START = re.compile(r" {0,3}<([a-zA-Z][^\t\n\r\f />\x00]*)")
# text the HTML parser reads in a mode of its own, or that a page's Markdown could change
_UNCERTAIN = re.compile(r"<!|<\?|<(?:script|style|textarea|title)(?=[\s/>])|markdown=", re.I)
# a page with fenced code could hold a tag-like line that is code, not a block
_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})", re.M)


def _ends_cleanly(block: str) -> bool:
    """Whether the block is one element whose tags nest and whose last tag closes it.

    Names are compared as written: a tag in capitals only sends the block to the parser.
    """
    tags = TAG_PARTS.findall(block)
    if block.count("<") != len(tags):
        return False  # a '<' that starts no plain tag
    stack: list[str] = []
    last = len(tags) - 1
    for i, (end, name, body, close) in enumerate(tags):
        if end:
            if not stack or stack.pop() != end:
                return False
        elif close == ">":
            if body.endswith("/"):
                return False  # '<div/>' or a bare value ending in '/': the parser decides
            if name not in VOID:
                stack.append(name)
        if not stack:  # closed (or never opened): by the last tag, nothing after it
            return bool(end) and i == last and block.endswith(f"</{end}>")
    return False


class _SetAside(Preprocessor):
    """Stash each certain raw HTML block, leaving its placeholder between blank lines.

    The parser's state at a block depends on all the text before it, so every line before
    one that is set aside must leave that state plain: no raw block of the parser's own
    (a block-level tag opening a line), and no '<' but complete plain tags. From the first
    line that is not so, the rest of the page is left to the parser.
    """

    def run(self, lines: list[str]) -> list[str]:
        if _FENCE.search("\n".join(lines)):
            return lines
        out: list[str] = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if "<" not in line:
                out.append(line)
                i += 1
                continue
            opened = _OPEN.match(line)
            if opened is not None and not (out and out[-1].strip()):
                end = i
                while end < n and lines[end].strip():
                    end += 1
                block = "\n".join(lines[i:end])
                if (
                    self.md.is_block_level(opened.group(1).lower())
                    and not _UNCERTAIN.search(block)
                    and _ends_cleanly(block)
                ):
                    # as Python-Markdown stores a block followed by a blank line: with a newline
                    out.extend(["", self.md.htmlStash.store(block + ("\n" if end < n else "")), ""])
                    i = end
                    continue
            if self._unsure(line):
                return out + lines[i:]
            out.append(line)
            i += 1
        return out

    def _unsure(self, line: str) -> bool:
        """Whether the parser could read this line other than as text with plain inline tags."""
        starts = _LINE_START.match(line)
        if starts is not None and self.md.is_block_level(starts.group(1).lower()):
            return True
        return bool(_UNCERTAIN.search(line)) or line.count("<") != len(TAG_PARTS.findall(line))


class RawBlocks(Extension):
    """Register the preprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_SetAside(md), "laa_raw_blocks", PRIORITY)


def _plain(extensions: list[Any]) -> bool:
    names = [
        e.removeprefix("markdown.extensions.") if isinstance(e, str) else e for e in extensions
    ]
    return all(isinstance(n, str) and n in PLAIN_EXTENSIONS for n in names)


@contextmanager
def raw_blocks_set_aside(config: Any) -> Iterator[None]:
    """Within this block, MkDocs' pages are converted with the raw blocks set aside first.

    Only when every configured extension is one of Python-Markdown's plain ones.
    """
    extensions = config["markdown_extensions"]
    if not _plain(extensions):
        yield
        return
    extensions.append(RawBlocks())
    try:
        yield
    finally:
        extensions.pop()
