"""Figures about the partnership itself: budgets, benefits, alignment and area comparisons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from laa_publish.compute.progress import Computed
from laa_publish.model.entities import BENEFIT_STATUSES, BENEFIT_TYPES, Benefit, Partnership

MONEY_COLUMNS = ("pooled", "aligned", "in_kind", "total", "spent")
REALISED = ("realised", "signed_off")
"""The lifecycle states in which a benefit counts as realised: signed off or awaiting it."""


def budget_frame(p: Partnership) -> pd.DataFrame:
    """Every contribution as a row, with its total computed (never typed by a partner)."""
    rows = [
        {
            "partner": c.partner,
            "outcome": c.outcome,
            "year": c.year,
            "pooled": c.pooled,
            "aligned": c.aligned,
            "in_kind": c.in_kind,
            "total": c.total,
            "spent": c.spent if c.spent is not None else 0.0,
        }
        for c in p.contributions
    ]
    frame = pd.DataFrame(rows, columns=["partner", "outcome", "year", *MONEY_COLUMNS])
    return frame.sort_values(["year", "outcome", "partner"], kind="stable").reset_index(drop=True)


def budget_totals(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Money summed by the given columns, in sorted order."""
    if frame.empty:
        return pd.DataFrame(columns=[*by, *MONEY_COLUMNS])
    return frame.groupby(by, sort=True)[list(MONEY_COLUMNS)].sum().reset_index()


@dataclass(frozen=True, slots=True)
class BenefitSummary:
    """The benefits register in numbers: the partnership's 'bigger prize'."""

    count: int
    by_status: dict[str, int]
    by_type: dict[str, int]
    money_expected: float
    money_realised: float
    money_signed_off: float
    hours_realised: float
    people_realised: float
    money_realised_count: int
    """Financial benefits (in pounds) realised, by the REALISED rule."""
    money_pending_count: int
    """Financial benefits not yet realised."""
    money_expected_of_realised: float
    """What the realised financial benefits were expected to gain over their baselines."""
    hours_realised_count: int
    people_realised_count: int

    @property
    def realised(self) -> int:
        """Benefits realised, whether signed off or awaiting sign-off (see REALISED)."""
        return sum(self.by_status[s] for s in REALISED)

    @property
    def money_expected_pending(self) -> float:
        """What the financial benefits not yet realised are expected to gain."""
        return self.money_expected - self.money_expected_of_realised


def _is_money(b: Benefit) -> bool:
    return b.unit == "pounds"


def _gain(b: Benefit) -> float:
    """What a realised benefit added over its baseline."""
    return (b.actual_value or 0.0) - (b.baseline or 0.0)


def _expected_gain(b: Benefit) -> float:
    """What a benefit is expected to add over its baseline."""
    return b.expected_value - (b.baseline or 0.0)


def benefit_summary(p: Partnership) -> BenefitSummary:
    """Counts by status and type, and money, hours and people realised and signed off."""
    benefits = sorted(p.benefits.values(), key=lambda b: b.id)
    realised = [b for b in benefits if b.status in REALISED]
    money = [b for b in realised if _is_money(b)]
    status = Counter(b.status for b in benefits)
    kinds = Counter(b.type for b in benefits)
    return BenefitSummary(
        count=len(benefits),
        by_status={s: status[s] for s in BENEFIT_STATUSES},
        by_type={t: kinds[t] for t in BENEFIT_TYPES},
        money_expected=sum(_expected_gain(b) for b in benefits if _is_money(b)),
        money_realised=sum(_gain(b) for b in money),
        money_signed_off=sum(_gain(b) for b in money if b.sign_off),
        hours_realised=sum(_gain(b) for b in realised if b.unit == "hours"),
        people_realised=sum(_gain(b) for b in realised if b.unit == "people"),
        money_realised_count=len(money),
        money_pending_count=sum(1 for b in benefits if _is_money(b)) - len(money),
        money_expected_of_realised=sum(_expected_gain(b) for b in money),
        hours_realised_count=sum(1 for b in realised if b.unit == "hours"),
        people_realised_count=sum(1 for b in realised if b.unit == "people"),
    )


def alignment(p: Partnership) -> dict[str, dict[str, list[str]]]:
    """For each partner and outcome, the codes of the partner's measures that feed it.

    A measure mapped to an indicator counts for that indicator's outcome too.
    """
    matrix: dict[str, dict[str, list[str]]] = {pid: {} for pid in sorted(p.partners)}
    for pid, framework in sorted(p.frameworks.items()):
        for measure in framework.measures:
            outcomes = set(measure.outcomes)
            outcomes |= {p.indicators[i].outcome for i in measure.indicators if i in p.indicators}
            for outcome in sorted(outcomes & set(p.outcomes)):
                matrix.setdefault(pid, {}).setdefault(outcome, []).append(measure.code)
    return matrix


def unaligned_outcomes(p: Partnership) -> list[str]:
    """Outcomes that no partner's own framework measure feeds: gaps in alignment."""
    covered = {o for row in alignment(p).values() for o in row}
    return sorted(set(p.outcomes) - covered)


@dataclass(frozen=True, slots=True)
class SiblingRank:
    """How an area compares with the other areas under the same parent, for one indicator."""

    rank: int
    of: int
    period: str
    values: tuple[tuple[str, float], ...]


def sibling_rank(
    p: Partnership, computed: Computed, indicator: str, area: str
) -> SiblingRank | None:
    """Rank an area's latest value among its siblings' values for the same period (1 = best)."""
    me = p.areas.get(area)
    head = computed.headline(indicator, area)
    if me is None or me.parent is None or head is None or head.latest_value is None:
        return None
    if not p.indicators[indicator].judged:  # with no better direction there is no 1st
        return None
    siblings = [a.code for a in p.areas.values() if a.parent == me.parent and a.level == me.level]
    values: list[tuple[str, float]] = []
    for code in sorted(siblings):
        other = computed.headline(indicator, code)
        if other is not None and other.latest_period == head.latest_period:
            values.append((code, float(other.latest_value or 0.0)))
    if len(values) < 2:
        return None
    higher = p.indicators[indicator].higher_is_better
    decimals = p.indicators[indicator].decimals
    ordered = sorted(values, key=lambda kv: (-kv[1] if higher else kv[1], kv[0]))
    mine = round(head.latest_value, decimals)
    better = sum(
        1
        for _, v in ordered
        if (round(v, decimals) > mine if higher else round(v, decimals) < mine)
    )
    return SiblingRank(better + 1, len(ordered), str(head.latest_period), tuple(ordered))
