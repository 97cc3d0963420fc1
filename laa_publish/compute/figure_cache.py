"""Each indicator's computed figures kept by the hash of exactly what computing them reads.

An indicator's published figures and progress depend on its own definition and
observations (and any totals given for its children), on the area register and on the
partnership's settings; nothing another indicator holds enters them. So after one CSV edit
only that indicator is computed again, and the rest come from the cache.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from laa_publish.model.entities import Partnership


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


def figure_keys(p: Partnership, idents: Sequence[str], salt: str) -> list[str]:
    """One key per indicator: the shared inputs and the code (`salt`), then its own."""
    shared = hashlib.sha256(salt.encode() + b"\0")
    shared.update(pickle.dumps((p.areas, p.settings), protocol=pickle.HIGHEST_PROTOCOL))
    keys = []
    for ident in idents:
        digest = shared.copy()
        digest.update(pickle.dumps(p.indicators[ident], protocol=pickle.HIGHEST_PROTOCOL))
        digest.update(frame_digest(p.observations.get(ident)))
        digest.update(frame_digest(p.child_totals.get(ident)))
        keys.append(digest.hexdigest())
    return keys
