"""The theme's templates rendered on every core: the same site, and the same failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import record_calls
from jinja2.exceptions import TemplateNotFound
from test_engine_pages import _project, _tree

from laa_publish.write import engine_templates
from laa_publish.write.engine import run_mkdocs
from laa_publish.write.engine_pages import MIN_PAGES

pytestmark = pytest.mark.slow


def test_pages_rendered_by_workers_are_the_pages_rendered_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "p", MIN_PAGES + 5)
    calls = record_calls(monkeypatch, engine_templates, "_render_rest")
    monkeypatch.setenv("LAA_WORKERS", "2")
    run_mkdocs(config, tmp_path / "two", 0)
    assert [len(c[0]) for c in calls] == [MIN_PAGES + 4], "all but the first went to workers"
    monkeypatch.setenv("LAA_WORKERS", "1")
    run_mkdocs(config, tmp_path / "one", 0)
    assert len(calls) == 1, "one core renders every page here"
    two, one = _tree(tmp_path / "two"), _tree(tmp_path / "one")
    assert two == one and sum(p.endswith(".html") for p in two) > MIN_PAGES


def test_a_page_whose_template_fails_in_a_worker_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "p", MIN_PAGES + 5)
    page = tmp_path / "p" / "docs" / "page-30.md"
    page.write_text("---\ntemplate: missing.html\n---\n\n# Page 30\n")
    for workers in ("2", "1"):  # the same error either way
        monkeypatch.setenv("LAA_WORKERS", workers)
        with pytest.raises(TemplateNotFound, match=r"'missing\.html' not found"):
            run_mkdocs(config, tmp_path / workers, 0)


def _rendered(
    monkeypatch: pytest.MonkeyPatch, config: Path, site: Path, cache: Path | None
) -> list[str]:
    """Build on one core, where every render is seen; the pages the templates rendered."""
    import mkdocs.commands.build as mk_build

    calls = record_calls(monkeypatch, mk_build, "_build_page")
    monkeypatch.setenv("LAA_WORKERS", "1")
    run_mkdocs(config, site, 0, cache)
    monkeypatch.undo()
    return sorted(call[0].file.src_uri for call in calls)


def test_a_page_is_rendered_again_only_when_what_its_template_reads_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "p", MIN_PAGES + 5)
    docs, cache = tmp_path / "p" / "docs", tmp_path / "cache" / "pages"
    every = sorted(p.name for p in docs.iterdir())
    monkeypatch.setenv("LAA_WORKERS", "2")  # the first build's workers keep their pages
    run_mkdocs(config, tmp_path / "first", 0, cache)
    assert len(list((tmp_path / "cache" / "pages-templated").iterdir())) == len(every)
    assert _rendered(monkeypatch, config, tmp_path / "again", cache) == []
    assert _tree(tmp_path / "again") == _tree(tmp_path / "first")

    page = docs / "page-3.md"
    page.write_text(page.read_text().replace("Text 3.", "Text three."))
    assert _rendered(monkeypatch, config, tmp_path / "edited", cache) == ["page-3.md"]
    _rendered(monkeypatch, config, tmp_path / "cold", None)
    assert _tree(tmp_path / "edited") == _tree(tmp_path / "cold")
    assert _tree(tmp_path / "edited") != _tree(tmp_path / "first")

    # a title is in every page's menu, and the settings in every page's header
    page.write_text(page.read_text().replace("# Page 3", "# Page three"))
    assert _rendered(monkeypatch, config, tmp_path / "titled", cache) == every
    config.write_text(config.read_text().replace("site_name: T", "site_name: U"))
    assert _rendered(monkeypatch, config, tmp_path / "renamed", cache) == every
    _rendered(monkeypatch, config, tmp_path / "cold-renamed", None)
    assert _tree(tmp_path / "renamed") == _tree(tmp_path / "cold-renamed")
