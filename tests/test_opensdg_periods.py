"""Open SDG's Year cells: every form the samples show read as a period, or reported."""

from __future__ import annotations

import pytest

from laa_publish.model.periods import period_ordinal
from laa_publish.opensdg.periods import read_periods


@pytest.mark.parametrize(
    ("cell", "kind", "label"),
    [
        ("2015", "calendar_year", "2015"),
        ("2021.0", "calendar_year", "2021"),
        ("2015-16", "financial_year", "2015-16"),
        ("1999-00", "financial_year", "1999-00"),
        ("2015/16", "academic_year", "2015/16"),
        ("2013 Q1", "quarter", "2013-Q1"),
        ("2013-Q4", "quarter", "2013-Q4"),
        ("1993 01", "month", "1993-01"),
        ("2014-11", "month", "2014-11"),
        (" 2016 ", "calendar_year", "2016"),
        ("2015 to 2016", "academic_year", "2015/16"),
        ("March 2020", "month", "2020-03"),
        ("Sep 2019", "month", "2019-09"),
    ],
)
def test_each_form_becomes_a_period_of_our_format(cell: str, kind: str, label: str) -> None:
    """The label is a valid period of its type, as the validator reads it."""
    period = read_periods([cell])[cell]
    assert (period.type, period.label, period.reason) == (kind, label, "")
    assert period_ordinal(period.label, kind) is not None


def test_a_bracketed_footnote_becomes_the_rows_note() -> None:
    """2019/20 [Note 5] is the year 2019/20 with the note "Note 5"."""
    period = read_periods(["2019/20 [Note 5]"])["2019/20 [Note 5]"]
    assert (period.type, period.label, period.note) == ("academic_year", "2019/20", "Note 5")


def test_slash_years_are_read_as_the_config_says() -> None:
    """2019/20 is an academic year in one file and a financial year in another."""
    assert read_periods(["2019/20"])["2019/20"].label == "2019/20"
    financial = read_periods(["2019/20"], "financial_year")["2019/20"]
    assert (financial.type, financial.label) == ("financial_year", "2019-20")


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("2003-05", "range of years (2003 to 2005)"),
        ("1985-87", "range of years (1985 to 1987)"),
        ("2013/16", "range of years (2013 to 2016)"),
        ("2000 - 02", "range of years (2000 to 2002)"),
        ("2010-06-28", "is a date"),
        ("1974a", "year with a letter"),
        ("There is no data for this indicator yet", "not a period"),
        ("", "Year cell is empty"),
    ],
)
def test_forms_no_period_type_holds_are_reported_not_guessed(cell: str, words: str) -> None:
    """Ranges, dates and lettered years have no type, and the reason says what they are."""
    period = read_periods([cell])[cell]
    assert period.type is None
    assert words in period.reason


def test_the_files_other_periods_decide_an_ambiguous_cell() -> None:
    """2011-12 is December 2011 among months, and a financial year among financial years."""
    among_months = read_periods(["2011-12", "2014-11", "2015-01"])
    among_years = read_periods(["2011-12", "2015-16", "2016-17"])
    assert among_months["2011-12"].type == "month"
    assert among_years["2011-12"].type == "financial_year"


def test_a_range_that_could_be_a_month_is_a_month_among_months() -> None:
    """2003-05 is May 2003 in a monthly file, and a range among ranges (ONS 3-1-1)."""
    assert read_periods(["2003-05", "2014-11"])["2003-05"].label == "2003-05"
    ranges = read_periods(["2003-05", "1985-87", "1988-90"])
    assert ranges["2003-05"].type is None
    assert "could also be a month" in ranges["2003-05"].reason


def test_spaced_dashes_are_never_months() -> None:
    """Bristol 3-3-2 writes three-year ranges as 2000 - 02: never February 2000."""
    assert read_periods(["2000 - 02"])["2000 - 02"].type is None
