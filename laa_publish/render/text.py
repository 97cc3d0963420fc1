"""Safe, fixed formatting of partner text and numbers for generated Markdown."""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache

from laa_publish.compute.progress import (
    AT_RISK,
    FALLING,
    IMPROVING,
    NO_CHANGE,
    NO_DATA,
    NO_TARGET,
    NOT_COMPARABLE,
    NOT_JUDGED,
    OFF_TRACK,
    ON_TRACK,
    RISING,
    WORSENING,
)
from laa_publish.model.entities import Indicator

STATUS_TEXT = {
    ON_TRACK: ("✓", "On track"),
    AT_RISK: ("!", "At risk"),
    OFF_TRACK: ("✗", "Off track"),
    NO_TARGET: ("–", "No target"),
    NOT_JUDGED: ("○", "Not judged"),
    NO_DATA: ("?", "No data"),
}
DIRECTION_TEXT = {
    IMPROVING: "Improving",
    WORSENING: "Worsening",
    NO_CHANGE: "No change",
    NOT_COMPARABLE: "Not comparable",
    RISING: "Up",
    FALLING: "Down",
}
DIRECTION_ARROW = {IMPROVING: "↗", WORSENING: "↘", NO_CHANGE: "→", RISING: "↑", FALLING: "↓"}
"""One arrow convention across the site: the arrow says better or worse, never up or down
(the signed change beside it says which way the figure moved), so no page reads '↓ Improving'."""
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|])")
_LINE_START = re.compile(r"^([#+\-])")
_LIST_NUMBER = re.compile(r"^(\d+)\.(?=\s)")


