"""Unit tests for the write stage (sync, atomic swap, engine config) and git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from laa_publish.load.history import read_history
from laa_publish.model.entities import Settings, Theme
from laa_publish.validate.markdown_safety import force_engine_options
from laa_publish.write.engine_config import engine_config, override_files, root_custom_dir
from laa_publish.write.files import swap_into_place, sync_tree

SETTINGS = Settings(
    name="Testford Partnership",
    place="Testford",
    place_area="E1",
    agreement_title="LAA",
    agreement_start="2023-04-01",
    agreement_end="2027-03-31",
    core_team="@t/core",
    contact_name="c",
    contact_email="c@x.example",
    themes=(Theme("t", "T", ""),),
)


def test_sync_tree_writes_only_changes_and_removes_stale_files(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    assert sync_tree(target, {"a.md": b"one", "sub/b.md": b"two", "old.md": b"x"}) == 3
    os.utime(target / "a.md", (1, 1))
    assert sync_tree(target, {"a.md": b"one", "sub/b.md": b"changed"}) == 1
    assert (target / "a.md").stat().st_mtime == 1, "unchanged files keep their mtime"
    assert (target / "sub/b.md").read_bytes() == b"changed"
    assert not (target / "old.md").exists()


def test_swap_replaces_the_site_in_one_step(tmp_path: Path) -> None:
    output, staging = tmp_path / "site", tmp_path / "staging"
    output.mkdir()
    (output / "index.html").write_text("old")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    swap_into_place(staging, output)
    assert (output / "index.html").read_text() == "new"
    assert not staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_engine_config_drops_settings_that_would_contact_other_hosts(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "repo_url: https://github.com/x/y\nedit_uri: edit/main\ntheme:\n  name: material\n"
    )
    config = engine_config(tmp_path, SETTINGS, [{"Home": "index.md"}], None)
    assert "repo_url" not in config and "edit_uri" not in config
    assert config["site_name"] == "Testford Partnership"
    assert config["docs_dir"] == "docs"
    assert config["nav"] == [{"Home": "index.md"}]
    assert config["extra"]["laa"]["commit"] is None


def test_a_partnership_without_mkdocs_yml_gets_the_examples_settings(tmp_path: Path) -> None:
    """An imported partnership has no mkdocs.yml; its site must still make no foreign requests."""
    config = engine_config(tmp_path, SETTINGS, [{"Home": "index.md"}], None)
    example = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    assert config["extra_css"] == ["assets/laa.css"]
    assert config["plugins"] == example["plugins"]
    assert config["markdown_extensions"] == force_engine_options(example["markdown_extensions"])
    # the same theme settings, less the example's own overrides folder (ours is always used)
    assert {**config["theme"], "custom_dir": None} == {**example["theme"], "custom_dir": None}
    assert root_custom_dir(tmp_path) is None


def test_web_fonts_and_the_stylesheet_are_not_the_partnerships_to_drop(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "theme:\n  name: material\n  font:\n    text: Roboto\nextra_css: [mine.css]\n"
    )
    config = engine_config(tmp_path, SETTINGS, [{"Home": "index.md"}], None)
    assert config["theme"]["font"] is False
    assert config["extra_css"] == ["mine.css", "assets/laa.css"]


def test_partnership_overrides_win_over_packaged_ones(tmp_path: Path) -> None:
    custom = tmp_path / "site_config" / "overrides" / "partials"
    custom.mkdir(parents=True)
    (custom / "copyright.html").write_text("mine")
    files = override_files(tmp_path, "site_config/overrides")
    assert files["partials/copyright.html"] == b"mine"
    assert "README.md" not in files


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana Lyst",
        "GIT_AUTHOR_EMAIL": "a@x.example",
        "GIT_COMMITTER_NAME": "Ana Lyst",
        "GIT_COMMITTER_EMAIL": "a@x.example",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_history_finds_the_last_commit_of_each_file(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("1")
    (tmp_path / "data" / "b.csv").write_text("1")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first", date="2024-01-02T10:00:00+00:00")
    (tmp_path / "data" / "b.csv").write_text("2")
    _git(tmp_path, "commit", "-qam", "second", date="2024-03-04T10:00:00+00:00")
    history = read_history(tmp_path)
    assert history.available and not history.dirty
    assert history.last_change["data/a.csv"].day == "2024-01-02"
    assert history.last_change["data/b.csv"].day == "2024-03-04"
    assert history.head is not None and history.head.day == "2024-03-04"
    assert history.last_change["data/b.csv"].author == "Ana Lyst"


def test_history_without_git_is_empty_not_an_error(tmp_path: Path) -> None:
    history = read_history(tmp_path)
    assert not history.available
    assert history.last_change == {}


@pytest.mark.parametrize("depth", [1])
def test_history_in_a_shallow_clone_is_flagged(tmp_path: Path, depth: int) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    _git(origin, "init", "-q")
    for n in range(3):
        (origin / "data").mkdir(exist_ok=True)
        (origin / "data" / "a.csv").write_text(str(n))
        _git(origin, "add", ".")
        _git(origin, "commit", "-qm", f"c{n}")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", f"--depth={depth}", f"file://{origin}", str(clone)],
        check=True,
        capture_output=True,
    )
    history = read_history(clone)
    assert history.shallow
    assert "data/a.csv" in history.last_change


def test_pages_are_always_published_as_html_files(tmp_path: Path) -> None:
    """Raw HTML tables, JSON-LD and the footer link to .html files the engine never rewrites."""
    (tmp_path / "mkdocs.yml").write_text("use_directory_urls: true\ntheme:\n  name: material\n")
    config = engine_config(tmp_path, SETTINGS, [{"Home": "index.md"}], None)
    assert config["use_directory_urls"] is False
