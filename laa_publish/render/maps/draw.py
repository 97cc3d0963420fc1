"""Assemble maps from the atlas's finished path strings: choropleths, locators and index maps.

Each map is one inline SVG inside a <figure>: no script, no tiles, nothing from another host.
It is announced as one image by its title and a description that states its pattern, and
drawn with presentation attributes only (the pages' Content-Security-Policy blocks `style`).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from laa_publish.render.maps.atlas import Atlas, Level, Shape
from laa_publish.render.maps.classes import Bands

# maps are pictures of the tables beside them: search should find the areas' own pages
SEARCH_EXCLUDE = "data-search-exclude"
EDGE = "#505a5f"  # boundaries: 7:1 against white, so every shape's edge is visible
INK = "#0b0c0c"
HIGHLIGHT = "#1d70b8"
BACKDROP = "#f3f2f1"
# a label's size in viewBox units: 11 CSS px or more whenever a map is at least 358 px wide,
# the content width of a 390 px phone (the stylesheet never lets a labelled map go narrower)
LABEL_SIZE = 20
# labelled maps with many areas get a wider minimum (and scroll sideways on a phone), so the
# numbers still fit inside their areas: the stylesheet's laa-map--wide and laa-map--wider
WIDE_ABOVE, WIDER_ABOVE = 40, 150


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def svg_open(
    atlas: Atlas, ident: str, title: str, description: str, extra: str = "", role: str = "img"
) -> str:
    """The map's <svg> with its accessible name and description.

    A map of links is a group, not an image: an image's content is hidden from assistive
    technology, and links inside one could not be reached.
    """
    return (
        f'<svg class="laa-map-svg{extra}" viewBox="0 0 {atlas.width} {atlas.height}" '
        f'role="{role}" aria-labelledby="{ident}-title {ident}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{html.escape(title)}</title>'
        f'<desc id="{ident}-desc">{html.escape(description)}</desc>'
    )


def patterns(ident: str) -> str:
    """Hatching for areas with no figure, and dots for suppressed ones: never a colour alone."""
    return (
        "<defs>"
        f'<pattern id="{ident}-none" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{EDGE}" stroke-width="2.5"/></pattern>'
        f'<pattern id="{ident}-c" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#ffffff"/>'
        f'<circle cx="4" cy="4" r="1.8" fill="{EDGE}"/></pattern>'
        "</defs>"
    )


def _path(shape: Shape, fill: str, title: str = "", extra: str = "") -> str:
    # a path a line: Markdown's HTML block parser slows down on very long lines
    if not title:
        return f'<path d="{shape.path}" fill="{fill}"{extra}/>\n'
    return (
        f'<path d="{shape.path}" fill="{fill}"{extra}><title>{html.escape(title)}</title></path>\n'
    )


STANDINGS = ("better", "worse", "same")


@dataclass(frozen=True, slots=True)
class MapValue:
    """One area's latest figure as a map shows it."""

    code: str
    name: str
    value: float | None
    shown: str  # the figure as written in the table beside the map, e.g. '21.4%', '[c]'
    suppressed: bool
    # against the whole place: "better", "worse", "same", or "" when not compared (a count,
    # or a latest figure for another period than the place's)
    standing: str


@dataclass(frozen=True, slots=True)
class Choropleth:
    """What one choropleth says, worked out from its values before any drawing."""

    ident: str
    title: str
    level_plural: str  # 'neighbourhoods'
    place: str
    compared: bool  # rates and percentages are compared with the place; counts are not
    bands: Bands | None
    judged: bool = True  # False when neither higher nor lower is better


