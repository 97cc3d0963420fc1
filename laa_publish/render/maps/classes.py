"""Choropleth classes: the documented rule that sorts each map's areas into shaded bands.

Rule (the method page states it): at most five bands, by quantiles, so each band holds about
the same number of areas; fewer bands when there are fewer distinct values. Quantiles suit
maps of a few dozen areas, where equal intervals leave most bands empty whenever one area
stands out. Bands are numbered from the lowest values up; the shade follows polarity, so the
darkest band is always the worst (or, with no better direction, the highest).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_BANDS = 5
# ColorBrewer's five-class Blues: one hue, ordered by lightness, so it reads the same to
# readers with any colour-vision deficiency and in greyscale print
PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")


@dataclass(frozen=True, slots=True)
class Bands:
    """Upper bounds of each band but the last, and the shade of each band, lowest values first."""

    uppers: tuple[float, ...]
    shades: tuple[str, ...]
    worst_high: bool | None  # True: high values are worse; None: no direction is better

    def band(self, value: float) -> int:
        """The band of a value: how many upper bounds it exceeds."""
        return sum(1 for upper in self.uppers if value > upper)


def band_uppers(values: Sequence[float]) -> tuple[float, ...]:
    """Quantile bounds over the values, each an actual value, repeats merged."""
    ordered = sorted(values)
    distinct = len(set(ordered))
    count = min(MAX_BANDS, distinct)
    uppers: list[float] = []
    for i in range(1, count):
        # the last value of the i-th equal share of the areas
        upper = ordered[max(0, -(-i * len(ordered) // count) - 1)]
        if upper < ordered[-1] and (not uppers or upper > uppers[-1]):
            uppers.append(upper)
    return tuple(uppers)


def bands(values: Sequence[float], polarity: str) -> Bands:
    """The bands for a map's values, shaded darker towards the worse end."""
    uppers = band_uppers(values)
    count = len(uppers) + 1
    # spread the shades over the palette, keeping its extremes for the extreme bands
    picks = [round(i * (len(PALETTE) - 1) / (count - 1)) if count > 1 else 2 for i in range(count)]
    worst_high = {"higher_is_better": False, "lower_is_better": True}.get(polarity)
    order = picks if worst_high in (True, None) else picks[::-1]
    return Bands(uppers, tuple(PALETTE[i] for i in order), worst_high)
