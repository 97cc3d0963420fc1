"""The engine's pages converted on every core: the same site, the same warnings, or no change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from conftest import REPO, record_calls

from laa_publish.pipeline import build_site
from laa_publish.write import engine_pages
from laa_publish.write.engine import EngineFailed, run_mkdocs
from laa_publish.write.engine_pages import MIN_PAGES, usable


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _project(tmp: Path, pages: int, broken: bool = False, plugins: list | None = None) -> Path:
    docs = tmp / "docs"
    docs.mkdir(parents=True)
    for n in range(pages):
        link = f"[next](page-{n + 1}.md)" if n + 1 < pages else "[first](page-0.md)"
        (docs / f"page-{n}.md").write_text(f"# Page {n}\n\n## Part\n\nText {n}. {link}\n")
    if broken:
        (docs / "page-7.md").write_text("# Page 7\n\nSee [gone](missing.md).\n")
    config = {
        "site_name": "T",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "plugins": plugins if plugins is not None else ["search"],
        "use_directory_urls": False,
    }
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return tmp / "mkdocs.yml"


@pytest.mark.slow
def test_example_site_is_byte_identical_on_one_core(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    site = tmp_path / "site"
    build_site(REPO, site, work_dir=tmp_path / "work")
    assert _tree(site) == _tree(example_site)


@pytest.mark.slow
def test_search_index_is_the_same_with_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "p", MIN_PAGES + 5)
    monkeypatch.setenv("LAA_WORKERS", "2")
    calls = record_calls(monkeypatch, engine_pages, "_populate_all")
    run_mkdocs(config, tmp_path / "two", 0)
    assert [len(c[0]) for c in calls] == [MIN_PAGES + 5], "the pages should have gone to workers"
    monkeypatch.setenv("LAA_WORKERS", "1")
    run_mkdocs(config, tmp_path / "one", 0)
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")
    index = (tmp_path / "two" / "search" / "search_index.json").read_text()
    assert '"location":"page-44.html#part"' in index.replace(" ", "")


@pytest.mark.slow
def test_a_warning_in_a_worker_still_fails_the_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "2")
    config = _project(tmp_path / "p", MIN_PAGES + 5, broken=True)
    with pytest.raises(EngineFailed, match=r"missing\.md"):
        run_mkdocs(config, tmp_path / "site", 0)


def test_unknown_plugins_or_one_core_leave_the_engine_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    monkeypatch.setenv("LAA_WORKERS", "2")
    known = load_config(str(_project(tmp_path / "a", 3)))
    assert usable(known)
    other = load_config(str(_project(tmp_path / "b", 3, plugins=["search", "tags"])))
    assert not usable(other)
    monkeypatch.setenv("LAA_WORKERS", "1")
    assert not usable(known)
