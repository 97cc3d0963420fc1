"""The two real Open SDG samples, imported and built, in the browser: every page, axe and no-JS.

Issue 14 asks that both sample repositories build into sites that pass the browser suite.
Each is imported with `import opensdg` (no config), built as a publisher would build it, and
every page is checked with axe-core for WCAG 2.2 AA, for requests to other hosts and for
console errors. Pages with charts are opened again without JavaScript, and one page of each
kind at 320 CSS px. Screenshots go where the main browser suite keeps its own.

The ONS's 330 local-authority pages come from one template with different figures, so the
sweep takes every tenth of a level that large, and every other page; LAA_BROWSER_FULL=1
sweeps them all (all 436 of the ONS sample's pages passed when it was last run so).
"""

from __future__ import annotations

import asyncio
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from test_browser import (
    Visit,
    _all_pages,
    _axe,
    _browse,
    _charts_without_js,
    _failures,
    _reflow_and_axe,
    _shoot,
    artefacts,  # noqa: F401
    serving,
    site_prefix,
)

from laa_publish.opensdg import run_import
from laa_publish.pipeline import build_site
from laa_publish.validate.run import check

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLE = Path(__file__).resolve().parents[2] / "shared/realdata/opensdg-sample"
# One page of each kind in each site, photographed and checked at 320 CSS px.
PAGE_KINDS = {
    "bristol": {
        "home": "index.html",
        "outcome": "outcomes/SDG-16.html",
        "split-series": "indicators/SDG-16-1-4-S1.html",
        "ward-indicator": "indicators/SDG-11-1-1-C.html",
        "city": "areas/E06000023.html",
        "ward": "areas/E05010906.html",
        "areas-index": "areas/index.html",
        "partner": "partners/bristol-sdg-data-publisher.html",
    },
    "ons": {
        "home": "index.html",
        "nine-series": "indicators/SDG-1-3-1-S1.html",
        "no-data": "indicators/SDG-1-5-2.html",
        "local-authorities": "indicators/SDG-11-6-1.html",
        "country": "areas/E92000001.html",
        "region": "areas/E12000009.html",
        "local-authority": "areas/E06000023.html",
        "areas-index": "areas/index.html",
    },
}

LARGE_LEVEL = 40  # a level with more areas than this is sampled, one page in SAMPLE_EVERY
SAMPLE_EVERY = 10


class Site(NamedTuple):
    """A sample imported and built, served on 127.0.0.1."""

    name: str
    folder: Path
    url: str
    pages: list[str]


def _swept(root: Path, site: Path, named: set[str]) -> list[str]:
    """Every page, less nine in ten of a large level's area pages unless LAA_BROWSER_FULL is set."""
    pages = _all_pages(site)
    if os.environ.get("LAA_BROWSER_FULL"):
        return pages
    p = check(root).partnership
    assert p is not None
    by_level: dict[str, list[str]] = defaultdict(list)
    for area in sorted(p.areas.values(), key=lambda a: a.code):
        by_level[area.level].append(f"areas/{area.code}.html")
    skipped = {
        page
        for level in by_level.values()
        if len(level) > LARGE_LEVEL
        for n, page in enumerate(level)
        if n % SAMPLE_EVERY and page not in named
    }
    return [page for page in pages if page not in skipped]


@pytest.fixture(scope="module", params=sorted(PAGE_KINDS))
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """Import the sample with no config, build its complete site and serve it."""
    name = str(request.param)
    if not (SAMPLE / name).is_dir():
        pytest.skip("the shared real data is absent")
    work = tmp_path_factory.mktemp(f"opensdg-{name}")
    summary = run_import(SAMPLE / name, work / "repo", None)
    assert summary.rows_read == summary.rows_written + summary.rows_reported
    build_site(work / "repo", work / "site", work_dir=work / "work")
    pages = _swept(work / "repo", work / "site", set(PAGE_KINDS[name].values()))
    with serving(work / "site", site_prefix(work / "repo")) as url:
        yield Site(name, work / "site", url, pages)


@pytest.fixture(scope="module")
def sweep(site: Site, artefacts: Path) -> dict[str, Visit]:  # noqa: F811
    """Every page of the sample's site through axe-core, with its page kinds photographed."""
    kinds = {f"{site.name}-{k}": v for k, v in PAGE_KINDS[site.name].items()}
    visit = _shoot(artefacts, "1280", _axe, full_page=True, kinds=kinds)
    return asyncio.run(_browse(site.url, site.pages, visit))


def test_every_page_of_each_kind_exists_and_is_visited(site: Site, sweep: dict[str, Visit]) -> None:
    assert set(PAGE_KINDS[site.name].values()) <= set(sweep)
    assert len(sweep) == len(site.pages) > 50
    assert set(_all_pages(site.folder)) - set(sweep) <= {
        rel for rel in _all_pages(site.folder) if rel.startswith("areas/")
    }


def test_axe_finds_no_wcag_violations(sweep: dict[str, Visit]) -> None:
    assert _failures(sweep, "violations") == {}


def test_no_request_leaves_localhost_and_nothing_logs_an_error(sweep: dict[str, Visit]) -> None:
    assert _failures(sweep, "foreign") == {}
    assert _failures(sweep, "console") == {}


def test_charts_and_their_tables_work_without_javascript(site: Site) -> None:
    pages = [
        rel
        for rel in _all_pages(site.folder)
        if 'class="laa-chart"' in (site.folder / rel).read_text(encoding="utf-8")
    ]
    assert len(pages) > 15
    results = asyncio.run(_browse(site.url, pages, _charts_without_js, java_script_enabled=False))
    assert _failures(results, "violations") == {}
    assert _failures(results, "foreign") == {}


def test_each_page_kind_reflows_at_320_px(site: Site, artefacts: Path) -> None:  # noqa: F811
    kinds = {f"{site.name}-{k}": v for k, v in PAGE_KINDS[site.name].items()}
    results = asyncio.run(
        _browse(
            site.url,
            list(kinds.values()),
            _shoot(artefacts, "320", _reflow_and_axe, full_page=False, kinds=kinds),
            viewport={"width": 320, "height": 640},
        )
    )
    assert _failures(results, "violations") == {}
