"""Progress for each indicator and area: latest value, changes, status and direction."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from laa_publish.compute.disclosure import suppress
from laa_publish.compute.figure_cache import figure_keys
from laa_publish.compute.rollup import roll_up
from laa_publish.model.entities import Indicator, Partnership, Target, all_people
from laa_publish.model.periods import PERIOD_TYPES, period_ordinal, step
from laa_publish.parallel import map_ordered
from laa_publish.result_cache import ResultCache

ON_TRACK, AT_RISK, OFF_TRACK, NO_TARGET, NOT_JUDGED, NO_DATA = (
    "on_track",
    "at_risk",
    "off_track",
    "no_target",
    "not_judged",
    "no_data",
)
IMPROVING, WORSENING, NO_CHANGE, NOT_COMPARABLE = (
    "improving",
    "worsening",
    "no_change",
    "not_comparable",
)
# how an indicator with no better direction moved: up or down, never better or worse
RISING, FALLING = ("rising", "falling")
STATUS_ORDER = (OFF_TRACK, AT_RISK, ON_TRACK, NO_TARGET, NOT_JUDGED, NO_DATA)


@dataclass(frozen=True, slots=True)
class Progress:
    """Where one indicator stands in one area, computed by the published method."""

    indicator: str
    area: str
    latest_period: str | None
    latest_value: float | None
    latest_provisional: bool
    previous_period: str | None
    previous_value: float | None
    change_since_previous: float | None
    comparison_period: str | None
    comparison_value: float | None
    change: float | None
    baseline_period: str | None
    baseline_value: float | None
    change_since_baseline: float | None
    target: Target | None
    status: str
    direction: str


def _rounded(value: float, decimals: int) -> float:
    return round(value + 0.0, decimals)


def status_against(value: float, target: Target | None, indicator: Indicator) -> str:
    """On track if the target is met, at risk if within tolerance, otherwise off track."""
    if not indicator.judged:
        return NOT_JUDGED
    if target is None:
        return NO_TARGET
    shown = _rounded(value, indicator.decimals)
    goal = _rounded(target.value, indicator.decimals)
    shortfall = goal - shown if indicator.higher_is_better else shown - goal
    if shortfall <= 0:
        return ON_TRACK
    if shortfall <= target.tolerance + 10 ** -(indicator.decimals + 6):
        return AT_RISK
    return OFF_TRACK


def direction_of(change: float | None, indicator: Indicator) -> str:
    """Improving or worsening by the indicator's polarity; no change at the shown precision."""
    if change is None or math.isnan(change):
        return NOT_COMPARABLE
    if _rounded(change, indicator.decimals) == 0:
        return NO_CHANGE
    if not indicator.judged:
        return RISING if change > 0 else FALLING
    good = change > 0 if indicator.higher_is_better else change < 0
    return IMPROVING if good else WORSENING


def _target_for(indicator: Indicator, period: str, area: str) -> Target | None:
    for target in indicator.targets:
        if target.area == area and target.period == period:
            return target
    return None


def comparison_gap(indicator: Indicator) -> int:
    """Compare with the same period a year earlier for sub-annual data, to avoid seasonality."""
    per_year = PERIOD_TYPES[indicator.period_type].per_year
    return per_year if per_year > 1 else step(indicator.frequency)


def indicator_progress(indicator: Indicator, observations: pd.DataFrame) -> list[Progress]:
    """Progress in every area that has at least one value, in area-code order."""
    everyone = all_people(observations)
    valid = everyone[everyone["value"].notna()]
    results: list[Progress] = []
    gap = comparison_gap(indicator)
    baseline = indicator.baseline
    base_ord = (
        period_ordinal(baseline.period, indicator.period_type) if baseline is not None else None
    )
    # plain lists, split at each area's boundary: pandas per group costs minutes at scale
    valid = valid.sort_values(["area", "ordinal"], kind="stable")
    all_areas = valid["area"].tolist()
    all_ords = valid["ordinal"].astype(int).tolist()
    all_values = valid["value"].astype(float).tolist()
    all_periods = valid["period"].tolist()
    all_status = valid["status"].tolist()
    start = 0
    while start < len(all_areas):
        area = all_areas[start]
        end = start + 1
        while end < len(all_areas) and all_areas[end] == area:
            end += 1
        ords, values = all_ords[start:end], all_values[start:end]
        periods, last_status = all_periods[start:end], all_status[end - 1]
        start = end
        by_ord = dict(zip(ords, values, strict=True))
        latest_ord, latest_value = ords[-1], values[-1]
        latest_period = str(periods[-1])
        compare_ord = latest_ord - gap
        comparison = by_ord.get(compare_ord)
        period_of = dict(zip(ords, periods, strict=True))
        base_value = base_period = None
        if baseline is not None and baseline.area == area:
            base_value, base_period = baseline.value, baseline.period
        elif baseline is not None and base_ord in by_ord:
            base_value, base_period = by_ord[base_ord], baseline.period
        change = latest_value - comparison if comparison is not None else None
        shown_change = (  # the method compares the values as published, after rounding
            _rounded(latest_value, indicator.decimals) - _rounded(comparison, indicator.decimals)
            if comparison is not None
            else None
        )
        target = _target_for(indicator, latest_period, str(area))
        previous = values[-2] if len(values) > 1 else None
        results.append(
            Progress(
                indicator=indicator.id,
                area=str(area),
                latest_period=latest_period,
                latest_value=latest_value,
                latest_provisional=last_status == "provisional",
                previous_period=str(periods[-2]) if previous is not None else None,
                previous_value=previous,
                change_since_previous=latest_value - previous if previous is not None else None,
                comparison_period=period_of.get(compare_ord),
                comparison_value=comparison,
                change=change,
                baseline_period=base_period,
                baseline_value=base_value,
                change_since_baseline=(
                    latest_value - base_value if base_value is not None else None
                ),
                target=target,
                status=status_against(latest_value, target, indicator),
                direction=direction_of(shown_change, indicator),
            )
        )
    return results


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """How an outcome's indicators stand, city-wide, and the overall judgement."""

    outcome: str
    counts: dict[str, int]
    status: str
    improving: int
    worsening: int


