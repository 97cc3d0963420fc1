"""Every fixture partnership: valid cases are clean; invalid ones report just what they expect."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, issue_keys, materialise, parse_expected

from laa_publish.issues import Severity
from laa_publish.validate.run import check

VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def _describe(issues: list, keys: set) -> str:
    return "\n".join(
        f"  {i.path}:{i.line}:{i.column}:{i.code}  {i.message}"
        for i in issues
        if (i.path, i.line, i.column, i.code) in keys
    )


def test_base_is_valid(tmp_path: Path) -> None:
    result = check(materialise(None, tmp_path / "repo"))
    assert result.issues == []
    assert result.partnership is not None
    assert set(result.partnership.indicators) == {"NI-116", "LOC-SSC-01"}


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case: Path, tmp_path: Path) -> None:
    result = check(materialise(case, tmp_path / "repo"))
    assert [i for i in result.issues if i.severity is Severity.ERROR] == []
    assert [i for i in result.issues if i.severity is Severity.WARNING] == []
    assert result.partnership is not None
    assert result.partnership.observations, "a valid case builds observations"


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    expected = parse_expected((case / "expected.txt").read_text(encoding="utf-8"))
    assert expected, "an invalid case must expect at least one issue"
    result = check(materialise(case, tmp_path / "repo"))
    found = issue_keys(result.issues)
    missing, unexpected = expected - found, found - expected
    assert not missing and not unexpected, (
        f"missing: {sorted(missing, key=str)}\nunexpected:\n{_describe(result.issues, unexpected)}"
    )
    for issue in result.issues:
        assert issue.message, issue
        assert not Path(issue.path).is_absolute(), issue


def test_every_invalid_case_has_expectations() -> None:
    assert INVALID and VALID
    for case in INVALID:
        assert (case / "expected.txt").is_file(), case


def test_materialise_overlays_and_deletes(tmp_path: Path) -> None:
    case = tmp_path / "case"
    (case / "data/outcomes").mkdir(parents=True)
    (case / "data/outcomes/NEW-1.yaml").write_text("id: NEW-1\n", encoding="utf-8")
    (case / "expected.txt").write_text("x:1:1:y\n", encoding="utf-8")
    (case / "delete.txt").write_text("# gone\ncontent/outcomes/SSC-1.md\n", encoding="utf-8")
    root = materialise(case, tmp_path / "repo")
    assert (root / "data/outcomes/NEW-1.yaml").read_text(encoding="utf-8") == "id: NEW-1\n"
    assert (root / "data/outcomes/CYP-1.yaml").is_file()
    assert not (root / "content/outcomes/SSC-1.md").exists()
    assert not (root / "expected.txt").exists()
    assert not (root / "delete.txt").exists()


def test_parse_expected_reads_dashes_and_comments() -> None:
    text = "# comment\n\ndata/a.csv:3:-:csv-x\ndata/b.yaml:-:-:y\n"
    assert parse_expected(text) == {
        ("data/a.csv", 3, None, "csv-x"),
        ("data/b.yaml", None, None, "y"),
    }
