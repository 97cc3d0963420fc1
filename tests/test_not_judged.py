"""An indicator where neither direction is better: up or down, never better, worse or on track."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.compute.progress import FALLING, NOT_JUDGED, compute
from laa_publish.issues import has_errors
from laa_publish.load.history import History
from laa_publish.model.entities import Partnership
from laa_publish.render.compare import compare_values, standing
from laa_publish.render.site import Rendered, render_site
from laa_publish.validate.run import check

INDICATOR = "data/partners/city-council/indicators/NI-116.yaml"


@pytest.fixture(scope="module")
def neither(tmp_path_factory: pytest.TempPathFactory) -> tuple[Partnership, Rendered]:
    root = materialise(None, tmp_path_factory.mktemp("n") / "repo")
    path = root / INDICATOR
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("polarity: lower_is_better", "polarity: none"), "utf-8")
    # both districts published for 2024-25, so each compares with the place's 20.5
    figures = path.with_suffix(".csv")
    text = figures.read_text(encoding="utf-8")
    text = text.replace(
        "2024-25,E07000002,,,,suppressed,Small numbers", "2024-25,E07000002,16.0,640,4000,,"
    )
    figures.write_text(text, encoding="utf-8")
    result = check(root)
    assert not has_errors(result.issues), result.issues
    assert result.partnership is not None
    p = result.partnership
    return p, render_site(p, compute(p), History())


def test_it_has_no_status_and_moves_down_rather_than_improving(
    neither: tuple[Partnership, Rendered],
) -> None:
    p, _ = neither
    computed = compute(p)
    head = computed.headline("NI-116", "E08000001")
    assert head is not None
    assert head.status == NOT_JUDGED  # though it has a target, it is never on or off track
    assert head.direction == FALLING  # 21.0 to 20.5: down, not "improving"
    summary = computed.outcomes["CYP-1"]
    assert summary.counts.get(NOT_JUDGED) == 1
    assert summary.improving == 0 and summary.worsening == 0


def test_its_pages_say_up_or_down_and_higher_or_lower(
    neither: tuple[Partnership, Rendered],
) -> None:
    _, rendered = neither
    page = rendered.files["indicators/NI-116.md"]
    assert "Neither: a rise or a fall is not in itself good or bad" in page
    assert "laa-status--not-judged" in page and "Not judged" in page
    assert "laa-direction--falling" in page
    assert "laa-direction--improving" not in page and "laa-direction--worsening" not in page
    district = rendered.files["areas/E07000001.md"]
    row = next(line for line in district.splitlines() if "NI-116" in line and "<tr" in line)
    assert "laa-direction--falling" in row
    assert "better" not in row and "worse" not in row
    assert "1st of" not in row and "2nd of" not in row  # no rank without a better direction


def test_the_schema_accepts_none_and_still_refuses_other_words(tmp_path: Path) -> None:
    root = materialise(None, tmp_path / "repo")
    path = root / INDICATOR
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("polarity: lower_is_better", "polarity: neither"), "utf-8")
    [issue] = [i for i in check(root).issues if i.code == "schema-enum"]
    assert '"none"' in issue.hint and issue.line == 16


def test_a_comparison_says_higher_or_lower_and_is_not_counted_as_better_or_worse(
    neither: tuple[Partnership, Rendered],
) -> None:
    p, _ = neither
    indicator = p.indicators["NI-116"]
    higher = compare_values(indicator, 23.5, 21.0, "Testford")
    assert higher.words == "higher than Testford by 2.5 points"
    assert higher.better is None and higher.standardised is None
    lower = compare_values(indicator, 20.0, 21.0, "Testford")
    assert lower.short == "lower by 1.0 points"
    same = compare_values(indicator, 21.0, 21.0, "Testford")
    tally = standing([higher, lower, same])
    assert (tally.better, tally.worse, tally.same, tally.compared) == (0, 0, 1, 1)
    assert (tally.higher, tally.lower) == (1, 1)


def test_an_area_page_counts_it_as_higher_or_lower_not_as_nothing_compared(
    neither: tuple[Partnership, Rendered],
) -> None:
    p, rendered = neither
    name = p.areas["E07000001"].name
    page = rendered.files["areas/E07000001.md"]
    assert (
        f"On 1 measure where neither direction is better, {name} is higher than Testford "
        "on 1 and lower on 0." in page
    )  # 23.5 against the place's 20.5 in 2024-25
    assert "so none can be compared" not in page
    south = rendered.files["areas/E07000002.md"]
    assert "is higher than Testford on 0 and lower on 1." in south  # 16.0


def test_the_home_page_explains_the_straight_arrows(neither: tuple[Partnership, Rendered]) -> None:
    _, rendered = neither
    home = rendered.files["index.md"]
    assert "For measures where neither direction is better, ↑ and ↓ say only which way." in home