def overall_status(statuses: list[str]) -> str:
    """The most common status among targeted indicators; ties go to the worse status."""
    targeted = [s for s in statuses if s in (ON_TRACK, AT_RISK, OFF_TRACK)]
    if not targeted:
        return next((s for s in (NO_TARGET, NOT_JUDGED) if s in statuses), NO_DATA)
    counts = {s: targeted.count(s) for s in (OFF_TRACK, AT_RISK, ON_TRACK)}
    return max((OFF_TRACK, AT_RISK, ON_TRACK), key=lambda s: (counts[s], -STATUS_ORDER.index(s)))


@dataclass(slots=True)
class Computed:
    """All computed figures the renderer needs."""

    progress: dict[str, dict[str, Progress]]
    outcomes: dict[str, OutcomeSummary]
    published: dict[str, pd.DataFrame] = field(default_factory=dict)

    def headline(self, indicator: str, area: str) -> Progress | None:
        """Progress for one indicator in one area, if it has any data there."""
        return self.progress.get(indicator, {}).get(area)


def publishable(p: Partnership, ident: str) -> pd.DataFrame | None:
    """An indicator's figures as published: rolled up the area tree, then disclosure-controlled."""
    frame = p.observations.get(ident)
    if frame is None:
        return None
    indicator = p.indicators[ident]
    rolled = roll_up(indicator, frame, p.areas, p.child_totals.get(ident), p.settings.levels)
    return suppress(indicator, rolled, p.areas, p.settings)


def _figures(p: Partnership, ident: str) -> tuple[pd.DataFrame | None, list[Progress]]:
    """One indicator's published figures and its progress in each area."""
    frame = publishable(p, ident)
    if frame is None:
        return None, []
    return frame, indicator_progress(p.indicators[ident], frame)


def _all_figures(
    p: Partnership, idents: list[str], cache: ResultCache | None, salt: str
) -> list[tuple[pd.DataFrame | None, list[Progress]]]:
    """Every indicator's figures, from the cache where its key is known, else computed."""
    if cache is None:
        return map_ordered(partial(_figures, p), idents)
    keys = figure_keys(p, idents, salt)
    results = [value if isinstance(value, tuple) else None for value in map(cache.get, keys)]
    missing = [i for i, value in enumerate(results) if value is None]
    jobs = [(idents[i], keys[i]) for i in missing]
    for i, value in zip(missing, map_ordered(partial(_figures_kept, p, cache), jobs), strict=True):
        results[i] = value
    cache.prune()
    return [value for value in results if value is not None]


def _figures_kept(
    p: Partnership, cache: ResultCache, job: tuple[str, str]
) -> tuple[pd.DataFrame | None, list[Progress]]:
    """_figures, stored in the cache where it was computed: on each core, not all here."""
    ident, key = job
    value = _figures(p, ident)
    cache.put(key, value)
    return value


def compute(p: Partnership, cache: ResultCache | None = None, salt: str = "") -> Computed:
    """Compute progress for every indicator and area, then summarise each outcome.

    With `cache`, an indicator whose inputs (and code, `salt`) an earlier build saw takes
    that build's figures (see `figure_cache`); the cache then keeps exactly this build's.
    """
    progress: dict[str, dict[str, Progress]] = {}
    published: dict[str, pd.DataFrame] = {}
    idents = sorted(p.indicators)
    for ident, (frame, rows) in zip(idents, _all_figures(p, idents, cache, salt), strict=True):
        if frame is not None:
            published[ident] = frame
        progress[ident] = {r.area: r for r in rows}
    summaries: dict[str, OutcomeSummary] = {}
    place = p.settings.place_area
    for oid in sorted(p.outcomes):
        heads = [progress.get(i.id, {}).get(place) for i in p.outcome_indicators(oid)]
        statuses = [h.status if h else NO_DATA for h in heads]
        counts = {s: statuses.count(s) for s in STATUS_ORDER if statuses.count(s)}
        summaries[oid] = OutcomeSummary(
            outcome=oid,
            counts=counts,
            status=overall_status(statuses),
            improving=sum(1 for h in heads if h and h.direction == IMPROVING),
            worsening=sum(1 for h in heads if h and h.direction == WORSENING),
        )
    return Computed(progress, summaries, published)
