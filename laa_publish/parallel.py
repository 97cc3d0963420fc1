"""Per-indicator work shared out over every core, with results in the same order as serially.

Validation, roll-ups and page rendering treat each indicator on its own, and at county size
each takes tens of seconds on one core. Workers are forked, so they read the partnership
from memory the parent already holds instead of receiving a copy; only each result travels
back. Small jobs, one core, or ``LAA_WORKERS=1`` run in this process, so the output is
identical either way (tests prove it by comparing both).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

# below this many items (or this much work) a fork and the result's pickling cost more than
# the second core saves
MIN_ITEMS = 16

_TASK: dict[str, Any] = {}


def cores() -> int:
    """Cores this process may use: LAA_WORKERS if set, otherwise the affinity mask."""
    wanted = os.environ.get("LAA_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run(index: int) -> Any:
    return _TASK["fn"](_TASK["items"][index])


def map_ordered(fn: Callable[[T], R], items: Sequence[T], *, min_items: int = MIN_ITEMS) -> list[R]:
    """[fn(item) for item in items], on forked workers when it is worth it.

    `fn` may read anything the parent holds (the fork shares it); it must return something
    picklable and must not rely on changing shared state, which a worker's copy would lose.
    """
    workers = min(cores(), len(items))
    if (
        workers < 2
        or len(items) < min_items
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [fn(item) for item in items]
    if _TASK:  # already inside a pooled task: never nest pools
        return [fn(item) for item in items]
    _TASK.update(fn=fn, items=items)
    try:
        context = multiprocessing.get_context("fork")
        chunk = max(1, len(items) // (workers * 4))
        with context.Pool(workers) as pool:
            return pool.map(_run, range(len(items)), chunksize=chunk)
    finally:
        _TASK.clear()
