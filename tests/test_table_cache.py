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
    narratives = len(warm.repository.markdown)  # each content file's checks are kept too
    assert len(list(kept.iterdir())) == tables + narratives  # the old table's entry dropped

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


def test_a_loaded_tables_key_is_its_bytes_and_any_other_table_is_hashed_whole(
    repo: Path,
) -> None:
    from dataclasses import replace

    from laa_publish.load.csv_loader import load_csv_bytes
    from laa_publish.validate.table_cache import shared_digest, table_key

    p = _checked(repo).partnership
    assert p is not None
    indicator = next(i for i in p.indicators.values() if i.data_path == EDITED)
    shared = shared_digest(p, "code")
    raw = (repo / EDITED).read_bytes()

    def key(data: bytes) -> str:
        table, _ = load_csv_bytes(data, EDITED)
        assert table is not None and table.source
        return table_key(shared, indicator, table)

    assert key(raw) == key(bytes(raw))
    assert key(raw) != key(raw.replace(b"2024-Q2,E07000002,75,", b"2024-Q2,E07000002,76,"))
    assert key(raw) != table_key(
        shared_digest(p, "other code"), indicator, load_csv_bytes(raw, EDITED)[0]
    )  # type: ignore[arg-type]
    table, _ = load_csv_bytes(raw, EDITED)
    assert table is not None
    whole = replace(table, source="")  # made some other way: every cell counts
    edited = replace(whole, frame=whole.frame.replace("75", "76"))
    assert table_key(shared, indicator, whole) != table_key(shared, indicator, edited)
    assert table_key(shared, indicator, whole) == table_key(
        shared, indicator, replace(table, source="")
    )
    assert p.observation_keys[indicator.id] == key(raw)  # the figures' cache keys use it


def test_a_content_file_is_checked_again_only_when_its_text_changed(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = record_calls(monkeypatch, run, "_narrative")
    first = _checked(repo)
    assert calls == [] and first.repository.markdown  # every content file from the cache
    story = sorted((repo / "content").rglob("*.md"))[0]
    story.write_text(story.read_text() + "\nSee <script>alert(1)</script> and [x](nowhere.md).\n")
    edited = _checked(repo)
    assert [call[0][0] for call in calls] == [story.relative_to(repo).as_posix()]
    assert edited.issues == check(repo).issues
    codes = {i.code for i in edited.issues if i.path == story.relative_to(repo).as_posix()}
    assert {"markdown-unsafe", "markdown-broken-link"} <= codes
