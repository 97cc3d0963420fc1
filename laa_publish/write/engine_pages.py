"""Let MkDocs convert pages' Markdown, and index them for search, on every core.

MkDocs converts one page after another, and at county size that is most of a build: about
two thirds of the engine's time goes to Python-Markdown and a quarter to the search
plugin's HTML parser, both per page and independent of every other page. Before MkDocs
reads its first page, this hands all of them to forked workers, which run MkDocs' own
``_populate_page`` and the search plugin's own indexer on their share; MkDocs then takes
each page's results in its usual order, and every warning a worker logged is logged again
at that point, so ``strict`` mode fails exactly as it would have. The search indexer is
given each page with the blocks it would skip already emptied (`search_exclusion`), which
gives the same entries without parsing every table cell.

Given a cache folder, each page's results are also kept by the hash of what they depend
on (`page_cache`), and a later build converts only the pages whose key is new: after one
indicator's edit, the pages that show it.

It stands aside (MkDocs works alone, as usual) unless every condition holds: MkDocs 1.6,
no plugins but search, and no hooks; workers also need a fork start method and two cores,
and without them the pages the cache lacks are converted here, one after another. A plugin
this module does not know could keep state per page that a worker's copy would lose.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from laa_publish.parallel import cores
from laa_publish.result_cache import ResultCache
from laa_publish.write.page_cache import context_key, page_key
from laa_publish.write.search_exclusion import for_search

log = logging.getLogger(__name__)
KNOWN_PLUGINS = frozenset({"search", "material/search"})
MIN_PAGES = 40  # below this, forking costs more than it saves


@dataclass(slots=True)
class PageState:
    """What MkDocs' _populate_page leaves on a page, and the search entries for it."""

    markdown: str | None
    meta: dict[str, Any]
    content: str | None
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    search_entries: list[dict[str, Any]] | None
    records: list[logging.LogRecord]


class Capture(logging.Handler):
    """Keep every record a worker logs, to be logged again in the parent."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # plain text pickles
        record.exc_info = record.exc_text = None
        self.records.append(record)


_JOB: dict[str, Any] = {}


class _SearchView:
    """A page as the search indexer reads it: its content with excluded blocks emptied."""

    def __init__(self, page: Any, content: str) -> None:
        self._page = page
        self.content = content

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


def _search_plugin(config: Any) -> Any | None:
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin, "search_index", None) is not None:
            return plugin
    return None


def _populate_one(index: int) -> PageState:
    """In a worker: MkDocs' own page population, then the search plugin's own indexing."""
    page, config, files, original = (
        _JOB["pages"][index],
        _JOB["config"],
        _JOB["files"],
        _JOB["original"],
    )
    capture = Capture()
    mk_log = logging.getLogger("mkdocs")
    handlers, propagate = mk_log.handlers, mk_log.propagate
    # the handlers would print or count a second time when the records are replayed: capture
    mk_log.handlers, mk_log.propagate = [capture], False
    try:
        original(page, config, files, False)
        entries = None
        plugin = _search_plugin(config)
        if plugin is not None:
            index_type = type(plugin.search_index)
            own = index_type(**plugin.search_index.config)
            content = page.content
            own.add_entry_from_context(
                _SearchView(page, for_search(content)) if isinstance(content, str) else page
            )
            entries = own.entries
    finally:
        mk_log.handlers, mk_log.propagate = handlers, propagate
    links = page.links_to_anchors
    return PageState(
        markdown=page.markdown,
        meta=page.meta,
        content=page.content,
        toc=page.toc,
        title_from_render=page._title_from_render,
        present_anchor_ids=page.present_anchor_ids,
        links_to_anchors=(
            {target.src_uri: dict(anchors) for target, anchors in links.items()}
            if links is not None
            else None
        ),
        search_entries=entries,
        records=capture.records,
    )


def cacheable(config: Any) -> bool:
    """Whether pages can be populated outside MkDocs' loop without changing what it builds."""
    import mkdocs

    plugins = set(config.plugins)
    return (
        mkdocs.__version__.startswith("1.6.")
        and plugins <= KNOWN_PLUGINS
        and not config.get("hooks")
    )


def _forks() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and cores() > 1


def usable(config: Any) -> bool:
    """Whether pages can be populated in workers without changing what MkDocs builds."""
    return cacheable(config) and _forks()


