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
from functools import lru_cache

from laa_publish.write.tag_grammar import TAG_PARTS

MARK = "data-search-exclude"
_MARKED_OPEN = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^<>]*?\s" + MARK + r"(?=[\s/>=])[^<>]*>"
)
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
    start), when all inside is plain and nests.

    Its end is found by its own name's tags alone; the inside is then checked whole, so
    a miscount (a self-closed tag of the same name) can only make the check fail.
    """
    depth = 1
    for tag in _same_name(name).finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = tag.start()
            break
    else:
        return None
    inside = html[start:end]
    if _UNSAFE_INSIDE.search(inside):
        return None  # a heading, script or style
    tags = TAG_PARTS.findall(inside)
    if inside.count("<") != len(tags):
        return None  # a '<' that is not a plain tag
    stack: list[str] = []
    for closed, opened, _text, close in tags:
        if closed:
            if not stack or stack.pop() != closed.lower():
                return None
        elif close == ">" and opened.lower() not in VOID:
            stack.append(opened.lower())
    return None if stack else end


@lru_cache(maxsize=64)
def _same_name(name: str) -> re.Pattern[str]:
    """An element's own start and end tags, in any case."""
    return re.compile(r"<(/?)" + re.escape(name) + r"(?=[\s/>])", re.IGNORECASE)


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
