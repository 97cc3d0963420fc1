"""One indicator's row on one area page: kept apart so the rendering context can hold rows."""

from __future__ import annotations

from dataclasses import dataclass

from laa_publish.render.compare import Comparison


@dataclass(frozen=True, slots=True)
class AreaRow:
    """One indicator's row on one area page, and what the page's notes need to know of it."""

    cells: tuple[str, ...]  # every column but the status, which only some tables have
    status: str
    first: Comparison | None  # against the first larger area
    ranked: bool
    symbols: frozenset[str]  # for the page's key to the symbols
