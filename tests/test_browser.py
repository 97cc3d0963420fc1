"""The built example site in a real browser: Debian's headless Chromium driven by Playwright.

Every page is served from 127.0.0.1 under the site's own path and checked with axe-core for
WCAG 2.2 A and AA, for requests to other hosts and for console errors (which is also how a
Content-Security-Policy violation shows). Pages with charts are checked again with JavaScript
switched off, the main page kinds at 320 CSS px wide (400% zoom), and screenshots of them are
kept in $LAA_ARTIFACTS/screenshots, or in the test run's temporary folder when that is unset.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import REPO

from laa_publish.validate.run import check

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("LAA_CHROMIUM", "/usr/lib/chromium/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__test-tools__/axe.min.js"  # served beside the site, so the page's CSP allows it
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# In the dark scheme only colours change, so only the colour rules are run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
WORKERS = int(os.environ.get("LAA_BROWSER_WORKERS", "2"))
# One page of each kind: screenshots, the narrow viewport and the dark colour scheme.
PAGE_KINDS = {
    "home": "index.html",
    "outcome": "outcomes/CYP-1.html",
    "indicator": "indicators/NI-116.html",
    "area": "areas/E06000999.html",
    "neighbourhood": "areas/E05099901.html",
    "areas-index": "areas/index.html",
    "partner": "partners/city-council.html",
    "budgets": "partnership/budgets.html",
    "benefits": "partnership/benefits.html",
    "alignment": "partnership/alignment.html",
    "partner-guide": "for-partners/guide.html",
    "data-errors": "for-partners/data-errors.html",
    "method": "about/method.html",
    "downloads": "about/downloads.html",
    "accessibility": "about/accessibility.html",
    "not-found": "404.html",
}
AXE_RUN = """async (only) => {
  const result = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


def _tools_or_skip() -> Any:
    """Playwright's async API; a missing tool fails the test under CI and skips it elsewhere."""
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not AXE.is_file():
        missing.append(f"axe-core at {AXE} (npm ci)")
    try:
        from playwright import async_api
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[test]')")
        async_api = None
    if missing:
        message = "Browser tests need " + "; ".join(missing) + ". Run: bash .ci/setup --test"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return async_api


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site below its published path prefix, plus axe-core for the tests."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if path == AXE_URL_PATH:
            return str(AXE)
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@contextlib.contextmanager
def serving(site: Path, prefix: str) -> Iterator[str]:
    """A built site on 127.0.0.1 under `prefix`, as its published site_url would place it."""
    _tools_or_skip()
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def site_prefix(root: Path) -> str:
    """The path part of a partnership's site_url, which the served site sits below."""
    result = check(root)
    assert result.partnership is not None
    return urlsplit(result.partnership.settings.site_url or "/").path.rstrip("/") + "/"


@pytest.fixture(scope="module")
def base_url(example_site: Path) -> Iterator[str]:
    """The example site on 127.0.0.1, under the same path as its published site_url."""
    _tools_or_skip()
    with serving(example_site, site_prefix(REPO)) as url:
        yield url


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $LAA_ARTIFACTS/screenshots, else the run's temporary folder."""
    root = os.environ.get("LAA_ARTIFACTS")
    folder = (
        Path(root) / "screenshots"
        if root
        else tmp_path_factory.mktemp("test-artifacts") / "screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nBrowser screenshots: {folder}")
    return folder


@dataclass(slots=True)
class Visit:
    """What one page did in the browser."""

    violations: list[dict[str, Any]] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


Check = Callable[[Any, str, Visit], Awaitable[None]]


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


async def _browse(
    base: str,
    rels: list[str],
    visit: Check,
    **context_options: Any,
) -> dict[str, Visit]:
    """Open each page in one of WORKERS tabs and run `visit` on it, recording what went wrong."""
    api = _tools_or_skip()
    results: dict[str, Visit] = {rel: Visit() for rel in rels}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for rel in rels:
        queue.put_nowait(rel)
    async with api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = await browser.new_context(**context_options)
        current: dict[Any, str] = {}

        def on_request(request: Any) -> None:
            if _local(request.url):
                return
            try:
                rel = current.get(request.frame.page, "(unknown page)")
            except api.Error:  # a worker's request has no frame
                rel = "(a worker)"
            results.setdefault(rel, Visit()).foreign.append(request.url)

        context.on("request", on_request)

        async def worker() -> None:
            page = await context.new_page()

            def on_console(message: Any) -> None:
                if message.type == "error":
                    results[current[page]].console.append(message.text)

            page.on("console", on_console)
            page.on("pageerror", lambda error: results[current[page]].console.append(str(error)))
            while not queue.empty():
                rel = queue.get_nowait()
                current[page] = rel
                await page.goto(base + rel, wait_until="load")
                await visit(page, base, results[rel])
            await page.close()

        await asyncio.gather(*(worker() for _ in range(WORKERS)))
        await context.close()
        await browser.close()
    return results


async def _axe(page: Any, base: str, result: Visit, rules: list[str] | None = None) -> None:
    """Inject axe-core from 127.0.0.1 (allowed by the page's CSP) and record its violations."""
    origin = base[: base.index("/", len("http://"))]
    await page.add_script_tag(url=origin + AXE_URL_PATH)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result.violations = await page.evaluate(AXE_RUN, only)


async def _colour_rules(page: Any, base: str, result: Visit) -> None:
    await _axe(page, base, result, COLOUR_RULES)


def _shoot(
    folder: Path,
    suffix: str,
    check: Check,
    *,
    full_page: bool,
    kinds: dict[str, str] | None = None,
) -> Check:
    """The visit `check`, keeping a screenshot of each main page kind on the way."""
    named = PAGE_KINDS if kinds is None else kinds

    async def visit(page: Any, base: str, result: Visit) -> None:
        kind = next((k for k, v in named.items() if base + v == page.url), None)
        if kind is not None:
            await page.screenshot(path=str(folder / f"{kind}-{suffix}.png"), full_page=full_page)
        await check(page, base, result)

    return visit


def _all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def sweep(base_url: str, example_site: Path, artefacts: Path) -> dict[str, Visit]:
    """Every page of the example, checked with axe-core; page kinds are photographed too."""
    visit = _shoot(artefacts, "1280", _axe, full_page=True)
    return asyncio.run(_browse(base_url, _all_pages(example_site), visit))


def _failures(results: dict[str, Visit], attribute: str) -> dict[str, Any]:
    return {rel: getattr(v, attribute) for rel, v in results.items() if getattr(v, attribute)}


def test_every_page_and_page_kind_is_visited(sweep: dict[str, Visit], example_site: Path) -> None:
    assert set(PAGE_KINDS.values()) <= set(sweep)
    assert len(sweep) == len(_all_pages(example_site)) > 100
    print(f"\nBrowser suite visited {len(sweep)} pages")


def test_axe_finds_no_wcag_violations(sweep: dict[str, Visit]) -> None:
    assert _failures(sweep, "violations") == {}


def test_no_request_leaves_localhost(sweep: dict[str, Visit]) -> None:
    assert _failures(sweep, "foreign") == {}


def test_no_console_errors_so_the_csp_breaks_nothing(sweep: dict[str, Visit]) -> None:
    assert _failures(sweep, "console") == {}


def test_dark_scheme_has_no_violations(base_url: str) -> None:
    # the pages that carry every coloured element: badges, arrows, charts, links, code
    pages = [PAGE_KINDS[k] for k in ("home", "outcome", "indicator", "area", "budgets")]
    results = asyncio.run(_browse(base_url, pages, _colour_rules, color_scheme="dark"))
    assert _failures(results, "violations") == {}
    assert _failures(results, "console") == {}


async def _charts_without_js(page: Any, base: str, result: Visit) -> None:
    figures = await page.evaluate(
        """() => [...document.querySelectorAll('figure.laa-chart')].map(f => {
          const img = f.querySelector('img');
          const next = f.nextElementSibling;
          return {
            src: img && img.getAttribute('src'),
            loaded: !!img && img.complete && img.naturalWidth > 0,
            alt: img ? img.alt : '',
            table: !!next && next.tagName === 'TABLE' && next.rows.length > 1,
          };
        })"""
    )
    result.violations = [f for f in figures if not (f["loaded"] and f["alt"] and f["table"])]
    if not figures:
        result.violations = [{"problem": "no chart on a page that should have one"}]


def test_charts_and_tables_work_without_javascript(base_url: str, example_site: Path) -> None:
    pages = [
        rel
        for rel in _all_pages(example_site)
        if 'class="laa-chart"' in (example_site / rel).read_text()
    ]
    assert "partnership/budgets.html" in pages and len(pages) > 40
    results = asyncio.run(_browse(base_url, pages, _charts_without_js, java_script_enabled=False))
    assert _failures(results, "violations") == {}
    assert _failures(results, "foreign") == {}


async def _reflow(page: Any, base: str, result: Visit) -> None:
    layout = await page.evaluate(
        """() => {
          const root = document.documentElement;
          const h1 = document.querySelector('article h1');
          const box = h1 && h1.getBoundingClientRect();
          return {
            overflow: root.scrollWidth - root.clientWidth,
            heading: !!box && box.width > 0 && box.left >= 0 && box.right <= root.clientWidth,
            main: !!document.querySelector('main'),
          };
        }"""
    )
    if layout["overflow"] > 0 or not layout["heading"] or not layout["main"]:
        result.violations = [layout]


async def _reflow_and_axe(page: Any, base: str, result: Visit) -> None:
    """At 320 px tables scroll inside their box: axe checks each such box is keyboard-reachable."""
    await _axe(page, base, result)
    found = result.violations
    await _reflow(page, base, result)
    result.violations = found + result.violations


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_pages_reflow_at_400_percent_zoom(base_url: str, javascript: bool, artefacts: Path) -> None:
    """1280 px at 400% is 320 CSS px: the page never scrolls sideways; wide tables scroll inside."""
    check = _reflow_and_axe if javascript else _reflow
    suffix = "320" if javascript else "320-no-js"
    results = asyncio.run(
        _browse(
            base_url,
            list(PAGE_KINDS.values()),
            _shoot(artefacts, suffix, check, full_page=False),
            viewport={"width": 320, "height": 640},
            java_script_enabled=javascript,
        )
    )
    assert _failures(results, "violations") == {}


async def _focus_ring(page: Any, base: str, result: Visit) -> None:
    missing = []
    for _ in range(30):
        await page.keyboard.press("Tab")
        seen = await page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const s = getComputedStyle(el);
              const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                || s.boxShadow !== 'none';
              const box = el.getBoundingClientRect();
              return {what: el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30),
                      ring: ring, visible: box.width > 0 && box.height > 0};
            }"""
        )
        if seen and seen["visible"] and not seen["ring"]:
            missing.append(seen["what"])
    result.violations = missing


def test_keyboard_focus_is_always_visible(base_url: str) -> None:
    pages = [PAGE_KINDS[k] for k in ("home", "indicator", "budgets", "accessibility")]
    results = asyncio.run(_browse(base_url, pages, _focus_ring))
    assert _failures(results, "violations") == {}


async def _search_and_palette(page: Any, base: str, result: Visit) -> None:
    scheme = "[data-md-color-scheme]"
    before = await page.get_attribute(scheme, "data-md-color-scheme")
    await page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = await page.get_attribute(scheme, "data-md-color-scheme")
    await page.locator("input.md-search__input").click()
    await page.keyboard.type("poverty", delay=30)  # Material searches on key events
    await page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    if before == after:
        result.violations.append({"palette": f"scheme stayed {before!r}"})


def test_search_and_palette_toggle_work_under_the_csp(base_url: str) -> None:
    results = asyncio.run(_browse(base_url, ["index.html"], _search_and_palette))
    assert _failures(results, "violations") == {}
    assert _failures(results, "console") == {}
    assert _failures(results, "foreign") == {}


def test_screenshots_of_the_main_page_kinds(sweep: dict[str, Visit], artefacts: Path) -> None:
    shots = sorted(artefacts.glob("*-1280.png"))
    assert [s.name.removesuffix("-1280.png") for s in shots] == sorted(PAGE_KINDS)
    assert all(shot.stat().st_size > 5_000 for shot in shots)
