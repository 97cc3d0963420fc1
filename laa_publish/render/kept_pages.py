"""Each indicator's own files kept between builds by the hash of what rendering them reads.

An indicator's page, download and comparators file read its definition, its published
figures and progress, its comparators, its slice of the audit (revisions, revised flags,
archived and submitted figures) and its two files' last changes; and, shared by every
indicator, the settings, partners, areas and their boundaries, outcomes, which outcomes
have a story, the releases and the commits. Nothing another indicator holds enters them,
so after one CSV edit only that indicator's files are rendered again and the rest come
from the cache. Its rows on the area pages (`area_rows`) are kept by the same key.
`tests/test_kept_pages.py` edits each of these inputs in turn and checks that every file
and row whose key stayed the same came out the same.

The keys are worked out on the cores that render, beside the rendering they may save.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from laa_publish.frames import frame_digest
from laa_publish.parallel import map_ordered
from laa_publish.render.context import ChartJob, Context, Rendered
from laa_publish.render.renderers import Renderer
from laa_publish.result_cache import ResultCache

T = TypeVar("T")
Alone = tuple[str | bytes, list[ChartJob], dict[str, str]]
"""One file's content, its charts and its drawings: what rendering it alone gives."""


def render_alone(render: Renderer, ctx: Context, key: str) -> Alone:
    """One file of a kind, its charts and its maps: independent of every other file."""
    own = Rendered()
    return render(ctx, key, own), own.charts, own.drawings


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def shared_digest(ctx: Context, salt: str) -> bytes:
    """What every indicator's files read in common, and the code that renders them."""
    p, audit, history = ctx.p, ctx.audit, ctx.history
    digest = hashlib.sha256(salt.encode() + b"\0")
    digest.update(_dumps((p.settings, p.partners, p.areas, p.outcomes, p.releases)))
    digest.update(_dumps((sorted(p.narratives), sorted(p.boundaries))))
    for code in sorted(p.boundaries):
        digest.update(getattr(p.boundaries[code], "wkb", b"") or _dumps(p.boundaries[code]))
    digest.update(_dumps((audit.as_of, audit.mode, audit.releases, audit.current)))
    digest.update(_dumps((list(audit.commits.values()), sorted(audit.sign_offs.items()))))
    digest.update(_dumps((history.available, history.complete)))
    return digest.digest()


def indicator_key(ctx: Context, shared: bytes, ident: str) -> str:
    """The hash of what one indicator's files read: the shared inputs, then its own."""
    audit, ind = ctx.audit, ctx.p.indicators[ident]
    digest = hashlib.sha256(shared + ident.encode() + b"\0")
    digest.update(_dumps(ind))
    digest.update(frame_digest(ctx.computed.published.get(ident)))
    digest.update(_dumps(ctx.computed.progress.get(ident)))
    digest.update(frame_digest(ctx.p.comparators.get(ident)))
    digest.update(_dumps([r for r in audit.revisions if r.indicator == ident]))
    digest.update(_dumps(sorted(r for r in audit.revised if r[0] == ident)))
    for held in (audit.archives, audit.submitted):
        for release in sorted(held):
            digest.update(release.encode() + frame_digest(held[release].get(ident)))
    changes = [ctx.history.last_change.get(path) for path in (ind.source_path, ind.data_path)]
    digest.update(_dumps(changes))
    return digest.hexdigest()


def file_key(inputs: str, kind: str) -> str:
    """The key of one indicator's file of one kind."""
    return hashlib.sha256(f"{inputs}\0{kind}".encode()).hexdigest()


class KeptFiles:
    """Renders an indicator's files of one kind, taking those an earlier build kept."""

    def __init__(self, ctx: Context, cache: ResultCache, salt: str) -> None:
        self.ctx = ctx
        self.cache = cache
        self.shared = shared_digest(ctx, salt)
        # each indicator's inputs hashed once, by the first kind's workers, for the next kinds
        self.inputs: dict[str, str] = {}

    def render(self, kind: str, render: Renderer, keys: list[str]) -> list[Alone]:
        """Each key's file, charts and drawings, from the cache where its inputs are known."""
        return self.each(kind, lambda ident: render_alone(render, self.ctx, ident), tuple, keys)

    def each(self, kind: str, make: Callable[[str], T], made: type[T], keys: list[str]) -> list[T]:
        """`make(ident)` for each indicator, from the cache where its inputs are known.

        The workers make what the cache lacks; what it holds is read here, once, rather than
        read by a worker and then pickled again to reach this process.
        """
        results = map_ordered(lambda ident: self._one(kind, make, ident), keys)
        self.inputs.update(zip(keys, (inputs for inputs, _, _ in results), strict=True))
        self.cache.mark_used(key for _, key, _ in results)
        return [
            value if value is not None else self.cache.made(key, partial(make, ident), made)
            for ident, (_, key, value) in zip(keys, results, strict=True)
        ]

    def _one(self, kind: str, make: Callable[[str], T], ident: str) -> tuple[str, str, T | None]:
        """The indicator's inputs and key, and what `make` gives unless the cache holds it."""
        inputs = self.inputs.get(ident) or indicator_key(self.ctx, self.shared, ident)
        key = file_key(inputs, kind)
        if self.cache.holds(key):
            return inputs, key, None
        value = make(ident)
        self.cache.put(key, value)
        return inputs, key, value
