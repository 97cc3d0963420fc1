"""Small helpers for pandas frames that are called thousands of times per build."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import pyarrow as pa


def rows_of(frame: pd.DataFrame) -> Iterator[Any]:
    """frame.itertuples(index=False), but free for an empty frame.

    pandas builds one iterator per column before it looks at any row, about a millisecond
    for a wide frame, so checks that usually find nothing skip it.
    """
    if frame.empty:
        return iter(())
    return frame.itertuples(index=False)


@functools.cache
def _hugepage_setter() -> Callable[[bool], bool] | None:
    """numpy's switch for asking huge pages for its large arrays, where this numpy has one."""
    for name in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            setter = getattr(importlib.import_module(name), "_set_madvise_hugepage", None)
        except ImportError:
            continue
        if callable(setter):
            return setter
    return None


@contextmanager
def small_pages() -> Iterator[None]:
    """Large arrays on ordinary pages while a big table is read and checked.

    numpy (arrays of 4 MiB and more) and Arrow's default allocator ask the kernel for
    transparent huge pages. On a virtual machine whose free memory has gone back to the host
    the first touch of each 2 MiB page costs milliseconds: over a second for the arrays of a
    million-row CSV, far more than huge pages save on arrays that live for a moment. Only
    where memory comes from changes, never a result; the previous settings come back after.
    """
    setter = _hugepage_setter()
    numpy_huge = setter(False) if setter is not None else None
    pool = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(pool)
        if setter is not None and numpy_huge is not None:
            setter(numpy_huge)
