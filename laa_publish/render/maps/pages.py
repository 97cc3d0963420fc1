"""The maps each page kind shows, built from the build's atlas and its computed figures."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence

from laa_publish.model.entities import Area, Indicator
from laa_publish.model.periods import period_words
from laa_publish.render.compare import Comparison, comparable
from laa_publish.render.context import Context, Rendered, area_page, built_link, link
from laa_publish.render.maps.atlas import Atlas, Level, Shape, atlas
from laa_publish.render.maps.classes import bands
from laa_publish.render.maps.draw import (
    SEARCH_EXCLUDE,
    Choropleth,
    MapValue,
    choropleth,
    compass,
    index_map,
    map_figure,
    scrolls,
)
from laa_publish.render.maps.draw import locator_svg as draw_locator
from laa_publish.render.text import html_text

MAPS_DIR = "maps"  # each map's own drawing, beside the charts


def mapped_level(ctx: Context, level: str) -> Level | None:
    """The level's shapes when the place has boundaries and the level makes a useful map."""
    found = atlas(ctx.p)
    shapes = found.level(level) if found else None
    return shapes if shapes is not None and shapes.drawable else None


def standing_of(result: Comparison | None) -> str:
    """A comparison with the place as the map counts it: better, worse, same, or ''."""
    if result is None:
        return ""
    if result.better is None and result.gap != 0:  # higher or lower, where neither is better
        return ""
    return {True: "better", False: "worse", None: "same"}[result.better]


def _period(ctx: Context, ind: Indicator, codes: Sequence[str]) -> str:
    periods = sorted(
        {h.latest_period for c in codes if (h := ctx.headline(ind.id, c)) and h.latest_period}
    )
    if not periods:
        return ""
    if len(periods) == 1:
        return period_words(periods[0], ind.period_type)
    first, last = (period_words(p, ind.period_type) for p in (periods[0], periods[-1]))
    return f"latest for each, {first} to {last}"


def indicator_map(
    ctx: Context,
    ind: Indicator,
    level: str,
    figures: Mapping[str, MapValue],
    out: Rendered,
    page: str,
) -> str:
    """A choropleth of every mapped area's latest figure at one level, or '' with no map.

    `figures` are the areas' values as the table beside the map has them, so the two agree
    and each comparison is worked out once; a mapped area without one has no figure.
    """
    shapes = mapped_level(ctx, level)
    found = atlas(ctx.p)
    if shapes is None or found is None:
        return ""
    areas = sorted((ctx.p.areas[c] for c in shapes.shapes), key=lambda a: (a.name, a.code))
    values = [figures.get(a.code) or MapValue(a.code, a.name, None, "", False, "") for a in areas]
    known = [v.value for v in values if v.value is not None]
    if not known:
        return ""
    period = _period(ctx, ind, [a.code for a in areas])
    spec = Choropleth(
        ident=f"map-{level}",
        title=f"{ind.title}: {ctx.level(level).nouns}, {period}",
        level_plural=ctx.level(level).nouns,
        place=ctx.area_name(ctx.place),
        compared=comparable(ind) and ind.judged,
        judged=ind.judged,
        bands=bands(known, ind.polarity),
    )
    path = f"{MAPS_DIR}/{ind.id}-{level}.svg"
    svg, shown = choropleth(found, shapes, spec, values, link(page, path))
    out.draw(path, svg)
    return shown


def _shapes(level: Level | None, codes: Sequence[str]) -> list[Shape]:
    if level is None:
        return []
    return [level.shapes[c] for c in codes if c in level.shapes]


