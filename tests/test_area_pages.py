"""Area pages compare like with like, in words that respect polarity, and open with a summary."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from laa_publish.compute.progress import NO_TARGET, NOT_COMPARABLE, Progress, compute
from laa_publish.load.history import History
from laa_publish.model.entities import Area, Partnership
from laa_publish.render.area_rows import rank_among_siblings
from laa_publish.render.area_series import area_series, one_series
from laa_publish.render.compare import Comparison, comparable, compare, standing, worst_first
from laa_publish.render.context import Context, Rendered
from laa_publish.render.pages.areas import _validity, area_markdown
from laa_publish.validate.run import check
from tests.conftest import make_indicator

REPO = Path(__file__).resolve().parent.parent
HOLLINS_PARK, CITY = "E05099901", "E06000999"
_RANK = "Rank in North"
PERCENT = make_indicator(unit="percentage", decimals=1, polarity="higher_is_better")
RATE = make_indicator(unit="rate", rate_per=1000, decimals=2, polarity="lower_is_better")
COUNT = make_indicator(unit="count", decimals=0, polarity="higher_is_better", aggregation="sum")


def head(value: float | None, period: str | None = "2025-26", area: str = "A") -> Progress:
    """A progress record with only what comparisons read."""
    return Progress(
        "TST-01", area, period, value, False, None, None, None, None, None, None, None, None,
        None, None, NO_TARGET, NOT_COMPARABLE,
    )  # fmt: skip


def test_percentages_compare_in_points_by_polarity() -> None:
    higher = compare(PERCENT, head(55.14), head(52.04), "Brackenford")
    assert higher is not None and higher.words == "better than Brackenford by 3.1 points"
    assert higher.better is True and higher.short == "better by 3.1 points"
    lower = compare(replace(PERCENT, polarity="lower_is_better"), head(55.14), head(52.04), "X")
    assert lower is not None and lower.words == "worse than X by 3.1 points"
    assert lower.better is False and lower.standardised is not None and lower.standardised < 0


def test_rates_compare_in_their_own_unit_at_the_published_precision() -> None:
    result = compare(RATE, head(0.421), head(0.554), "North")
    assert result is not None and result.words == "better than North by 0.13 per 1,000"
    same = compare(RATE, head(0.4249), head(0.4151), "North")
    assert same is not None and same.words == "the same as North" and same.better is None
    assert same.short == "the same"


def test_counts_missing_suppressed_and_other_periods_are_not_compared() -> None:
    assert not comparable(COUNT)
    assert compare(COUNT, head(142), head(414), "North") is None
    assert compare(PERCENT, head(None), head(50.0), "North") is None  # withheld or missing
    assert compare(PERCENT, head(float("nan")), head(50.0), "North") is None
    assert compare(PERCENT, head(40.0), None, "North") is None  # nothing published there
    assert compare(PERCENT, head(40.0, "2025-26"), head(50.0, "2024-25"), "North") is None


def test_summary_picks_the_largest_gaps_relative_to_the_place() -> None:
    def gap(ident: str, mine: float, place: float) -> Comparison:
        result = compare(replace(PERCENT, id=ident), head(mine), head(place), "P")
        assert result is not None
        return result

    comparisons = [
        gap("A", 8.0, 10.0),  # 2 points behind on 10: a fifth behind
        gap("B", 78.0, 80.0),  # 2 points behind on 80: far less
        gap("C", 45.0, 50.0),  # a tenth behind
        gap("D", 12.0, 10.0),  # a fifth ahead
        gap("E", 50.0, 50.0),
        gap("F", 30.0, 20.0),  # half ahead
        gap("G", 40.0, 50.0),  # a fifth behind, as A: ties go by id
    ]
    result = standing(comparisons, top=2)
    assert (result.better, result.worse, result.same, result.compared) == (2, 4, 1, 7)
    assert [c.indicator for c in result.behind] == ["A", "G"]
    assert [c.indicator for c in result.ahead] == ["F", "D"]
    ordered = sorted(comparisons, key=lambda c: (worst_first(c), c.indicator))
    assert [c.indicator for c in ordered][:3] == ["A", "G", "C"]
    assert worst_first(None) > worst_first(comparisons[-1])


def test_series_are_each_areas_own_in_period_order_with_gaps() -> None:
    frame = pd.DataFrame(
        {
            "area": ["A", "A", "A", "B", "B", "A"],
            "ordinal": [3, 1, 2, 2, 3, 4],
            "value": [3.0, 1.0, float("nan"), 20.0, 30.0, 4.0],
            "breakdown": ["", "", "", "", "", ""],
        }
    )
    assert area_series(frame, "A") == (1.0, None, 3.0, 4.0)
    assert area_series(frame, "B") == (20.0, 30.0)
    assert area_series(frame, "A", 3) == (None, 3.0, 4.0)  # the latest periods only
    assert area_series(frame, "B", 3) == (20.0, 30.0)
    assert area_series(frame, "Z") == ()
    assert area_series(None, "A") == ()


def test_one_areas_series_is_its_series_from_the_whole_split(ctx: Context) -> None:
    """The place's series on the home, outcome and partner pages, taken alone, are the same."""
    frames = [f.copy() for f in ctx.computed.published.values()]  # new ids: nothing cached
    twice = pd.DataFrame(  # the same period twice (the last wins), a gap only B fills
        {
            "area": ["A", "A", "B", "A", "B", "C"],
            "ordinal": [1, 1, 2, 3, 4, 4],
            "value": [1.0, 1.5, 2.0, 3.0, float("nan"), 7.0],
            "breakdown": ["", "", "", "", "", "x"],
        }
    )
    checked = 0
    for frame in [*frames, twice]:
        codes = sorted({*frame["area"].astype(str), "Z"})
        for keep in (0, 3):
            alone = {code: one_series(frame.copy(), code, keep) for code in codes}
            assert alone == {code: area_series(frame, code, keep) for code in codes}
            checked += sum(1 for series in alone.values() if series)
    assert checked > 100
    assert one_series(twice, "A") == (1.5, None, 3.0) and one_series(twice, "C") == ()


