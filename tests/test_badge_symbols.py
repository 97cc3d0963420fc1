"""Badges carry their words in the page and their symbol in the stylesheet, in step."""

from __future__ import annotations

import re
from importlib import resources

from laa_publish.compute.progress import IMPROVING, NO_CHANGE, NOT_COMPARABLE, WORSENING
from laa_publish.render.text import (
    DIRECTION_ARROW,
    STATUS_TEXT,
    direction_badge,
    direction_count,
    status_badge,
)

CSS = (resources.files("laa_publish") / "templates/assets/laa.css").read_text(encoding="utf-8")
_RULE = re.compile(r'\.laa-(status|direction)--([a-z-]+)::before \{ content: "(.)\\a0" / ""; \}')


def _drawn() -> dict[tuple[str, str], str]:
    return {(kind, name): symbol for kind, name, symbol in _RULE.findall(CSS)}


def test_every_status_and_direction_symbol_is_drawn_by_the_stylesheet_as_registered() -> None:
    expected = {("status", s.replace("_", "-")): sym for s, (sym, _) in STATUS_TEXT.items()}
    expected |= {("direction", d.replace("_", "-")): a for d, a in DIRECTION_ARROW.items()}
    assert _drawn() == expected


def test_a_badge_is_one_element_with_its_words_and_no_hidden_symbol() -> None:
    for status, (symbol, words) in STATUS_TEXT.items():
        badge = status_badge(status)
        assert re.fullmatch(r'<span class="laa-status laa-status--[a-z-]+">[^<]+</span>', badge)
        assert words in badge and symbol not in badge
    assert direction_badge(IMPROVING) == (
        '<span class="laa-direction laa-direction--improving">Improving</span>'
    )
    assert "↗" not in direction_badge(IMPROVING) and "→" not in direction_badge(NO_CHANGE)
    assert direction_badge(NOT_COMPARABLE).count("<span") == 1


def test_a_zero_count_keeps_its_arrow_class_but_is_coloured_neutral() -> None:
    none_worse = direction_count(WORSENING, 0)
    assert 'class="laa-direction laa-direction--worsening laa-neutral"' in none_worse
    assert "0 worsening" in none_worse
    assert "laa-neutral" not in direction_count(WORSENING, 2)
    assert re.search(r"\.laa-direction\.laa-neutral \{ color: #4a4a4a; \}", CSS)
