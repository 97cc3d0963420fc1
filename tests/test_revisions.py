"""Releases resolve to commits, and a value changed since the last release needs its reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import BASE, issue_keys
from gitrepo import COUNCIL, POLICE, GitRepo, revision_history

from laa_publish.compute.revisions import revised_rows
from laa_publish.validate.revisions import changed_values
from laa_publish.validate.run import check


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("revisions") / "repo"
    return root, revision_history(root, BASE)


@pytest.fixture
def repo(history_repo: tuple[Path, dict[str, str]], tmp_path: Path) -> GitRepo:
    """A fresh clone of the history, so each test may edit its working tree."""
    source, _ = history_repo
    clone = GitRepo(tmp_path / "clone")
    clone.git("pull", "-q", str(source), "main")
    return clone


def _keys(root: Path) -> set[tuple[str, int | None, int | None, str]]:
    return issue_keys(check(root).issues)


def test_the_history_is_valid_and_releases_resolve(
    history_repo: tuple[Path, dict[str, str]],
) -> None:
    root, shas = history_repo
    result = check(root)
    assert result.issues == []
    assert result.partnership is not None
    resolved = {r.id: r.commit for r in result.partnership.releases}
    assert resolved == {"2024-05": shas["a"], "2024-08": shas["c"], "2024-11": shas["d"]}


def test_a_changed_value_without_a_reason_is_an_error_at_the_value(repo: GitRepo) -> None:
    repo.edit(POLICE, "2023-Q3,E08000001,165,", "2023-Q3,E08000001,166,")
    assert _keys(repo.root) == {(POLICE, 3, 3, "revision-no-reason")}
    message = check(repo.root).issues[0].message
    assert "165 to 166" in message and '"2024-08"' in message


def test_a_reason_makes_the_revision_valid(repo: GitRepo) -> None:
    repo.edit(POLICE, "2023-Q3,E08000001,165,,,,,,", "2023-Q3,E08000001,166,,,,,correction,Typo.")
    assert _keys(repo.root) == set()


def test_a_reason_without_its_class_is_an_error(repo: GitRepo) -> None:
    repo.edit(POLICE, "2023-Q3,E08000001,165,,,,,,", "2023-Q3,E08000001,166,,,,,,Typo.")
    assert _keys(repo.root) == {(POLICE, 3, 8, "revision-bad-class")}


def test_a_withdrawn_value_is_a_revision(repo: GitRepo) -> None:
    repo.edit(POLICE, "2023-Q3,E08000001,165,,,,", "2023-Q3,E08000001,,,,not_available,")
    assert _keys(repo.root) == {(POLICE, 3, 3, "revision-no-reason")}


def test_a_reason_on_an_unchanged_value_is_a_warning(repo: GitRepo) -> None:
    repo.edit(POLICE, "2023-Q2,E08000001,170,,,,,,", "2023-Q2,E08000001,170,,,,,revision,No.")
    assert _keys(repo.root) == {(POLICE, 2, 9, "revision-not-needed")}


def test_reasons_stay_valid_until_the_released_file_is_next_edited(repo: GitRepo) -> None:
    """NI-116 is as release 2024-08 left it, so it is judged against release 2024-05 and its
    reasons explain the revisions 2024-08 published. Once edited again, they are stale."""
    repo.edit(
        COUNCIL, "2022-23,E07000001,25.0,1500,6000,,Checked", "2022-23,E07000001,25.0,1500,6000,,"
    )
    assert _keys(repo.root) == {
        (COUNCIL, 3, 9, "revision-not-needed"),
        (COUNCIL, 9, 9, "revision-not-needed"),
    }
    text = (
        (repo.root / COUNCIL).read_text().replace(",revision,Late returns from two schools.", ",,")
    )
    (repo.root / COUNCIL).write_text(text)
    assert _keys(repo.root) == set()


def test_a_release_commit_must_exist_and_precede_the_date(
    repo: GitRepo, history_repo: tuple[Path, dict[str, str]]
) -> None:
    _, shas = history_repo
    releases = "site_config/releases.yaml"
    repo.edit(releases, "    date: 2024-05-09\n", "    date: 2024-05-09\n    commit: abcdef1\n")
    repo.edit(
        releases, "    date: 2024-11-14\n", f"    date: 2024-11-14\n    commit: {shas['d']}\n"
    )
    repo.edit(
        releases, "    date: 2024-08-08\n", f"    date: 2024-08-08\n    commit: {shas['d'][:9]}\n"
    )
    found = [i for i in check(repo.root).issues if i.path == releases]
    assert issue_keys(found) == {
        (releases, 6, 13, "release-commit"),
        (releases, 10, 13, "release-commit"),
    }
    assert "not a commit on the main line" in found[0].message
    assert "made later, on 2024-09-02" in found[1].message


def test_duplicate_release_ids_are_refused(repo: GitRepo) -> None:
    releases = "site_config/releases.yaml"
    repo.edit(releases, "  - id: 2024-11\n", "  - id: 2024-08\n")
    assert _keys(repo.root) == {(releases, 10, 9, "duplicate-id")}


def test_release_tags_are_releases_too(
    repo: GitRepo, history_repo: tuple[Path, dict[str, str]]
) -> None:
    _, shas = history_repo
    repo.git("tag", "release/2024-07", shas["b"])
    repo.git("tag", "release/Not/An/Id", shas["b"])
    repo.git("tag", "-a", "release/2024-08", "-m", "Ignored: releases.yaml declares it", shas["a"])
    result = check(repo.root)
    assert result.issues == []
    assert result.partnership is not None
    tagged = [r for r in result.partnership.releases if r.origin == "tag"]
    assert [(r.id, r.commit, r.date) for r in tagged] == [("2024-07", shas["b"], "2024-06-20")]


def test_changed_values_compare_at_the_published_precision() -> None:
    key = {"period": ["1", "2", "3", "4"], "area": ["A"] * 4, "breakdown": [""] * 4}
    old = pd.DataFrame({**key, "value": [1.0, 2.0, float("nan"), 4.0]})
    new = pd.DataFrame({**key, "value": [1.04, 2.1, 3.0, float("nan")]})
    assert changed_values(new, old, 1)["changed"].tolist() == [False, True, False, True]
    assert changed_values(new, None, 1)["changed"].tolist() == [False] * 4


def test_a_figure_hidden_by_disclosure_control_is_not_marked_revised() -> None:
    from conftest import make_indicator

    key = {"period": ["1", "2"], "area": ["A"] * 2, "breakdown": [""] * 2}
    old = pd.DataFrame({**key, "value": [1.0, 2.0], "status": ["final"] * 2})
    new = pd.DataFrame({**key, "value": [float("nan"), float("nan")]})
    new["status"] = ["suppressed", "not_available"]
    assert revised_rows(make_indicator(), old, new).tolist() == [False, True]
