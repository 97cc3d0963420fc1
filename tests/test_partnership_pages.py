"""Budgets, benefits, alignment and area comparisons: computed figures and their pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from laa_publish.compute.partnership import (
    alignment,
    benefit_summary,
    budget_frame,
    budget_totals,
    sibling_rank,
    unaligned_outcomes,
)
from laa_publish.compute.progress import compute
from laa_publish.load.history import History
from laa_publish.model.entities import BENEFIT_STATUSES, BENEFIT_TYPES, Benefit, Partnership
from laa_publish.model.site_paths import ALIGNMENT_PAGE, BENEFITS_PAGE, BUDGETS_PAGE
from laa_publish.render.pages.benefits import bigger_prize
from laa_publish.render.site import render_site
from laa_publish.validate.run import check

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example() -> Partnership:
    result = check(REPO)
    assert result.partnership is not None
    return result.partnership


def test_budget_totals_are_sums_of_what_partners_declared(example: Partnership) -> None:
    frame = budget_frame(example)
    assert len(frame) == len(example.contributions)
    by_year = budget_totals(frame, ["year"]).set_index("year")
    for year, row in by_year.iterrows():
        mine = [c for c in example.contributions if c.year == year]
        assert row["pooled"] == pytest.approx(sum(c.pooled for c in mine))
        assert row["total"] == pytest.approx(sum(c.pooled + c.aligned + c.in_kind for c in mine))
    assert len(by_year) >= 3


def test_benefit_summary_counts_every_status_and_type(example: Partnership) -> None:
    summary = benefit_summary(example)
    assert summary.count == len(example.benefits) >= 15
    assert sum(summary.by_status.values()) == summary.count
    assert all(summary.by_status[s] > 0 for s in BENEFIT_STATUSES)
    assert all(summary.by_type[t] > 0 for t in BENEFIT_TYPES)
    money = [
        b
        for b in example.benefits.values()
        if b.unit == "pounds" and b.status in ("realised", "signed_off")
    ]
    assert summary.money_realised == pytest.approx(
        sum((b.actual_value or 0) - (b.baseline or 0) for b in money)
    )
    assert summary.money_signed_off <= summary.money_realised


def _benefit(ident: str, status: str, expected: float, actual: float | None) -> Benefit:
    return Benefit(
        id=ident,
        title="A benefit",
        partner="police",
        outcome="SSC-1",
        description="Saves money.",
        type="cashable_saving",
        measure_indicator=None,
        measure_description="Money saved",
        unit="pounds",
        baseline=1000.0,
        expected_value=expected,
        expected_date="2026-03-31",
        actual_value=actual,
        actual_date="2026-03-31" if actual is not None else None,
        status=status,
        sign_off=None,
        source="data/partners/police/benefits.yaml",
        index=0,
    )


def _prize(*benefits: Benefit) -> str:
    p = check(REPO).partnership
    assert p is not None
    p.benefits = {b.id: b for b in benefits}
    return " ".join(bigger_prize(benefit_summary(p)))


def test_benefit_headline_says_when_money_falls_short_of_expectation() -> None:
    text = _prize(
        _benefit("BEN-A", "realised", 5000.0, 3000.0),
        _benefit("BEN-B", "tracking", 2500.0, None),
    )
    assert "Of 2 benefits registered, **1 has been realised**: 0 signed off and 1 awaiting" in text
    assert "The other 1 is not yet realised: 0 identified and 1 being tracked." in text
    assert "The 1 financial benefit realised is worth **£2,000** over its baseline" in text
    assert "It was expected to gain £4,000, so it realised £2,000 less than expected." in text
    assert "A further 1 financial benefit not yet realised is expected to gain £1,500 more." in text


def test_benefit_headline_without_money_realised_yet() -> None:
    text = _prize(_benefit("BEN-A", "identified", 5000.0, None))
    assert "No financial benefit has been realised yet." in text
    assert "1 financial benefit not yet realised is expected to gain £4,000 more." in text
    assert "worth" not in text and "Beyond money" not in text


def test_alignment_matrix_and_gaps(example: Partnership) -> None:
    matrix = alignment(example)
    assert set(matrix) == set(example.partners)
    for pid, row in matrix.items():
        codes = (
            {m.code for m in example.frameworks[pid].measures}
            if pid in example.frameworks
            else set()
        )
        assert {c for cs in row.values() for c in cs} <= codes
    gaps = unaligned_outcomes(example)
    covered = {o for row in matrix.values() for o in row}
    assert set(gaps) == set(example.outcomes) - covered
    assert gaps, "the example shows at least one outcome without a partner measure"


def test_sibling_rank_orders_by_polarity(example: Partnership) -> None:
    computed = compute(example)
    ident = next(i for i, ind in sorted(example.indicators.items()) if ind.aggregation == "rate")
    ranks = {}
    for code, area in example.areas.items():
        if area.level == "district":
            rank = sibling_rank(example, computed, ident, code)
            if rank is not None:
                ranks[code] = rank
    assert ranks, "districts share a period"
    any_rank = next(iter(ranks.values()))
    assert (
        sorted(r.rank for r in ranks.values()) == list(range(1, len(ranks) + 1))
        or len({r.period for r in ranks.values()}) > 1
    )
    values = [v for _, v in any_rank.values]
    higher = example.indicators[ident].higher_is_better
    assert values == sorted(values, reverse=higher)


def test_partnership_pages_have_charts_tables_and_explanations(example: Partnership) -> None:
    computed = compute(example)
    rendered = render_site(example, computed, History())
    budgets = rendered.files[BUDGETS_PAGE]
    assert '<figure class="laa-chart">' in budgets and "| Year |" in budgets
    assert "Pooled" in budgets and "computed from the partners' own budget files" in budgets
    benefits = rendered.files[BENEFITS_PAGE]
    assert "## The bigger prize" in benefits
    for b in example.benefits.values():
        assert f'<a id="{b.id.lower()}"></a>' in benefits
    signed = next(b for b in example.benefits.values() if b.sign_off)
    assert signed.sign_off is not None and signed.sign_off.evidence in benefits
    assert "## Outcomes with no partner measure behind them" in rendered.files[ALIGNMENT_PAGE]
    charts = {job.path for job in rendered.charts}
    assert "charts/budgets.svg" in charts
    with_breakdowns = [i for i in example.indicators.values() if i.breakdowns]
    assert with_breakdowns
    ind = with_breakdowns[0]
    page = rendered.files[f"indicators/{ind.id}.md"]
    assert "## Who is being left behind" in page and "Gap to everyone" in page
    assert any(path.startswith(f"charts/{ind.id}-") for path in charts)
    some_outcome = next(iter(sorted(example.outcomes)))
    assert "## Budget" in rendered.files[f"outcomes/{some_outcome}.md"]
    assert (
        "## Partners' own measures behind this outcome"
        in rendered.files[f"outcomes/{some_outcome}.md"]
    )


def test_suppressed_and_rolled_up_figures_are_visible_in_the_example(example: Partnership) -> None:
    computed = compute(example)
    suppressed = sum(int((f["suppression"] != "").sum()) for f in computed.published.values())
    derived = sum(int(f["derived"].sum()) for f in computed.published.values())
    assert suppressed > 0 and derived > 0
    rendered = render_site(example, computed, History())
    assert any("[c]" in text for path, text in rendered.files.items() if path.endswith(".md"))
    assert any(
        "Computed from" in text
        for path, text in rendered.files.items()
        if path.startswith("indicators/")
    )
