"""Sparklines as a few hundred bytes of inline SVG, written directly: a county has ~67,000.

They never go through the chart converter. A sparkline shows the shape of one series beside
figures that say it in words (its latest value and direction of travel), so it is decorative
unless the caller gives it a label. It draws with presentation attributes and classes only
(no `style` attribute, which the pages' Content-Security-Policy would block), and takes its
colour from the text around it, so it follows the light and dark schemes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

WIDTH, HEIGHT = 80, 20
PAD = 2.5  # room for the end dot's radius, so it is never clipped
# Drawn on a grid this many times finer than its CSS size, so whole numbers place every point
# within a quarter pixel: a county's ~67,000 sparklines carry no decimals.
SCALE = 2
POINTS = 12  # an 80-pixel line shows no more; callers draw an area's latest this many figures


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Consecutive drawn points; a missing value breaks the line rather than bridging it."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _number(value: float) -> str:
    return str(round(value * SCALE))


def sparkline(
    values: Sequence[float | None],
    label: str | None = None,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """One series as an inline SVG line with a dot on its latest value; "" with nothing to draw.

    With a `label` the image is announced by it; without one it is hidden from assistive
    technology, because the figures beside it already say what it shows.
    """
    known = [float(v) for v in values if v is not None and _finite(float(v))]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    steps = max(len(values) - 1, 1)
    inner_w, inner_h = width - 2 * PAD, height - 2 * PAD

    def place(index: int, value: float) -> tuple[float, float]:
        x = PAD + (inner_w * index / steps if len(values) > 1 else inner_w / 2)
        y = PAD + (inner_h / 2 if span == 0 else inner_h * (high - value) / span)
        return x, y

    points = [
        place(i, float(v)) if v is not None and _finite(float(v)) else None
        for i, v in enumerate(values)
    ]
    parts = []
    for run in _runs(points):
        if len(run) > 1:
            coords = " ".join(f"{_number(x)},{_number(y)}" for x, y in run)
            parts.append(f'<polyline points="{coords}"/>')
    last = next(p for p in reversed(points) if p is not None)
    parts.append(f'<circle cx="{_number(last[0])}" cy="{_number(last[1])}" r="{2 * SCALE}"/>')
    role = (
        f'role="img" aria-label="{html.escape(label, quote=True)}"'
        if label
        else 'aria-hidden="true"'
    )
    return (
        f'<svg class="laa-spark" viewBox="0 0 {width * SCALE} {height * SCALE}" width="{width}" '
        f'height="{height}" {role}>{"".join(parts)}</svg>'
    )
