"""Charts on a phone: at 390 CSS px each chart loads its narrow drawing, text 11 px or more."""

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
PAGES = ["indicators/NI-116.html", "indicators/LOC-CYP-01.html", "partnership/budgets.html"]
SMALLEST_TEXT_PX = 11


async def _pictures(url: str, java_script: bool) -> list[dict[str, Any]]:
    """Each chart's chosen file and rendered and natural widths, once every image has loaded."""
    async_api = _tools_or_skip()
    async with async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport=PHONE, java_script_enabled=java_script)
        await page.goto(url, wait_until="load")
        for picture in await page.query_selector_all("figure.laa-chart picture"):
            await picture.scroll_into_view_if_needed()  # the images load lazily
            await page.wait_for_function(
                "img => img.complete && img.naturalWidth > 0",
                arg=await picture.query_selector("img"),
            )
        found: list[dict[str, Any]] = await page.evaluate(
            """() => [...document.querySelectorAll('figure.laa-chart picture img')].map(img => ({
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


@pytest.mark.parametrize("java_script", [True, False], ids=["js", "no-js"])
def test_charts_on_a_phone_load_the_narrow_drawing_with_readable_text(
    base_url: str,  # noqa: F811
    example_site: Path,
    java_script: bool,
) -> None:
    prefix = urlsplit(base_url).path
    for rel in PAGES:
        pictures = asyncio.run(_pictures(base_url + rel, java_script))
        assert pictures, f"{rel} has no chart"
        for picture in pictures:
            path = urlsplit(picture["src"]).path.removeprefix(prefix)
            assert path.endswith("-narrow.svg"), (rel, path)
            smallest, intrinsic = _smallest_text((example_site / path).read_text())
            rendered = smallest * picture["shown"] / intrinsic
            assert rendered >= SMALLEST_TEXT_PX, (rel, path, round(rendered, 1))
