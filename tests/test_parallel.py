"""Work shared over cores gives exactly what one core gives, in the same order."""

from __future__ import annotations

import os

import pytest
from conftest import REPO

from laa_publish import parallel
from laa_publish.compute.progress import compute
from laa_publish.compute.rollup import roll_up
from laa_publish.load.history import History
from laa_publish.parallel import map_ordered
from laa_publish.render.site import render_site
from laa_publish.validate.run import check


def test_forked_results_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAA_WORKERS", "2")
    items = list(range(40))
    seen = map_ordered(lambda n: (n * n, os.getpid()), items, min_items=2)
    assert [value for value, _ in seen] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in seen}, "the work should run in the workers"


def test_small_jobs_and_one_core_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAA_WORKERS", "2")
    assert {pid for pid in map_ordered(lambda _: os.getpid(), [1, 2, 3])} == {os.getpid()}
    monkeypatch.setenv("LAA_WORKERS", "1")
    assert parallel.cores() == 1
    assert {pid for pid in map_ordered(lambda _: os.getpid(), list(range(50)))} == {os.getpid()}


def test_pools_are_never_nested(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAA_WORKERS", "2")

    def inner(n: int) -> list[int]:
        return map_ordered(lambda m: os.getpid() + 0 * m, list(range(20)), min_items=2)

    for pids in map_ordered(inner, list(range(4)), min_items=2):
        assert len(set(pids)) == 1  # each worker ran its inner list itself


def test_example_checks_computes_and_renders_the_same_on_one_core_or_two(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("LAA_WORKERS", workers)
        checked = check(REPO)
        assert checked.partnership is not None
        computed = compute(checked.partnership)
        rendered = render_site(checked.partnership, computed, History())
        results[workers] = (checked, computed, rendered)
    (one, c1, r1), (two, c2, r2) = results["1"], results["2"]
    assert r1.files == r2.files and r1.charts == r2.charts and r1.nav == r2.nav
    assert [i.to_dict() for i in one.issues] == [i.to_dict() for i in two.issues]
    p1, p2 = one.partnership, two.partnership
    assert p1 is not None and p2 is not None
    assert sorted(p1.observations) == sorted(p2.observations)
    assert len(p1.observations) > parallel.MIN_ITEMS  # so the two-core run really forked
    for ident, frame in p1.observations.items():
        assert frame.equals(p2.observations[ident]), ident
    assert c1.progress == c2.progress and c1.outcomes == c2.outcomes
    for ident, frame in c1.published.items():
        assert frame.equals(c2.published[ident]), ident


def test_rollup_reusing_the_validation_totals_changes_nothing() -> None:
    checked = check(REPO)
    p = checked.partnership
    assert p is not None and p.child_totals
    for ident, frame in p.observations.items():
        ind = p.indicators[ident]
        fresh = roll_up(ind, frame, p.areas)
        assert fresh.equals(roll_up(ind, frame, p.areas, p.child_totals.get(ident))), ident
