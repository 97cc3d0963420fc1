"""The HTML parser's own view of tags, shared by the quick passes that stand in for a full parse.

Parsing a county's pages tag by tag in Python costs tens of seconds, so the hardening and
the engine's anchor collection first look at the markup with the parser's own regular
expressions. Where the markup is plain (no comments, declarations, processing instructions,
unusual end tags or raw-text elements other than our JSON-LD), these find exactly the start
tags that the parser would.
"""

from __future__ import annotations

import html.parser
import re

# The parser's own grammar of a start tag (without its closing '>' or '/>').
START_TAG: re.Pattern[str] = html.parser.locatestarttagend_tolerant  # type: ignore[attr-defined]
# every plain tag, for findall: (end tag's name, start tag's name, its text, how it closes)
TAG_PARTS = re.compile(
    r"</([a-zA-Z][a-zA-Z0-9]*)>|(?=<([a-zA-Z][^\t\n\r\f />\x00]*))((?>"
    + START_TAG.pattern
    + r"))(/?>)",
    START_TAG.flags,
)
ODD_END_TAG = re.compile(r"</(?![a-zA-Z][a-zA-Z0-9]*>)")  # any end tag but </name>
JSON_LD_OPEN = '<script type="application/ld+json">'  # as render.jsonld writes it: data
SCRIPT_END = re.compile(r"</\s*script\s*>", re.IGNORECASE)  # where the parser's script ends


def has_odd_markup(text: str) -> bool:
    """Comments, declarations, processing instructions or unusual end tags: parse in full."""
    return "<!" in text or "<?" in text or ODD_END_TAG.search(text) is not None
