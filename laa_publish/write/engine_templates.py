"""Let MkDocs render the theme's template around every page on every core, and keep it.

Once the pages are converted, MkDocs renders each one's template (Material's header,
navigation and footer around the content) and writes it, one page after another: at county
size most of what is left of the engine's time. A render reads its own page, the navigation
and the configuration, and changes none that another page's render reads, so forked
workers render and write their share with MkDocs' own ``_build_page``. The first page is
rendered here first, so the workers inherit the compiled templates. MkDocs then meets each
page in its usual order: whatever a worker logged is logged again there, so ``strict``
fails as it would have, and the search plugin indexes the page there, as before.

Given a cache folder, each page's written HTML is also kept by the hash of all a render
reads (`template_cache`): after one indicator's edit, only the pages whose converted
content, table of contents or metadata changed are rendered again; the others are written
from the cache. A page whose render logged a warning is never kept, so its warnings are
logged on every build.

It runs under the same conditions as the workers that convert the pages
(`engine_pages.usable`, or `cacheable` for the cache alone), and never for a dirty build.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from laa_publish.parallel import cores
from laa_publish.result_cache import ResultCache
from laa_publish.write.engine_pages import MIN_PAGES, Capture, cacheable, usable
from laa_publish.write.template_cache import page_template_key, site_template_digest

log = logging.getLogger(__name__)
_JOB: dict[str, Any] = {}


def _written(page: Any) -> bytes | None:
    """What MkDocs wrote for a page; None when it wrote nothing (an empty render)."""
    try:
        return Path(page.file.abs_dest_path).read_bytes()
    except FileNotFoundError:
        return None


def _keep(cache: ResultCache | None, key: str | None, page: Any, records: list[Any]) -> None:
    """Keep a page's HTML for the next build, unless its render warned of something."""
    if cache is None or key is None or any(r.levelno >= logging.WARNING for r in records):
        return
    html = _written(page)
    if html is not None:
        cache.put(key, html)


class _Warned(logging.Handler):
    """Notes whether MkDocs warned, leaving each record as its own handlers see it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _logged() -> Iterator[list[logging.LogRecord]]:
    """The warnings MkDocs logs within this block, which still reach its own handlers."""
    warned = _Warned()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(warned)
    try:
        yield warned.records
    finally:
        mk_log.removeHandler(warned)


def _render_one(index: int) -> list[logging.LogRecord]:
    """In a worker: MkDocs' own render and write of one page; what it logged."""
    page, excluded, key = _JOB["pages"][index]
    capture = Capture()
    mk_log = logging.getLogger("mkdocs")
    handlers, propagate = mk_log.handlers, mk_log.propagate
    mk_log.handlers, mk_log.propagate = [capture], False
    try:
        _JOB["original"](page, *_JOB["args"], False, excluded)
    finally:
        mk_log.handlers, mk_log.propagate = handlers, propagate
    _keep(_JOB["cache"], key, page, capture.records)
    return capture.records


def _render_rest(
    pages: list[tuple[Any, bool, str | None]],
    original: Any,
    args: tuple[Any, ...],
    cache: ResultCache | None = None,
) -> dict[str, list[logging.LogRecord]]:
    """Render these pages in forked workers; each page's log records."""
    _JOB.update(pages=pages, original=original, args=args, cache=cache)
    indices = list(range(len(pages)))
    try:
        with multiprocessing.get_context("fork").Pool(min(cores(), len(indices))) as pool:
            results = pool.map(_render_one, indices, chunksize=4)
    finally:
        _JOB.clear()
    log.debug("rendered %d pages' templates in workers", len(indices))
    return {pages[i][0].file.src_uri: records for i, records in zip(indices, results, strict=True)}


class _Plan:
    """This build's pages: which are kept from the last build, which render where."""

    def __init__(self, cache: ResultCache | None) -> None:
        self.cache = cache
        self.keys: dict[str, str] = {}
        self.kept: dict[str, bytes] = {}
        self.rendered: dict[str, list[logging.LogRecord]] = {}

    def look_up(self, config: Any, doc_files: Any, nav: Any) -> None:
        """Each page's key, and the HTML an earlier build kept for it."""
        if self.cache is None:
            return
        site = site_template_digest(config, nav, doc_files)
        for file in doc_files:
            if file.page is None:
                continue
            key = page_template_key(site, file.page, file.inclusion.is_excluded())
            self.keys[file.src_uri] = key
            html = self.cache.get(key)
            if isinstance(html, bytes):
                self.kept[file.src_uri] = html


@contextmanager
def templates_on_every_core(config: Any, cache_dir: Path | None = None) -> Iterator[None]:
    """Within this block, MkDocs renders its pages' templates in forked workers.

    With `cache_dir`, pages whose render reads what an earlier build's did are written
    from it, and the folder keeps exactly this build's pages afterwards.
    """
    import mkdocs.commands.build as mk_build
    from mkdocs import utils

    workers = usable(config)
    cache = ResultCache(cache_dir) if cache_dir is not None and cacheable(config) else None
    if not workers and cache is None:
        yield
        return
    original = mk_build._build_page
    plan = _Plan(cache)
    started = False

    def build_page(
        page: Any,
        config: Any,
        doc_files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        nonlocal started
        uri = page.file.src_uri
        first = not started and not dirty
        if first:
            started = True
            plan.look_up(config, doc_files, nav)
        html = plan.kept.pop(uri, None)
        records = plan.rendered.pop(uri, None)
        if html is None and records is None:
            with _logged() as here:
                original(page, config, doc_files, nav, env, dirty, excluded)
            if not dirty:
                _keep(cache, plan.keys.get(uri), page, here)
        if first and workers:
            rest = [
                (f.page, f.inclusion.is_excluded(), plan.keys.get(f.src_uri))
                for f in doc_files
                if f.page and f.page is not page and f.src_uri not in plan.kept
            ]
            if len(rest) >= MIN_PAGES:
                plan.rendered.update(
                    _render_rest(rest, original, (config, doc_files, nav, env), cache)
                )
        if html is None and records is None:
            return
        if html is not None:
            utils.write_file(html, page.file.abs_dest_path)
        for record in records or []:
            logging.getLogger(record.name).handle(record)
        # as MkDocs would before rendering: the search plugin indexes the page here
        context = mk_build.get_context(nav, doc_files, config, page)
        config.plugins.on_page_context(context, page=page, config=config, nav=nav)

    mk_build._build_page = build_page
    try:
        yield
        if cache is not None and started:
            cache.mark_used(plan.keys.values())
            cache.prune()
    finally:
        mk_build._build_page = original
