"""Write the whole Brackenford dataset: registers, outcomes, indicators and partner files."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from laa_publish.geo.budget import BOUNDARIES_FILE
from tools.example.areas import CLUSTER_OF, SPLIT_INTO, brackenford_areas, district_of
from tools.example.boundaries import split_abolished
from tools.example.brackenford import BENEFITS, BUDGET_LINES, FRAMEWORKS, INDICATORS, OUTCOMES
from tools.example.breakdowns import simulate_breakdowns
from tools.example.cells import Table
from tools.example.comparators import COMPARATORS, comparator_csv
from tools.example.figures import Generated
from tools.example.model import BRACKENFORD_CENTRE, CITY, SEED, Area, IndicatorSpec
from tools.example.render_indicator import render_indicator
from tools.example.render_narratives import render_narratives
from tools.example.render_partner_files import render_benefits, render_budgets, render_framework
from tools.example.render_registers import (
    render_areas,
    render_outcome,
    render_partners,
    render_partnership,
)
from tools.example.shapes import boundaries_text
from tools.example.simulate import simulate_indicator
from tools.example.targets import PERIOD_RANGES, Target, district_targets, make_targets, status_of
from tools.example.timeline import period_range
from tools.example.writing import render_csv, write_text

LOG = logging.getLogger("tools.example")

# What the example repository keeps by hand beside the generated files: the release notes
# and the theme overrides. Paths relative to the repository root; a folder ends with "/".
HAND_KEPT = ("site_config/releases.yaml", "site_config/overrides/")


def indicator_periods(spec: IndicatorSpec) -> list[str]:
    """The periods published for an indicator."""
    first, last = PERIOD_RANGES[spec.period_type]
    return period_range(spec.period_type, first, spec.last_period or last)


def build_indicator(
    spec: IndicatorSpec, areas: Sequence[Area]
) -> tuple[Table, tuple[str, Decimal], list[Target]]:
    """Simulate an indicator and set its baseline and targets."""
    table = simulate_indicator(spec, areas, indicator_periods(spec), CLUSTER_OF)
    if "district" in spec.computed:
        for area in areas:
            if area.code in SPLIT_INTO:
                split_abolished(spec, table, area, SPLIT_INTO[area.code])
    city: dict[str, Decimal] = {}
    for period, row in table.items():
        value = row[CITY].value
        if value is not None:
            city[period] = value
    baseline, targets = make_targets(spec, city)
    for district in spec.district_targets:
        area_base = table[baseline[0]][district].value
        if area_base is not None:
            targets += district_targets(spec, targets, baseline[1], area_base, district)
    return table, baseline, targets


def generate(areas: Sequence[Area]) -> Generated:
    """Simulate every indicator, with its baseline and targets."""
    data = Generated({}, {}, {}, {}, areas)
    for spec in INDICATORS:
        table, baseline, targets = build_indicator(spec, areas)
        data.specs[spec.id] = spec
        data.tables[spec.id] = table
        data.baselines[spec.id] = baseline
        data.targets[spec.id] = targets
    return data


def _boundaries(areas: Sequence[Area]) -> str:
    """Brackenford's synthetic boundaries: four districts at the compass points, 16 wards."""
    city = next(a for a in areas if a.level == "city")
    wards = district_of(areas)
    districts = [
        (d.code, d.name, [(w.code, w.name) for w in wards[d.code]])
        for d in areas
        if d.level == "district"
    ]
    return boundaries_text((city.code, city.name), districts, BRACKENFORD_CENTRE, 12.0, SEED, True)


def write_dataset(root: Path) -> dict[str, str]:
    """Write every generated file under `root`; return each indicator's latest status."""
    areas = brackenford_areas()
    files = {
        root / "site_config" / "partnership.yaml": render_partnership,
        root / "data" / "registers" / "partners.yaml": render_partners,
    }
    for path, render in files.items():
        write_text(path, render(path, root))
    path = root / "data" / "registers" / "areas.yaml"
    write_text(path, render_areas(path, root, areas))
    write_text(root / BOUNDARIES_FILE, _boundaries(areas))
    for outcome in OUTCOMES:
        path = root / "data" / "outcomes" / f"{outcome.id}.yaml"
        write_text(path, render_outcome(path, root, outcome))
    data = generate(areas)
    statuses: dict[str, str] = {}
    rows = 0
    for spec in INDICATORS:
        table, baseline, targets = (
            data.tables[spec.id],
            data.baselines[spec.id],
            data.targets[spec.id],
        )
        folder = root / "data" / "partners" / spec.partner / "indicators"
        path = folder / f"{spec.id}.yaml"
        write_text(path, render_indicator(path, root, spec, baseline, targets))
        text = render_csv(spec, table, simulate_breakdowns(spec, table, areas), areas)
        write_text(folder / f"{spec.id}.csv", text)
        outside = comparator_csv(spec)
        if outside is not None:
            write_text(folder / f"{spec.id}-comparators.csv", outside)
        rows += text.count("\n") - 1
        statuses[spec.id] = _latest_status(spec, table, targets)
    for fw in FRAMEWORKS:
        path = root / "data" / "partners" / fw.partner / "framework.yaml"
        write_text(path, render_framework(path, root, fw))
    for partner in dict.fromkeys(line[0] for line in BUDGET_LINES):
        path = root / "data" / "partners" / partner / "budgets.yaml"
        write_text(path, render_budgets(path, root, partner))
    for partner in dict.fromkeys(b.partner for b in BENEFITS):
        path = root / "data" / "partners" / partner / "benefits.yaml"
        write_text(path, render_benefits(path, root, partner, data.tables))
    narratives, _ = render_narratives(data)
    for name, text in narratives.items():
        write_text(root / "content" / name, text)
    LOG.info(
        "wrote %d outcomes, %d indicators (%d observation rows, %d with comparators) and %d "
        "narratives under %s",
        len(OUTCOMES),
        len(INDICATORS),
        rows,
        len(COMPARATORS),
        len(narratives),
        root,
    )
    return statuses


def _latest_status(spec: IndicatorSpec, table: Table, targets: Sequence[Target]) -> str:
    latest = max(p for p, row in table.items() if row[CITY].value is not None)
    value = table[latest][CITY].value
    target = next((t for t in targets if t.period == latest and t.area is None), None)
    if target is None or value is None:
        return "none"
    return status_of(value, target, spec.higher_is_better)
