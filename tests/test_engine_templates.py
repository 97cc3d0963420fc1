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
    assert [len(c[0]) for c in calls] == [MIN_PAGES + 5], "the templates went to the workers"
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
