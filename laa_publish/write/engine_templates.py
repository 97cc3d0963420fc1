"""Let MkDocs render the theme's template around every page on every core.

Once the pages are converted, MkDocs renders each one's template (Material's header,
navigation and footer around the content) and writes it, one page after another: at county
size most of what is left of the engine's time. A render reads its own page, the navigation
and the configuration, and changes none that another page's render reads, so forked
workers render and write their share with MkDocs' own ``_build_page``. The first page is
rendered here first, so the workers inherit the compiled templates. MkDocs then meets each
page in its usual order: whatever a worker logged is logged again there, so ``strict``
fails as it would have, and the search plugin indexes the page there, as before.

It runs under the same conditions as the workers that convert the pages
(`engine_pages.usable`), and never for a dirty (`serve`) build.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from laa_publish.parallel import cores
from laa_publish.write.engine_pages import MIN_PAGES, Capture, usable

log = logging.getLogger(__name__)
_JOB: dict[str, Any] = {}


def _render_one(index: int) -> list[logging.LogRecord]:
    """In a worker: MkDocs' own render and write of one page; what it logged."""
    page, excluded = _JOB["pages"][index]
    capture = Capture()
    mk_log = logging.getLogger("mkdocs")
    handlers, propagate = mk_log.handlers, mk_log.propagate
    mk_log.handlers, mk_log.propagate = [capture], False
    try:
        _JOB["original"](page, *_JOB["args"], False, excluded)
    finally:
        mk_log.handlers, mk_log.propagate = handlers, propagate
    return capture.records


def _render_rest(
    pages: list[tuple[Any, bool]], original: Any, args: tuple[Any, ...]
) -> dict[str, list[logging.LogRecord]]:
    """Render every page after the first in forked workers; each page's log records."""
    _JOB.update(pages=pages, original=original, args=args)
    rest = list(range(1, len(pages)))
    try:
        with multiprocessing.get_context("fork").Pool(min(cores(), len(rest))) as pool:
            results = pool.map(_render_one, rest, chunksize=4)
    finally:
        _JOB.clear()
    log.debug("rendered %d pages' templates in workers", len(rest))
    return {pages[i][0].file.src_uri: records for i, records in zip(rest, results, strict=True)}


@contextmanager
def templates_on_every_core(config: Any) -> Iterator[None]:
    """Within this block, MkDocs renders its pages' templates in forked workers."""
    import mkdocs.commands.build as mk_build

    if not usable(config):
        yield
        return
    original = mk_build._build_page
    rendered: dict[str, list[logging.LogRecord]] = {}
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
        records = rendered.pop(page.file.src_uri, None)
        if records is None:
            original(page, config, doc_files, nav, env, dirty, excluded)
            if not started and not dirty:
                started = True
                pages = [(f.page, f.inclusion.is_excluded()) for f in doc_files if f.page]
                if len(pages) >= MIN_PAGES and pages[0][0] is page:
                    rendered.update(_render_rest(pages, original, (config, doc_files, nav, env)))
            return
        for record in records:
            logging.getLogger(record.name).handle(record)
        # as MkDocs would before rendering: the search plugin indexes the page here
        context = mk_build.get_context(nav, doc_files, config, page)
        config.plugins.on_page_context(context, page=page, config=config, nav=nav)

    mk_build._build_page = build_page
    try:
        yield
    finally:
        mk_build._build_page = original
