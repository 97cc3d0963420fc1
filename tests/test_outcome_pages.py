"""Outcome pages show every indicator's curve before the story; indicators link to that story."""

from __future__ import annotations

import html
import re

import pytest
from conftest import REPO
from rendering import Site, render_repository

from laa_publish.model.site_paths import indicator_page, outcome_page
from laa_publish.render.pages.outcomes import STORY_ANCHOR


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return render_repository(REPO, tmp_path_factory.mktemp("outcome-cache"))


def test_every_indicators_curve_comes_before_the_story(example: Site) -> None:
    for outcome in example.p.outcomes.values():
        page = example.rendered.files[outcome_page(outcome.id)]
        grid = page.split('<ul class="laa-multiples">', 1)[1].split("</ul>", 1)[0]
        linked = re.findall(r'<a href="\.\./indicators/([^".]+)\.html">', grid)
        assert linked == [i.id for i in example.p.outcome_indicators(outcome.id)]
        for item in re.findall(r'<li class="laa-multiple">(.*?)</li>', grid, re.S):
            # each curve is named for screen readers and said in words beside it
            assert re.search(r'<svg class="laa-spark"[^>]*role="img" aria-label="[^"]+"', item)
            assert "laa-status--" in item and "laa-direction--" in item
        story = page.index(f'<div id="{STORY_ANCHOR}"></div>')
        narrative = example.p.narratives[outcome.id].strip()
        assert page.index('<ul class="laa-multiples">') < story < page.index(narrative[:40])


def test_every_indicator_page_links_to_its_outcomes_story_near_the_top(example: Site) -> None:
    for ind in example.p.indicators.values():
        page = example.rendered.files[indicator_page(ind.id)]
        outcome = example.p.outcomes[ind.outcome]
        top = page.split("\n## ", 1)[0]  # before the first section
        href = f"../outcomes/{outcome.id}.md#{STORY_ANCHOR}"
        assert f"[Read the story behind the curve]({href})" in top, ind.id
        assert html.escape(outcome.title, quote=False) in top or outcome.title in top
        target = example.rendered.files[outcome_page(outcome.id)]
        assert f'id="{STORY_ANCHOR}"' in target
