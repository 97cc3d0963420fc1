"""Each indicator's CSV checks come from the cache only when nothing they read changed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import materialise, record_calls

from laa_publish.result_cache import ResultCache
from laa_publish.validate import run
from laa_publish.validate.run import CheckResult, check

EDITED = "data/partners/police/indicators/LOC-SSC-01.csv"


def _same(a: CheckResult, b: CheckResult) -> None:
    assert a.issues == b.issues
    assert a.partnership is not None and b.partnership is not None
    for held in ("observations", "child_totals", "comparators"):
        mine, theirs = getattr(a.partnership, held), getattr(b.partnership, held)
        assert sorted(mine) == sorted(theirs)
        for ident, frame in mine.items():
            pd.testing.assert_frame_equal(frame, theirs[ident])


def test_an_edit_checks_only_its_table_again_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    root = materialise(None, tmp_path / "repo")
    kept = tmp_path / "validated"
    calls = record_calls(monkeypatch, run, "_table_issues")
    first = check(root, None, ResultCache(kept), "code")
    tables = len(calls)
    assert tables >= 2
    _same(first, check(root, None, ResultCache(kept), "code"))
    assert len(calls) == tables  # every table from the cache

    csv = root / EDITED
    csv.write_text(csv.read_text().replace("2024-Q2,E07000002,75,", "2024-Q2,E07000002,x75,"))
    calls.clear()
    warm = check(root, None, ResultCache(kept), "code")
    assert [call[2].path for call in calls] == [EDITED]
    _same(warm, check(root))
    bad = [i for i in warm.issues if i.path == EDITED and i.severity == "error"]
    assert bad and bad[0].line is not None and bad[0].column is not None  # where it stands
    assert len(list(kept.iterdir())) == tables  # the edited table's old entry dropped

    calls.clear()
    check(root, None, ResultCache(kept), "other code")
    assert len(calls) == tables  # new code: nothing reused


def test_a_changed_area_register_checks_every_table_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    root = materialise(None, tmp_path / "repo")
    kept = tmp_path / "validated"
    check(root, None, ResultCache(kept), "code")
    areas = root / "data" / "registers" / "areas.yaml"
    text = areas.read_text()
    areas.write_text(text.replace("name: ", "name: The ", 1))
    calls = record_calls(monkeypatch, run, "_table_issues")
    warm = check(root, None, ResultCache(kept), "code")
    assert len(calls) == len(warm.partnership.observations) >= 2  # type: ignore[union-attr]
    _same(warm, check(root))