def describe(spec: Choropleth, values: Sequence[MapValue]) -> str:
    """The text alternative: highest and lowest, and how many do better or worse than the place."""
    known = [v for v in values if v.value is not None]
    parts: list[str] = []
    if known:
        high = max(known, key=lambda v: (v.value, v.name))
        low = min(known, key=lambda v: (v.value, v.name))
        parts.append(f"Highest: {high.name}, {high.shown}. Lowest: {low.name}, {low.shown}.")
    if spec.compared and known:
        tally = {word: sum(1 for v in known if v.standing == word) for word in STANDINGS}
        if sum(tally.values()):
            parts.append(
                f"{tally['better']} of {len(known)} {spec.level_plural} with a figure do better "
                f"than {spec.place}, {tally['worse']} worse"
                + (f" and {tally['same']} about the same." if tally["same"] else ".")
            )
        apart = len(known) - sum(tally.values())
        if apart:
            parts.append(
                f"{apart} not compared with {spec.place}, whose latest figure is for another "
                "period."
            )
    elif known and not spec.judged:
        parts.append(
            f"Neither higher nor lower is better for this measure, so no area is called better "
            f"or worse than {spec.place}."
        )
    elif known:
        parts.append(f"Counts are not compared with {spec.place}.")
    suppressed = sum(1 for v in values if v.suppressed)
    missing = len(values) - len(known) - suppressed
    if suppressed:
        parts.append(f"{suppressed} suppressed [c].")
    if missing:
        parts.append(f"{missing} with no figure.")
    return " ".join(parts)


def map_key(spec: Choropleth, values: Sequence[MapValue], ident: str) -> str:
    """The key as HTML text beside the map: each band's range and count, then the patterns."""
    items: list[str] = []
    bands = spec.bands
    if bands is not None:
        known = [v for v in values if v.value is not None]
        members: dict[int, list[MapValue]] = {}
        for v in known:
            members.setdefault(bands.band(v.value or 0.0), []).append(v)
        order = range(len(bands.shades))
        # best first, so the key reads from good to bad
        if bands.worst_high is False:
            order = range(len(bands.shades) - 1, -1, -1)
        for band in order:
            inside = members.get(band, [])
            if not inside:
                continue
            low = min(inside, key=lambda v: v.value or 0.0).shown
            high = max(inside, key=lambda v: v.value or 0.0).shown
            span = _span(low, high)
            items.append(_key_item(bands.shades[band], f"{span} ({len(inside)})"))
    if any(v.suppressed for v in values):
        items.append(_key_item(f"url(#{ident}-key-c)", "[c] suppressed", f"{ident}-key"))
    if any(v.value is None and not v.suppressed for v in values):
        items.append(_key_item(f"url(#{ident}-key-none)", "no figure", f"{ident}-key"))
    if bands is None:
        lead = ""
    elif bands.worst_high is None:
        lead = "Darker is higher. "
    else:
        lead = "Lighter is better, darker is worse. "
    return (
        f'<figcaption class="laa-map-key"><span>{lead}Number of {spec.level_plural} in '
        f"brackets.</span><ul>{''.join(items)}</ul></figcaption>"
    )


_FIGURE = re.compile(r"^(£?-?[\d,.]+)(.*)$")


def _span(low: str, high: str) -> str:
    """A band's range with its unit once: '0.75 to 1.03 per 1,000', '18.2 to 19.9%'."""
    if low == high:
        return low
    a, b = _FIGURE.match(low), _FIGURE.match(high)
    if a and b and a[2] == b[2]:
        return f"{a[1]} to {high}"
    return f"{low} to {high}"


def _key_item(fill: str, text: str, patterned: str = "") -> str:
    swatch = (
        '<svg class="laa-swatch" viewBox="0 0 42 28" width="21" height="14" aria-hidden="true">'
        + (patterns(patterned) if patterned else "")
        + f'<rect x="1" y="1" width="40" height="26" fill="{fill}" stroke="{EDGE}" '
        'stroke-width="2"/></svg>'
    )
    return f"<li>{swatch} {html.escape(text)}</li>"


def choropleth_svg(atlas: Atlas, level: Level, spec: Choropleth, values: Sequence[MapValue]) -> str:
    """A level's areas shaded by their latest figure: a standalone SVG file."""
    ident = spec.ident
    body: list[str] = []
    for v in values:
        shape = level.shapes.get(v.code)
        if shape is None:
            continue
        if v.value is not None and spec.bands is not None:
            fill, title = spec.bands.shades[spec.bands.band(v.value)], ""
        elif v.suppressed:
            fill, title = f"url(#{ident}-c)", f"{v.name}: [c] suppressed"
        else:
            fill, title = f"url(#{ident}-none)", f"{v.name}: no figure"
        body.append(_path(shape, fill, title))
    return (
        svg_open(atlas, ident, spec.title, describe(spec, values))
        + patterns(ident)
        + f'<g stroke="{EDGE}" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">\n'
        + "".join(body)
        + "</g></svg>\n"
    )


