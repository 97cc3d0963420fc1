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


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the base partnership, checked once on one core with its cache beside it."""
    monkeypatch.setenv("LAA_WORKERS", "1")
    root = materialise(None, tmp_path / "repo")
    _checked(root)
    return root


def _checked(root: Path, salt: str = "code") -> CheckResult:
    return check(root, None, ResultCache(root.parent / "validated"), salt)


def test_an_edit_checks_only_its_table_again_and_finds_the_same(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = record_calls(monkeypatch, run, "_table_issues")
    tables = len(_checked(repo).partnership.observations)  # type: ignore[union-attr]
    assert tables >= 2 and calls == []  # every table from the cache
    _same(_checked(repo), check(repo))

    csv = repo / EDITED
    csv.write_text(csv.read_text().replace("2024-Q2,E07000002,75,", "2024-Q2,E07000002,x75,"))
    calls.clear()
    warm = _checked(repo)
    assert [call[2].path for call in calls] == [EDITED]
    _same(warm, check(repo))
    bad = [i for i in warm.issues if i.path == EDITED and i.severity == "error"]
    assert bad and bad[0].line is not None and bad[0].column is not None  # where it stands
    kept = repo.parent / "validated"
    assert len(list(kept.iterdir())) == tables  # the edited table's old entry dropped

    calls.clear()
    _checked(repo, "other code")
    assert len(calls) == tables  # new code: nothing reused


def test_a_changed_area_register_checks_every_table_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    areas = repo / "data" / "registers" / "areas.yaml"
    areas.write_text(areas.read_text().replace("name: ", "name: The ", 1))
    calls = record_calls(monkeypatch, run, "_table_issues")
    warm = _checked(repo)
    assert len(calls) == len(warm.partnership.observations) >= 2  # type: ignore[union-attr]
    _same(warm, check(repo))
