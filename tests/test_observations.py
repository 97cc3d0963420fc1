"""Observation checks: every csv-* code, positioned at the row's line and the column's number."""

from __future__ import annotations

import math

import pytest
from conftest import AREAS, csv_table, make_indicator

from laa_publish.issues import Issue, Severity
from laa_publish.validate.observations import check_observations

PATH = "data/partners/city-council/indicators/TST-01.csv"


def check(text: str, **indicator: object) -> tuple[object, list[Issue]]:
    frame, issues = check_observations(make_indicator(**indicator), csv_table(text, PATH), AREAS)
    assert all(i.path == PATH and i.message and i.hint for i in issues)
    return frame, issues


def keys(issues: list[Issue]) -> list[tuple[str, int | None, int | None]]:
    return sorted((i.code, i.line, i.column) for i in issues)


def one(text: str, **indicator: object) -> Issue:
    _, issues = check(text, **indicator)
    assert len(issues) == 1, [(i.code, i.line, i.message) for i in issues]
    return issues[0]


class TestPeriods:
    def test_valid_periods_pass(self) -> None:
        frame, issues = check("period,area,value\n2023-24,E08000001,1\n2024-25,E08000001,2\n")
        assert issues == []
        assert frame["period"].tolist() == ["2023-24", "2024-25"]

    @pytest.mark.parametrize(
        ("period", "looks_like"),
        [
            ("2024", "a calendar year"),
            ("2024/25", "an academic year"),
            ("2024-Q3", "a calendar quarter"),
            ("2024-07", "a calendar month"),
        ],
    )
    def test_period_of_another_type_says_what_it_looks_like(
        self, period: str, looks_like: str
    ) -> None:
        issue = one(f"period,area,value\n2023-24,E08000001,1\n{period},E08000001,2\n")
        assert (issue.code, issue.line, issue.column) == ("csv-bad-period", 3, 1)
        assert f'"{period}"' in issue.message
        assert f"looks like {looks_like}" in issue.hint
        assert '"2024-25"' in issue.hint

    @pytest.mark.parametrize("period", ["2024-26", "24-25", "FY2024", ""])
    def test_nonsense_period_gets_the_expected_format(self, period: str) -> None:
        issue = one(f"area,value,period\nE08000001,2,{period}\n")
        assert (issue.code, issue.line, issue.column) == ("csv-bad-period", 2, 3)
        assert "looks like" not in issue.hint
        assert '"2024-25"' in issue.hint

    def test_quarter_indicator_hint(self) -> None:
        issue = one(
            "period,area,value\n2024-25,E08000001,1\n",
            period_type="quarter",
            frequency="quarterly",
        )
        assert "looks like a financial year" in issue.hint
        assert '"2024-Q3"' in issue.hint


class TestAreas:
    def test_unknown_area_suggests_the_nearest_code(self) -> None:
        issue = one("period,area,value\n2024-25,E0800001,1\n")
        assert (issue.code, issue.line, issue.column) == ("csv-unknown-area", 2, 2)
        assert '"E0800001"' in issue.message
        assert issue.hint.startswith('Did you mean "E08000001"?')
        assert "data/registers/areas.yaml" in issue.hint

    def test_lower_case_code_is_unknown_but_recognised(self) -> None:
        issue = one("period,area,value\n2024-25,e07000002,1\n")
        assert issue.code == "csv-unknown-area"
        assert issue.hint.startswith('Did you mean "E07000002"?')

    def test_area_abolished_before_the_period(self) -> None:
        _, issues = check(
            "period,area,value\n"
            "2023-24,E05000001,1\n"  # ends 2024-03-31 with the area: fine
            "2024-25,E05000001,1\n"  # starts the day after the area ended
        )
        assert keys(issues) == [("csv-area-not-valid", 3, 2)]
        assert "2024-03-31" in issues[0].message
        assert '"2024-25"' in issues[0].message

    def test_area_created_after_the_period(self) -> None:
        _, issues = check("period,area,value\n2023-24,E05000009,1\n2024-25,E05000009,1\n")
        assert keys(issues) == [("csv-area-not-valid", 2, 2)]
        assert "now" in issues[0].message

    def test_quarters_are_checked_against_dates(self) -> None:
        _, issues = check(
            "period,area,value\n2024-Q1,E05000001,1\n2024-Q2,E05000001,1\n2024-Q1,E05000009,1\n",
            period_type="quarter",
            frequency="quarterly",
        )
        assert keys(issues) == [("csv-area-not-valid", 3, 2), ("csv-area-not-valid", 4, 2)]


