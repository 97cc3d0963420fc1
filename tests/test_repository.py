"""Whole-repository loading: what is read, what is refused, and what reaches the model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import issue_keys

from laa_publish.load.repository import MAX_MARKDOWN_BYTES, load_repository
from laa_publish.validate.run import check

NARRATIVE = "content/outcomes/CYP-1.md"
OUTCOME = "data/outcomes/CYP-1.yaml"

needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")


def test_minimal_repo_is_valid_and_builds_the_model(minimal_repo) -> None:
    result = check(minimal_repo())
    assert result.issues == []
    p = result.partnership
    assert p is not None
    assert p.settings.place_area == "E08000001"
    assert set(p.partners) == {"city-council", "police"}
    assert p.partners["police"].short_name == "Testshire Police"  # defaults to the name
    assert set(p.outcomes) == {"CYP-1", "SSC-1"}
    assert p.narratives["CYP-1"].startswith("# Fewer children")
    ni116 = p.indicators["NI-116"]
    assert ni116.data_path == "data/partners/city-council/indicators/NI-116.csv"
    assert ni116.baseline is not None and ni116.baseline.area == "E08000001"
    assert len(p.observations["NI-116"]) == 10


def test_home_intro_and_pages_reach_the_model(minimal_repo) -> None:
    root = minimal_repo(
        {
            "content/index.md": "# Welcome\n\nSee [about](pages/about.md).\n",
            "content/pages/about.md": "# About\n\nBack [home](../index.md).\n",
        }
    )
    result = check(root)
    assert result.issues == []
    assert result.partnership is not None
    assert result.partnership.home_intro == "# Welcome\n\nSee [about](pages/about.md).\n"
    assert set(result.partnership.pages) == {"content/pages/about.md"}


def test_data_key_names_another_csv(minimal_repo) -> None:
    base = minimal_repo()
    yaml = (base / "data/partners/police/indicators/LOC-SSC-01.yaml").read_text(encoding="utf-8")
    csv = (base / "data/partners/police/indicators/LOC-SSC-01.csv").read_text(encoding="utf-8")
    root = minimal_repo(
        {
            "data/partners/police/indicators/LOC-SSC-01.yaml": yaml + "data: burglary.csv\n",
            "data/partners/police/indicators/burglary.csv": csv,
        },
        delete=["data/partners/police/indicators/LOC-SSC-01.csv"],
    )
    result = check(root)
    assert result.issues == []
    assert result.partnership is not None
    assert result.partnership.indicators["LOC-SSC-01"].data_path.endswith("/burglary.csv")


@needs_symlinks
def test_symlinked_narrative_is_refused(minimal_repo, tmp_path: Path) -> None:
    root = minimal_repo(delete=[NARRATIVE])
    outside = tmp_path / "outside.md"
    outside.write_text("# Not in the repository\n", encoding="utf-8")
    (root / NARRATIVE).symlink_to(outside)
    keys = issue_keys(check(root).issues)
    assert (NARRATIVE, None, None, "file-symlink") in keys
    assert {k[3] for k in keys if k[0] == OUTCOME} == {"file-reference-unsafe"}


@needs_symlinks
def test_symlinked_folder_in_the_path_is_refused(minimal_repo) -> None:
    root = minimal_repo()
    (root / "content/linked").symlink_to(root / "content/outcomes", target_is_directory=True)
    yaml = (root / OUTCOME).read_text(encoding="utf-8")
    (root / OUTCOME).write_text(
        yaml.replace(f"narrative: {NARRATIVE}", "narrative: content/linked/CYP-1.md"),
        encoding="utf-8",
    )
    issues = [i for i in check(root).issues if i.path == OUTCOME]
    assert [(i.code, i.line) for i in issues] == [("file-reference-unsafe", 8)]
    assert "symbolic link" in issues[0].message


@needs_symlinks
def test_symlinked_indicator_file_is_not_followed(minimal_repo, tmp_path: Path) -> None:
    root = minimal_repo()
    secret = tmp_path / "secret.csv"
    secret.write_text("period,area,value\n", encoding="utf-8")
    link = root / "data/partners/police/indicators/LOC-SSC-02.csv"
    link.symlink_to(secret)
    repo = load_repository(root)
    assert "data/partners/police/indicators/LOC-SSC-02.csv" not in repo.tables
    assert [(i.code, i.path) for i in repo.issues] == [
        ("file-symlink", "data/partners/police/indicators/LOC-SSC-02.csv")
    ]


@pytest.mark.parametrize(
    "narrative",
    ["/etc/passwd", "content\\outcomes\\CYP-1.md", "C:/narrative.md", "content/../README.md"],
)
def test_unsafe_narrative_paths(minimal_repo, narrative: str) -> None:
    root = minimal_repo()
    yaml = (root / OUTCOME).read_text(encoding="utf-8")
    (root / OUTCOME).write_text(
        yaml.replace(f"narrative: {NARRATIVE}", f"narrative: '{narrative}'"), encoding="utf-8"
    )
    issues = [i for i in check(root).issues if i.path == OUTCOME]
    assert [(i.code, i.line, i.column) for i in issues] == [("file-reference-unsafe", 8, 12)]


def test_oversized_markdown_is_refused(minimal_repo) -> None:
    root = minimal_repo({NARRATIVE: "x" * (MAX_MARKDOWN_BYTES + 1)})
    keys = issue_keys(check(root).issues)
    assert (NARRATIVE, None, None, "file-too-large") in keys
    assert (OUTCOME, 8, 12, "narrative-missing") in keys


def test_missing_settings_skips_cross_file_checks(minimal_repo) -> None:
    result = check(minimal_repo(delete=["site_config/partnership.yaml"]))
    assert result.partnership is None
    assert issue_keys(result.issues) == {
        ("site_config/partnership.yaml", None, None, "file-missing")
    }
