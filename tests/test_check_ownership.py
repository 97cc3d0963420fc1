"""`laa-publish check-ownership`: a partner's pull request may touch only what its team owns."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.ownership.changes import Change, parse_name_status

NI_116 = "data/partners/city-council/indicators/NI-116.csv"
LOC_SSC_01 = "data/partners/police/indicators/LOC-SSC-01.csv"


def git(root: Path, *args: str) -> str:
    """Run git in the test repository, failing the test on any error."""
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commits made by 'partners' in tmp_path, never reading the user's git configuration."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2025-01-01T12:00:00Z")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2025-01-01T12:00:00Z")
    partner_as("core")(monkeypatch)


def partner_as(name: str):
    """Make the next commits come from someone in the named team."""

    def apply(monkeypatch: pytest.MonkeyPatch) -> None:
        for role in ("AUTHOR", "COMMITTER"):
            monkeypatch.setenv(f"GIT_{role}_NAME", f"{name} analyst")
            monkeypatch.setenv(f"GIT_{role}_EMAIL", f"{name}@testford.example.org")

    return apply


def commit(root: Path, message: str) -> str:
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base partnership committed on main by the core team, then a partner's branch."""
    root = materialise(None, tmp_path / "repo")
    git(root, "init", "--quiet", "--initial-branch=main")
    commit(root, "The partnership's data")
    git(root, "switch", "--quiet", "-c", "partner-change")
    return root


def edit(root: Path, rel: str, line: str = "2025-26,E08000001,19.0,1900,10000,provisional,\n"):
    with (root / rel).open("a", encoding="utf-8") as handle:
        handle.write(line)


def check(run_cli, root: Path, partner: str, *extra: str):
    return run_cli(
        "check-ownership", "--root", str(root), "--partner", partner, "--base", "main", *extra
    )


def test_a_partner_editing_its_own_file_passes(run_cli, repo: Path, monkeypatch) -> None:
    partner_as("police")(monkeypatch)
    edit(repo, LOC_SSC_01, "2025-Q1,E08000001,90,,,provisional,\n")
    commit(repo, "New quarter")
    result = check(run_cli, repo, "police")
    assert result.code == 0, result.out
    assert result.out == "No problems found.\n"


def test_a_partner_editing_another_partners_file_is_caught(
    run_cli, repo: Path, monkeypatch
) -> None:
    partner_as("police")(monkeypatch)
    edit(repo, LOC_SSC_01, "2025-Q1,E08000001,90,,,provisional,\n")
    edit(repo, NI_116)
    commit(repo, "Figures")
    result = check(run_cli, repo, "police", "--format", "json")
    assert result.code == 1
    [issue] = json.loads(result.out)
    assert issue["code"] == "ownership-violation"
    assert (issue["path"], issue["line"], issue["column"]) == (NI_116, None, None)
    assert '"police"' in issue["message"] and "@testford-laa/council" in issue["message"]
    assert "data/partners/police/" in issue["hint"]


def test_text_and_github_formats_name_the_file(run_cli, repo: Path, monkeypatch) -> None:
    partner_as("police")(monkeypatch)
    edit(repo, NI_116)
    commit(repo, "Figures")
    text = check(run_cli, repo, "police")
    assert text.code == 1
    assert text.out.startswith(f"{NI_116}: error[ownership-violation] ")
    github = check(run_cli, repo, "police", "--format", "github")
    assert github.out.startswith(f"::error file={NI_116},title=ownership-violation::")


def test_a_rename_out_of_the_partners_folder_is_caught(run_cli, repo: Path, monkeypatch) -> None:
    partner_as("police")(monkeypatch)
    moved = "data/partners/city-council/indicators/LOC-SSC-01.csv"
    git(repo, "mv", LOC_SSC_01, moved)
    commit(repo, "Move")
    result = check(run_cli, repo, "police", "--format", "json")
    assert result.code == 1
    [issue] = json.loads(result.out)
    assert issue["path"] == moved
    assert f'moves "{LOC_SSC_01}" to "{moved}"' in issue["message"]


def test_a_rename_into_the_partners_folder_counts_the_old_path(
    run_cli, repo: Path, monkeypatch
) -> None:
    partner_as("police")(monkeypatch)
    taken = "data/partners/police/indicators/NI-116.csv"
    git(repo, "mv", NI_116, taken)
    commit(repo, "Take over")
    result = check(run_cli, repo, "police", "--format", "json")
    assert result.code == 1
    assert [i["path"] for i in json.loads(result.out)] == [NI_116]


def test_deleting_and_adding_files_of_others_are_caught(run_cli, repo: Path, monkeypatch) -> None:
    partner_as("police")(monkeypatch)
    (repo / NI_116).unlink()
    (repo / "data/registers/areas.yaml").write_text("areas: []\n", encoding="utf-8")
    (repo / "data/partners/fire").mkdir()
    (repo / "data/partners/fire/README.md").write_text("Ours now\n", encoding="utf-8")
    commit(repo, "Tidy")
    result = check(run_cli, repo, "police", "--format", "json")
    assert result.code == 1
    found = {i["path"]: i["message"] for i in json.loads(result.out)}
    assert set(found) == {NI_116, "data/registers/areas.yaml", "data/partners/fire/README.md"}
    assert "deletes" in found[NI_116]
    assert "@testford-laa/core" in found["data/registers/areas.yaml"]


