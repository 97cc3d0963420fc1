"""Sparklines are small, exact, safe inline SVG that need no chart converter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from laa_publish.render.sparkline import HEIGHT, PAD, SCALE, WIDTH, sparkline

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def coords(element: ET.Element) -> list[tuple[float, float]]:
    """Points in CSS pixels: the drawing grid is SCALE times finer."""
    return [
        (float(x) / SCALE, float(y) / SCALE)
        for x, y in (pair.split(",") for pair in element.attrib["points"].split())
    ]


def test_a_rising_series_climbs_left_to_right_and_ends_on_a_dot() -> None:
    root = parse(sparkline([1, 2, 3, 4]))
    (line,) = root.iter(f"{NS}polyline")
    points = coords(line)
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    assert points[0] == (PAD, HEIGHT - PAD), "the lowest value sits on the bottom edge"
    assert points[-1] == (WIDTH - PAD, PAD), "the highest value sits on the top edge"
    assert root.attrib["viewBox"] == f"0 0 {WIDTH * SCALE} {HEIGHT * SCALE}"
    assert (root.attrib["width"], root.attrib["height"]) == (str(WIDTH), str(HEIGHT))
    (dot,) = root.iter(f"{NS}circle")
    assert (float(dot.attrib["cx"]) / SCALE, float(dot.attrib["cy"]) / SCALE) == points[-1]


def test_a_gap_breaks_the_line_instead_of_bridging_it() -> None:
    root = parse(sparkline([5, 6, None, 7, 8]))
    lines = list(root.iter(f"{NS}polyline"))
    assert [len(coords(line)) for line in lines] == [2, 2]
    assert coords(lines[0])[-1][0] < coords(lines[1])[0][0]


def test_a_flat_series_is_drawn_across_the_middle() -> None:
    (line,) = parse(sparkline([3, 3, 3])).iter(f"{NS}polyline")
    assert {y for _, y in coords(line)} == {HEIGHT / 2}


@pytest.mark.parametrize("values", [[], [None, None], [float("nan")]])
def test_nothing_to_draw_gives_nothing(values: list[float | None]) -> None:
    assert sparkline(values) == ""


def test_a_single_value_is_a_dot_only() -> None:
    root = parse(sparkline([None, 4.0]))
    assert not list(root.iter(f"{NS}polyline"))
    assert len(list(root.iter(f"{NS}circle"))) == 1


def test_unlabelled_lines_are_hidden_from_screen_readers_labelled_ones_are_named() -> None:
    plain = parse(sparkline([1, 2]))
    assert plain.attrib["aria-hidden"] == "true" and "role" not in plain.attrib
    named = parse(sparkline([1, 2], 'Rising "fast" <2019 to 2025>'))
    assert named.attrib["role"] == "img"
    assert named.attrib["aria-label"] == 'Rising "fast" <2019 to 2025>'


def test_no_style_attribute_the_content_security_policy_would_block() -> None:
    svg = sparkline([4, 1, 3, None, 2, 9], "label")
    assert "style=" not in svg and "<script" not in svg
    assert len(svg) < 250, "a county site carries tens of thousands of these"
    assert "." not in svg.partition("<polyline")[2], "whole numbers only"
    assert re.fullmatch(r'<svg class="laa-spark" [^>]*>.*</svg>', svg)


def test_the_same_series_always_gives_the_same_bytes() -> None:
    assert sparkline([0.1, 0.2, 0.15]) == sparkline([0.1, 0.2, 0.15])
