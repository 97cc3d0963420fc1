"""Micro-benchmarks for the ways an indicator chart could be drawn, with the SVG each makes.

Usage::

    .venv/bin/python -m benchmarks.charts [--charts 60] [--json charts.json]

Each method draws the same kind of chart as ``laa_publish.render.charts``: a line of 40
quarterly actuals and 8 targets, 640 x 280 pixels, with a title, axes and a legend.
Every chart has different numbers, so no cache inside a converter can help.

- **spec, Altair**: ``indicator_chart_spec`` (builds and validates an Altair chart object);
- **spec, dict template**: a deep copy of the same Vega-Lite dict with the data and the
  words replaced (the result is checked to equal the Altair spec);
- **vl-convert, one process**: ``vl_convert.vegalite_to_svg`` per chart in one process,
  after a first call that pays the converter's warm-up;
- **vl-convert, two processes**: the same in a pool of two worker processes, each warmed up;
- **vl-convert, compile once**: ``vegalite_to_vega`` once, then ``vega_to_svg`` per chart
  with the data swapped in the compiled Vega spec;
- **SVG template**: a hand-drawn SVG of the same chart (axes, gridlines, labels, line,
  points, dashed target line, legend, title) from Python string formatting;
- **sparkline template**: a 120 x 32 line with its last point, for tables.

CPU time is split into user and system (kernel) time, as the issue reports that half of
vl-convert's time is spent in the kernel.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import logging
import math
import multiprocessing as mp
import resource
import sys
import time
from collections.abc import Callable, Sequence
from html import escape
from importlib import metadata
from types import SimpleNamespace
from typing import Any

LOG = logging.getLogger("charts")
QUARTERS = [f"{2016 + (q + 2) // 4}-Q{(q + 2) % 4 + 1}" for q in range(40)]
TARGETS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def fake_indicator() -> SimpleNamespace:
    """The fields of an Indicator that the chart code reads."""
    return SimpleNamespace(
        period_type="quarter", unit="rate", rate_per=1000, decimals=2, id="LOC-SSC-001"
    )


def chart_rows(seed: int) -> list[dict[str, Any]]:
    """40 quarterly actuals with trend and seasonality, and 8 targets; different per seed."""
    rows: list[dict[str, Any]] = []
    for i, period in enumerate(QUARTERS):
        value = 2.3 * math.exp(-0.004 * i + 0.08 * math.sin(i * math.pi / 2 + seed))
        value *= 1 + 0.02 * math.sin(seed * 7.3 + i * 1.7)
        rows.append({"period": period, "order": i, "value": round(value, 2), "series": "Actual"})
    for j, period in enumerate(TARGETS):
        order = 35 + j
        rows.append(
            {
                "period": period,
                "order": order,
                "value": round(2.1 - 0.01 * j, 2),
                "series": "Target",
            }
        )
    return sorted(rows, key=lambda r: (r["order"], r["series"]))


def message(seed: int) -> str:
    """A chart message like the real one."""
    return (
        f"Assault with injury fell from 2.41 to 2.{seed % 90 + 10} per 1,000 between 2016-Q3 "
        "and 2026-Q2; target 2.10 per 1,000; on track"
    )


# --------------------------------------------------------------------------------------------
# Specs
# --------------------------------------------------------------------------------------------


def altair_spec(seed: int) -> dict[str, Any]:
    """The spec as laa-publish builds it today."""
    from laa_publish.render.charts import indicator_chart_spec

    return indicator_chart_spec(fake_indicator(), chart_rows(seed), message(seed))  # type: ignore[arg-type]


class SpecTemplate:
    """A Vega-Lite dict made once with Altair, then filled in with plain dict operations."""

    def __init__(self) -> None:
        self.base = altair_spec(0)

    def spec(self, seed: int) -> dict[str, Any]:
        """The same dict Altair would build for this seed."""
        import textwrap

        rows = chart_rows(seed)
        text = message(seed)
        spec = copy.deepcopy(self.base)
        spec["data"]["values"] = rows
        spec["title"]["text"] = textwrap.wrap(text, 90)
        spec["description"] = text
        spec["encoding"]["x"]["sort"] = list(dict.fromkeys(r["period"] for r in rows))
        return spec


# --------------------------------------------------------------------------------------------
# Hand-drawn SVG
# --------------------------------------------------------------------------------------------


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = high - low or 1.0
    step = 10 ** math.floor(math.log10(span / count))
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= count:
            step *= factor
            break
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def template_svg(rows: Sequence[dict[str, Any]], title: str, width: int = 640) -> str:
    """A full line chart of actuals and targets as SVG text, with real <text> labels."""
    height, left, right, top, bottom = 280, 56, 12, 64, 64
    plot_w, plot_h = width - left - right, height
    periods = list(dict.fromkeys(r["period"] for r in rows))
    x_of = {p: left + (i + 0.5) * plot_w / len(periods) for i, p in enumerate(periods)}
    values = [r["value"] for r in rows]
    ticks = _nice_ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / ((hi - lo) or 1) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + plot_h + bottom}"'
        f' viewBox="0 0 {width} {top + plot_h + bottom}" font-family="sans-serif" font-size="12">',
        f'<text x="0" y="16" font-size="13" fill="#1a1a1a">{escape(title[:90])}</text>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#bbbbbb"/>',
    ]
    for t in ticks:
        yy = y(t)
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{yy + 4:.1f}" text-anchor="end" fill="#333">{t:g}</text>'
        )
    for i, p in enumerate(periods):
        if i % 2 == 0:
            out.append(
                f'<text transform="translate({x_of[p]:.1f},{top + plot_h + 8}) rotate(-45)" '
                f'text-anchor="end" fill="#333">{escape(p)}</text>'
            )
    for series, colour, dash, shape in (
        ("Actual", "#12436D", "", "circle"),
        ("Target", "#801650", ' stroke-dasharray="6 4"', "diamond"),
    ):
        pts = [(x_of[r["period"]], y(r["value"])) for r in rows if r["series"] == series]
        if not pts:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        if shape == "circle":
            out += [
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>' for px, py in pts
            ]
        else:
            out += [
                f'<path d="M{px:.1f},{py - 5:.1f}l5,5l-5,5l-5,-5z" fill="{colour}"/>'
                for px, py in pts
            ]
    out.append(
        f'<g transform="translate({left},{top - 14})"><line x2="18" stroke="#12436D" '
        'stroke-width="2.5"/><text x="22" y="4" fill="#333">Actual</text>'
        '<line x1="80" x2="98" stroke="#801650" stroke-width="2.5" stroke-dasharray="6 4"/>'
        '<text x="102" y="4" fill="#333">Target</text></g></svg>'
    )
    return "".join(out)


def sparkline_svg(rows: Sequence[dict[str, Any]], width: int = 120, height: int = 32) -> str:
    """A small line of the actuals with the latest point marked, for a table cell."""
    values = [r["value"] for r in rows if r["series"] == "Actual"]
    lo, hi = min(values), max(values)
    step = (width - 6) / max(1, len(values) - 1)
    pts = [
        (3 + i * step, height - 3 - (v - lo) / ((hi - lo) or 1) * (height - 6))
        for i, v in enumerate(values)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    x, y = pts[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><polyline points="{path}" fill="none" '
        f'stroke="#12436D" stroke-width="1.5"/><circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" '
        'fill="#12436D"/></svg>'
    )


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime, own.ru_stime


def timed(fn: Callable[[int], Any], seeds: Sequence[int]) -> tuple[float, float, float, Any]:
    """(ms per call wall, ms user, ms system, last result) over the seeds."""
    u0, s0 = _cpu()
    t = time.perf_counter()
    out = None
    for seed in seeds:
        out = fn(seed)
    n = len(seeds)
    u1, s1 = _cpu()
    return (time.perf_counter() - t) * 1000 / n, (u1 - u0) * 1000 / n, (s1 - s0) * 1000 / n, out


_TEMPLATE: SpecTemplate | None = None


def _worker_init() -> None:
    global _TEMPLATE
    import vl_convert

    _TEMPLATE = SpecTemplate()
    vl_convert.vegalite_to_svg(_TEMPLATE.spec(0))


def _worker_render(seed: int) -> tuple[int, float, float]:
    import vl_convert

    assert _TEMPLATE is not None
    u0, s0 = _cpu()
    svg = vl_convert.vegalite_to_svg(_TEMPLATE.spec(seed))
    u1, s1 = _cpu()
    return len(svg), u1 - u0, s1 - s0


def measure(charts: int) -> dict[str, Any]:
    """Run every method; return the figures."""
    import vl_convert

    seeds = list(range(1, charts + 1))
    res: dict[str, Any] = {"charts": charts, "vl_convert": metadata.version("vl-convert-python")}
    template = SpecTemplate()
    mine, theirs = template.spec(5), altair_spec(5)
    mine["title"]["text"] = theirs["title"]["text"]  # the title's wrap width may differ
    assert mine == theirs, "the dict template must equal Altair's spec"
    ms, _, _, _ = timed(altair_spec, seeds)
    res["spec_altair_ms"] = ms
    ms, _, _, _ = timed(template.spec, seeds)
    res["spec_template_ms"] = ms

    t = time.perf_counter()
    first = vl_convert.vegalite_to_svg(template.spec(0))
    res["vl_first_call_s"] = time.perf_counter() - t
    ms, user, system, svg = timed(lambda s: vl_convert.vegalite_to_svg(template.spec(s)), seeds)
    res.update(vl_one_ms=ms, vl_one_user_ms=user, vl_one_sys_ms=system)
    res["vl_svg_bytes"] = len(svg)
    res["vl_svg_gzip_bytes"] = len(gzip.compress(svg.encode()))
    res["vl_svg_text_elements"] = svg.count("<text")
    res["vl_svg_path_elements"] = svg.count("<path")
    del first

    vega = vl_convert.vegalite_to_vega(template.spec(0))
    t = time.perf_counter()
    for seed in seeds[:10]:
        vl_convert.vegalite_to_vega(template.spec(seed))
    res["vl_compile_ms"] = (time.perf_counter() - t) * 100

    def from_vega(seed: int) -> str:
        spec = copy.deepcopy(vega)
        for data in spec.get("data", []):
            if data.get("name") == "source_0" or "values" in data:
                data["values"] = chart_rows(seed)
        return str(vl_convert.vega_to_svg(spec))

    ms, _, _, _ = timed(from_vega, seeds)
    res["vega_to_svg_ms"] = ms

    ctx = mp.get_context("spawn")
    with ctx.Pool(2, initializer=_worker_init) as pool:
        pool.map(_worker_render, [0, 0])  # both workers warm
        t = time.perf_counter()
        out = pool.map(_worker_render, seeds, chunksize=4)
        wall = time.perf_counter() - t
    res["vl_two_ms"] = wall * 1000 / len(seeds)
    res["vl_two_cpu_user_ms"] = sum(o[1] for o in out) * 1000 / len(seeds)
    res["vl_two_cpu_sys_ms"] = sum(o[2] for o in out) * 1000 / len(seeds)

    ms, user, system, svg = timed(lambda s: template_svg(chart_rows(s), message(s)), seeds)
    res.update(template_ms=ms, template_svg_bytes=len(svg))
    res["template_svg_gzip_bytes"] = len(gzip.compress(svg.encode()))
    ms, _, _, svg = timed(lambda s: sparkline_svg(chart_rows(s)), seeds)
    res.update(sparkline_ms=ms, sparkline_svg_bytes=len(svg))
    return res


def report(res: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    n = res["charts"]
    rows = [
        ("Vega-Lite spec with Altair (`indicator_chart_spec`)", res["spec_altair_ms"], ""),
        ("Vega-Lite spec from a dict template (equal dict)", res["spec_template_ms"], ""),
        (
            "vl-convert `vegalite_to_svg`, one process",
            res["vl_one_ms"],
            f"{res['vl_svg_bytes'] / 1000:.1f} KB ({res['vl_svg_gzip_bytes'] / 1000:.1f} KB "
            f"gzip); user {res['vl_one_user_ms']:.0f} ms + sys {res['vl_one_sys_ms']:.0f} ms; "
            f"{res['vl_svg_text_elements']} <text>, {res['vl_svg_path_elements']} <path>",
        ),
        (
            "vl-convert, two worker processes (wall per chart)",
            res["vl_two_ms"],
            f"CPU per chart user {res['vl_two_cpu_user_ms']:.0f} + sys "
            f"{res['vl_two_cpu_sys_ms']:.0f} ms",
        ),
        ("vl-convert `vegalite_to_vega` (compile only)", res["vl_compile_ms"], ""),
        ("vl-convert `vega_to_svg` on a compiled spec", res["vega_to_svg_ms"], ""),
        (
            "hand-drawn SVG template (same chart)",
            res["template_ms"],
            f"{res['template_svg_bytes'] / 1000:.1f} KB "
            f"({res['template_svg_gzip_bytes'] / 1000:.1f} KB gzip)",
        ),
        ("sparkline template (120 x 32)", res["sparkline_ms"], f"{res['sparkline_svg_bytes']} B"),
    ]
    lines = [
        f"Charts: {n} different charts of 48 points; vl-convert {res['vl_convert']}; first "
        f"vl-convert call (warm-up) {res['vl_first_call_s']:.2f} s.",
        "",
        "| method | ms per chart | SVG / notes |",
        "|---|---:|---|",
    ]
    lines += [f"| {name} | {ms:.2f} | {note} |" for name, ms, note in rows]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Chart rendering micro-benchmarks.")
    parser.add_argument("--charts", type=int, default=60)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--code", help="import laa_publish from this folder (see run.py)")
    args = parser.parse_args(argv)
    if args.code:
        from benchmarks.run import use_code

        use_code(args.code)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    res = measure(args.charts)
    sys.stdout.write(report(res))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(res, handle, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
