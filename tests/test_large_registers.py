"""A register of thousands of areas keeps every page small: big sections stay out of the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.compute.progress import compute
from laa_publish.load.history import History
from laa_publish.model.site_paths import NAV_SECTION_LIMIT
from laa_publish.pipeline import build_site
from laa_publish.render.site import render_site
from laa_publish.validate.run import check

EXTRA = NAV_SECTION_LIMIT + 10


def _page(site: Path, stem: str) -> Path:
    """A built page, whether the site uses directory URLs or not."""
    for path in (site / f"{stem}.html", site / stem / "index.html"):
        if path.is_file():
            return path
    raise AssertionError(f"{stem} was not built")


@pytest.fixture(scope="module")
def many_areas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base partnership with more neighbourhoods than one menu section may list."""
    root = materialise(None, tmp_path_factory.mktemp("large") / "repo")
    register = root / "data" / "registers" / "areas.yaml"
    extra = "".join(
        f"  - code: E05{n:06d}\n    name: Ward {n:03d}\n    level: neighbourhood\n"
        f"    parent: E07000002\n    valid_from: 2009-04-01\n"
        for n in range(100, 100 + EXTRA)
    )
    register.write_text(register.read_text() + extra)
    return root


def test_a_section_too_big_for_the_menu_is_left_out(many_areas: Path) -> None:
    result = check(many_areas)
    assert result.partnership is not None, result.issues
    p = result.partnership
    rendered = render_site(p, compute(p), History())
    assert rendered.unlisted == ["/areas/*.md"]
    [areas] = [entry["Areas"] for entry in rendered.nav if "Areas" in entry]
    sections = {title for entry in areas if isinstance(entry, dict) for title in entry}
    assert "Neighbourhoods" not in sections and "Districts" in sections
    index = rendered.files["areas/index.md"]
    assert "[Ward 109](E05000109.md)" in index  # reached from the index
    assert "Ward 109" in rendered.files["areas/E07000002.md"]  # and from the parent


@pytest.mark.slow
def test_unlisted_pages_are_built_small_in_a_strict_build(many_areas: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(many_areas, site, work_dir=tmp_path / "work")  # strict: no omitted-page warning
    ward, listed = (_page(site, f"areas/{code}") for code in ("E05000109", "E07000002"))
    assert ward.read_text().count("E05000") < EXTRA // 2  # the menu does not list every ward
    assert "Ward 109" in listed.read_text()  # the district page links to its wards
    assert "Ward 109" in (site / "search" / "search_index.json").read_text()
