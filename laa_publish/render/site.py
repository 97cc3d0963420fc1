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
from laa_publish.render.area_rows import all_area_rows
from laa_publish.render.context import Context, Rendered
from laa_publish.render.kept_pages import KeptFiles, render_alone
from laa_publish.render.maps import atlas
from laa_publish.render.renderers import renderers
from laa_publish.render.text import theme_text
from laa_publish.result_cache import ResultCache


def nav_title(text: str) -> str:
    """Navigation titles reach the theme's HTML raw, escaped and unescaped: make them plain."""
    return theme_text(text)


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
    cache: ResultCache | None = None,
    salt: str = "",
) -> Rendered:
    """Every generated file, in a deterministic order.

    `examples` are the catalogue's common mistakes as the validator reports them, which the
    build keeps in its cache; without them the Partner guide works them out. With `cache`,
    the files of kept kinds whose inputs (and code, `salt`) an earlier build saw are taken
    from it, and the cache then keeps exactly this build's.
    """
    ctx = Context(p, computed, history, audit or Audit(), examples, cache)
    kept = KeptFiles(ctx, cache, salt) if cache is not None else None
    out = Rendered()
    bound = renderers()
    atlas.warm(p)
    ctx.area_rows = all_area_rows(ctx, kept)
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
        if kept is not None and kind.kept:
            results = kept.render(kind.id, render, keys)
        else:
            results = map_ordered(partial(render_alone, render, ctx), keys)
        for key, (content, charts, files) in zip(keys, results, strict=True):
            _publish(out, kind.path(key), content)
            out.charts.extend(charts)
            for path, svg in files.items():
                out.draw(path, svg)
    out.nav, out.unlisted = site_menu(p, nav_title)
    if cache is not None:
        cache.prune()
    return out
