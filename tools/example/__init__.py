"""The Brackenford example partnership: the generator of the shipped example data.

Brackenford is a fictional English city with a fictional Local Area Agreement (2023 to
2027). ``python -m tools.example --root DIR`` (from the repository root) writes:

- ``site_config/partnership.yaml``;
- ``data/registers/partners.yaml`` and ``data/registers/areas.yaml``;
- ``data/outcomes/<ID>.yaml``;
- ``data/partners/<partner>/indicators/<ID>.yaml`` and ``<ID>.csv``;
- ``data/partners/<partner>/framework.yaml``, ``budgets.yaml`` and ``benefits.yaml``;
- ``content/index.md`` and ``content/outcomes/<ID>.md``, the narratives.

The metadata comes from the data files in ``tables/`` (see ``tables/README.md``); the
figures are simulated. The narratives are templates in ``narratives/`` whose figures
(values, baselines, targets, statuses, the highest and lowest areas) are filled in from
the simulated data, and none may quote a figure the site suppresses. Only
``site_config/releases.yaml`` and ``site_config/overrides/`` are kept by hand.

The output is deterministic: every indicator draws from its own
``numpy.random.default_rng`` seeded from a fixed seed and the indicator's id, and nothing
reads the clock, so the same tables always give the same bytes
(``tests/test_example_generator.py`` checks them against the committed files).

The engine below is importable, so that ``benchmarks/synth.py`` can build much larger
partnerships with the same believable shapes.
"""

from __future__ import annotations

from tools.example.areas import brackenford_areas, synthetic_areas
from tools.example.breakdowns import simulate_breakdowns
from tools.example.cells import Cell, Table
from tools.example.model import CITY, SEED, Area, Breakdown, IndicatorSpec, Model
from tools.example.shocks import shock_intensity
from tools.example.simulate import simulate_indicator
from tools.example.targets import Target, make_targets, status_of
from tools.example.timeline import (
    frequency,
    period_midpoint,
    period_months,
    period_ordinal,
    period_range,
    period_years,
    season_index,
)
from tools.example.writing import render_csv, schema_line, write_text, yaml_scalar, yaml_text

__all__ = [
    "CITY",
    "SEED",
    "Area",
    "Breakdown",
    "Cell",
    "IndicatorSpec",
    "Model",
    "Table",
    "Target",
    "brackenford_areas",
    "frequency",
    "make_targets",
    "period_midpoint",
    "period_months",
    "period_ordinal",
    "period_range",
    "period_years",
    "render_csv",
    "schema_line",
    "season_index",
    "shock_intensity",
    "simulate_breakdowns",
    "simulate_indicator",
    "status_of",
    "synthetic_areas",
    "write_text",
    "yaml_scalar",
    "yaml_text",
]
