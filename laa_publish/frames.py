"""Small helpers for pandas frames that are called thousands of times per build."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd


def rows_of(frame: pd.DataFrame) -> Iterator[Any]:
    """frame.itertuples(index=False), but free for an empty frame.

    pandas builds one iterator per column before it looks at any row, about a millisecond
    for a wide frame, so checks that usually find nothing skip it.
    """
    if frame.empty:
        return iter(())
    return frame.itertuples(index=False)