def area_locator(ctx: Context, area: Area, out: Rendered, page: str) -> str:
    """Where an area lies in the place: its level's neighbours around it, itself shaded."""
    path = f"{MAPS_DIR}/areas/{area.code}.svg"

    def shown(title: str, description: str, *shapes: Sequence[Shape]) -> str:
        assert found is not None
        out.draw(path, draw_locator(found, "map-locator", title, description, *shapes))
        alt = f"{title}. {description}"
        return map_figure(found, "map-locator", link(page, path), alt, "", " laa-map--locator")

    found = atlas(ctx.p)
    if found is None:
        return ""
    place = ctx.area_name(ctx.place)
    if area.code == ctx.place:  # the whole place: its next level down, to find one's way in
        below = next(
            (found.levels[lv] for lv in found.levels if lv != area.level and found.levels[lv]),
            None,
        )
        if below is None or area.code not in found.levels.get(area.level, Level("", {})).shapes:
            return ""
        parts = sorted(ctx.area_name(c) for c in below.shapes)
        return shown(
            f"{place} and its {len(parts)} {ctx.level(below.level).nouns}",
            f"A map of {place} divided into its {len(parts)} {ctx.level(below.level).nouns}: "
            + ", ".join(parts)
            + ".",
            list(below.shapes.values()),
            [],
        )
    if area.overlaps:  # a grouping such as a school cluster: the areas it covers parts of
        first = ctx.p.areas.get(area.overlaps[0])
        covered = found.level(first.level) if first else None
        marked = _shapes(covered, area.overlaps)
        if not marked or covered is None:
            return ""
        names = ", ".join(ctx.area_name(c) for c in area.overlaps)
        return shown(
            f"Where {area.name} is, in {place}",
            f"A map of {place} with the {ctx.level(covered.level).nouns} that {area.name} "
            f"covers parts of shaded: {names}.",
            list(covered.shapes.values()),
            marked,
        )
    level = found.level(area.level)
    shape = level.shapes.get(area.code) if level else None
    if level is None or shape is None:
        return ""
    parent = ctx.p.areas.get(area.parent or "")
    siblings = [c.code for c in ctx.p.children(parent.code)] if parent else list(level.shapes)
    context = [s for s in _shapes(level, siblings) if s.code != area.code]
    # the parent's own outline, not every area of its level: a national page would otherwise
    # carry hundreds of districts to place one ward
    parent_level = found.level(parent.level) if parent and parent.code != ctx.place else None
    around = _shapes(parent_level, [parent.code] if parent else [])
    where = compass(found, shape.centre)
    lies = "in the centre of" if where == "centre" else f"in the {where} of"
    within = f", in {parent.name}" if parent and parent.code != ctx.place else ""
    return shown(
        f"Where {area.name} is in {place}",
        f"A map of {place} with {area.name} shaded: it lies {lies} {place}{within}.",
        context,
        [shape],
        around,
    )


def index_maps(ctx: Context, page: str) -> list[str]:
    """For each mapped level, its areas numbered and linked, then the numbered list."""
    found: Atlas | None = atlas(ctx.p)
    if found is None:
        return []
    folder = posixpath.dirname(page)
    parts: list[str] = []
    for name, level in found.levels.items():
        if not level.drawable:
            continue
        areas = sorted((ctx.p.areas[c] for c in level.shapes), key=lambda a: (a.name, a.code))
        entries = [
            (level.shapes[a.code], a.name, built_link(folder, area_page(a.code))) for a in areas
        ]
        title = f"Map of the {len(areas)} {ctx.level(name).nouns} of {ctx.area_name(ctx.place)}"
        svg = index_map(found, level, f"map-{name}", title, entries)
        key = "".join(
            f'<li><a href="{html_text(href)}">{html_text(label)}</a></li>'
            for _, label, href in entries
        )
        parts += [
            f"### {ctx.level(name).plural}" if ctx.level(name).parents else "",
            "",
            f'<figure class="laa-map laa-map--index" id="map-{name}"{scrolls(len(entries))} '
            f"{SEARCH_EXCLUDE}>{svg}"
            f'<figcaption><ol class="laa-map-numbers">{key}</ol></figcaption></figure>',
            "",
        ]
    return parts