def map_figure(atlas: Atlas, ident: str, src: str, alt: str, caption: str, kind: str = "") -> str:
    """A map drawn in its own file, shown as an image with its text alternative and caption.

    The engine then passes one tag, not every shape, and the browser fetches the drawing
    lazily, as it does a chart's.
    """
    return (
        f'<figure class="laa-map{kind}" id="{ident}" {SEARCH_EXCLUDE}>'
        f'<img class="laa-map-img" src="{_attr(src)}" alt="{_attr(alt)}" '
        f'width="{atlas.width}" height="{atlas.height}" loading="lazy">{caption}</figure>'
    )


def choropleth(
    atlas: Atlas, level: Level, spec: Choropleth, values: Sequence[MapValue], src: str
) -> tuple[str, str]:
    """The choropleth's SVG file, and the figure that shows it with its key."""
    svg = choropleth_svg(atlas, level, spec, values)
    alt = f"{spec.title}. {describe(spec, values)}"
    return svg, map_figure(atlas, spec.ident, src, alt, map_key(spec, values, spec.ident))


def scrolls(areas: int) -> str:
    """A wide map's figure scrolls sideways on a phone, so the keyboard must reach it too."""
    return ' tabindex="0"' if areas > WIDE_ABOVE else ""


def index_map(
    atlas: Atlas, level: Level, ident: str, title: str, entries: Sequence[tuple[Shape, str, str]]
) -> str:
    """A level's areas, each numbered and linked to its page: entries are (shape, name, href)."""
    links = []
    labels = []
    for number, (shape, name, href) in enumerate(entries, start=1):
        links.append(
            f'<a href="{_attr(href)}">' + _path(shape, BACKDROP, f"{number}. {name}") + "</a>"
        )
        x, y = shape.label
        labels.append(f'<text x="{x}" y="{y}">{number}</text>')
    wide = (
        " laa-map--wider"
        if len(entries) > WIDER_ABOVE
        else " laa-map--wide"
        if len(entries) > WIDE_ABOVE
        else ""
    )
    description = (
        f"{len(entries)} areas, numbered in alphabetical order; the list after the map gives "
        "each number's name and links to its page."
    )
    return (
        svg_open(atlas, ident, title, description, wide, role="group")
        + f'<g stroke="{EDGE}" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">'
        + "".join(links)
        + "</g>"
        + f'<g class="laa-map-labels" font-size="{LABEL_SIZE}" text-anchor="middle" '
        f'dominant-baseline="central" fill="{INK}" stroke="#ffffff" stroke-width="4" '
        'paint-order="stroke" aria-hidden="true">' + "".join(labels) + "</g></svg>"
    )


def compass(atlas: Atlas, point: tuple[float, float]) -> str:
    """Where a point lies in the place, in words: 'north-west', 'east', 'centre'."""
    x = (point[0] - atlas.width / 2) / (atlas.width / 2)
    y = (atlas.height / 2 - point[1]) / (atlas.height / 2)
    if math.hypot(x, y) < 0.25:
        return "centre"
    names = (
        "east",
        "north-east",
        "north",
        "north-west",
        "west",
        "south-west",
        "south",
        "south-east",
    )
    return names[round(math.degrees(math.atan2(y, x)) / 45) % 8]


def locator_svg(
    atlas: Atlas,
    ident: str,
    title: str,
    description: str,
    context: Sequence[Shape],
    highlighted: Sequence[Shape],
    around: Sequence[Shape] = (),
) -> str:
    """The place's outline, the areas beside it, the larger areas around, and itself shaded."""
    shapes = "".join(_path(s, "#ffffff") for s in context)
    frames = "".join(_path(s, "none") for s in around)
    marked = "".join(
        _path(s, HIGHLIGHT, extra=f' stroke="{INK}" stroke-width="2.5"') for s in highlighted
    )
    return (
        svg_open(atlas, ident, title, description)
        + f'<path d="{atlas.outline}" fill="{BACKDROP}" stroke="{EDGE}" stroke-width="2" '
        'fill-rule="evenodd"/>\n'
        + f'<g stroke="{EDGE}" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">\n'
        + shapes
        + "</g>"
        + f'<g stroke="{INK}" stroke-width="2" fill-rule="evenodd">{frames}</g>'
        + marked
        + "</svg>\n"
    )
