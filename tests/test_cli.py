"""The `laa-publish validate` command: exit codes, formats and defaults CI relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, materialise

from laa_publish.cli import build_parser
from laa_publish.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as if outside GitHub Actions unless a test says otherwise."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def valid_root(tmp_path: Path) -> Path:
    return materialise(None, tmp_path / "valid")


@pytest.fixture
def invalid_root(tmp_path: Path) -> Path:
    return materialise(FIXTURES / "invalid" / "csv-ragged", tmp_path / "invalid")


@pytest.fixture
def warning_root(tmp_path: Path) -> Path:
    return materialise(FIXTURES / "invalid" / "stray-files", tmp_path / "warnings")


def test_valid_repository_exits_0(run_cli, valid_root: Path) -> None:
    result = run_cli("validate", "--root", str(valid_root))
    assert result.code == EXIT_OK == 0
    assert result.out == "No problems found.\n"


def test_invalid_repository_exits_1_and_lists_every_problem(run_cli, invalid_root: Path) -> None:
    result = run_cli("validate", "--root", str(invalid_root))
    assert result.code == EXIT_INVALID == 1
    assert "data/partners/police/indicators/LOC-SSC-01.csv:3:6: error[csv-syntax]" in result.out
    assert "data/partners/police/indicators/LOC-SSC-01.csv:5:4: error[csv-syntax]" in result.out
    assert "  hint: " in result.out
    assert result.out.rstrip().endswith("2 errors, 0 warnings.")
    assert str(invalid_root) not in result.out, "paths are relative to the repository"


def test_warnings_fail_only_with_strict(run_cli, warning_root: Path) -> None:
    relaxed = run_cli("validate", "--root", str(warning_root))
    assert relaxed.code == 0
    assert "warning[file-unexpected]" in relaxed.out
    assert relaxed.out.rstrip().endswith("0 errors, 3 warnings.")
    strict = run_cli("validate", "--root", str(warning_root), "--strict")
    assert strict.code == 1
    assert strict.out == relaxed.out


def test_strict_on_a_clean_repository_still_passes(run_cli, valid_root: Path) -> None:
    assert run_cli("validate", "--strict", "--root", str(valid_root)).code == 0


def test_json_format(run_cli, invalid_root: Path) -> None:
    result = run_cli("validate", "--root", str(invalid_root), "--format", "json")
    assert result.code == 1
    records = json.loads(result.out)
    assert [(r["path"], r["line"], r["column"], r["code"]) for r in records] == [
        ("data/partners/police/indicators/LOC-SSC-01.csv", 3, 6, "csv-syntax"),
        ("data/partners/police/indicators/LOC-SSC-01.csv", 5, 4, "csv-syntax"),
    ]


def test_github_actions_selects_github_format(
    run_cli, invalid_root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("validate", "--root", str(invalid_root))
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(
        "::error file=data/partners/police/indicators/LOC-SSC-01.csv,"
        "line=3,col=6,title=csv-syntax::"
    )
    assert "## laa-publish validation" in summary.read_text(encoding="utf-8")


def test_explicit_format_overrides_github_actions(
    run_cli, invalid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("validate", "--root", str(invalid_root), "--format", "text")
    assert not result.out.startswith("::")
    assert "error[csv-syntax]" in result.out


def test_root_defaults_to_the_current_folder(
    run_cli, invalid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(invalid_root)
    result = run_cli("validate", "--format", "json")
    assert result.code == 1
    assert {r["code"] for r in json.loads(result.out)} == {"csv-syntax"}


def test_empty_folder_reports_missing_files(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "--format", "json")
    assert result.code == 1
    assert {(r["path"], r["code"]) for r in json.loads(result.out)} == {
        ("site_config/partnership.yaml", "file-missing"),
        ("data/registers/partners.yaml", "file-missing"),
        ("data/registers/areas.yaml", "file-missing"),
    }


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml"],
        ["validate", "--no-such-option"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(run_cli, valid_root: Path, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.code == EXIT_USAGE == 2
    assert "usage:" in result.err
    assert result.out == ""


def test_missing_root_folder_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("validate", "--root", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert "is not a folder" in result.err


def test_unknown_format_names_the_choices(run_cli) -> None:
    result = run_cli("validate", "--format", "xml")
    assert "text" in result.err and "json" in result.err and "github" in result.err


def test_help_lists_the_commands(run_cli) -> None:
    result = run_cli("--help")
    assert result.code == 0
    for command in ("validate", "build", "serve"):
        assert command in result.out


def test_validate_help_mentions_strict_and_formats() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    text = sub.choices["validate"].format_help()  # type: ignore[union-attr,index]
    assert "--strict" in text and "--format" in text and "--root" in text
