"""Charts on a phone and a desktop: one drawing whose text is never under 11 CSS px."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, _tools_or_skip, base_url  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 900}
DESKTOP = {"width": 1280, "height": 900}
PAGES = ["indicators/NI-116.html", "indicators/LOC-CYP-01.html", "partnership/budgets.html"]
SMALLEST_TEXT_PX = 11


async def _pictures(
    url: str, java_script: bool, viewport: dict[str, int] = PHONE
) -> list[dict[str, Any]]:
    """Each chart's chosen file and rendered and natural widths, once every image has loaded."""
    async_api = _tools_or_skip()
    async with async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport=viewport, java_script_enabled=java_script)
        await page.goto(url, wait_until="load")
        for image in await page.query_selector_all("figure.laa-chart img"):
            await image.scroll_into_view_if_needed()  # the images load lazily
            await page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image)
        found: list[dict[str, Any]] = await page.evaluate(
            """() => [...document.querySelectorAll('figure.laa-chart img')].map(img => ({
              src: img.currentSrc,
              shown: img.getBoundingClientRect().width,
              natural: img.naturalWidth,
            }))"""
        )
        await browser.close()
    return found


def _smallest_text(svg: str) -> tuple[float, float]:
    """The SVG's smallest font size and its intrinsic width, both in its own px."""
    opening = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)
    assert opening is not None
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert sizes, "a chart with no text"
    return min(sizes), float(opening.group(1))


@pytest.mark.parametrize(
    ("java_script", "viewport"),
    [(True, PHONE), (False, PHONE), (False, DESKTOP)],
    ids=["phone-js", "phone-no-js", "desktop-no-js"],
)
def test_chart_text_is_never_under_11_px_on_a_phone_or_a_desktop(
    base_url: str,  # noqa: F811
    example_site: Path,
    java_script: bool,
    viewport: dict[str, int],
) -> None:
    prefix = urlsplit(base_url).path
    for rel in PAGES:
        pictures = asyncio.run(_pictures(base_url + rel, java_script, viewport))
        assert pictures, f"{rel} has no chart"
        for picture in pictures:
            path = urlsplit(picture["src"]).path.removeprefix(prefix)
            smallest, intrinsic = _smallest_text((example_site / path).read_text())
            rendered = smallest * picture["shown"] / intrinsic
            assert rendered >= SMALLEST_TEXT_PX, (rel, path, round(rendered, 1))
            # never shown wider than the column, nor blown up past about body-text size
            assert picture["shown"] <= viewport["width"] and rendered <= 24, (rel, path)
