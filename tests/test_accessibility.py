"""Accessible content, checked without a browser: the statement, charts, tables and status."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from laa_publish.compute.progress import Computed, compute
from laa_publish.load.history import Commit, History
from laa_publish.model.entities import Partnership
from laa_publish.render.context import Context, Rendered
from laa_publish.render.pages.accessibility import accessibility_markdown
from laa_publish.render.site import render_site
from laa_publish.render.text import STATUS_TEXT, number
from laa_publish.validate.run import check

WHITE = "#ffffff"


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


@pytest.fixture(scope="module")
def model() -> tuple[Partnership, Computed]:
    """The example partnership, validated and computed once for this module."""
    result = check(REPO)
    assert result.partnership is not None
    return result.partnership, compute(result.partnership)


@pytest.fixture(scope="module")
def rendered(model: tuple[Partnership, Computed]) -> Rendered:
    """The example partnership rendered to engine-neutral Markdown and chart jobs."""
    return render_site(*model, History())


def _mark_colours(spec: Any) -> Iterator[str]:
    """Every colour a chart draws data with: mark colours and colour-scale ranges."""
    if isinstance(spec, dict):
        mark = spec.get("mark")
        if isinstance(mark, dict):
            yield from (mark[k] for k in ("color", "fill") if k in mark)
            if mark.get("type") in ("line", "rule"):  # a bar's stroke only separates segments
                yield from ([mark["stroke"]] if "stroke" in mark else [])
        colour = (spec.get("encoding") or {}).get("color") or {}
        yield from ((colour.get("scale") or {}).get("range") or [])
        for key, value in spec.items():
            if key not in ("config", "encoding", "mark"):
                yield from _mark_colours(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _mark_colours(item)


def test_every_chart_mark_has_3_to_1_contrast_on_white(rendered: Rendered) -> None:
    colours = {c.lower() for job in rendered.charts for c in _mark_colours(job.spec)}
    assert len(colours) >= 3, "actuals, targets and budget kinds each have a colour"
    weak = {c: round(contrast(c, WHITE), 2) for c in colours if contrast(c, WHITE) < 3}
    assert weak == {}


def test_chart_text_has_4_5_to_1_contrast(rendered: Rendered) -> None:
    for job in rendered.charts:
        config = job.spec["config"]
        texts = [
            config["axis"]["labelColor"],
            config["axis"]["titleColor"],
            config["legend"]["labelColor"],
            config["title"]["color"],
        ]
        assert min(contrast(c, WHITE) for c in texts) >= 4.5, job.path


def _values(spec: Any) -> Iterator[dict[str, Any]]:
    if isinstance(spec, dict):
        values = (spec.get("data") or {}).get("values")
        if isinstance(values, list):
            yield from values
        for layer in spec.get("layer", []):
            yield from _values(layer)


def _table_after(markdown: str, src: str) -> str:
    """The table (a Markdown pipe table or a raw HTML one) that follows the figure of `src`."""
    after = markdown[markdown.index(f'{src}"') :]  # the img's src or the source's srcset
    after = after[after.index("</figure>") :]
    lines = after.splitlines()[1:]
    block: list[str] = []
    for line in lines:
        if line.startswith("|") or (block and block[0].startswith("<table")):
            block.append(line)
            if line == "</table>":
                break
        elif line.startswith("<table") and not block:
            block.append(line)
        elif block:
            break
        elif line.strip():
            pytest.fail(f"{src}: text between the chart and its table: {line!r}")
    return "\n".join(block)


def test_every_chart_sits_beside_a_table_of_its_numbers(rendered: Rendered) -> None:
    checked = 0
    for job in rendered.charts:
        page = next(p for p, text in rendered.files.items() if job.path.split("/")[-1] in text)
        src = "../" + job.path
        table = _table_after(rendered.files[page], src).replace(",", "")
        for row in _values(job.spec):
            value = row.get("value", row.get("amount"))
            if value is None:
                continue
            decimals = len(str(value).split(".")[1]) if "." in str(value) else 0
            shown = number(float(value), decimals).replace(",", "")
            if "." in shown:
                shown = shown.rstrip("0").rstrip(".")
            assert shown in table, f"{job.path}: {shown} not in its table"
            checked += 1
    assert checked > 100


@pytest.mark.slow
def test_every_chart_states_its_message(example_site: Path) -> None:
    for svg_path in sorted((example_site / "charts").glob("*.svg")):
        svg = BeautifulSoup(svg_path.read_text(encoding="utf-8"), "html.parser").find("svg")
        assert svg["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title.get_text(strip=True) and desc.get_text(strip=True)
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
        assert re.search(r"\d", desc.get_text()), f"{svg_path.name}: the message names no figure"
        assert "<script" not in svg_path.read_text(encoding="utf-8").lower()


def test_status_is_never_colour_alone(rendered: Rendered) -> None:
    """Each status badge says its status in words; the stylesheet adds its symbol."""
    words = {w for _, w in STATUS_TEXT.values()}
    badges = 0
    for path, text in rendered.files.items():
        for badge in re.finditer(
            r'<span class="laa-status laa-status--[a-z-]+">(.*?)</span>', text
        ):
            assert badge.group(1) in words, f"{path}: {badge.group(0)}"
            badges += 1
    assert badges > 50


def _statement(model: tuple[Partnership, Computed], head: Commit | None) -> str:
    return accessibility_markdown(Context(*model, History(head=head)), "", Rendered())


def test_statement_has_what_regulation_requires(model: tuple[Partnership, Computed]) -> None:
    head = Commit("a" * 40, "2025-03-04T10:00:00+00:00", 1741082400, "Core team")
    text = _statement(model, head)
    for heading in (
        "## How accessible this website is",
        "## Feedback and contact information",
        "## Reporting accessibility problems with this website",
        "## Enforcement procedure",
        "### Compliance status",
        "### Non-accessible content",
        "### Disproportionate burden",
        "## Preparation of this accessibility statement",
    ):
        assert heading in text
    assert "partially compliant" in text
    assert "Equality and Human Rights Commission" in text
    assert "Equality Advisory and Support Service" in text
    assert "Equality Commission for Northern Ireland" in text
    assert "mailto:laa@brackenford.example" in text
    assert "prepared on 4 March 2025" in text and "`aaaaaaaaaa`" in text


def test_statement_date_comes_from_git_never_the_clock(
    model: tuple[Partnership, Computed],
) -> None:
    head = Commit("b" * 40, "2021-11-09T00:00:00+00:00", 1636416000, "x")
    assert "prepared on 9 November 2021" in _statement(model, head)
    assert "is not known" in _statement(model, None)


@pytest.mark.slow
def test_statement_is_linked_from_every_footer(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert (example_site / "about" / "accessibility.html").is_file()
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        footer = soup.select_one("footer .md-copyright")
        links = [a for a in footer.find_all("a") if a["href"].endswith("accessibility.html")]
        assert [a.get_text(strip=True) for a in links] == ["Accessibility statement"], page
