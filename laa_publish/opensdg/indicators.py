"""One data file made into one indicator, or several where units, series or periods differ."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from laa_publish.opensdg.config import IndicatorSettings
from laa_publish.opensdg.dimensions import Dimensions
from laa_publish.opensdg.metadata import IndicatorText
from laa_publish.opensdg.periods import FREQUENCY, TYPE_ORDER, TYPE_WORDS
from laa_publish.opensdg.rows import Rows
from laa_publish.opensdg.table import group_codes, per_unique, text_column
from laa_publish.opensdg.units import (
    allowed,
    decimals_of,
    multiplier,
    scaled,
    shown_decimals,
    unit_kind,
)

EMPTY_COLUMNS = ["period", "area", "value", "status", "note"]


def base_id(ident: str) -> str:
    """An Open SDG id as an indicator id: 3-d-2 becomes SDG-3-D-2."""
    parts = re.findall(r"[A-Z0-9]+", ident.upper())
    return "-".join(["SDG", *parts])


@dataclass(slots=True)
class Piece:
    """One indicator made from a file: its id, its words and its figures."""

    id: str
    source: str
    text: IndicatorText
    settings: IndicatorSettings
    title: str
    period_type: str = "calendar_year"
    unit: str = "ratio"
    rate_per: int | None = None
    decimals: int = 0
    breakdowns: list[str] = field(default_factory=list)
    figures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EMPTY_COLUMNS))
    notes: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    def yaml(self, partner: str, outcome: str, contact: dict[str, str]) -> dict[str, Any]:
        """The indicator's YAML document."""
        definition = self.text.definition
        if self.qualifiers:
            definition += "\n\nEvery figure is for " + "; ".join(self.qualifiers) + "."
        if self.remarks:
            definition += "\n\n" + " ".join(self.remarks)
        doc: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outcome": outcome,
            "partner": partner,
            "definition": definition,
            "source": self.text.source,
            "methodology": self.text.methodology,
            "limitations": self.text.limitations,
            "contact": contact,
            "unit": self.unit,
        }
        if self.unit == "rate" and self.rate_per:
            doc["rate_per"] = self.rate_per
        doc["decimals"] = (
            self.settings.decimals if self.settings.decimals is not None else (self.decimals)
        )
        doc["polarity"] = self.settings.polarity or "none"
        doc["frequency"] = FREQUENCY[self.period_type]
        doc["period_type"] = self.period_type
        doc["aggregation"] = "none"
        if self.settings.baseline:
            doc["baseline"] = dict(self.settings.baseline)
        if self.settings.targets:
            doc["targets"] = [dict(t) for t in self.settings.targets]
        if self.breakdowns:
            doc["breakdowns"] = list(self.breakdowns)
        return doc


def _unit(
    texts: list[str], settings: IndicatorSettings, low: float, high: float
) -> tuple[str, int | None, str]:
    """The unit the labels name (the config's first), and a note when the figures forbid it."""
    if settings.unit:
        return settings.unit, None, ""
    found: tuple[str | None, int | None] = (None, None)
    for text in texts:
        found = unit_kind(text)
        if found[0]:
            break
    unit, per = found[0] or "ratio", found[1]
    if low == low and not allowed(unit, low, high):  # low is NaN when there are no figures
        return "ratio", None, f"its figures ({low:g} to {high:g}) do not fit {unit}: unit ratio"
    return unit, per, ""


def _first_of_each(groups: np.ndarray) -> np.ndarray:
    """For each row, the position of the first row of its group."""
    _, first, inverse = np.unique(groups, return_index=True, return_inverse=True)
    return np.asarray(first[inverse], dtype=np.int64)


