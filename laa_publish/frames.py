"""Small helpers for pandas frames that are called thousands of times per build."""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
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


def frame_digest(frame: pd.DataFrame | None) -> bytes:
    """A frame's columns, types and every value (index included), hashed.

    Each column's memory is hashed as it lies: an Arrow-backed column's buffers with each
    chunk's offset and length, a NumPy column's bytes; only columns of Python objects are
    hashed value by value. Equal digests mean equal frames; equal frames held in memory
    laid out differently only cost a cache miss.
    """
    if frame is None:
        return b"none"
    digest = hashlib.sha256(repr((list(frame.columns), [str(t) for t in frame.dtypes])).encode())
    digest.update(pd.util.hash_pandas_object(frame.index).to_numpy().tobytes())
    for _, column in frame.items():
        _column_digest(digest, column)
    return digest.digest()


def _column_digest(digest: Any, column: pd.Series) -> None:
    values = column.array
    if hasattr(values, "__arrow_array__"):  # Arrow strings, nullable integers and the like
        chunked = pa.chunked_array(values.__arrow_array__())
        for chunk in chunked.chunks:
            digest.update(repr((chunk.offset, len(chunk), chunk.null_count)).encode())
            for buffer in chunk.buffers():
                digest.update(b"-" if buffer is None else buffer)
    elif column.dtype != object and isinstance(column.dtype, np.dtype):
        digest.update(np.ascontiguousarray(column.to_numpy()).tobytes())
    else:
        digest.update(pd.util.hash_pandas_object(column, index=False).to_numpy().tobytes())
