"""Maps on a phone and a desktop, with JavaScript off: drawn, labelled at 11 px or more, linked."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, _tools_or_skip, base_url  # noqa: F401
from test_browser_charts import DESKTOP, PHONE, SMALLEST_TEXT_PX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEASURE = """() => [...document.querySelectorAll('svg.laa-map-svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const figure = svg.closest('figure').getBoundingClientRect();
  return {
    id: svg.closest('figure').id,
    width: box.width,
    height: box.height,
    figure: figure.width,
    smallest: sizes.length ? Math.min(...sizes) : null,
    paths: svg.querySelectorAll('path').length,
    links: [...svg.querySelectorAll('a')].map(a => a.getAttribute('href')),
  };
})"""


PICTURES = """() => [...document.querySelectorAll('figure.laa-map img')].map(img => ({
  id: img.closest('figure').id,
  width: img.getBoundingClientRect().width,
  height: img.getBoundingClientRect().height,
  natural: img.naturalWidth,
  alt: img.alt,
}))"""


async def _maps(url: str, viewport: dict[str, int], script: str = MEASURE) -> list[dict[str, Any]]:
    async_api = _tools_or_skip()
    async with async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport=viewport, java_script_enabled=False)
        await page.goto(url, wait_until="load")
        for image in await page.query_selector_all("figure.laa-map img"):
            await image.scroll_into_view_if_needed()  # the drawings load lazily
            await page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image)
        found: list[dict[str, Any]] = await page.evaluate(script)
        await browser.close()
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_areas_index_maps_are_numbered_legibly_and_linked(
    base_url: str,  # noqa: F811
    viewport: dict[str, int],
) -> None:
    maps = asyncio.run(_maps(base_url + "areas/index.html", viewport))
    assert [m["id"] for m in maps] == ["map-district", "map-neighbourhood"]
    for found in maps:
        assert found["smallest"] is not None and found["smallest"] >= SMALLEST_TEXT_PX, found
        assert found["height"] > 100 and found["paths"] == len(found["links"]) >= 4
        assert all(link.endswith(".html") and "://" not in link for link in found["links"])
        # the map fits its column: it never pushes the page sideways
        assert found["figure"] <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_choropleths_and_locators_are_drawn_without_javascript(
    base_url: str,  # noqa: F811
    viewport: dict[str, int],
) -> None:
    choropleths = asyncio.run(_maps(base_url + "indicators/NI-16.html", viewport, PICTURES))
    assert {m["id"] for m in choropleths} >= {"map-district", "map-neighbourhood"}
    for found in choropleths:
        assert found["natural"] > 0 and found["height"] > 100
        assert found["width"] <= viewport["width"] and "Highest:" in found["alt"]
    locator = asyncio.run(_maps(base_url + "areas/E05099901.html", viewport, PICTURES))
    assert [m["id"] for m in locator] == ["map-locator"]
    # small beside the text, but still a map, and it says where the area lies
    assert locator[0]["natural"] > 0 and 100 <= locator[0]["width"] <= 200
    assert "lies in the" in locator[0]["alt"]