def _apply(page: Any, state: PageState, files: Any) -> None:
    """Put a worker's results on the parent's page, as _populate_page would have."""
    page.markdown, page.meta, page.content, page.toc = (
        state.markdown,
        state.meta,
        state.content,
        state.toc,
    )
    page._title_from_render = state.title_from_render
    page.present_anchor_ids = state.present_anchor_ids
    if state.links_to_anchors is not None:
        page.links_to_anchors = {
            files.get_file_from_path(uri): anchors
            for uri, anchors in state.links_to_anchors.items()
        }
    for record in state.records:
        logging.getLogger(record.name).handle(record)


@contextmanager
def pages_on_every_core(config: Any, cache_dir: Path | None = None) -> Iterator[None]:
    """Within this block, MkDocs populates all its pages in forked workers on first need.

    With `cache_dir`, pages converted by an earlier build with the same inputs are taken
    from it, and the folder keeps exactly this build's pages afterwards.
    """
    import mkdocs.commands.build as mk_build
    from mkdocs.structure.pages import Page

    cache = ResultCache(cache_dir) if cache_dir is not None and cacheable(config) else None
    if cache is None and not usable(config):
        yield
        return
    original = mk_build._populate_page
    states: dict[str, PageState] = {}
    indexed: dict[str, list[dict[str, Any]]] = {}
    patched: list[Any] = []
    started = False

    def populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        nonlocal started
        if not started:
            started = True
            for file in files.documentation_pages():
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)  # as MkDocs would just before reading it
            pages = [f.page for f in files.documentation_pages() if f.page is not None]
            if not dirty and (cache is not None or len(pages) >= MIN_PAGES):
                states.update(_populate_all(pages, config, files, original, indexed, cache))
                patched.extend(_take_search_entries(config, indexed))
        state = states.pop(page.file.src_uri, None)
        if state is None:  # a page made after the first call, or too few pages to share out
            original(page, config, files, dirty)
            return
        config._current_page = page
        try:
            _apply(page, state, files)
        finally:
            config._current_page = None

    mk_build._populate_page = populate
    try:
        yield
        if cache is not None and started:
            cache.prune()
    finally:
        mk_build._populate_page = original
        for index in patched:
            del index.add_entry_from_context  # the class's own method again
        _JOB.clear()


def _take_search_entries(config: Any, indexed: dict[str, list[dict[str, Any]]]) -> list[Any]:
    """Make the search index take a page's entries from its worker instead of parsing again."""
    plugin = _search_plugin(config)
    if plugin is None or not indexed:
        return []
    index = plugin.search_index
    add_entry = index.add_entry_from_context

    def add_from_worker(page: Any) -> None:
        entries = indexed.pop(page.file.src_uri, None)
        if entries is None:
            add_entry(page)
        else:
            index.entries.extend(entries)

    index.add_entry_from_context = add_from_worker
    return [index]


def _populate_all(
    pages: list[Any],
    config: Any,
    files: Any,
    original: Any,
    indexed: dict[str, list[dict[str, Any]]],
    cache: ResultCache | None = None,
) -> dict[str, PageState]:
    """Every page's state, from the cache or computed by forked workers, in MkDocs' order."""
    _JOB.update(pages=pages, config=config, files=files, original=original)
    keys: list[str | None] = [None] * len(pages)
    found: dict[int, PageState] = {}
    if cache is not None:
        context = context_key(
            Path(config.config_file_path).read_bytes(), ((f.src_uri, f.url) for f in files)
        )
        for i, page in enumerate(pages):
            key = keys[i] = page_key(context, page.file.src_uri, page.file.content_bytes)
            cached = cache.get(key)
            if isinstance(cached, PageState):
                found[i] = cached
    missing = [i for i in range(len(pages)) if i not in found]
    if _forks() and len(missing) >= MIN_PAGES:
        workers = min(cores(), len(missing))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_populate_one, missing, chunksize=4)
    else:
        workers = 1
        results = [_populate_one(i) for i in missing]
    for i, result in zip(missing, results, strict=True):
        stored = keys[i]
        if cache is not None and stored is not None:
            cache.put(stored, result)
        found[i] = result
    states = {}
    for i, page in enumerate(pages):
        state = found[i]
        states[page.file.src_uri] = state
        if state.search_entries is not None:
            indexed[page.file.src_uri] = state.search_entries
            state.search_entries = None
    reused = len(pages) - len(missing)
    log.debug("populated %d pages on %d workers; %d from the cache", len(missing), workers, reused)
    return states