def test_narratives_belong_to_the_lead_partner(run_cli, repo: Path, monkeypatch) -> None:
    partner_as("police")(monkeypatch)
    edit(repo, "content/outcomes/SSC-1.md", "\nMore of the story.\n")
    commit(repo, "Own story")
    assert check(run_cli, repo, "police").code == 0
    edit(repo, "content/outcomes/CYP-1.md", "\nSomeone else's story.\n")
    commit(repo, "Other story")
    result = check(run_cli, repo, "police", "--format", "json")
    assert [i["path"] for i in json.loads(result.out)] == ["content/outcomes/CYP-1.md"]


def test_changes_on_main_since_the_branch_started_are_not_blamed(
    run_cli, repo: Path, monkeypatch
) -> None:
    partner_as("police")(monkeypatch)
    edit(repo, LOC_SSC_01, "2025-Q1,E08000001,90,,,provisional,\n")
    commit(repo, "Police figures")
    git(repo, "switch", "--quiet", "main")
    partner_as("council")(monkeypatch)
    edit(repo, NI_116)
    commit(repo, "Council figures")
    git(repo, "switch", "--quiet", "partner-change")
    assert check(run_cli, repo, "police").code == 0
    assert check(run_cli, repo, "city-council", "--head", "partner-change").code == 1


def test_unknown_partner_exits_2_with_a_suggestion(
    run_cli, repo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    result = check(run_cli, repo, "polise")
    assert result.code == 2
    assert 'Partner "polise" is not in the partner register' in caplog.text
    assert 'Did you mean "police"?' in caplog.text


@pytest.mark.parametrize("rev", ["no-such-branch", "--output=/tmp/x", "HEAD~5"])
def test_a_bad_revision_exits_2(
    run_cli, repo: Path, rev: str, caplog: pytest.LogCaptureFixture
) -> None:
    result = run_cli("check-ownership", "--root", str(repo), "--partner", "police", f"--base={rev}")
    assert result.code == 2
    assert "is not a commit in this repository" in caplog.text


def test_root_must_be_the_top_of_the_repository(
    run_cli, repo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    result = check(run_cli, repo / "data", "police")
    assert result.code == 2
    assert "top folder" in caplog.text


def test_a_core_team_partner_may_change_anything(run_cli, repo: Path, monkeypatch) -> None:
    git(repo, "switch", "--quiet", "main")
    register = repo / "data/registers/partners.yaml"
    register.write_text(
        register.read_text(encoding="utf-8").replace("@testford-laa/council", "@testford-laa/core"),
        encoding="utf-8",
    )
    commit(repo, "The council runs the partnership")
    git(repo, "switch", "--quiet", "-c", "correction")
    edit(repo, LOC_SSC_01, "2025-Q1,E08000001,90,,,provisional,\n")
    commit(repo, "Correction")
    assert check(run_cli, repo, "city-council").code == 0
    assert check(run_cli, repo, "police").code == 0


def test_parse_name_status_counts_both_ends_of_a_move() -> None:
    output = "M\0a.csv\0R087\0old/b.csv\0new/b.csv\0C100\0c.csv\0d.csv\0D\0e.csv\0"
    assert parse_name_status(output) == [
        Change("a.csv", "changes"),
        Change("old/b.csv", "moves away", "new/b.csv"),
        Change("new/b.csv", "moves here", "old/b.csv"),
        Change("d.csv", "adds"),
        Change("e.csv", "deletes"),
    ]
    assert parse_name_status("") == []


def test_rules_come_from_the_base_so_a_change_cannot_grant_itself_ownership(
    run_cli, repo: Path, monkeypatch
) -> None:
    partner_as("police")(monkeypatch)
    outcome = repo / "data/outcomes/CYP-1.yaml"
    outcome.write_text(
        outcome.read_text(encoding="utf-8").replace(
            "lead_partner: city-council", "lead_partner: police"
        ),
        encoding="utf-8",
    )
    edit(repo, "content/outcomes/CYP-1.md", "\nNow ours.\n")
    commit(repo, "Take the lead")
    result = check(run_cli, repo, "police", "--format", "json")
    assert result.code == 1
    assert sorted(i["path"] for i in json.loads(result.out)) == [
        "content/outcomes/CYP-1.md",
        "data/outcomes/CYP-1.yaml",
    ]


def test_an_invalid_register_at_the_base_is_reported(
    run_cli, repo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    git(repo, "switch", "--quiet", "main")
    (repo / "data/registers/partners.yaml").unlink()
    commit(repo, "Lose the register")
    result = check(run_cli, repo, "police", "--head", "partner-change")
    assert result.code == 1
    assert "data/registers/partners.yaml: error[file-missing]" in result.err
    assert "Ownership could not be checked" in caplog.text
