"""Words residents read: one arrow convention, neutral zero counts, honest best and worst."""

from __future__ import annotations

import json
import re

from conftest import REPO, make_indicator

from laa_publish.compute.progress import (
    FALLING,
    IMPROVING,
    NO_CHANGE,
    NOT_COMPARABLE,
    RISING,
    WORSENING,
)
from laa_publish.render.charts import breakdown_chart_spec, narrow_spec
from laa_publish.render.pages.indicators import Groups, breakdown_message, tolerance_words
from laa_publish.render.pages.outcomes import direction_counts
from laa_publish.render.svg_pool import convert
from laa_publish.render.text import DIRECTION_ARROW, direction_badge, direction_count


def test_the_arrow_says_better_or_worse_whichever_way_the_figure_moved() -> None:
    # the arrow is the stylesheet's (tests/test_badge_symbols.py): ↗ better, ↘ worse; the
    # straight ↑ and ↓ belong only to a measure where neither direction is better
    assert DIRECTION_ARROW == {
        IMPROVING: "↗",
        WORSENING: "↘",
        NO_CHANGE: "→",
        RISING: "↑",
        FALLING: "↓",
    }
    assert "laa-direction--improving" in direction_badge(IMPROVING)
    assert "laa-direction--worsening" in direction_badge(WORSENING)
    for badge in map(direction_badge, (IMPROVING, WORSENING, NO_CHANGE, NOT_COMPARABLE)):
        assert "↑" not in badge and "↓" not in badge


def test_a_zero_count_is_neutral_never_red_or_green() -> None:
    assert "laa-neutral" not in direction_count(WORSENING, 2)
    assert "laa-neutral" not in direction_count(IMPROVING, 1)
    none_worse = direction_count(WORSENING, 0)
    assert "laa-neutral" in none_worse and ">0 worsening<" in none_worse
    both = direction_counts(3, 0)
    assert both.count("laa-direction--improving") == 1
    assert both.count("laa-neutral") == 1


def _groups(rows: list[tuple[str, float | None, float | None]], decimals: int = 0) -> Groups:
    ind = make_indicator(decimals=decimals)
    groups = Groups()
    for label, value, numerator in rows:
        groups.add(label, value, numerator, ind)
    return groups


def test_a_zero_count_is_never_called_best() -> None:
    ind = make_indicator(polarity="lower_is_better", unit="rate", rate_per=100_000, decimals=0)
    groups = _groups([("White", 265.0, 54.0), ("Mixed", 434.0, 8.0), ("Other", 0.0, 0.0)])
    message = breakdown_message(ind, "Ethnic group", "2025-26", groups, 268.0)
    assert "best White (265 per 100,000), worst Mixed (434 per 100,000)" in message
    assert "Other" not in message
    assert groups.not_ranked()[0].startswith("Other is not called best or worst")


def test_a_group_declared_unranked_is_shown_but_never_called_best_or_worst() -> None:
    ind = make_indicator(polarity="lower_is_better", unit="rate", rate_per=100_000, decimals=0)
    groups = Groups()
    for label, value, ranked in (("White", 265.0, True), ("Not known", 900.0, False)):
        groups.add(label, value, 10.0, ind, ranked)
    groups.add("Mixed", 434.0, 8.0, ind)
    message = breakdown_message(ind, "Ethnic group", "2025-26", groups, 268.0)
    assert "worst Mixed (434 per 100,000)" in message and "Not known" not in message
    assert groups.not_ranked()[0].startswith("Not known is not called best or worst")


def test_the_example_never_names_not_known_best_or_worst() -> None:
    from laa_publish.compute.progress import compute
    from laa_publish.load.history import History
    from laa_publish.render.context import Context, Rendered
    from laa_publish.render.pages.indicators import indicator_markdown
    from laa_publish.validate.run import check

    p = check(REPO).partnership
    assert p is not None
    [ethnicity] = [d for d in p.settings.dimensions if d.id == "ethnicity"]
    assert not ethnicity.ranked("not_known") and ethnicity.ranked("white")
    # NI-117's highest ethnic-group figure is Not known's: it must not be named worst
    page = indicator_markdown(Context(p, compute(p), History()), "NI-117", Rendered())
    section = page.split("### By ethnic group", 1)[1].split("\n### ", 1)[0]
    assert "Not known is not called best or worst" in section
    assert "worst Not known" not in section and "best Not known" not in section
    assert re.search(r"worst [A-Z][^(]+ \(", section)


def test_withheld_groups_are_named_as_withheld() -> None:
    groups = _groups([("A", 10.0, 10.0), ("B", None, None), ("C", None, None)])
    assert "The figures for B and C are withheld (`[c]`)" in " ".join(groups.not_ranked())


def test_too_few_groups_with_figures_names_no_best() -> None:
    ind = make_indicator()
    groups = _groups([("A", 12.0, 3.0), ("B", 0.0, 0.0), ("C", None, None)])
    message = breakdown_message(ind, "Sex", "2025-26", groups, 9.0)
    assert "too few groups with figures to name the best and worst" in message
    assert "best" not in message.replace("the best", "")
    withheld = breakdown_message(ind, "Sex", "2025-26", _groups([("C", None, None)]), None)
    assert withheld.endswith("figures withheld")


def test_a_rate_with_no_numerator_is_zero_when_its_value_rounds_to_zero() -> None:
    groups = _groups([("A", 0.04, None), ("B", 0.4, None)], decimals=1)
    assert groups.zero == ["A"] and [g[0] for g in groups.ranked] == ["B"]


def test_tolerance_is_explained_where_it_is_shown() -> None:
    ind = make_indicator(unit="percentage", decimals=1)
    text = tolerance_words(1.5, ind, "indicators/X.md")
    assert text.startswith("Missing it by up to 1.5 points counts as at risk, not off track")
    assert "(../about/method.md#status-against-the-target)" in text
    assert tolerance_words(0.0, ind, "indicators/X.md").startswith("Any miss counts as off track")


def test_long_group_names_wrap_instead_of_being_cut() -> None:
    rows = [
        {"label": "White", "value": 265.0},
        {"label": "Black, Black British, Caribbean or African", "value": 387.0},
    ]
    spec = breakdown_chart_spec(rows, 268.0, "Rate per 100,000", "A message")
    for drawing in (spec, narrow_spec(spec)):  # the desktop chart and the phone's
        svg = convert(json.dumps(drawing))
        assert "<tspan>Black, Black British,</tspan>" in svg
        assert ">Caribbean or African</tspan>" in svg
        assert "…" not in svg, "no label is truncated"
