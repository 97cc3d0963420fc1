"""A rebuild with nothing changed is skipped; any change, or a touched site, builds again."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.issues import warning
from laa_publish.pipeline import BuildRefused, build_site
from laa_publish.write.unchanged import RECORD, previous_build, record_build


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The base partnership built once: (repository, site, work folder)."""
    tmp = tmp_path_factory.mktemp("unchanged")
    root = materialise(None, tmp / "repo")
    site, work = tmp / "site", tmp / "work"
    first = build_site(root, site, work_dir=work)
    assert "unchanged" not in first.timings and (work / RECORD).is_file()
    return root, site, work


@pytest.mark.slow
def test_identical_rebuild_keeps_the_site_and_reports_the_same(
    built: tuple[Path, Path, Path],
) -> None:
    root, site, work = built
    before = _stamps(site)
    first_pages = sum(1 for _ in (work / "docs").rglob("*.md"))
    again = build_site(root, site, work_dir=work)
    assert set(again.timings) == {"unchanged"}
    assert again.pages == first_pages
    assert _stamps(site) == before


@pytest.mark.slow
def test_a_changed_file_builds_again(built: tuple[Path, Path, Path]) -> None:
    root, site, work = built
    narrative = next((root / "content" / "outcomes").glob("*.md"))
    original = narrative.read_text()
    narrative.write_text(original + "\nOne more sentence.\n")
    try:
        result = build_site(root, site, work_dir=work)
        assert "unchanged" not in result.timings and "engine" in result.timings
    finally:
        narrative.write_text(original)
    assert "unchanged" not in build_site(root, site, work_dir=work).timings  # back again


@pytest.mark.slow
def test_a_touched_site_or_other_options_build_again(built: tuple[Path, Path, Path]) -> None:
    root, site, work = built
    build_site(root, site, work_dir=work)
    next(site.rglob("*.html")).unlink()
    assert "unchanged" not in build_site(root, site, work_dir=work).timings
    assert set(build_site(root, site, work_dir=work).timings) == {"unchanged"}
    assert "unchanged" not in build_site(root, site, work_dir=work, strict=True).timings


@pytest.mark.slow
def test_a_refused_build_is_never_remembered(built: tuple[Path, Path, Path]) -> None:
    root, site, work = built
    areas = root / "data" / "registers" / "areas.yaml"
    original = areas.read_bytes()
    areas.write_text("areas: [")
    try:
        with pytest.raises(BuildRefused):
            build_site(root, site, work_dir=work)
        assert not (work / RECORD).exists()
    finally:
        areas.write_bytes(original)


def test_warnings_of_the_skipped_build_are_reported_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>x</p>")
    said = [warning("rollup-mismatch", "data/x.csv", 3, 4, "Differs.", "Check it.")]
    record_build(tmp_path, "k1", site, 7, said)
    again = previous_build(tmp_path, "k1", site)
    assert again is not None and again.pages == 7 and again.issues == said
    assert previous_build(tmp_path, "k2", site) is None  # another key: build
    (site / "a" / "index.html").write_text("<p>y</p>")
    assert previous_build(tmp_path, "k1", site) is None  # the site was touched: build