def make_pieces(
    rows: Rows,
    ident: str,
    text: IndicatorText,
    settings: IndicatorSettings,
    dims: Dimensions,
    demoted: set[str],
    multiplier_mode: str,
) -> tuple[list[Piece], list[tuple[int, str, str]]]:
    """The indicators a file makes, and the rows reported as duplicates once read.

    The work is done on whole columns of the file at once (as integer codes, which cost far
    less than pandas' grouping); each indicator then takes its slice.
    """
    c = rows.columns
    base = base_id(ident)
    valid = rows.valid
    if c.year is None or c.value is None or not valid.any():
        return [Piece(base, rows.table.name, text, settings, text.title)], []
    cell = {col: rows.frame[col].to_numpy(dtype=object)[valid] for col in rows.frame.columns}
    split_cols = [*c.splits, *(col for col in c.breakdowns if col in demoted)]
    dim_cols = [col for col in c.breakdowns if col not in demoted]
    qualifiers: list[str] = []
    for col in list(dim_cols):
        distinct = pd.unique(cell[col])
        if len(distinct) == 1:
            dim_cols.remove(col)
            if distinct[0]:
                qualifiers.append(f"{col}: {distinct[0]}")
    key_cols = [*split_cols, "ptype"]
    which = group_codes([cell[col] for col in key_cols])
    firsts = np.unique(which, return_index=True)[1]
    found = [tuple(str(cell[col][i]) for col in key_cols) for i in firsts]
    order = sorted(found, key=lambda k: (*k[:-1], TYPE_ORDER.index(k[-1])))
    varies = {col: len({k[i] for k in found}) > 1 for i, col in enumerate(key_cols)}
    number = np.array([order.index(k) for k in found], dtype=np.int64)
    piece_of = number[which]
    ids = dims.ids_for(dim_cols)
    coded: dict[str, np.ndarray] = {}
    for col in dim_cols:
        dim = dims.get(ids[col], col)
        codes = {label: dim.add(label) for label in pd.unique(cell[col]) if label}
        codes[""] = ""
        coded[ids[col]] = per_unique(cell[col], codes.__getitem__)
    line = cell["line"].astype(np.int64)
    key = [piece_of, cell["period"], cell["area"], *coded.values()]
    first = _first_of_each(group_codes(key))
    dup = first != np.arange(len(line))
    reported = [
        (int(at), "duplicate", f"the same period, area and breakdown as line {line[f]} once read")
        for at, f in zip(line[dup], first[dup], strict=True)
    ]
    keep = np.flatnonzero(~dup)
    ranks = [group_codes([column[keep]], sort=True) for column in key]
    keep = keep[np.lexsort((line[keep], *reversed(ranks)))]
    table = {
        "period": cell["period"][keep],
        "area": cell["area"][keep],
        **{ident: values[keep] for ident, values in coded.items()},
        "value": cell["value"][keep],
        "status": cell["status"][keep],
        "note": _notes(cell["pnote"][keep], cell["snote"][keep]),
    }
    out = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in table.items()})
    piece_of = piece_of[keep]
    numbers = pd.to_numeric(out["value"], errors="coerce").to_numpy(dtype=float)
    places = per_unique(table["value"], _places).astype(np.int64)
    starts = np.searchsorted(piece_of, np.arange(len(order)), side="left")
    ends = np.searchsorted(piece_of, np.arange(len(order)), side="right")
    pieces: list[Piece] = []
    for index, piece_key in enumerate(order):
        piece_id = base if len(order) == 1 else f"{base}-S{index + 1}"
        key_map = dict(zip(key_cols, piece_key, strict=True))
        piece = Piece(piece_id, rows.table.name, text, settings, text.title, key_map["ptype"])
        piece.qualifiers = list(qualifiers)
        start, end = int(starts[index]), int(ends[index])
        used = [name for name in coded if (table[name][start:end] != "").any()]
        piece.breakdowns = used
        figures = out.iloc[start:end][["period", "area", *used, "value", "status", "note"]]
        span = numbers[start:end]
        span = span[~np.isnan(span)]
        low, high = (float(span.min()), float(span.max())) if len(span) else (np.nan, np.nan)
        piece.decimals = shown_decimals(int(places[start:end].max()), span) if end > start else 0
        _finish(piece, figures, (low, high), key_map, varies, text, settings, multiplier_mode)
        pieces.append(piece)
    return pieces, reported


def _places(text: str) -> int:
    """Digits after the decimal point."""
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 0


def _notes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two note columns joined with "; " where both are filled."""
    both = (a != "") & (b != "")
    return np.where(both, a + "; " + b, np.where(a != "", a, b))


def _finish(
    piece: Piece,
    figures: pd.DataFrame,
    span: tuple[float, float],
    key: dict[str, str],
    varies: dict[str, bool],
    text: IndicatorText,
    settings: IndicatorSettings,
    multiplier_mode: str,
) -> None:
    """Title, unit and multiplier of one indicator, and its figures."""
    lower = {col.lower(): col for col in key}
    series = key.get(lower.get("series", ""), "")
    units = key.get(lower.get("units", ""), "")
    measure = key.get(lower.get("unit measure", ""), "")
    factor_text = key.get(lower.get("unit multiplier", ""), "")
    factor, known = multiplier(factor_text)
    if factor_text and not known:
        piece.notes.append(f'Unit multiplier "{factor_text}" is not a multiplier: figures kept')
    mode = settings.unit_multiplier or multiplier_mode
    low, high = span
    if factor != 1 and mode == "apply":
        values = figures["value"]
        distinct = {v: scaled(v, factor) for v in pd.unique(values) if v}
        distinct[""] = ""
        figures = figures.assign(
            value=text_column(per_unique(values.to_numpy(), distinct.__getitem__), figures.index)
        )
        piece.notes.append(f"figures multiplied by {factor:,} ({factor_text})")
        piece.remarks.append(
            f"The source publishes these figures in {factor_text.lower()}; they are "
            "multiplied out here."
        )
        low, high = low * factor, high * factor
        piece.decimals = decimals_of([v for v in distinct.values() if v])
    measure_text = "" if multiplier(measure)[1] else measure
    only = not any(varies.get(col) for col in key if col != "ptype")
    candidates = [units, measure_text, series, text.units_text if only else "", piece.title]
    piece.unit, piece.rate_per, note = _unit(candidates, settings, low, high)
    if note:
        piece.notes.append(note)
    title = piece.title
    if series and varies.get(lower.get("series", ""), False):
        title = text.series_titles.get(series) or f"{title}: {series}"
    extras = []
    for col, value in key.items():
        if col == "ptype" or col.lower() in ("series", "unit multiplier") or not value:
            continue
        if varies.get(col) or col.lower() not in ("units", "unit measure"):
            extras.append(value)
    if factor != 1 and mode == "label":
        extras.append(factor_text.lower())
    if varies.get("ptype"):
        extras.append(TYPE_WORDS[key["ptype"]])
    extras = [e for e in dict.fromkeys(extras) if e.lower() not in title.lower()]
    if extras:
        title = f"{title} ({', '.join(extras)})"
    piece.title = title
    piece.figures = figures.reset_index(drop=True)
