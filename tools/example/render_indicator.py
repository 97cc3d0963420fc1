"""Render one indicator's YAML: its metadata, baseline and targets."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from tools.example.brackenford import email_for
from tools.example.comparators import comparator_lines
from tools.example.model import IndicatorSpec
from tools.example.targets import Target
from tools.example.timeline import frequency
from tools.example.writing import breakdown_dimensions, fmt, schema_line, yaml_text


def render_indicator(
    path: Path,
    root: Path,
    spec: IndicatorSpec,
    baseline: tuple[str, Decimal],
    targets: Sequence[Target],
) -> str:
    """data/partners/<partner>/indicators/<ID>.yaml."""
    lines = [schema_line(path, root, "indicator")]
    if spec.national:
        lines.append(f"# {spec.national} from the National Indicator Set (2008), kept locally.")
    else:
        lines.append("# A local indicator chosen by the partnership.")
    lines += ["", f"id: {spec.id}", *yaml_text("title", spec.title)]
    if spec.national:
        lines.append(f"national_indicator: {spec.national}")
    lines += [f"outcome: {spec.outcome}", f"partner: {spec.partner}", ""]
    for key in ("definition", "source", "methodology", "limitations"):
        lines += yaml_text(key, getattr(spec, key))
    lines += [
        "",
        "contact:",
        f"  name: {spec.contact}",
        f"  email: {email_for(spec.contact, spec.partner)}",
        "",
        f"unit: {spec.unit}",
    ]
    if spec.rate_per:
        lines.append(f"rate_per: {spec.rate_per}")
    lines += [
        f"decimals: {spec.decimals}",
        f"polarity: {spec.polarity}",
        f"frequency: {frequency(spec.period_type)}",
        f"period_type: {spec.period_type}",
        f"aggregation: {spec.aggregation}",
    ]
    if spec.breakdowns:
        lines += [
            "# Breakdown columns in the CSV: dimensions declared in site_config/partnership.yaml.",
            f"breakdowns: [{', '.join(breakdown_dimensions(spec))}]",
        ]
    lines += comparator_lines(spec)
    lines += [
        "",
        "baseline:",
        f'  period: "{baseline[0]}"',
        f"  value: {fmt(baseline[1], spec.decimals)}",
        "",
    ]
    if not targets:
        lines += [f"# {spec.comment}" if spec.comment else "# No targets set.", "targets: []"]
        return "\n".join(lines) + "\n"
    lines.append("targets:")
    if spec.period_type == "quarter":
        lines.append("  # Quarterly targets follow the usual seasonal pattern.")
    for t in targets:
        lines.append(f'  - period: "{t.period}"')
        if t.area:
            lines.append(f"    area: {t.area}")
        lines += [
            f"    value: {fmt(t.value, spec.decimals)}",
            f"    tolerance: {fmt(t.tolerance, spec.decimals)}",
        ]
    return "\n".join(lines) + "\n"