class TestValues:
    @pytest.mark.parametrize("cell", ["n/a", "45%", "twelve", "inf", "nan", "0x10", "1 000"])
    def test_not_a_number(self, cell: str) -> None:
        issue = one(f"period,area,value\n2024-25,E08000001,{cell}\n")
        assert (issue.code, issue.line, issue.column) == ("csv-not-number", 2, 3)
        assert f'"{cell}"' in issue.message
        assert "not_available" in issue.hint

    def test_thousands_separator_in_quotes(self) -> None:
        issue = one('period,area,value\n2024-25,E08000001,"1,000"\n')
        assert issue.code == "csv-not-number"
        assert '"1,000"' in issue.message

    def test_numbers_with_spaces_signs_and_exponents(self) -> None:
        frame, issues = check(
            "period,area,value\n2023-24,E08000001, 12.5 \n2024-25,E08000001,1e2\n"
        )
        assert issues == []
        assert frame["value"].tolist() == [12.5, 100.0]

    def test_missing_value(self) -> None:
        _, issues = check(
            "period,area,value,status\n2022-23,E08000001,,\n2023-24,E08000001,,provisional\n"
        )
        assert keys(issues) == [("csv-missing-value", 2, 3), ("csv-missing-value", 3, 3)]
        assert '"final"' in issues[0].message or '"final"' in issues[1].message
        assert "not_available" in issues[0].hint and "suppressed" in issues[0].hint

    def test_empty_value_allowed_when_not_available_or_suppressed(self) -> None:
        frame, issues = check(
            "period,area,value,status\n2023-24,E08000001,,not_available\n2024-25,E08000001,,suppressed\n"
        )
        assert issues == []
        assert all(math.isnan(v) for v in frame["value"])
        assert frame["status"].tolist() == ["not_available", "suppressed"]

    @pytest.mark.parametrize("status", ["suppressed", "not_available"])
    def test_value_not_allowed_with_no_value_status(self, status: str) -> None:
        issue = one(f"period,area,value,status\n2024-25,E08000001,3,{status}\n")
        assert (issue.code, issue.line, issue.column) == ("csv-value-not-allowed", 2, 3)
        assert f'"{status}"' in issue.message
        assert "published" in issue.hint

    def test_bad_status_did_you_mean(self) -> None:
        issue = one("period,area,value,status\n2024-25,E08000001,3,Provisional\n")
        assert (issue.code, issue.line, issue.column) == ("csv-bad-status", 2, 4)
        assert issue.hint.startswith('Did you mean "provisional"?')
        assert '"suppressed"' in issue.hint

    def test_empty_status_means_final(self) -> None:
        frame, issues = check("period,area,value,status\n2024-25,E08000001,3,\n")
        assert issues == []
        assert frame["status"].tolist() == ["final"]

    @pytest.mark.parametrize(
        ("cell", "bad"),
        [("-0.1", True), ("100.01", True), ("0", False), ("100", False), ("45.2", False)],
    )
    def test_percentage_range(self, cell: str, bad: bool) -> None:
        _, issues = check(f"period,area,value\n2024-25,E08000001,{cell}\n", unit="percentage")
        if bad:
            assert keys(issues) == [("csv-out-of-range", 2, 3)]
            assert "0 to 100" in issues[0].message
        else:
            assert issues == []

    @pytest.mark.parametrize("unit", ["count", "rate", "currency", "days"])
    def test_negative_value_for_a_unit_that_cannot_be_negative(self, unit: str) -> None:
        extra = {"rate_per": 1000} if unit == "rate" else {}
        issue = one("period,area,value\n2024-25,E08000001,-4\n", unit=unit, **extra)
        assert (issue.code, issue.line, issue.column) == ("csv-out-of-range", 2, 3)
        assert unit in issue.message

    @pytest.mark.parametrize("unit", ["score", "ratio"])
    def test_negative_value_allowed_for_scores_and_ratios(self, unit: str) -> None:
        _, issues = check("period,area,value\n2024-25,E08000001,-4\n", unit=unit)
        assert issues == []


