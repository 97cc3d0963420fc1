"""The example's comparators: England and the North West beside Brackenford's own figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.example.brackenford import INDICATORS
from tools.example.model import IndicatorSpec
from tools.example.tables import read_yaml
from tools.example.writing import yaml_text


@dataclass(frozen=True, slots=True)
class ComparatorSpec:
    """One place outside the partnership, with its source and its figures by period."""

    id: str
    name: str
    kind: str
    source: str
    source_url: str
    retrieved: str
    values: tuple[tuple[str, float], ...]


def _comparator(fields: dict[str, Any]) -> ComparatorSpec:
    return ComparatorSpec(
        **{**fields, "values": tuple((str(p), float(v)) for p, v in fields["values"].items())}
    )


COMPARATORS: dict[str, tuple[ComparatorSpec, ...]] = {
    ident: tuple(_comparator(c) for c in entries)
    for ident, entries in read_yaml("comparators.yaml")["indicators"].items()
}
_UNKNOWN = sorted(set(COMPARATORS) - {spec.id for spec in INDICATORS})
if _UNKNOWN:
    raise ValueError(f"tables/comparators.yaml names unknown indicators: {', '.join(_UNKNOWN)}")


def comparator_lines(spec: IndicatorSpec) -> list[str]:
    """The indicator YAML's `comparators:` block; nothing for an indicator without them."""
    found = COMPARATORS.get(spec.id, ())
    if not found:
        return []
    lines = [
        "",
        f"# Places outside the partnership, for context; figures in {spec.id}-comparators.csv.",
        "comparators:",
    ]
    for comp in found:
        lines += [
            f"  - id: {comp.id}",
            f"    name: {comp.name}",
            f"    kind: {comp.kind}",
            *yaml_text("source", comp.source, indent=4),
            f"    source_url: {comp.source_url}",
            f'    retrieved: "{comp.retrieved}"',
        ]
    return lines


def comparator_csv(spec: IndicatorSpec) -> str | None:
    """<ID>-comparators.csv: one row per comparator and period; None without comparators."""
    found = COMPARATORS.get(spec.id, ())
    if not found:
        return None
    rows = ["comparator,period,value"]
    for comp in found:
        rows += [f"{comp.id},{period},{value:.{spec.decimals}f}" for period, value in comp.values]
    return "\n".join(rows) + "\n"