def escape(text: object) -> str:
    """Partner text as literal inline Markdown: no HTML, links or formatting survive."""
    flat = " ".join(str(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    return _LIST_NUMBER.sub(r"\1\\.", _LINE_START.sub(r"\\\1", escaped))


_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")


@lru_cache(maxsize=8192)
def html_text(text: str) -> str:
    """Text for a raw HTML table cell; names and periods recur on many rows, so cached."""
    return html.escape(" ".join(text.split()), quote=True)


def theme_text(text: object) -> str:
    """Text the theme may print raw, escaped, unescaped or inside an attribute: reads the same.

    Material prints navigation titles and the site name sometimes raw, sometimes escaped
    (aria-label) and sometimes unescaped (<title>), so the text must not hold a character
    any of those treat specially: < and > become ‹ ›, quotes become typographic, and an &
    that could start a character reference becomes a full-width ＆.
    """
    flat = " ".join(str(text).split())
    flat = flat.replace("<", "‹").replace(">", "›").replace('"', "”").replace("'", "’")
    return _ENTITY_START.sub("＆", flat)


_URL_SPECIAL = re.compile(r"[\x00-\x20()<>\[\]\\`\"'\x7f]")
LINK_SCHEMES = ("https://", "http://", "mailto:")


def md_url(url: str) -> str:
    """A URL for a Markdown link's (destination): nothing in it can end the link or start one.

    Brackets, quotes, spaces and backslashes are percent-encoded, so a URL such as
    'https://a/x)[b](javascript:alert(1)' stays one link; a scheme other than http(s) or
    mailto becomes '#', so a script URL never reaches the page.
    """
    if not url.strip().lower().startswith(LINK_SCHEMES):
        return "#"
    return _URL_SPECIAL.sub(lambda m: f"%{ord(m.group()):02X}", url.strip())


def attr(text: object) -> str:
    """Escape text for an HTML attribute value inside generated Markdown."""
    return html.escape(" ".join(str(text).split()), quote=True)


def counted(n: int, one: str, many: str) -> str:
    """A count with its noun agreeing: "1 partner", "6 partners"."""
    return f"{n:,} {one if n == 1 else many}"


def number(value: float | None, decimals: int) -> str:
    """Fixed-point formatting with thousands separators; never exponent notation."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    rounded = round(float(value), decimals) + 0.0
    return f"{rounded:,.{decimals}f}"


def plain_number(value: float | None, decimals: int) -> str:
    """Fixed-point formatting without separators, for CSV and chart data."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{round(float(value), decimals) + 0.0:.{decimals}f}"


def with_unit(value: float | None, indicator: Indicator) -> str:
    """A value as a reader expects it: '45.2%', '£1,200', '12.3 per 1,000'."""
    text = number(value, indicator.decimals)
    if not text:
        return ""
    if indicator.unit == "percentage":
        return f"{text}%"
    if indicator.unit == "currency":
        return f"£{text}"
    if indicator.unit == "rate" and indicator.rate_per:
        return f"{text} per {indicator.rate_per:,}"
    if indicator.unit == "days":
        return f"{text} days"
    return text


def change_text(change: float | None, indicator: Indicator) -> str:
    """A signed change with its unit, e.g. '+1.2 points' for percentages."""
    if change is None:
        return ""
    text = number(abs(change), indicator.decimals)
    if text.strip("0.,") == "":
        return "no change"
    sign = "+" if change > 0 else "−"
    suffix = " points" if indicator.unit == "percentage" else ""
    return f"{sign}{text}{suffix}"


def status_badge(status: str) -> str:
    """A status in words, styled by class: never colour alone.

    Its symbol (STATUS_TEXT) is drawn by the stylesheet before the words and hidden from
    screen readers there, which keeps a county's tens of thousands of badges to one element.
    """
    style = status.replace("_", "-")
    return f'<span class="laa-status laa-status--{style}">{STATUS_TEXT[status][1]}</span>'


def _direction_span(direction: str, words: str, neutral: bool = False) -> str:
    """Words with the direction's class; its arrow (DIRECTION_ARROW) comes from the stylesheet."""
    style = direction.replace("_", "-") + (" laa-neutral" if neutral else "")
    return f'<span class="laa-direction laa-direction--{style}">{words}</span>'


def direction_badge(direction: str) -> str:
    """Direction of travel in words, with the site's one arrow for better or worse."""
    return _direction_span(direction, DIRECTION_TEXT[direction])


def direction_count(direction: str, count: int) -> str:
    """'↗ 3 improving' with its arrow and colour; a zero count is neutral, never red or green."""
    words = f"{count:,} {DIRECTION_TEXT[direction].lower()}"
    return _direction_span(direction, words, neutral=not count)


def table(headers: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown pipe table; cells must already be escaped."""
    align = align or ["l"] * len(headers)
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
    ]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


HTML_ALIGN = {"l": "", "r": ' align="right"', "c": ' align="center"'}
"""The engine's own tables align numbers with the align attribute; raw ones do the same."""


def html_table(headers: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A table of figures as raw HTML, a row a line; cells and headers must be HTML-safe.

    The engine passes raw HTML through untouched, which at county size is several times
    faster than parsing a pipe table cell by cell. The first cell of each row heads it. A
    bulk table of figures stays out of the search index, which should lead a reader to the
    page by its words instead.
    """
    align = align or ["l"] * len(headers)
    marks = [HTML_ALIGN[a] for a in align]
    head = "".join(f'<th scope="col"{a}>{h}</th>' for h, a in zip(headers, marks, strict=True))
    body = [
        f'<tr><th scope="row"{marks[0]}>{row[0]}</th>'
        + "".join(f"<td{a}>{c}</td>" for c, a in zip(row[1:], marks[1:], strict=True))
        + "</tr>"
        for row in rows
    ]
    return "\n".join(
        [
            "<table data-search-exclude>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
        ]
    )


def compact_number(value: float | None) -> str:
    """A count or amount written exactly but without trailing zeros or exponent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fenced(text: str, language: str = "text") -> str:
    """Literal text as a fenced code block whose fence no run of backticks inside can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    tag = re.sub(r"[^a-z0-9]", "", language.lower())
    body = text if not text or text.endswith("\n") else text + "\n"
    return f"{fence}{tag}\n{body}{fence}"
