"""The provenance walk: the commit that last set each figure, across edits, renames and headers."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import materialise
from gitrepo import GitRepo, git_env

from laa_publish.compute import provenance
from laa_publish.compute.audit import prepare
from laa_publish.compute.provenance import SEP, UNCOMMITTED, Source, walk_files
from laa_publish.load.history import Commit, read_history
from laa_publish.load.versions import blob_id, files_at, read_blobs
from laa_publish.pipeline import generate
from laa_publish.validate.run import check

CSV = "data/partners/police/indicators/X-1.csv"
MOVED = "data/partners/police/indicators/X-2.csv"


def key(period: str, area: str, breakdown: str = "") -> str:
    return f"{period}{SEP}{area}{SEP}{breakdown}"


def _history_repo(tmp_path: Path) -> tuple[GitRepo, dict[str, str]]:
    repo = GitRepo(tmp_path / "repo")
    shas = {}
    repo.write(
        CSV,
        """\
        period,area,value,status,note
        2024,A,1.0,provisional,
        2024,B,2,,
        2024,C,3,,first note
        """,
    )
    shas["one"] = repo.commit("first figures", "2024-01-02", author="Ana Lyst")
    repo.write(
        CSV,
        """\
        period,area,value,status,note
        2024,A,1.0,provisional,
        2024,B,2.5,,
        2024,C,3,,a new note only
        """,
    )
    shas["two"] = repo.commit("revise B", "2024-02-03", author="Bo Police")
    repo.git("mv", CSV, MOVED)
    repo.write(
        MOVED,
        """\
        period,area,value,status,note
        2024,A,1.0,provisional,
        2024,B,2.5,,
        2024,C,3,,a new note only
        2024,D,4,,"a note, with a comma"
        """,
    )
    shas["three"] = repo.commit("rename and add D", "2024-03-04", author="Cy Council")
    repo.write(
        MOVED,
        """\
        area,period,status,value,note,sex
        A,2024,final,1.00,,
        B,2024,,2.5,,
        C,2024,,3,a new note only,
        D,2024,,4,"a note, with a comma",
        A,2024,final,0.4,,F
        """,
    )
    shas["four"] = repo.commit("reorder columns, A final, add a group", "2024-04-05")
    return repo, shas


def _sources(repo: GitRepo, path: str, cache: Path | None = None) -> dict[str, str]:
    history = read_history(repo.root)
    files = walk_files(repo.root, history, [path], cache)
    snapshot = files[path].at(history.index(), history.chain[-1].sha)
    return dict(zip(snapshot.index, snapshot["commit"], strict=True))


def test_the_commit_that_last_set_each_value_or_status(tmp_path: Path) -> None:
    repo, shas = _history_repo(tmp_path)
    found = _sources(repo, MOVED)
    assert found == {
        key("2024", "A"): shas["four"],  # provisional became final
        key("2024", "B"): shas["two"],  # value revised
        key("2024", "C"): shas["one"],  # only the note changed since
        key("2024", "D"): shas["three"],  # added with the rename, a quoted comma in its note
        key("2024", "A", "sex=F"): shas["four"],
    }


def test_the_walk_as_of_an_earlier_commit(tmp_path: Path) -> None:
    repo, shas = _history_repo(tmp_path)
    history = read_history(repo.root)
    files = walk_files(repo.root, history, [MOVED])
    earlier = files[MOVED].at(history.index(), shas["two"])
    assert dict(zip(earlier.index, earlier["commit"], strict=True)) == {
        key("2024", "A"): shas["one"],
        key("2024", "B"): shas["two"],
        key("2024", "C"): shas["one"],
    }
    assert files_at(history, shas["two"]) == {CSV: repo.git("rev-parse", f"{shas['two']}:{CSV}")}


def test_the_cache_is_used_and_resumed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = _history_repo(tmp_path)
    cache = tmp_path / "cache"
    first = _sources(repo, MOVED, cache)
    calls: list[int] = []
    real = provenance._walk

    def counting(reader: object, changes: list[object], cached: object) -> object:
        calls.append(len(changes))
        return real(reader, changes, cached)  # type: ignore[arg-type]

    monkeypatch.setattr(provenance, "_walk", counting)
    assert _sources(repo, MOVED, cache) == first
    assert calls == [], "an unchanged file is not walked again"
    repo.edit(MOVED, "B,2024,,2.5,,", "B,2024,,2.75,,")
    five = repo.commit("revise B again", "2024-05-06")
    resumed = _sources(repo, MOVED, cache)
    assert calls == [1], "only the new version is read"
    assert resumed[key("2024", "B")] == five
    assert resumed == _sources(repo, MOVED, None)


def test_blob_ids_match_git(tmp_path: Path) -> None:
    repo, _ = _history_repo(tmp_path)
    data = (repo.root / MOVED).read_bytes()
    assert blob_id(data) == repo.git("hash-object", MOVED)
    assert read_blobs(repo.root, [blob_id(data)]) == {blob_id(data): data}
    assert read_blobs(tmp_path / "nowhere", ["0" * 40]) == {}


def test_line_changes_skip_equal_blocks_and_ignore_moves() -> None:
    old = [b"h", *(b"row%d" % i for i in range(2000))]
    new = [b"h", *(b"row%d" % i for i in range(2000))]
    new[1500] = b"changed"
    new.append(b"appended")
    assert provenance.line_changes(old, new) == ([b"row1499"], [b"changed", b"appended"])
    shifted = [b"h", b"inserted", *old[1:]]
    removed, added = provenance.line_changes(old, shifted)
    assert set(added) - set(removed) == {b"inserted"}


def test_sources_read_as_text() -> None:
    assert Source(None, "police").text("Police") == "Police, version not known"
    assert (
        Source(None, "police", UNCOMMITTED).text("Police")
        == "Police, not yet saved in the data's history"
    )
    commit = Commit("abc1234def", "2026-03-14T10:00:00+00:00", 0, "Bo Police")
    assert Source(commit, "police").text("Police") == "Police, 14 March 2026, version abc1234"


def _committed_base(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "base")
    materialise(None, tmp_path / "staging")
    shutil.copytree(tmp_path / "staging", repo.root, dirs_exist_ok=True)
    repo.commit("the partnership", "2024-04-10")
    return repo


def test_sources_in_the_folder_and_uncommitted_changes(tmp_path: Path) -> None:
    repo = _committed_base(tmp_path)
    sha = repo.git("rev-parse", "HEAD")
    repo.edit(
        "data/partners/police/indicators/LOC-SSC-01.csv",
        "2024-Q2,E07000001,80",
        "2024-Q2,E07000001,81",
    )
    result = check(repo.root)
    assert result.partnership is not None
    p = result.partnership
    audit = prepare(repo.root, p, result.history)
    frame = p.observations["LOC-SSC-01"]
    edited = (frame["period"] == "2024-Q2") & (frame["area"] == "E07000001")
    assert set(frame.loc[edited, "source"]) == {UNCOMMITTED}
    assert set(frame.loc[~edited, "source"]) == {sha}
    assert audit.commits[sha].author == "Ana Lyst"


def _run_generate(root: Path, work: Path) -> pd.DataFrame:
    """Generate the site's Markdown and return the police indicator's download."""
    generate(root, work)
    return pd.read_csv(work / "docs" / "downloads" / "LOC-SSC-01.csv", dtype=str).fillna("")


def test_without_git_provenance_is_unknown_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = materialise(None, tmp_path / "plain")
    with caplog.at_level(logging.WARNING):
        frame = _run_generate(root, tmp_path / "work")
    assert "not a git checkout" in caplog.text
    assert set(frame["commit"]) == {""}
    page = (tmp_path / "work" / "docs" / "indicators" / "LOC-SSC-01.md").read_text()
    assert "version not known" in page
    assert "The latest change to the data behind these figures is not known." in page


def test_a_shallow_clone_reports_unknown_sources_not_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    repo = _committed_base(tmp_path)
    repo.write(
        "site_config/releases.yaml", "releases:\n  - id: r1\n    title: R1\n    date: 2024-05-01\n"
    )
    repo.commit("declare a release", "2024-05-02")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", f"file://{repo.root}", str(clone)],
        check=True,
        capture_output=True,
        env=git_env(),
    )
    with caplog.at_level(logging.WARNING):
        frame = _run_generate(clone, tmp_path / "work")
    assert "shallow" in caplog.text
    assert set(frame["commit"]) == {""}
    assert len(frame) > 0, "figures are published from the folder"
    calendar = (tmp_path / "work" / "docs" / "about" / "release-calendar.md").read_text()
    assert "could not be applied" in calendar


def test_a_change_of_mode_only_keeps_the_sources(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    repo, shas = _history_repo(tmp_path)
    (repo.root / MOVED).chmod(0o755)
    repo.commit("mode only", "2024-05-06")
    with caplog.at_level(logging.WARNING):
        found = _sources(repo, MOVED)
    assert "could not be replayed" not in caplog.text
    assert found[key("2024", "B")] == shas["two"]