class TestRates:
    HEADER = "period,area,value,numerator,denominator\n"

    def test_matching_values_pass_at_the_rounding_boundary(self) -> None:
        _, issues = check(
            self.HEADER + "2023-24,E08000001,20.0,2000,10000\n2024-25,E08000001,20.05,2000,10000\n",
            unit="percentage",
            aggregation="rate",
        )
        assert issues == []

    def test_mismatch_is_a_warning_showing_the_computed_value(self) -> None:
        issue = one(
            self.HEADER + "2024-25,E08000001,20.06,2000,10000\n",
            unit="percentage",
            aggregation="rate",
        )
        assert (issue.code, issue.line, issue.column) == ("csv-value-mismatch", 2, 3)
        assert issue.severity is Severity.WARNING
        assert "2000 / 10000" in issue.message and "= 20.0" in issue.message

    def test_mismatch_uses_rate_per(self) -> None:
        _, issues = check(
            self.HEADER + "2023-24,E08000001,20.0,20,1000\n2024-25,E08000001,2.0,20,1000\n",
            unit="rate",
            rate_per=1000,
            aggregation="rate",
        )
        assert keys(issues) == [("csv-value-mismatch", 3, 3)]
        assert issues[0].severity is Severity.WARNING

    def test_rate_aggregation_needs_both_columns(self) -> None:
        _, issues = check(
            "period,area,value,numerator\n2024-25,E08000001,20,2\n",
            aggregation="rate",
            unit="percentage",
        )
        assert keys(issues) == [("csv-missing-column", 1, None)]
        assert '"denominator"' in issues[0].message

    def test_rate_aggregation_needs_counts_on_rows_with_values(self) -> None:
        _, issues = check(
            self.HEADER + "2023-24,E08000001,20,,10000\n2024-25,E08000001,,,\n",
            unit="percentage",
            aggregation="rate",
        )
        # line 3 has no value, so it fails only for the missing value, not for missing counts
        assert keys(issues) == [("csv-missing-value", 2, 4), ("csv-missing-value", 3, 3)]

    def test_negative_and_zero_counts(self) -> None:
        _, issues = check(
            self.HEADER + "2023-24,E08000001,5,-1,10\n2024-25,E08000001,5,1,0\n", unit="score"
        )
        assert ("csv-out-of-range", 2, 4) in keys(issues)
        assert ("csv-out-of-range", 3, 5) in keys(issues)


class TestConfidenceIntervals:
    HEADER = "period,area,value,lower_ci,upper_ci\n"

    @pytest.mark.parametrize(
        ("low", "high", "bad"),
        [
            ("19", "21", False),
            ("20", "20", False),
            ("", "21", False),
            ("21", "22", True),
            ("18", "19", True),
            ("22", "18", True),
        ],
    )
    def test_interval_must_contain_the_value(self, low: str, high: str, bad: bool) -> None:
        _, issues = check(self.HEADER + f"2024-25,E08000001,20,{low},{high}\n")
        if bad:
            assert keys(issues) == [("csv-ci-order", 2, 4)]
            assert f"{low} to {high}" in issues[0].message
        else:
            assert issues == []


