"""The built search index holds the site's words, not its reading notes or tables of figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from laa_publish.model.entities import Partnership
from laa_publish.model.site_paths import area_page, indicator_page
from laa_publish.validate.run import check

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

# sentences every indicator or area page repeats, which would make each page an answer
NOTES = (
    "The line shows their shape",
    "Symbols used on this page",
    "observations (CSV)",
    "Data last changed",
    "Furthest behind",
    "Each indicator's name links to this area",
    "The table below gives the same figures",
)


@pytest.fixture(scope="module")
def docs(example_site: Path) -> list[dict[str, Any]]:
    index = json.loads((example_site / "search" / "search_index.json").read_text("utf-8"))
    return list(index["docs"])


@pytest.fixture(scope="module")
def model() -> Partnership:
    result = check(REPO)
    assert result.partnership is not None
    return result.partnership


def _found(docs: list[dict[str, Any]], word: str) -> set[str]:
    """The pages (without anchors) whose indexed title or text holds the word."""
    return {
        d["location"].split("#")[0]
        for d in docs
        if word.lower() in f"{d['title']} {d['text']}".lower()
    }


def _built(page: str) -> str:
    return page.removesuffix(".md") + ".html"


@pytest.mark.parametrize("word", ["crime", "poverty"])
def test_a_topic_finds_every_indicator_named_for_it(
    docs: list[dict[str, Any]], model: Partnership, word: str
) -> None:
    named = {
        _built(indicator_page(i.id)) for i in model.indicators.values() if word in i.title.lower()
    }
    assert named, f"the example should have an indicator about {word}"
    assert named <= _found(docs, word)


def test_an_area_name_finds_its_own_page(docs: list[dict[str, Any]], model: Partnership) -> None:
    for area in model.areas.values():
        titled = {d["location"] for d in docs if d["title"] == area.name}
        assert _built(area_page(area.code)) in titled, area.code


def test_reading_notes_are_on_the_pages_but_not_in_the_index(
    docs: list[dict[str, Any]], example_site: Path
) -> None:
    text = "\n".join(f"{d['title']} {d['text']}" for d in docs)
    pages = {
        p.relative_to(example_site).as_posix(): p.read_text("utf-8")
        for p in (example_site / "indicators").glob("*.html")
    } | {
        p.relative_to(example_site).as_posix(): p.read_text("utf-8")
        for p in (example_site / "areas").glob("*.html")
    }
    for sentence in NOTES:
        assert sentence not in text, sentence
        assert any(sentence in page for page in pages.values()), sentence


def test_an_indicators_metadata_and_headline_stay_searchable(
    docs: list[dict[str, Any]], model: Partnership
) -> None:
    ind = model.indicators["NI-116"]
    page = _built(indicator_page(ind.id))
    mine = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == page)
    assert " ".join(ind.definition.split())[:40] in mine
    assert "Latest" in mine
