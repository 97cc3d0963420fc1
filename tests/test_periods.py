"""Period formats: parsing, ordering, labels and the dates each period covers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from laa_publish.model.periods import (
    PERIOD_TYPES,
    date_words,
    normalise_period,
    ordinals,
    period_end,
    period_label,
    period_ordinal,
    period_start,
    period_words,
    step,
)

VALID = {
    "financial_year": ["2024-25", "1999-00", "2009-10"],
    "calendar_year": ["2024", "1999"],
    "academic_year": ["2024/25", "1999/00"],
    "quarter": ["2024-Q1", "2024-Q4"],
    "month": ["2024-01", "2024-12"],
}
INVALID = {
    "financial_year": ["2024-26", "2024/25", "2024", "24-25", "2024-2025", "2024 -25", ""],
    "calendar_year": ["24", "2024-25", "2024.0", "year"],
    "academic_year": ["2024/26", "2024-25", "2024/2025"],
    "quarter": ["2024-Q0", "2024-Q5", "2024Q1", "2024-q1", "Q1-2024"],
    "month": ["2024-00", "2024-13", "2024-7", "2024/07", "July 2024"],
}


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, texts in VALID.items() for t in texts])
def test_valid_periods_parse_and_round_trip(kind: str, text: str) -> None:
    ordinal = period_ordinal(text, kind)
    assert ordinal is not None
    assert period_label(ordinal, kind) == text


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, texts in INVALID.items() for t in texts])
def test_invalid_periods_are_none(kind: str, text: str) -> None:
    assert period_ordinal(text, kind) is None


def test_surrounding_spaces_are_ignored() -> None:
    assert period_ordinal(" 2024-25 ", "financial_year") == period_ordinal(
        "2024-25", "financial_year"
    )


@pytest.mark.parametrize("kind", list(PERIOD_TYPES))
def test_vectorised_ordinals_agree_with_scalar(kind: str) -> None:
    texts = VALID[kind] + INVALID[kind]
    series = ordinals(pd.Series(texts, dtype="string"), kind)
    for text, got in zip(texts, series, strict=True):
        want = period_ordinal(text, kind)
        assert (pd.isna(got) and want is None) or got == want, text


@pytest.mark.parametrize(
    ("kind", "earlier", "later"),
    [
        ("financial_year", "2023-24", "2024-25"),
        ("academic_year", "1999/00", "2000/01"),
        ("quarter", "2023-Q4", "2024-Q1"),
        ("month", "2023-12", "2024-01"),
        ("calendar_year", "2023", "2024"),
    ],
)
def test_consecutive_periods_are_one_apart(kind: str, earlier: str, later: str) -> None:
    a, b = period_ordinal(earlier, kind), period_ordinal(later, kind)
    assert a is not None and b is not None
    assert b - a == 1


@pytest.mark.parametrize(
    ("kind", "text", "start", "end"),
    [
        ("financial_year", "2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31)),
        ("academic_year", "2024/25", dt.date(2024, 9, 1), dt.date(2025, 8, 31)),
        ("calendar_year", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("quarter", "2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("quarter", "2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("month", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("month", "2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
    ],
)
def test_period_dates(kind: str, text: str, start: dt.date, end: dt.date) -> None:
    ordinal = period_ordinal(text, kind)
    assert ordinal is not None
    assert period_start(ordinal, kind) == start
    assert period_end(ordinal, kind) == end


@pytest.mark.parametrize("kind", list(PERIOD_TYPES))
def test_periods_tile_time_without_gaps(kind: str) -> None:
    per_year = PERIOD_TYPES[kind].per_year
    for ordinal in range(1998 * per_year, 2031 * per_year):
        assert period_end(ordinal, kind) + dt.timedelta(days=1) == period_start(ordinal + 1, kind)
        assert period_ordinal(period_label(ordinal, kind), kind) == ordinal


def test_examples_parse_and_frequencies_match_the_docs() -> None:
    for kind, spec in PERIOD_TYPES.items():
        assert period_ordinal(spec.example, kind) is not None
    assert PERIOD_TYPES["quarter"].frequencies == ("quarterly",)
    assert PERIOD_TYPES["month"].frequencies == ("monthly",)
    for kind in ("financial_year", "calendar_year", "academic_year"):
        assert set(PERIOD_TYPES[kind].frequencies) == {"annual", "biennial"}


def test_normalise_period_and_step() -> None:
    assert normalise_period(2024) == "2024"
    assert normalise_period(" 2024-25 ") == "2024-25"
    assert step("biennial") == 2
    assert step("annual") == step("quarterly") == step("monthly") == 1


@pytest.mark.parametrize(
    ("kind", "text", "words"),
    [
        ("month", "2026-09", "September 2026"),
        ("month", "2024-01", "January 2024"),
        ("month", "2023-12", "December 2023"),
        ("quarter", "2026-Q2", "April to June 2026"),
        ("quarter", "2024-Q1", "January to March 2024"),
        ("quarter", "2024-Q4", "October to December 2024"),
        ("financial_year", "2025-26", "2025-26"),
        ("academic_year", "2024/25", "2024/25"),
        ("calendar_year", "2024", "2024"),
    ],
)
def test_periods_in_words_for_residents(kind: str, text: str, words: str) -> None:
    assert period_words(text, kind) == words


@pytest.mark.parametrize("kind", ["month", "quarter"])
def test_period_words_name_the_months_the_period_covers(kind: str) -> None:
    for ordinal in range(2020 * PERIOD_TYPES[kind].per_year, 2022 * PERIOD_TYPES[kind].per_year):
        start, end = period_start(ordinal, kind), period_end(ordinal, kind)
        words = period_words(period_label(ordinal, kind), kind)
        assert words.startswith(start.strftime("%B"))
        assert words.endswith(f"{end.strftime('%B')} {end.year}")


def test_period_words_leave_other_text_alone() -> None:
    assert period_words("2026-13", "month") == "2026-13"
    assert period_words("2011-12", "financial_year") == "2011-12", "not December 2011"


def test_dates_in_words() -> None:
    assert date_words("2025-03-31") == "31 March 2025"
    assert date_words("2026-11-05") == "5 November 2026"
    assert date_words("not a date") == "not a date"
