"""Figures for a neighbourhood abolished in a boundary review, on the boundaries of the time."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from tools.example.cells import Cell, Table, set_values, sum_cells
from tools.example.model import SEED, Area, IndicatorSpec
from tools.example.timeline import period_months


def split_abolished(
    spec: IndicatorSpec,
    table: Table,
    docks: Area,
    split_into: Sequence[tuple[str, float]],
    seed: int = SEED,
) -> None:
    """Publish neighbourhoods on the boundaries of the time, for districts laa-publish computes.

    Eastgate Docks existed until May 2022. laa-publish only rolls a district up when
    every neighbourhood that existed in the period has a figure, so an indicator whose
    districts are computed gives Eastgate Docks its own figures up to then, taken out
    of the parts of Canal Basin and Eastgate it later joined. District and city totals
    do not change.
    """
    rng = np.random.default_rng([seed, zlib.crc32(spec.id.encode()), 2])
    for period, row in table.items():
        year, month = period_months(period, spec.period_type)[0]
        if f"{year:04d}-{month:02d}-01" > (docks.valid_to or ""):
            continue
        for _ in range(50):
            moved: dict[str, Cell] = {}
            kept: dict[str, Cell] = {}
            for code, share in split_into:
                cell = row[code]
                num = cell.numerator or 0
                if cell.denominator is None:
                    part = int(rng.binomial(num, share))
                    moved[code] = Cell(numerator=part)
                    kept[code] = Cell(numerator=num - part, status=cell.status, note=cell.note)
                    continue
                den = int(rng.binomial(cell.denominator, share))
                part = int(rng.hypergeometric(num, cell.denominator - num, den)) if den else 0
                moved[code] = Cell(numerator=part, denominator=den)
                kept[code] = Cell(
                    numerator=num - part,
                    denominator=cell.denominator - den,
                    status=cell.status,
                    note=cell.note,
                )
            joined = sum_cells(moved.values())
            joined.status = row[split_into[0][0]].status
            if set_values(spec, [joined, *kept.values()]):
                break
        else:
            raise RuntimeError(f"{spec.id}: could not avoid rounding ties for Eastgate Docks")
        row.update(kept)
        row[docks.code] = joined
