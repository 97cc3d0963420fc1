"""Each indicator's computed figures come from the cache only when nothing they read changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, record_calls

from laa_publish.compute import progress
from laa_publish.compute.progress import Computed, compute
from laa_publish.frames import frame_digest
from laa_publish.model.entities import Partnership
from laa_publish.result_cache import ResultCache
from laa_publish.validate.run import check


@pytest.fixture(scope="module")
def partnership() -> Partnership:
    result = check(REPO)
    assert result.partnership is not None
    return result.partnership


def _same(a: Computed, b: Computed) -> None:
    assert a.progress == b.progress and a.outcomes == b.outcomes
    assert sorted(a.published) == sorted(b.published)
    for ident, frame in a.published.items():
        pd.testing.assert_frame_equal(frame, b.published[ident])


def test_an_edit_recomputes_only_its_indicator(
    partnership: Partnership, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    calls = record_calls(monkeypatch, progress, "_figures")
    cache = tmp_path / "figures"
    plain = compute(partnership)
    calls.clear()
    _same(compute(partnership, ResultCache(cache), "code"), plain)
    assert len(calls) == len(partnership.indicators)
    calls.clear()
    _same(compute(partnership, ResultCache(cache), "code"), plain)
    assert calls == []  # every indicator from the cache

    ident = "NI-116"
    frame = partnership.observations[ident].copy()
    frame.loc[frame.index[-1], "value"] = float(frame["value"].iloc[-1]) + 1.5
    edited = dataclasses.replace(
        partnership, observations={**partnership.observations, ident: frame}
    )
    calls.clear()
    warm = compute(edited, ResultCache(cache), "code")
    assert [c[1] for c in calls] == [ident]
    calls.clear()
    _same(warm, compute(edited))
    assert not warm.published[ident].equals(plain.published[ident])  # the edit shows
    assert len(list(cache.iterdir())) == len(partnership.indicators)  # the old NI-116 dropped

    calls.clear()
    compute(edited, ResultCache(cache), "other code")
    assert len(calls) == len(partnership.indicators)  # new code: nothing reused


def _typed() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": pd.array(["E1", "E2", None, "E4"], dtype="str"),
            "ordinal": pd.array([1, None, 3, 4], dtype="Int64"),
            "value": [1.5, 2.5, float("nan"), 4.0],
            "revised": [False, True, False, False],
            "mixed": pd.Series([1, "a", None, 2.0], dtype=object),
        }
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [("area", "E9"), ("ordinal", 9), ("value", 9.5), ("revised", True), ("mixed", "b")],
)
def test_a_frame_digest_changes_with_any_one_value(column: str, value: object) -> None:
    frame, edited = _typed(), _typed()
    assert frame_digest(frame) == frame_digest(edited)
    edited.loc[0, column] = value
    assert frame_digest(frame) != frame_digest(edited)


def test_a_frame_digest_tells_slices_of_the_same_memory_apart() -> None:
    frame = _typed()
    head, tail = frame.iloc[:3], frame.iloc[1:]
    assert frame_digest(head.set_axis(range(3))) != frame_digest(tail.set_axis(range(3)))
    assert frame_digest(tail) == frame_digest(_typed().iloc[1:])
    assert frame_digest(None) != frame_digest(frame.iloc[:0])


def test_a_checked_tables_key_stands_for_its_observations(partnership: Partnership) -> None:
    from laa_publish.compute.figure_cache import figure_keys

    ident = "NI-116"
    plain = figure_keys(partnership, [ident], "code")
    keyed = dataclasses.replace(partnership, observation_keys={ident: "a"})
    assert figure_keys(keyed, [ident], "code") != plain
    other = dataclasses.replace(partnership, observation_keys={ident: "b"})
    assert figure_keys(other, [ident], "code") != figure_keys(keyed, [ident], "code")
    frame = partnership.observations[ident].copy()
    frame.loc[frame.index[-1], "value"] = float(frame["value"].iloc[-1]) + 1.5
    edited = dataclasses.replace(
        partnership, observations={**partnership.observations, ident: frame}
    )
    assert figure_keys(edited, [ident], "code") != plain  # without a key, the frame counts
