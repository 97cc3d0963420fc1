"""Partner pages list the partner's indicators worst first, with value, target and trend."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from rendering import Site, render_repository

from laa_publish.compute.progress import OFF_TRACK, ON_TRACK, STATUS_ORDER
from laa_publish.model.site_paths import partner_page
from laa_publish.render.context import Context
from laa_publish.render.pages.partners import worst_first


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return render_repository(REPO, tmp_path_factory.mktemp("partner-cache"))


def _rows(page: str) -> list[tuple[str, str]]:
    """(indicator id, the rest of its row) in the order the table lists them."""
    section = page.split("## Indicators this partner reports", 1)[1]
    row = r'^<tr><th scope="row"><a href="[^"]*">([A-Z0-9-]+): [^<]*</a></th>(.*)</tr>$'
    return re.findall(row, section, re.M)


def test_each_partners_indicators_are_listed_worst_first(example: Site) -> None:
    ctx = Context(p=example.p, computed=example.computed, history=example.history)
    seen_off_before_on = False
    for partner in example.p.partners.values():
        owned = [i for i in example.p.indicators.values() if i.partner == partner.id]
        if not owned:
            continue
        rows = _rows(example.rendered.files[partner_page(partner.id)])
        listed = [ident for ident, _ in rows]
        assert sorted(listed) == sorted(i.id for i in owned)
        statuses = [head.status if (head := ctx.headline(i)) else "no_data" for i in listed]
        assert [STATUS_ORDER.index(s) for s in statuses] == sorted(
            STATUS_ORDER.index(s) for s in statuses
        ), partner.id
        assert listed == [i.id for i in sorted(owned, key=lambda i: worst_first(ctx, i))]
        if OFF_TRACK in statuses and ON_TRACK in statuses:
            seen_off_before_on = statuses.index(OFF_TRACK) < statuses.index(ON_TRACK)
            assert seen_off_before_on
        for ident, cells in rows:
            head = ctx.headline(ident)
            if head is not None and head.latest_value is not None:
                assert 'class="laa-spark"' in cells and "laa-direction--" in cells, ident
    assert seen_off_before_on, "the example should show an off-track before an on-track one"


def test_within_a_status_worsening_comes_before_improving_on_the_page(example: Site) -> None:
    ctx = Context(p=example.p, computed=example.computed, history=example.history)
    rank = {"worsening": 0, "no-change": 1, "not-comparable": 2, "improving": 3}
    mixed = 0
    for partner in example.p.partners.values():
        rows = _rows(example.rendered.files[partner_page(partner.id)])
        groups: dict[str, list[int]] = {}
        for ident, cells in rows:
            head = ctx.headline(ident)
            found = re.search(r"laa-direction--([a-z-]+)", cells)
            if head is None or found is None:
                continue
            groups.setdefault(head.status, []).append(rank[found.group(1)])
        for directions in groups.values():
            assert directions == sorted(directions), partner.id
            mixed += len(set(directions)) > 1
    assert mixed, "no status group mixes directions: the test would prove nothing"
