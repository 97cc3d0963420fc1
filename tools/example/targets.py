"""Baselines and targets: a straight-line trajectory to each indicator's intended status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from tools.example.cells import quantize
from tools.example.model import IndicatorSpec, seasonal_factor
from tools.example.tables import read_yaml
from tools.example.timeline import period_midpoint, period_range

# The baseline period, and the first and last periods with targets, by period type.
_PERIODS = read_yaml("periods.yaml")
BASELINE_PERIOD: dict[str, str] = _PERIODS["baseline"]
TARGET_RANGES: dict[str, tuple[str, str]] = {k: tuple(v) for k, v in _PERIODS["targets"].items()}
PERIOD_RANGES: dict[str, tuple[str, str]] = {k: tuple(v) for k, v in _PERIODS["published"].items()}


@dataclass(frozen=True)
class Target:
    """A target for one period (city-wide unless an area is given)."""

    period: str
    value: Decimal
    tolerance: Decimal
    area: str | None = None


def status_of(value: Decimal, target: Target, higher_is_better: bool) -> str:
    """The published method: met, within tolerance, or further off."""
    shortfall = target.value - value if higher_is_better else value - target.value
    if shortfall <= 0:
        return "on"
    return "risk" if shortfall <= target.tolerance else "off"


def _round_target(value: float, spec: IndicatorSpec) -> Decimal:
    step = spec.target_step or 10.0**-spec.decimals
    return quantize(Decimal(round(value / step)) * Decimal(repr(step)), spec.decimals)


def make_targets(
    spec: IndicatorSpec, city: Mapping[str, Decimal]
) -> tuple[tuple[str, Decimal], list[Target]]:
    """The baseline and a straight-line target trajectory that gives the intended status.

    Targets run from the baseline (2022-23 or its equivalent) to the latest
    period, where they sit just below the latest value (on track), just above it
    within tolerance (at risk) or beyond tolerance (off track), and carry on at
    the same pace to 2026-27. Sub-annual targets follow the seasonal pattern.
    """
    ptype = spec.period_type
    base_period = BASELINE_PERIOD[ptype]
    baseline = city[base_period]
    if spec.intent is None:
        return (base_period, baseline), []
    latest_period = max((p for p, v in city.items() if v is not None), key=str)
    sign = 1.0 if spec.higher_is_better else -1.0
    f_base, f_last = seasonal_factor(spec, base_period), seasonal_factor(spec, latest_period)
    base_d, last_d = float(baseline) / f_base, float(city[latest_period]) / f_last
    tol_d = spec.tolerance / f_last
    gain = sign * (last_d - base_d)
    if spec.intent == "on":
        reach = 0.6 * gain
    elif spec.intent == "risk":
        reach = gain + 0.5 * tol_d
    else:
        reach = max(0.5 * tol_d, gain + 1.8 * tol_d)
    t0 = period_midpoint(base_period, ptype)
    t1 = period_midpoint(latest_period, ptype)
    tolerance = quantize(spec.tolerance, spec.decimals)
    targets = []
    first, last = TARGET_RANGES[ptype]
    for period in period_range(ptype, first, last):
        share = (period_midpoint(period, ptype) - t0) / (t1 - t0)
        goal = (base_d + sign * reach * share) * seasonal_factor(spec, period)
        targets.append(Target(period, _round_target(goal, spec), tolerance))
    return (base_period, baseline), targets


def district_targets(
    spec: IndicatorSpec, targets: list[Target], city_base: Decimal, area_base: Decimal, area: str
) -> list[Target]:
    """Targets for a district that ask for the same proportional change as the city's."""
    ratio = float(area_base) / float(city_base)
    tolerance = quantize(spec.tolerance * ratio, spec.decimals)
    return [
        Target(t.period, _round_target(float(t.value) * ratio, spec), tolerance, area)
        for t in targets
        if t.area is None
    ]
