"""The page registry is the one truth: a build renders exactly the files it declares."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE, REPO, materialise
from gitrepo import revision_history
from rendering import Site, render_repository

from laa_publish.model.site_paths import KINDS, SECTIONS, published_pages
from laa_publish.pipeline import ASSETS, generate
from laa_publish.render.context import Context, Rendered
from laa_publish.render.renderers import BindingError, renderers, renders
from laa_publish.validate.run import check


@pytest.fixture(scope="module", params=["base", "releases", "example"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The base fixture without history; with three releases in git; the shipped example."""
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "base":
        root = materialise(None, tmp / "repo")
    elif request.param == "releases":
        root = tmp / "repo"
        revision_history(root, BASE)
    else:
        root = REPO
    return render_repository(root, tmp / "cache")


def _published(rendered: Rendered) -> set[str]:
    return set(rendered.files) | set(rendered.copies)


def _menu_paths(entries: Any) -> Iterator[str]:
    for entry in entries:
        if isinstance(entry, str):
            yield entry
        else:
            for value in entry.values():
                yield from _menu_paths([value] if isinstance(value, str) else value)


def test_the_build_renders_exactly_the_registered_files(site: Site) -> None:
    rendered = _published(site.rendered)
    registered = published_pages(site.p, site.audit.archives)
    assert sorted(rendered - registered) == [], "rendered but not registered"
    assert sorted(registered - rendered) == [], "registered but not rendered"


def test_partners_may_link_to_every_file_a_build_publishes(site: Site) -> None:
    """Before the release calendar is applied, every file a build may publish is allowed."""
    published = _published(site.rendered)
    assert sorted(published - published_pages(site.p)) == []
    archived = {path for path in published if path.startswith("downloads/releases/")}
    assert bool(archived) == bool(site.audit.archives)


def test_maps_are_drawings_beside_the_registered_pages(site: Site) -> None:
    drawings = list(site.rendered.drawings)
    assert bool(drawings) == bool(site.p.boundaries)  # maps exactly where there are shapes
    assert all(fnmatchcase(path, "maps/*.svg") for path in drawings)
    assert not set(drawings) & published_pages(site.p, site.audit.archives)
    assert not set(drawings) & set(site.rendered.files)


def test_charts_are_assets_beside_the_registered_pages(site: Site) -> None:
    charts = [job.path for job in site.rendered.charts]
    assert charts
    assert all(fnmatchcase(path, "charts/*.svg") for path in charts)
    assert len(set(charts)) == len(charts)
    assert not set(charts) & published_pages(site.p, site.audit.archives)


def test_the_menu_lists_each_page_once_and_unlists_the_rest(site: Site) -> None:
    listed = list(_menu_paths(site.rendered.nav))
    pages = {path for path in site.rendered.files if path.endswith(".md")}
    assert len(listed) == len(set(listed))
    assert set(listed) <= pages
    for path in sorted(pages - set(listed)):
        assert any(fnmatchcase(f"/{path}", glob) for glob in site.rendered.unlisted), path
    titles = [next(iter(entry)) for entry in site.rendered.nav]
    assert titles == ["Home", *SECTIONS[1:]]


def test_datapackage_hashes_every_csv_as_published(site: Site) -> None:
    files = site.rendered.files
    package = json.loads(files["datapackage.json"])
    described = {r["path"]: r["hash"] for r in package["resources"]}
    published = {path: text.encode("utf-8") for path, text in files.items()}
    published |= site.rendered.copies
    assert sorted(described) == sorted(p for p in published if p.endswith((".csv", ".zip")))
    for path, digest in described.items():
        assert digest == f"sha256:{hashlib.sha256(published[path]).hexdigest()}"


def test_the_generated_folder_holds_registered_files_and_assets_only(tmp_path: Path) -> None:
    root = materialise(None, tmp_path / "repo")
    generate(root, tmp_path / "work")
    docs = tmp_path / "work" / "docs"
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    result = check(root)
    assert result.partnership is not None
    registered = published_pages(result.partnership, {})
    assets = {f"assets/{a.relative_to(ASSETS).as_posix()}" for a in ASSETS.rglob("*")}
    charts = {path for path in written if fnmatchcase(path, "charts/*.svg")}
    assert charts
    # maps are drawings beside the pages, like the charts (the base partnership has none)
    drawings = {path for path in written if fnmatchcase(path, "maps/*.svg")}
    assert sorted(registered - written) == []
    assert sorted(written - registered - assets - charts - drawings) == []


def test_every_page_kind_has_one_renderer() -> None:
    bound = renderers()
    assert list(bound) == [kind.id for kind in KINDS]
    assert len({kind.id for kind in KINDS}) == len(KINDS)


def test_menu_places_are_distinct_and_in_known_sections() -> None:
    places = [(kind.menu.section, kind.menu.rank) for kind in KINDS if kind.menu]
    assert len(places) == len(set(places))
    assert {section for section, _ in places} == set(SECTIONS)


def _page(ctx: Context, key: str, out: Rendered) -> str:
    return ""


def test_a_renderer_must_name_a_registered_kind_and_be_its_only_one() -> None:
    renderers()
    with pytest.raises(BindingError, match="not a page kind"):
        renders("no-such-kind")(_page)
    with pytest.raises(BindingError, match="two renderers"):
        renders("home")(_page)
    assert renderers()["home"] is not _page
