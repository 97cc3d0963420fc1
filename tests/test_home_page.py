"""The home page answers "how is the partnership doing?" before any prose."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest
from conftest import REPO
from rendering import Site, render_repository

from laa_publish.compute.progress import STATUS_ORDER
from laa_publish.model.site_paths import HOME_PAGE
from laa_publish.render.context import Context
from laa_publish.render.pages.home import _count, lead_measure
from laa_publish.render.text import STATUS_TEXT


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return render_repository(REPO, tmp_path_factory.mktemp("home-cache"))


@pytest.fixture(scope="module")
def home(example: Site) -> str:
    return example.rendered.files[HOME_PAGE]


def test_the_counts_are_the_indicators_statuses(example: Site, home: str) -> None:
    ctx = Context(p=example.p, computed=example.computed, history=example.history)
    expected = Counter(
        head.status if (head := ctx.headline(i)) else "no_data" for i in example.p.indicators
    )
    overview = home.split('<section class="laa-overview"', 1)[1].split("</section>", 1)[0]
    found = {
        words: int(count.replace(",", ""))
        for count, words in re.findall(
            r'<li[^>]*><strong>([\d,]+)</strong> <span class="laa-status [^"]+">([^<]+)</span>',
            overview,
        )
    }
    words = {STATUS_TEXT[s][1]: s for s in STATUS_ORDER}
    assert {words[w]: n for w, n in found.items() if n} == {s: n for s, n in expected.items() if n}
    assert f"{len(example.p.indicators)} indicators across Brackenford" in overview


def test_tiles_come_before_any_prose_one_per_outcome_in_scorecard_order(
    example: Site, home: str
) -> None:
    order = [o.id for _, members in example.p.outcomes_by_theme() for o in members]
    tiles = re.findall(r'<li class="laa-tile">\n<h3><a href="outcomes/([^".]+)\.html">', home)
    assert tiles == order
    first_prose = home.index("## About the partnership")
    assert home.index('<section class="laa-overview"') < home.index('<ul class="laa-tiles">')
    assert home.index('<ul class="laa-tiles">') < first_prose < home.index("## Scorecard")
    assert example.p.home_intro and home.index(example.p.home_intro.strip()[:60]) > first_prose


def test_each_tile_says_its_status_counts_and_lead_measure(example: Site, home: str) -> None:
    ctx = Context(p=example.p, computed=example.computed, history=example.history)
    for outcome in example.p.outcomes.values():
        start = home.index(f'href="outcomes/{outcome.id}.html"')
        tile = home[start : home.index("</li>", start)]
        summary = ctx.computed.outcomes[outcome.id]
        assert f">{STATUS_TEXT[summary.status][1]}</span>" in tile
        for status in ("on_track", "at_risk", "off_track"):
            words = STATUS_TEXT[status][1].lower()
            assert f"{summary.counts.get(status, 0)} {words}" in tile
        ind = lead_measure(ctx, outcome)
        if ind is not None:
            assert (
                html.escape(ind.title) in tile
                and 'class="laa-spark"' in tile
                and 'role="img"' in tile
            )


def test_a_zero_count_is_neutral_in_both_schemes() -> None:
    css = (REPO / "laa_publish" / "templates" / "assets" / "laa.css").read_text(encoding="utf-8")
    assert ".laa-counts > .laa-neutral .laa-status { color: #4a4a4a; }" in css
    assert '[data-md-color-scheme="slate"] .laa-counts > .laa-neutral .laa-status' in css
    assert _count("off_track", 0).startswith('<li class="laa-neutral">')
    assert _count("off_track", 3).startswith("<li><strong>3</strong>")
