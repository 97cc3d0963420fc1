"""A resident's three questions, walked in a browser with JavaScript off, and the first screen.

"How is my neighbourhood doing compared with the city?", "Is crime going down here?" and
"What is worst here?" must each be answered on the page the resident lands on, and the home
page must say how the partnership is doing before the reader scrolls, on a phone too.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, _tools_or_skip, base_url  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 900}
DESKTOP = {"width": 1280, "height": 800}
AREA, AREA_NAME, CRIME = "E05099901", "Hollins Park", "NI-16"


async def _first_screen(url: str, viewport: dict[str, int]) -> dict[str, Any]:
    """Where the counts and the first outcome tile sit, before any scrolling."""
    async_api = _tools_or_skip()
    async with async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport=viewport, java_script_enabled=False)
        await page.goto(url + "index.html", wait_until="load")
        found: dict[str, Any] = await page.evaluate(
            """() => {
              const box = el => el && el.getBoundingClientRect().toJSON();
              const counts = document.querySelector('.laa-overview .laa-counts');
              const tile = document.querySelector('.laa-tiles > .laa-tile');
              return {
                counts: box(counts),
                countsText: counts ? counts.innerText : '',
                tileHeading: box(tile && tile.querySelector('h3')),
                tileStatus: box(tile && tile.querySelector('.laa-status')),
                scrollY: window.scrollY,
                overflow: document.documentElement.scrollWidth - window.innerWidth,
              };
            }"""
        )
        await browser.close()
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_first_screen_shows_the_counts_and_the_first_outcome_tile(
    base_url: str,  # noqa: F811
    viewport: dict[str, int],
) -> None:
    found = asyncio.run(_first_screen(base_url, viewport))
    assert found["scrollY"] == 0
    for part in ("counts", "tileHeading", "tileStatus"):
        box = found[part]
        assert box is not None, part
        assert box["top"] >= 0 and box["bottom"] <= viewport["height"], (part, box)
        assert box["right"] <= viewport["width"], (part, box)
    assert "On track" in found["countsText"] and "Off track" in found["countsText"]
    assert found["overflow"] <= 0, "the page scrolls sideways"


async def _walk(url: str) -> dict[str, Any]:
    """Home, then Areas, then the area's page, then its crime figure's row: what each shows."""
    async_api = _tools_or_skip()
    seen: dict[str, Any] = {}
    async with async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport=PHONE, java_script_enabled=False)
        await page.goto(url + "index.html", wait_until="load")
        # find the area: the site's navigation leads to the areas index, which lists it
        areas = page.locator('nav a[href$="areas/index.html"]').first
        await page.goto(url + (await areas.get_attribute("href") or ""), wait_until="load")
        await page.locator("article a", has_text=AREA_NAME).first.click()
        await page.wait_for_load_state("load")
        seen["area_url"] = page.url
        summary = page.locator("article p", has_text=f"{AREA_NAME} does better than").first
        seen["summary"] = await summary.inner_text()
        seen["summary_box"] = await summary.bounding_box()
        worst = page.locator("article p", has_text="Furthest behind").first
        seen["worst"] = await worst.inner_text()
        seen["worst_list"] = await worst.locator("xpath=following-sibling::ul[1]").inner_text()
        row = page.locator("article tr", has=page.locator(f'a[href*="{CRIME}.html#trend-"]'))
        seen["crime_row"] = await row.first.inner_text()
        seen["crime_row_spark"] = await row.first.locator("svg.laa-spark").count()
        # follow the crime figure to the area's own series on the indicator page
        await row.first.locator(f'a[href*="{CRIME}.html#trend-{AREA}"]').click()
        await page.wait_for_load_state("load")
        seen["trend_url"] = page.url
        target = page.locator(f"tr#trend-{AREA}")
        seen["trend_row"] = await target.inner_text()
        seen["trend_is_target"] = await target.evaluate("tr => tr.matches(':target')")
        seen["trend_box"] = await target.bounding_box()
        seen["trend_spark"] = await target.locator("svg.laa-spark").count()
        seen["trend_head"] = await target.locator("xpath=ancestor::table[1]/thead").inner_text()
        # every period, in a table folded into <details> below (closed, so read its text)
        seen["series_row"] = await page.locator(
            "details.laa-series tr, div.laa-series tr", has_text=AREA_NAME
        ).first.text_content()
        await browser.close()
    return seen


def test_a_resident_finds_their_area_its_crime_trend_and_what_is_worst_there(
    base_url: str,  # noqa: F811
    example_site: Path,
) -> None:
    seen = asyncio.run(_walk(base_url))
    # 1. compared with the whole place, in words, near the top of the area's own page
    assert seen["area_url"].endswith(f"areas/{AREA}.html")
    assert "Brackenford" in seen["summary"] and "comparable measures" in seen["summary"]
    assert seen["summary_box"]["y"] < 2 * PHONE["height"], "the answer is near the top"
    # 2. what is worst here: named, furthest behind first
    assert seen["worst"].startswith("Furthest behind Brackenford")
    assert "worse than Brackenford by" in seen["worst_list"]
    # 3. is crime going down here: the area's crime row has its line and direction of travel,
    # and its link lands on the area's own row of the crime indicator's page, in view
    assert seen["crime_row_spark"] == 1
    assert any(w in seen["crime_row"] for w in ("Improving", "Worsening", "No change"))
    assert seen["trend_url"].endswith(f"indicators/{CRIME}.html#trend-{AREA}")
    assert seen["trend_is_target"] and seen["trend_spark"] == 1
    box = seen["trend_box"]
    assert box is not None and 0 <= box["y"] < PHONE["height"], "the row is scrolled into view"
    assert AREA_NAME in seen["trend_row"] and "Change since" in seen["trend_head"]
    assert "Compared with Brackenford" in seen["trend_head"]
    assert "per 1,000" in seen["trend_row"]
    assert seen["series_row"].startswith(AREA_NAME)
