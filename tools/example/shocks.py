"""Shocks: how strongly an event (COVID-19, recession, energy prices...) bears on a month."""

from __future__ import annotations

from tools.example.tables import number, read_csv

# The lockdown pattern, month by month (tables/covid.csv).
COVID = {
    (int(row["year"]), int(row["month"])): float(number(row["intensity"]))
    for row in read_csv("covid.csv")
}


def _ramp(index: int, start: tuple[int, int], end: tuple[int, int], up: bool) -> float:
    a, b = start[0] * 12 + start[1] - 1, end[0] * 12 + end[1] - 1
    share = (index - a + 1) / (b - a + 1)
    return share if up else 1.0 - share


def shock_intensity(profile: str, year: int, month: int) -> float:
    """How strongly a named shock applies in one month (0 to 1).

    ``covid`` is the lockdown pattern; ``recession`` the slower labour-market shock
    of 2020-22; ``energy`` the 2022-23 energy-price crisis; ``rebound`` the burst
    of activity after reopening in 2021-22; ``school_years`` the disrupted school
    years 2020/21 (fully) and 2021/22 (half); ``grading`` the generous exam grading
    of 2019/20 to 2021/22.
    """
    index = year * 12 + month - 1
    if profile == "covid":
        return COVID.get((year, month), 0.0)
    if profile in ("school_years", "grading"):
        school_year = year if month >= 9 else year - 1
        weights = (
            {2019: 1.0, 2020: 1.0, 2021: 0.6} if profile == "grading" else {2020: 1.0, 2021: 0.5}
        )
        return weights.get(school_year, 0.0)
    if profile == "recession":
        if (year, month) < (2020, 3):
            return 0.0
        if (year, month) == (2020, 3):
            return 0.3
        if (year, month) <= (2021, 3):
            return 1.0
        return max(0.0, _ramp(index, (2021, 4), (2022, 6), up=False))
    if profile == "energy":
        if (2022, 4) <= (year, month) <= (2022, 9):
            return _ramp(index, (2022, 4), (2022, 10), up=True)
        if (2022, 10) <= (year, month) <= (2023, 3):
            return 1.0
        if (2023, 4) <= (year, month) <= (2023, 12):
            return _ramp(index, (2023, 4), (2023, 12), up=False)
        return 0.0
    if profile == "rebound":
        if (2021, 4) <= (year, month) <= (2022, 3):
            return 1.0
        return 0.5 if (2022, 4) <= (year, month) <= (2022, 9) else 0.0
    raise ValueError(f"unknown shock profile {profile!r}")
