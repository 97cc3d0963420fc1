"""`laa-publish build`: refuses invalid data, and never damages the previous site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.cli import main

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _repo(tmp_path: Path) -> Path:
    root = materialise(None, tmp_path / "repo")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_build_writes_a_site_and_keeps_work_files_out_of_it(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    out = tmp_path / "site"
    assert (
        main(
            [
                "build",
                "--root",
                str(root),
                "--output",
                str(out),
                "--work-dir",
                str(tmp_path / "work"),
            ]
        )
        == 0
    )
    assert (out / "index.html").is_file()
    assert (tmp_path / "work" / "docs" / "index.md").is_file()
    assert (tmp_path / "work" / "mkdocs.yml").is_file()
    assert not list(tmp_path.glob(".site.*")), "no staging folder is left behind"


def test_invalid_data_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    csv = next((root / "data" / "partners").rglob("*.csv"))
    lines = csv.read_text(encoding="utf-8").splitlines()
    header, last = lines[0].split(","), lines[-1].split(",")
    last[header.index("area")] = "NOWHERE"
    csv.write_text("\n".join([*lines, ",".join(last)]) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    code = main(
        ["build", "--root", str(root), "--output", str(out), "--work-dir", str(tmp_path / "work")]
    )
    assert code == 1
    assert not out.exists()
    assert not (tmp_path / "work" / "docs").exists()
    assert "csv-unknown-area" in capsys.readouterr().err


def test_a_failed_engine_run_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    out, work = tmp_path / "site", tmp_path / "work"
    assert main(["build", "--root", str(root), "--output", str(out), "--work-dir", str(work)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as handle:
        handle.write("\nnot_a_mkdocs_setting: true\n")
    assert main(["build", "--root", str(root), "--output", str(out), "--work-dir", str(work)]) == 1
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site", "work"]


def test_a_page_refused_by_the_hardening_step_leaves_the_previous_site_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The CSP step runs on the staging folder, so its refusal also leaves the old site alone."""
    from laa_publish.validate import run as validate_run

    root = _repo(tmp_path)
    out, work = tmp_path / "site", tmp_path / "work"
    args = ["build", "--root", str(root), "--output", str(out), "--work-dir", str(work)]
    assert main(args) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    narrative = root / "content" / "outcomes" / "CYP-1.md"
    narrative.write_text("# Story\n\n<script>alert(1)</script>\n", encoding="utf-8")
    monkeypatch.setattr(validate_run, "markdown_issues", lambda *args: iter(()))  # a guard bug
    assert main(args) == 1
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert "a <script> inside the page content" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site", "work"]
