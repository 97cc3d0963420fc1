"""Render each partner's own files: framework, budget contributions and benefits register."""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from tools.example.brackenford import (
    BENEFITS,
    BUDGET_GROWTH,
    BUDGET_LINES,
    BUDGET_YEARS,
    INDICATORS,
    OUTCOMES,
    SPENT_TO_DATE,
    Figure,
    Framework,
    partner_of,
)
from tools.example.cells import Table
from tools.example.model import CITY
from tools.example.writing import YAML_WIDTH, fmt, schema_line, yaml_scalar, yaml_text


def _partner_header(path: Path, root: Path, schema: str, partner: str, about: str) -> list[str]:
    name = partner_of(partner).name
    return [
        schema_line(path, root, schema),
        *textwrap.wrap(
            f"# {about.format(name=name)}",
            YAML_WIDTH,
            subsequent_indent="# ",
            break_on_hyphens=False,
        ),
        "",
        f"partner: {partner}",
    ]


def _id_list(key: str, items: Sequence[str], indent: int) -> list[str]:
    return [f"{' ' * indent}{key}: [{', '.join(items)}]"] if items else []


def render_framework(path: Path, root: Path, fw: Framework) -> str:
    """data/partners/<partner>/framework.yaml."""
    lines = _partner_header(
        path, root, "framework", fw.partner,
        "{name}'s own performance framework, and the shared outcomes and indicators each of "
        "its measures feeds. The partnership's alignment view is built from these files.",
    )  # fmt: skip
    lines += [
        f"framework: {yaml_scalar(fw.name)}",
        f"url: https://www.{partner_of(fw.partner).domain}/{fw.path}",
        "",
        "measures:",
    ]
    for i, m in enumerate(fw.measures):
        if i:
            lines.append("")
        lines += [f"  - code: {m.code}", *yaml_text("name", m.name, 4)]
        lines += yaml_text("description", m.description, 4)
        lines += _id_list("outcomes", m.outcomes, 4) + _id_list("indicators", m.indicators, 4)
    return "\n".join(lines) + "\n"


def _wobble(*parts: str) -> float:
    """A fixed number between -1 and 1 for a combination of names."""
    return (zlib.crc32("/".join(parts).encode()) % 2001) / 1000.0 - 1.0


def _pounds(amount: float, step: int = 1000) -> int:
    return round(amount / step) * step


def budget_entries(partner: str) -> list[dict[str, str | int]]:
    """A partner's contributions for every year of the agreement, in pounds."""
    entries: list[dict[str, str | int]] = []
    for who, outcome, pooled, aligned, in_kind, note in BUDGET_LINES:
        if who != partner:
            continue
        for year in BUDGET_YEARS:
            factor = BUDGET_GROWTH[year] * (1.0 + 0.03 * _wobble(who, outcome, year))
            entry: dict[str, str | int] = {"outcome": outcome, "year": year}
            for key, base in (("pooled", pooled), ("aligned", aligned), ("in_kind", in_kind)):
                if base:
                    entry[key] = _pounds(base * factor)
            money = int(entry.get("pooled", 0)) + int(entry.get("aligned", 0))
            if money:
                if year == SPENT_TO_DATE:
                    share = 0.45 + 0.05 * _wobble(who, outcome, year, "spent")
                else:
                    share = 0.955 + 0.04 * _wobble(who, outcome, year, "spent")
                entry["spent"] = _pounds(money * share, 10)
            if year == BUDGET_YEARS[0]:
                entry["note"] = note
            elif year == SPENT_TO_DATE and money:
                entry["note"] = "Budget for the year; spend to the end of September 2026."
            entries.append(entry)
    return entries


def render_budgets(path: Path, root: Path, partner: str) -> str:
    """data/partners/<partner>/budgets.yaml."""
    lines = _partner_header(
        path, root, "budgets", partner,
        "{name}'s contributions to the shared outcomes, in pounds, by financial year. Pooled "
        "money goes into a joint budget; aligned money stays in the partner's own budget but "
        "is spent to the shared plan; in_kind values staff time, buildings and equipment; "
        "spent is spend to date from the pooled and aligned money. laa-publish adds up the "
        "totals: never type them here.",
    )  # fmt: skip
    lines.append("contributions:")
    current = ""
    for entry in budget_entries(partner):
        if entry["outcome"] != current:
            current = str(entry["outcome"])
            title = next(o.title for o in OUTCOMES if o.id == current)
            lines += ["", f"  # {current}: {title}"]
        lines.append(f"  - outcome: {current}")
        for key in ("year", "pooled", "aligned", "in_kind", "spent"):
            if key in entry:
                lines.append(f"    {key}: {entry[key]}")
        if "note" in entry:
            lines += yaml_text("note", str(entry["note"]), 4)
    return "\n".join(lines) + "\n"


def _figure(value: Figure, tables: Mapping[str, Table], decimals: int = 0) -> str:
    if isinstance(value, tuple):
        ident, period = value
        spec = next(s for s in INDICATORS if s.id == ident)
        return fmt(tables[ident][period][CITY].value, spec.decimals)
    return f"{value:.{decimals}f}" if decimals else f"{value:g}" if value % 1 else str(int(value))


def render_benefits(path: Path, root: Path, partner: str, tables: Mapping[str, Table]) -> str:
    """data/partners/<partner>/benefits.yaml."""
    lines = _partner_header(
        path, root, "benefits", partner,
        "{name}'s entries in the partnership's benefits register: what working together is "
        "expected to gain, how it is measured, and who signed off what was realised.",
    )  # fmt: skip
    lines.append("benefits:")
    for b in (b for b in BENEFITS if b.partner == partner):
        lines += ["", f"  - id: {b.id}", *yaml_text("title", b.title, 4)]
        lines += [f"    outcome: {b.outcome}", f"    type: {b.type}"]
        lines += yaml_text("description", b.description, 4)
        lines.append("    measure:")
        if b.indicator:
            lines.append(f"      indicator: {b.indicator}")
        if b.measure:
            lines += yaml_text("description", b.measure, 6)
        lines.append(f"      unit: {b.unit}")
        if b.baseline is not None:
            lines.append(f"    baseline: {_figure(b.baseline, tables)}")
        for key, pair in (("expected", b.expected), ("actual", b.actual)):
            if pair is not None:
                lines += [
                    f"    {key}:",
                    f"      value: {_figure(pair[0], tables)}",
                    f"      date: {pair[1]}",
                ]
        lines.append(f"    status: {b.status}")
        if b.sign_off:
            s = b.sign_off
            lines += [
                "    sign_off:",
                f"      partner: {s.partner}",
                f"      role: {yaml_scalar(s.role)}",
                f"      name: {yaml_scalar(s.name)}",
                f"      date: {s.date}",
                f"      evidence: {s.evidence}",
            ]
    return "\n".join(lines) + "\n"
