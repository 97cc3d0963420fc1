"""Give the search indexer each page with the blocks it would skip already emptied.

Material's search plugin parses every tag of a page in Python, then drops whatever lies
inside an element marked `data-search-exclude`. On a county site those marked elements are
the area tables, most of the pages' tags. Emptying a marked element (keeping its own start
and end tags) before the parse gives the same index, provided that:
- the parser would have read the inside exactly as written: every `<` inside starts a tag
  that the parser's own grammar closes, or a plain end tag, and the tags nest;
- there is no heading, script or style inside (the parser opens a section at a heading
  even where it skips the text);
- no section's heading lies more than two elements deep, since an end tag inside could
  otherwise move the parser back to an earlier section (`is_exact` checks this on the
  emptied page with the plugin's own parser).

A marked element that fails a check keeps its inside; a page that fails is indexed whole.
"""

from __future__ import annotations

import re

from laa_publish.write.tag_grammar import START_TAG

MARK = "data-search-exclude"
_MARKED_OPEN = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^<>]*?\s" + MARK + r"(?=[\s/>=])[^<>]*>"
)
# an end tag, or a start tag by the parser's own grammar, closed as the parser closes it
_TAG = re.compile(
    r"</(?P<end>[a-zA-Z][a-zA-Z0-9]*)>|(?P<start>(?>" + START_TAG.pattern + r"))(?P<close>/?>)",
    START_TAG.flags,
)
_NAME = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)")
_RAW_TEXT = re.compile(r"<(script|style)(?=[\s/>])[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_UNSAFE_INSIDE = re.compile(r"<(?:h[1-6]|script|style)(?=[\s/>])", re.IGNORECASE)
# inside a marked element at the top level, every end tag is at least this deep
MAX_SECTION_DEPTH = 2
# the search plugin's own list: a void tag never opens a context there
VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    }
)  # fmt: skip


def _inside_end(html: str, name: str, start: int) -> int | None:
    """Where the inside of the element opened just before `start` ends (its end tag's
    start), when all inside is plain and nests."""
    stack = [name]
    for seen, tag in enumerate(_TAG.finditer(html, start), 1):
        if tag.group("end") is not None:
            if stack[-1] != tag.group("end").lower():
                return None
            stack.pop()
            if not stack:
                inside = html[start : tag.start()]
                if inside.count("<") != seen - 1 or _UNSAFE_INSIDE.search(inside):
                    return None  # a '<' that is not a plain tag, or a heading, script, style
                return tag.start()
        elif tag.group("close") == ">":
            opened = _NAME.match(tag.group("start"))
            assert opened is not None  # the grammar starts with the same name
            if opened.group(1).lower() not in VOID:
                stack.append(opened.group(1).lower())
    return None


def hollowed(html: str) -> str:
    """The page's HTML with every well-formed element marked for exclusion emptied."""
    if MARK not in html:
        return html
    raw = [(m.start(), m.end()) for m in _RAW_TEXT.finditer(html)]
    parts: list[str] = []
    pos = 0
    for found in _MARKED_OPEN.finditer(html):
        if found.start() < pos or any(a <= found.start() < b for a, b in raw):
            continue
        end = _inside_end(html, found.group(1).lower(), found.end())
        if end is None:
            continue
        parts.append(html[pos : found.end()])
        pos = end
    if not parts:
        return html
    parts.append(html[pos:])
    return "".join(parts)


def is_exact(emptied: str) -> bool:
    """Whether the search plugin indexes the emptied page as it would the whole one."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(emptied)
    parser.close()
    return all(section.depth <= MAX_SECTION_DEPTH for section in parser.data)


def for_search(html: str) -> str:
    """What the search plugin should parse: the emptied page where that is exact."""
    emptied = hollowed(html)
    if emptied is html or not is_exact(emptied):
        return html
    return emptied
