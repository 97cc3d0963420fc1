"""The indicator summary row: the indicators index and outcome pages show a figure alike."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import materialise

from laa_publish.compute.audit import Audit
from laa_publish.compute.progress import compute
from laa_publish.load.history import History
from laa_publish.model.site_paths import INDICATORS_INDEX, outcome_page
from laa_publish.render.site import render_site
from laa_publish.validate.run import check


def _cells(page: str, indicator: str) -> list[str]:
    """The cells of the table row that links to an indicator, in a pipe or raw HTML table."""
    piped = [line for line in page.splitlines() if line.startswith(f"| [{indicator}:")]
    if piped:
        [line] = piped
        return [cell.strip() for cell in line.strip("|").split("|")]
    [line] = [
        line for line in page.splitlines() if line.startswith("<tr>") and f">{indicator}:" in line
    ]
    return re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", line)


def test_a_revised_latest_figure_is_marked_on_the_index_and_its_outcome_page(
    tmp_path: Path,
) -> None:
    result = check(materialise(None, tmp_path / "repo"))
    p = result.partnership
    assert p is not None, result.issues
    computed = compute(p)
    place = p.settings.place_area
    ind = p.indicators["LOC-SSC-01"]
    head = computed.headline(ind.id, place)
    assert head is not None and head.latest_period is not None
    audit = Audit(revised={(ind.id, head.latest_period, place, "")})
    files = render_site(p, computed, History(), audit).files
    index, outcome = files[INDICATORS_INDEX], files[outcome_page(ind.outcome)]
    listed, summarised = _cells(index, ind.id), _cells(outcome, ind.id)
    assert listed[2].endswith(" [r]")
    assert summarised[1:3] == listed[1:3]
    assert "<code>[r]</code> revised" in index and "<code>[r]</code> revised" in outcome
    assert outcome.count("<table data-search-exclude>") >= 1  # the outcome's figures: not searched
