"""Render every registered page kind in order, and the menu that links the pages."""

from __future__ import annotations

from functools import partial

from laa_publish.catalogue.examples import CommonExamples
from laa_publish.compute.audit import Audit
from laa_publish.compute.progress import Computed
from laa_publish.load.history import History
from laa_publish.model.entities import Partnership
from laa_publish.model.site_paths import KINDS, site_menu
from laa_publish.parallel import map_ordered
from laa_publish.render.area_series import warm
from laa_publish.render.context import ChartJob, Context, Rendered
from laa_publish.render.maps import atlas
from laa_publish.render.renderers import Renderer, renderers
from laa_publish.render.sparkline import POINTS
from laa_publish.render.text import theme_text


def nav_title(text: str) -> str:
    """Navigation titles reach the theme's HTML raw, escaped and unescaped: make them plain."""
    return theme_text(text)


def _alone(
    render: Renderer, ctx: Context, key: str
) -> tuple[str | bytes, list[ChartJob], dict[str, str]]:
    """One file of a kind, its charts and its maps: independent of every other file."""
    own = Rendered()
    return render(ctx, key, own), own.charts, own.drawings


def _publish(out: Rendered, path: str, content: str | bytes) -> None:
    if isinstance(content, bytes):
        out.copy(path, content)
    else:
        out.add(path, content)


def render_site(
    p: Partnership,
    computed: Computed,
    history: History,
    audit: Audit | None = None,
    examples: CommonExamples | None = None,
) -> Rendered:
    """Every generated file, in a deterministic order.

    `examples` are the catalogue's common mistakes as the validator reports them, which the
    build keeps in its cache; without them the Partner guide works them out.
    """
    ctx = Context(p, computed, history, audit or Audit(), examples)
    out = Rendered()
    bound = renderers()
    warm(computed.published.values(), POINTS)
    atlas.warm(p)
    for kind in KINDS:
        render = bound[kind.id]
        if kind.keys is None:
            _publish(out, kind.path(), render(ctx, "", out))
            continue
        keys = kind.key_list(p, ctx.audit.archives)
        if kind.packs:
            for key in keys:
                _publish(out, kind.path(key), render(ctx, key, out))
            continue
        for key, (content, charts, files) in zip(
            keys, map_ordered(partial(_alone, render, ctx), keys), strict=True
        ):
            _publish(out, kind.path(key), content)
            out.charts.extend(charts)
            for path, svg in files.items():
                out.draw(path, svg)
    out.nav, out.unlisted = site_menu(p, nav_title)
    return out
