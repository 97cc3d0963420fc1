"""The anchor ids of a page's Markdown, found as MkDocs finds them without parsing every tag.

Before converting a page, MkDocs 1.6 feeds its whole Markdown to an HTML parser only to note
each `id` (and `<a name>`) that a link could point at. At county size that parse takes about
10 of the engine's 57 CPU seconds: the pages carry millions of table tags, and none of them
but the few with an id matters. This pass finds every start tag with the same grammar the
parser uses (Python-Markdown's copy of `html.parser`), in C, and parses only the tags whose
text could hold an id or a name, with MkDocs' own handler, so the ids are the same. It
declines (and MkDocs parses in full, as usual) wherever the two could differ: comments,
declarations, processing instructions, unusual end tags, a tag the parser would not see
closed, or raw text (script, style) other than our JSON-LD.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from laa_publish.write.tag_grammar import JSON_LD_OPEN, SCRIPT_END, has_odd_markup

_TAG_OPEN = re.compile(r"<[a-zA-Z]")  # where the parser starts a tag
# an attribute named id or name, where the grammar lets an attribute name start and end:
# a superset of the tags worth parsing
_MAY_NAME = re.compile(r"""(?<=['"\s/])(?:id|name)(?=[\s/=>])""", re.IGNORECASE)
_RAW_TEXT_OPEN = re.compile(r"<(?:script|style)(?=[\t\n\r\f />\x00`]|$)", re.IGNORECASE)


@cache
def _tag_grammar() -> re.Pattern[str]:
    """A start tag as Python-Markdown's parser sees it, closed by '>' or '/>'.

    The tag is an atomic group, so where the parser's tag is not closed there is no match at
    all, rather than a shorter tag found by backtracking.
    """
    parser = importlib.import_module("markdown.htmlparser").htmlparser
    start = parser.locatestarttagend_tolerant
    return re.compile(f"(?>{start.pattern})(?:/>|>)", start.flags)


def _without_json_ld(text: str) -> tuple[str, int] | None:
    """The text with our JSON-LD bodies cut (raw text to the parser), and how many; None if
    any other script or style is there."""
    parts: list[str] = []
    pos = cut = 0
    for found in _RAW_TEXT_OPEN.finditer(text):
        if found.start() < pos:
            continue
        if not text.startswith(JSON_LD_OPEN, found.start()):
            return None
        body = found.start() + len(JSON_LD_OPEN)
        end = SCRIPT_END.search(text, body)
        if end is None:
            return None
        parts.append(text[pos:body])
        pos, cut = end.start(), cut + 1
    parts.append(text[pos:])
    return "".join(parts), cut


def tags_to_parse(text: str) -> list[str] | None:
    """The start tags that could declare an anchor, in order; None where only a full parse
    is certain to agree with the parser."""
    if has_odd_markup(text) or "\x00" in text:  # NUL separates the tags below
        return None
    expected_json_ld = 0
    if _RAW_TEXT_OPEN.search(text):
        cut = _without_json_ld(text)
        if cut is None:
            return None
        text, expected_json_ld = cut
    tags = _tag_grammar().findall(text)
    if len(tags) != len(_TAG_OPEN.findall(text)):  # a tag left open, or markup in a value
        return None
    if expected_json_ld and tags.count(JSON_LD_OPEN) != expected_json_ld:
        return None  # a "<script" inside an attribute's value: not what was cut
    joined = "\x00".join(tags)
    chosen: list[str] = []
    last = -1
    for hit in _MAY_NAME.finditer(joined):
        first = joined.rfind("\x00", 0, hit.start()) + 1
        if first == last:
            continue
        end = joined.find("\x00", hit.start())
        chosen.append(joined[first : end if end >= 0 else len(joined)])
        last = first
    return chosen


def anchor_ids(text: str, handler: Callable[[], Any]) -> set[str] | None:
    """The ids `handler` (MkDocs' `_HTMLHandler`) would collect from the whole text, or None."""
    chosen = tags_to_parse(text)
    if chosen is None:
        return None
    parser = handler()
    parser.feed("".join(chosen))
    parser.close()
    return set(parser.present_anchor_ids)


@contextmanager
def quick_anchor_ids() -> Iterator[None]:
    """Within this block, MkDocs collects anchor ids with the pass above where it can."""
    from mkdocs.structure import pages

    preprocessor = getattr(pages, "_RawHTMLPreprocessor", None)
    handler = getattr(pages, "_HTMLHandler", None)
    if preprocessor is None or handler is None:  # another MkDocs: leave it as it is
        yield
        return
    original = preprocessor.run

    def run(self: Any, lines: list[str]) -> list[str]:
        ids = anchor_ids("\n".join(lines), handler)
        if ids is None:
            return original(self, lines)  # type: ignore[no-any-return]
        self.present_anchor_ids = ids
        return lines

    preprocessor.run = run
    try:
        yield
    finally:
        preprocessor.run = original