@pytest.fixture(scope="module")
def ctx() -> Context:
    result = check(REPO)
    assert result.partnership is not None
    p: Partnership = result.partnership
    return Context(p, compute(p), History())


def test_counts_are_never_ranked(ctx: Context) -> None:
    area = ctx.p.areas[HOLLINS_PARK]
    counts = [i for i in ctx.p.indicators.values() if not comparable(i)]
    assert counts, "the example has count indicators"
    for ind in counts:
        assert rank_among_siblings(ctx, ind, area) is None
    rates = [i for i in ctx.p.indicators.values() if comparable(i)]
    ranked = [r for i in rates if (r := rank_among_siblings(ctx, i, area)) is not None]
    assert ranked and all(1 <= r.rank <= r.of for r in ranked)


def test_hollins_park_compares_with_the_place_and_names_its_worst_first(ctx: Context) -> None:
    text = area_markdown(ctx, HOLLINS_PARK, Rendered())
    summary = text.split("## How Hollins Park compares", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"does better than Brackenford on \d+ of \d+ comparable measures", summary)
    # the lists name measures found by search on their own pages: a note, out of the index
    behind = summary.index("<p data-search-exclude><strong>Furthest behind Brackenford:</strong>")
    assert behind < summary.index("<strong>Furthest ahead of Brackenford:</strong>")
    listed = summary[behind:].split("<ul data-search-exclude>", 1)[1].split("</ul>", 1)[0]
    assert re.search(r'<li><a href="\.\./indicators/[^"]+\.html">[^<]+</a>: worse than ', listed)
    assert "worse than Brackenford by" in listed
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', text)
    assert headers[4:7] == ["Compared with Brackenford", "Compared with North", _RANK]
    # every row links to this area's full series on its indicator's built page
    assert '<a href="../indicators/NI-116.html#trend-E05099901">' in text
    rows = re.findall(r"<tr><td>.*?</tr>", text)
    assert rows and all("#trend-E05099901" in row for row in rows)
    # the apprenticeship count is shown, but neither compared with North's total nor ranked
    row = next(r for r in rows if "LOC-EDE-02:" in r)
    assert row.endswith('<td>–</td><td>–</td><td align="right">–</td></tr>')
    assert "414" not in row and ">142 [p]<" in row
    assert "No target" not in text and ">Status<" not in text  # no targets for this area
    assert text.index("## Children and young people") < text.index("## Safer and stronger")
    # each outcome's table is named by its caption, linking to the outcome's built page
    assert '<caption class="laa-outcome"><a href="../outcomes/CYP-1.html">' in text


def test_the_place_has_no_empty_comparison_or_rank_columns(ctx: Context) -> None:
    text = area_markdown(ctx, CITY, Rendered())
    assert "Rank among" not in text and "Compared with" not in text
    assert '<th scope="col">Status</th>' in text  # the whole place has targets


def test_a_school_cluster_in_one_district_says_so(ctx: Context) -> None:
    one = next(a for a in ctx.p.areas.values() if len(a.overlaps) == 1)
    text = area_markdown(ctx, one.code, Rendered())
    assert "more than one" not in text
    assert f"covers part of [{ctx.area_name(one.overlaps[0])}]" in text
    two = next(a for a in ctx.p.areas.values() if len(a.overlaps) > 1)
    assert "more than one district: " in area_markdown(ctx, two.code, Rendered())


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "words"),
    [
        ("2009-04-01", None, "In use since 1 April 2009."),
        ("2009-04-01", "2023-05-03", "Existed from 1 April 2009 to 3 May 2023 (boundary change)."),
        (None, "2023-05-03", "In use until 3 May 2023 (boundary change)."),
        (None, None, ""),  # an imported area whose start is not known: no date is invented
    ],
)
def test_an_areas_dates_are_said_only_where_the_register_knows_them(
    valid_from: str | None, valid_to: str | None, words: str
) -> None:
    area = Area("E05000001", "Riverside", "neighbourhood", None, (), valid_from, valid_to)
    assert _validity(area) == words
