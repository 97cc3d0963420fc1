"""A real build of the example partnership, checked with an HTML parser."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from laa_publish.validate.run import check

REPO = Path(__file__).resolve().parent.parent
RESOURCE_ATTRS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}

LOADING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "apple-touch-icon",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    """The shipped example, built once per session (see conftest)."""
    return example_site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _model():
    result = check(REPO)
    assert result.partnership is not None
    return result.partnership


def test_every_page_kind_is_built(site: Path) -> None:
    p = _model()
    expected = [
        "index.html",
        "outcomes/index.html",
        "indicators/index.html",
        "areas/index.html",
        "partners/index.html",
        "about/method.html",
        "about/downloads.html",
        "partnership/alignment.html",
        "partnership/budgets.html",
        "partnership/benefits.html",
        "for-partners/guide.html",
        "for-partners/data-errors.html",
        "for-partners/schemas.html",
    ]
    expected += [f"outcomes/{o}.html" for o in p.outcomes]
    expected += [f"indicators/{i}.html" for i in p.indicators]
    expected += [f"areas/{a}.html" for a in p.areas]
    expected += [f"partners/{x}.html" for x in p.partners]
    missing = [page for page in expected if not (site / page).is_file()]
    assert missing == []


def test_indicator_page_has_chart_table_and_status(site: Path) -> None:
    p = _model()
    ident = sorted(p.indicators)[0]
    soup = _soup(site / "indicators" / f"{ident}.html")
    figure = soup.select_one("figure.laa-chart")
    assert figure is not None
    img = figure.find("img")
    assert img["src"] == f"../charts/{ident}.svg"
    assert len(img["alt"]) > 30
    svg = (site / "charts" / f"{ident}.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "<script" not in svg.lower()
    headers = [
        [th.get_text(strip=True) for th in t.thead.find_all("th")]
        for t in soup.find_all("table")
        if t.thead is not None
    ]
    # comparators (places outside the partnership) add a column each after the target
    assert any(
        h[:3] == ["Period", "Value", "Target"] and h[-2:] == ["Note", "Source"] for h in headers
    )
    headline = soup.find("article").get_text(" ", strip=True)
    assert re.search(r"On track|At risk|Off track|No target", headline)
    frame = p.observations[ident]
    place_rows = frame[frame["area"] == p.settings.place_area]
    values_table = next(
        t
        for t in soup.find_all("table")
        if [th.get_text(strip=True) for th in t.find_all("th")][:2] == ["Period", "Value"]
    )
    rows = values_table.find_all("tr")[1:]
    periods = [tr.find(["th", "td"]).get_text(strip=True) for tr in rows]
    assert set(place_rows["period"]) <= set(periods)


def test_download_is_linked_and_published(site: Path) -> None:
    p = _model()
    ident = sorted(p.indicators)[-1]
    soup = _soup(site / "indicators" / f"{ident}.html")
    links = [a["href"] for a in soup.find_all("a", href=True)]
    assert f"../downloads/{ident}.csv" in links
    text = (site / "downloads" / f"{ident}.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("indicator,period,area_code,area_name,value")
    assert len(text.splitlines()) == len(p.observations[ident]) + 1


def test_no_resource_is_loaded_from_another_host(site: Path) -> None:
    offenders: list[str] = []
    for page in sorted(site.rglob("*.html")):
        soup = _soup(page)
        for tag, attribute in RESOURCE_ATTRS.items():
            for element in soup.find_all(tag):
                rel = set(element.get("rel") or [])
                if tag == "link" and not rel & LOADING_RELS:
                    continue  # canonical and alternate links name a page, they load nothing
                value = element.get(attribute)
                if value and urlsplit(value).netloc:
                    offenders.append(f"{page.relative_to(site)}: <{tag} {attribute}={value}>")
    for css in sorted(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(site)}: url({url}//…)")
    assert offenders == []


def test_schemas_are_published_at_stable_paths(site: Path) -> None:
    sources = sorted((REPO / "laa_publish" / "schemas").glob("*.schema.json"))
    assert sources
    for source in sources:
        assert (site / "schemas" / "v1" / source.name).read_bytes() == source.read_bytes()
    soup = _soup(site / "for-partners" / "schemas.html")
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert {f"../schemas/v1/{source.name}" for source in sources} <= links


def test_data_errors_page_anchors_every_code(site: Path) -> None:
    from laa_publish.catalogue import codes

    soup = _soup(site / "for-partners" / "data-errors.html")
    assert {h3["id"] for h3 in soup.find("article").find_all("h3")} == set(codes())


def test_footer_names_the_build(site: Path) -> None:
    soup = _soup(site / "index.html")
    footer = soup.select_one(".laa-build-info")
    assert footer is not None
    assert "Built from" in footer.get_text()


def test_home_scorecard_uses_words_and_symbols(site: Path) -> None:
    soup = _soup(site / "index.html")
    badges = soup.select(".laa-status")
    assert badges
    for badge in badges:
        words = badge.get_text(" ", strip=True)
        assert re.search(r"On track|At risk|Off track|No target|No data", words)
        assert badge.find("span") is None, "one element: the stylesheet draws the symbol"
