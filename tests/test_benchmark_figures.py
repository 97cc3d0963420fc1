"""The benchmark's site figures: where a built site's bytes go, as issue 15's targets name them."""

from __future__ import annotations

from pathlib import Path

from benchmarks.run import site_parts


def _write(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_downloads_area_pages_search_index_and_the_largest_page(tmp_path: Path) -> None:
    _write(tmp_path / "downloads/indicators/NI-116.csv", 300)
    _write(tmp_path / "downloads/all-data.zip", 200)
    _write(tmp_path / "areas/E05000001.html", 120)
    _write(tmp_path / "areas/E05000002.html", 80)
    _write(tmp_path / "indicators/NI-116.html", 900)
    _write(tmp_path / "outcomes/CYP-1.html", 900)  # a tie goes to the later path, so runs agree
    _write(tmp_path / "search/search_index.json", 50)
    assert site_parts(tmp_path) == {
        "downloads_bytes": 500,
        "area_pages_bytes": 200,
        "search_index_bytes": 50,
        "largest_page": "outcomes/CYP-1.html",
        "largest_page_bytes": 900,
    }


def test_a_site_without_search_or_areas_counts_them_as_nothing(tmp_path: Path) -> None:
    _write(tmp_path / "index.html", 10)
    parts = site_parts(tmp_path)
    assert parts["search_index_bytes"] == parts["area_pages_bytes"] == 0
    assert parts["downloads_bytes"] == 0 and parts["largest_page"] == "index.html"
