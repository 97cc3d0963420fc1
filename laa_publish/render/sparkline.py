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
    # a county draws ~134,000 of these: one pass, whole numbers, no per-point calls
    drawn = [float(v) if v is not None and math.isfinite(v) else None for v in values]
    known = [v for v in drawn if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    inner_w, inner_h = (width - 2 * PAD) * SCALE, (height - 2 * PAD) * SCALE
    pad = PAD * SCALE
    step = inner_w / (len(drawn) - 1) if len(drawn) > 1 else 0.0
    first_x = pad if len(drawn) > 1 else pad + inner_w / 2
    runs: list[list[str]] = [[]]
    last = ""
    for i, v in enumerate(drawn):
        if v is None:
            if runs[-1]:
                runs.append([])  # a missing value breaks the line rather than bridging it
            continue
        y = pad + (inner_h / 2 if span == 0 else inner_h * (high - v) / span)
        last = f"{round(first_x + step * i)},{round(y)}"
        runs[-1].append(last)
    parts = [f'<polyline points="{" ".join(run)}"/>' for run in runs if len(run) > 1]
    cx, cy = last.split(",")
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="{2 * SCALE}"/>')
    role = (
        f'role="img" aria-label="{html.escape(label, quote=True)}"'
        if label
        else 'aria-hidden="true"'
    )
    return (
        f'<svg class="laa-spark" viewBox="0 0 {width * SCALE} {height * SCALE}" width="{width}" '
        f'height="{height}" {role}>{"".join(parts)}</svg>'
    )