class TestRowsAndColumns:
    def test_duplicate_row_names_the_first_line(self) -> None:
        _, issues = check(
            "period,area,value\n"
            "2024-25,E08000001,1\n"
            "2023-24,E08000001,2\n"
            "\n"
            "2024-25,E08000001,3\n"
            "2024-25,E08000001, 4\n"
        )
        assert keys(issues) == [("csv-duplicate-row", 5, 1), ("csv-duplicate-row", 6, 1)]
        assert all("(line 2)" in i.message for i in issues)
        assert '"2024-25"' in issues[0].message and '"E08000001"' in issues[0].message

    def test_duplicate_detection_ignores_surrounding_spaces(self) -> None:
        _, issues = check("period,area,value\n2024-25,E08000001,1\n 2024-25 ,E08000001 ,2\n")
        assert keys(issues) == [("csv-duplicate-row", 3, 1)]

    def test_unknown_column_did_you_mean(self) -> None:
        _, issues = check("period,area,value,stauts,comment\n2024-25,E08000001,1,,x\n")
        assert keys(issues) == [("csv-unknown-column", 1, 4), ("csv-unknown-column", 1, 5)]
        by_col = {i.column: i for i in issues}
        assert by_col[4].hint.startswith('Did you mean "status"?')
        assert not by_col[5].hint.startswith("Did you mean")
        assert "note" in by_col[5].hint

    def test_missing_required_columns_stop_row_checks(self) -> None:
        frame, issues = check("period,vaule\n2024-25,abc\n")
        assert frame is None
        assert sorted((i.code, i.line, i.column) for i in issues) == [
            ("csv-missing-column", 1, None),
            ("csv-missing-column", 1, None),
            ("csv-unknown-column", 1, 2),
        ]
        assert {i.message for i in issues if i.code == "csv-missing-column"} == {
            'The required column "area" is missing from the header row.',
            'The required column "value" is missing from the header row.',
        }

    def test_columns_in_any_order_and_frame_sorted_with_lines(self) -> None:
        frame, issues = check(
            "note,value,area,period\nlater,2,E07000001,2024-25\n,1,E08000001,2023-24\n,3,E08000001,2024-25\n"
        )
        assert issues == []
        assert frame[["period", "area", "value", "line"]].to_numpy().tolist() == [
            ["2023-24", "E08000001", 1.0, 3],
            ["2024-25", "E07000001", 2.0, 2],
            ["2024-25", "E08000001", 3.0, 4],
        ]
        assert frame["ordinal"].tolist() == [2023, 2024, 2024]

    def test_every_problem_in_a_file_is_reported_in_one_pass(self) -> None:
        _, issues = check(
            "period,area,value,status\n"
            "2024,E08000001,1,\n"
            "2024-25,X,1,\n"
            "2023-24,E08000001,abc,\n"
            "2022-23,E08000001,,final\n"
            "2021-22,E08000001,4,Final\n",
            unit="percentage",
        )
        assert keys(issues) == [
            ("csv-bad-period", 2, 1),
            ("csv-bad-status", 6, 4),
            ("csv-missing-value", 5, 3),
            ("csv-not-number", 4, 3),
            ("csv-unknown-area", 3, 2),
        ]


class TestRowShape:
    def test_a_bad_row_no_longer_hides_the_rest_of_the_file(self) -> None:
        text = (
            "period,area,value,status,note\n"
            "2022-23,E08000001,1,,\n"
            "2023-24,E08000001,2,,Oak Lane, Elm Row\n"
            "2024-25,E08000001,3,,\n"
            "2022-23,E07000001,4\n"
            "2023-24,E07000001,5,Final,\n"
        )
        frame, issues = check(text)
        assert keys(issues) == [
            ("csv-bad-status", 6, 4),
            ("csv-syntax", 3, 6),
            ("csv-syntax", 5, 4),
        ]
        shape = {i.line: i.message for i in issues if i.code == "csv-syntax"}
        assert shape[3].startswith("Row has 6 cells but the header has 5 columns")
        assert shape[5].startswith("Row has 3 cells but the header has 5 columns")
        assert frame is not None
        assert frame["line"].tolist() == [2, 6, 4]

    def test_rows_left_out_are_reported_even_when_a_column_is_missing(self) -> None:
        _, issues = check("period,value\n2024-25,1,2\n2023-24,1\n")
        assert ("csv-syntax", 2, 3) in keys(issues)
        assert ("csv-missing-column", 1, None) in keys(issues)


