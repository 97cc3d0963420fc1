"""Progress by the published method: status against targets, direction of travel, outcome status."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AREAS, baseline, csv_table, make_indicator, materialise, target

from laa_publish.compute.progress import (
    AT_RISK,
    IMPROVING,
    NO_CHANGE,
    NO_DATA,
    NO_TARGET,
    NOT_COMPARABLE,
    OFF_TRACK,
    ON_TRACK,
    WORSENING,
    comparison_gap,
    compute,
    direction_of,
    indicator_progress,
    overall_status,
    status_against,
)
from laa_publish.validate.observations import check_observations
from laa_publish.validate.run import check

HIGHER = make_indicator(polarity="higher_is_better", decimals=1)
LOWER = make_indicator(polarity="lower_is_better", decimals=1)


class TestStatus:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (75.0, ON_TRACK),  # exactly meets the target
            (80.0, ON_TRACK),  # beats it
            (74.0, AT_RISK),  # short by less than the tolerance
            (73.0, AT_RISK),  # short by exactly the tolerance
            (72.9, OFF_TRACK),  # short by more than the tolerance
            (60.0, OFF_TRACK),
        ],
    )
    def test_higher_is_better(self, value: float, expected: str) -> None:
        assert status_against(value, target("2024-25", 75.0, 2.0), HIGHER) == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (20.0, ON_TRACK),
            (15.0, ON_TRACK),
            (20.5, AT_RISK),
            (21.0, AT_RISK),  # over by exactly the tolerance
            (21.1, OFF_TRACK),
        ],
    )
    def test_lower_is_better(self, value: float, expected: str) -> None:
        assert status_against(value, target("2024-25", 20.0, 1.0), LOWER) == expected

    def test_tolerance_boundary_survives_floating_point(self) -> None:
        # 1.0 - 0.7 is 0.30000000000000004 in binary floating point.
        assert status_against(0.7, target("2024-25", 1.0, 0.3), HIGHER) == AT_RISK
        assert status_against(0.3, target("2024-25", 0.2, 0.1), LOWER) == AT_RISK

    def test_values_are_rounded_to_the_published_decimals_first(self) -> None:
        # 74.96 is published as 75.0, which meets a target of 75.
        assert status_against(74.96, target("2024-25", 75.0, 0.0), HIGHER) == ON_TRACK
        assert status_against(74.94, target("2024-25", 75.0, 0.0), HIGHER) == OFF_TRACK
        whole = make_indicator(polarity="lower_is_better", decimals=0)
        assert status_against(150.4, target("2024-Q2", 150, 0), whole) == ON_TRACK

    def test_zero_tolerance_means_any_miss_is_off_track(self) -> None:
        assert status_against(74.9, target("2024-25", 75.0, 0.0), HIGHER) == OFF_TRACK

    def test_no_target(self) -> None:
        assert status_against(10.0, None, HIGHER) == NO_TARGET


class TestDirection:
    @pytest.mark.parametrize(
        ("change", "higher", "lower"),
        [
            (1.0, IMPROVING, WORSENING),
            (-1.0, WORSENING, IMPROVING),
            (0.0, NO_CHANGE, NO_CHANGE),
            (0.04, NO_CHANGE, NO_CHANGE),  # invisible at one decimal place
            (-0.04, NO_CHANGE, NO_CHANGE),
            (0.1, IMPROVING, WORSENING),
            (None, NOT_COMPARABLE, NOT_COMPARABLE),
            (float("nan"), NOT_COMPARABLE, NOT_COMPARABLE),
        ],
    )
    def test_direction_by_polarity(self, change: float | None, higher: str, lower: str) -> None:
        assert direction_of(change, HIGHER) == higher
        assert direction_of(change, LOWER) == lower

    @pytest.mark.parametrize(
        ("earlier", "latest", "expected"),
        [
            ("19.96", "20.04", NO_CHANGE),  # both published as 20.0
            ("20.04", "20.06", IMPROVING),  # published as 20.0, then 20.1
            ("20.0", "20.1", IMPROVING),
            ("20.1", "20.0", WORSENING),
        ],
    )
    def test_direction_compares_published_values(
        self, earlier: str, latest: str, expected: str
    ) -> None:
        [progress] = progress_for(
            f"period,area,value\n2023-24,E08000001,{earlier}\n2024-25,E08000001,{latest}\n",
            HIGHER,
        )
        assert progress.direction == expected
        assert progress.change == pytest.approx(float(latest) - float(earlier))


def progress_for(text: str, indicator, areas=AREAS):
    frame, issues = check_observations(indicator, csv_table(text), areas)
    assert issues == [] and frame is not None
    return indicator_progress(indicator, frame)


class TestIndicatorProgress:
    def test_latest_value_skips_rows_without_a_value(self) -> None:
        ind = make_indicator(targets=(target("2024-25", 50.0, 1.0),))
        [p] = progress_for(
            "period,area,value,status\n"
            "2022-23,E08000001,40,\n"
            "2023-24,E08000001,45,provisional\n"
            "2024-25,E08000001,,suppressed\n",
            ind,
        )
        assert (p.latest_period, p.latest_value, p.latest_provisional) == ("2023-24", 45.0, True)
        assert (p.comparison_period, p.comparison_value, p.change) == ("2022-23", 40.0, 5.0)
        # the target is for 2024-25, not for the latest period with a value
        assert (p.target, p.status) == (None, NO_TARGET)

    def test_rows_come_in_any_order(self) -> None:
        [p] = progress_for(
            "period,area,value\n2024-25,E08000001,30\n2022-23,E08000001,10\n2023-24,E08000001,20\n",
            HIGHER,
        )
        assert (p.latest_period, p.comparison_period, p.direction) == (
            "2024-25",
            "2023-24",
            IMPROVING,
        )

    def test_quarterly_compares_with_the_same_quarter_a_year_earlier(self) -> None:
        ind = make_indicator(
            period_type="quarter", frequency="quarterly", polarity="lower_is_better", decimals=0
        )
        assert comparison_gap(ind) == 4
        [p] = progress_for(
            "period,area,value\n"
            "2023-Q2,E08000001,170\n"
            "2023-Q3,E08000001,120\n"
            "2023-Q4,E08000001,130\n"
            "2024-Q1,E08000001,140\n"
            "2024-Q2,E08000001,160\n",
            ind,
        )
        # worse than last quarter (140) but better than the same quarter last year (170)
        assert (p.comparison_period, p.comparison_value) == ("2023-Q2", 170.0)
        assert p.change == -10.0
        assert p.direction == IMPROVING

    def test_quarterly_without_last_year_is_not_comparable(self) -> None:
        ind = make_indicator(period_type="quarter", frequency="quarterly")
        [p] = progress_for("period,area,value\n2024-Q1,E08000001,1\n2024-Q2,E08000001,2\n", ind)
        assert (p.comparison_period, p.change, p.direction) == (None, None, NOT_COMPARABLE)

    def test_monthly_compares_with_twelve_months_earlier(self) -> None:
        ind = make_indicator(period_type="month", frequency="monthly")
        assert comparison_gap(ind) == 12
        [p] = progress_for(
            "period,area,value\n2023-06,E08000001,5\n2024-05,E08000001,9\n2024-06,E08000001,6\n",
            ind,
        )
        assert p.comparison_period == "2023-06"
        assert p.direction == IMPROVING

    def test_biennial_compares_with_two_years_earlier(self) -> None:
        ind = make_indicator(period_type="academic_year", frequency="biennial")
        assert comparison_gap(ind) == 2
        [p] = progress_for("period,area,value\n2020/21,E08000001,60\n2022/23,E08000001,58\n", ind)
        assert (p.comparison_period, p.direction) == ("2020/21", WORSENING)

    def test_annual_gap_is_one(self) -> None:
        assert comparison_gap(HIGHER) == 1

    def test_baseline_for_the_place_and_from_data_elsewhere(self) -> None:
        ind = make_indicator(baseline=baseline("2022-23", 41.0))
        results = progress_for(
            "period,area,value\n"
            "2022-23,E08000001,40\n"
            "2024-25,E08000001,44\n"
            "2022-23,E07000001,30\n"
            "2024-25,E07000001,33\n"
            "2024-25,E07000002,20\n",
            ind,
        )
        by_area = {p.area: p for p in results}
        assert list(by_area) == ["E07000001", "E07000002", "E08000001"]
        place = by_area["E08000001"]
        assert (place.baseline_value, place.change_since_baseline) == (41.0, 3.0)
        district = by_area["E07000001"]
        assert (district.baseline_period, district.baseline_value) == ("2022-23", 30.0)
        assert district.change_since_baseline == 3.0
        assert by_area["E07000002"].baseline_value is None

    def test_area_target_is_used_for_that_area_only(self) -> None:
        ind = make_indicator(
            targets=(target("2024-25", 50.0, 2.0), target("2024-25", 30.0, 2.0, "E07000001"))
        )
        results = progress_for(
            "period,area,value\n2024-25,E08000001,49\n2024-25,E07000001,31\n2024-25,E07000002,31\n",
            ind,
        )
        statuses = {p.area: p.status for p in results}
        assert statuses == {"E08000001": AT_RISK, "E07000001": ON_TRACK, "E07000002": NO_TARGET}

    def test_areas_with_no_values_are_left_out(self) -> None:
        results = progress_for(
            "period,area,value,status\n2024-25,E08000001,1,\n2024-25,E07000001,,not_available\n",
            HIGHER,
        )
        assert [p.area for p in results] == ["E08000001"]


class TestOverallStatus:
    @pytest.mark.parametrize(
        ("statuses", "expected"),
        [
            ([ON_TRACK, ON_TRACK, OFF_TRACK], ON_TRACK),
            ([ON_TRACK, OFF_TRACK], OFF_TRACK),  # a tie goes to the worse status
            ([ON_TRACK, AT_RISK], AT_RISK),
            ([AT_RISK, OFF_TRACK], OFF_TRACK),
            ([ON_TRACK, AT_RISK, OFF_TRACK], OFF_TRACK),
            ([ON_TRACK, ON_TRACK, AT_RISK, AT_RISK, OFF_TRACK], AT_RISK),
            ([AT_RISK, NO_TARGET, NO_TARGET, NO_DATA], AT_RISK),  # untargeted do not count
            ([NO_TARGET, NO_DATA], NO_TARGET),
            ([NO_DATA, NO_DATA], NO_DATA),
            ([], NO_DATA),
        ],
    )
    def test_most_common_status_with_ties_to_the_worse(
        self, statuses: list[str], expected: str
    ) -> None:
        assert overall_status(statuses) == expected

    def test_order_of_indicators_does_not_matter(self) -> None:
        assert overall_status([OFF_TRACK, ON_TRACK]) == overall_status([ON_TRACK, OFF_TRACK])


def test_compute_on_the_base_partnership(tmp_path: Path) -> None:
    result = check(materialise(None, tmp_path / "repo"))
    assert result.partnership is not None
    computed = compute(result.partnership)
    place = computed.headline("NI-116", "E08000001")
    assert place is not None
    # 20.5% against a 20.0% target with 1.0 tolerance, lower is better: at risk
    assert (place.latest_period, place.latest_value, place.status) == ("2024-25", 20.5, AT_RISK)
    assert place.latest_provisional
    assert (place.baseline_value, place.change_since_baseline) == (22.0, -1.5)
    assert place.direction == IMPROVING
    # South Testford's 2024-25 figure is suppressed, so its latest is 2023-24
    south = computed.headline("NI-116", "E07000002")
    assert south is not None and south.latest_period == "2023-24"
    assert computed.headline("NI-116", "TST-SC-01") is None
    burglary = computed.headline("LOC-SSC-01", "E08000001")
    assert burglary is not None
    assert (burglary.comparison_period, burglary.status) == ("2023-Q2", AT_RISK)
    summary = computed.outcomes["CYP-1"]
    assert (summary.status, summary.counts, summary.improving) == (AT_RISK, {AT_RISK: 1}, 1)


def test_quarterly_progress_reports_previous_quarter_and_year_on_year() -> None:
    ind = make_indicator(period_type="quarter", frequency="quarterly", decimals=0)
    [head] = progress_for(
        "period,area,value\n"
        + "".join(
            f"{q},E08000001,{v}\n"
            for q, v in zip(
                ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"],
                [5, 6, 7, 8, 4],
                strict=True,
            )
        ),
        ind,
    )
    assert head.latest_period == "2024-Q1"
    assert (head.previous_period, head.change_since_previous) == ("2023-Q4", -4.0)
    assert (head.comparison_period, head.change) == ("2023-Q1", -1.0)