class TestExampleRow:
    TEMPLATE_ROW = "2023-24,E08000001,50.0,,EXAMPLE ROW - delete this row and add your real figures"

    def test_the_example_row_is_an_error_at_its_note(self) -> None:
        issue = one(f"period,area,value,status,note\n2022-23,E08000001,1,,\n{self.TEMPLATE_ROW}\n")
        assert (issue.code, issue.line, issue.column) == ("csv-example-row", 3, 5)
        assert "example row" in issue.message and "Delete this row" in issue.hint

    def test_a_note_of_the_partners_own_is_not_the_example(self) -> None:
        _, issues = check(
            "period,area,value,status,note\n2023-24,E08000001,1,,An example row of ours\n"
        )
        assert issues == []


class TestVectorisedHelpers:
    """The helpers that replaced pandas' row-wise paths keep their old semantics."""

    def test_every_later_repeat_is_reported_at_its_line_naming_the_first(self) -> None:
        rows = ["2024-25,E08000001,1", "2023-24,E08000001,2", "2024-25,E08000002,3"]
        rows += ["2024-25,E08000001,4", "2023-24,E08000001,5", "2024-25,E08000001,6"]
        rows += [" 2024-25,E08000002 ,7", "2022-23,E08000001,8", "2024-25,E08000002,9"]
        _, issues = check("period,area,value\n" + "\n".join(rows) + "\n")
        found = {i.line: i.message for i in issues if i.code == "csv-duplicate-row"}
        # lines 2, 3, 4 and 9 are first occurrences; every later one names its first line
        assert sorted(found) == [5, 6, 7, 8, 10]
        assert "(line 2)" in found[5] and "(line 2)" in found[7]
        assert "(line 3)" in found[6]
        assert "(line 4)" in found[8] and "(line 4)" in found[10]
        assert found[8] == (
            'There is already a row for period "2024-25", area "E08000002" (line 4).'
        )

    def test_row_groups_match_pandas_duplicated(self) -> None:
        import numpy as np
        import pandas as pd

        from laa_publish.validate.observations import row_groups

        rng = np.random.default_rng(3)
        frame = pd.DataFrame(
            {k: rng.choice(["a", "b", "", "c d"], 500) for k in ("x", "y", "z")}
        ).astype("string")
        groups = row_groups([frame[k] for k in frame.columns])
        assert (pd.Series(groups).duplicated().to_numpy() == frame.duplicated().to_numpy()).all()
        assert len(set(groups.tolist())) == len(frame.drop_duplicates())

    def test_sort_order_is_pandas_stable_sort_with_missing_ordinals_last(self) -> None:
        import numpy as np
        import pandas as pd

        from laa_publish.validate.observations import arrow_text, sort_order

        rng = np.random.default_rng(4)
        n = 2000
        ordinal = pd.array(rng.integers(0, 30, n), dtype="Int64")
        ordinal[rng.random(n) < 0.1] = pd.NA
        frame = pd.DataFrame(
            {
                "ordinal": ordinal,
                "area": rng.choice(["E2", "E10", "é1", "E1", "Z"], n),
                "breakdown": rng.choice(["", "sex=f", "sex=m", "age=0-15;sex=f"], n),
            }
        ).astype({"area": "str", "breakdown": "str"})
        expected = frame.sort_values(["ordinal", "area", "breakdown"], kind="stable").index
        order = sort_order(frame["ordinal"], [arrow_text(frame[k]) for k in ("area", "breakdown")])
        assert order.tolist() == expected.tolist()

    def test_small_pages_restores_the_allocators(self) -> None:
        import pyarrow as pa

        from laa_publish.frames import _hugepage_setter, small_pages

        setter = _hugepage_setter()
        before_numpy = setter(True) if setter else None
        before_pool = pa.default_memory_pool().backend_name
        with small_pages():
            assert pa.default_memory_pool().backend_name == "system"
        assert pa.default_memory_pool().backend_name == before_pool
        if setter is not None:
            assert setter(bool(before_numpy)) is True
