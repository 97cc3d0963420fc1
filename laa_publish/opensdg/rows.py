"""Each data row checked once, column by column, with the first reason it cannot be written."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from laa_publish.opensdg.areas import RANK, Geography
from laa_publish.opensdg.periods import read_periods
from laa_publish.opensdg.table import Columns, Table, per_unique, text_column, tidy

NOT_AVAILABLE = {"n/a", "na", "n.a.", "n.a", "-", "–", "..", "...", ":", "x", "[x]", "null"}
NOT_AVAILABLE |= {"none", "nan", "not available", "no data"}
SUPPRESSED = {"c", "[c]", "*", "supp", "suppressed", "[z]", "confidential"}
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_THOUSANDS_RE = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
QUIET_STATUSES = {"", "normal value", "normal", "undefined", "final", "official"}


def read_status(text: str) -> tuple[str, str]:
    """An Observation status as one of ours, and a note where the words say more."""
    key = " ".join(text.lower().split())
    if "suppress" in key or "confidential" in key:
        return "suppressed", ""
    if "missing" in key or "not available" in key:
        return "not_available", ""
    if "provisional" in key or "forecast" in key or "preliminary" in key:
        return "provisional", "" if key in ("provisional", "provisional value") else text
    return "final", "" if key in QUIET_STATUSES else text


@dataclass(slots=True)
class Rows:
    """One data file's rows as the import sees them, and why each not written is reported."""

    table: Table
    columns: Columns
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    reason: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    detail: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))

    @property
    def valid(self) -> np.ndarray:
        """Rows not reported so far."""
        return np.asarray(self.reason == "", dtype=bool)

    def mark(self, mask: np.ndarray | pd.Series, reason: str, detail: np.ndarray | str) -> None:
        """Report the rows in `mask` that have no reason yet."""
        hit = np.asarray(mask, dtype=bool) & self.valid
        if not hit.any():
            return
        self.reason[hit] = reason
        if isinstance(detail, str):
            self.detail[hit] = detail
        else:
            self.detail[hit] = np.asarray(detail, dtype=object)[hit]


def check_rows(table: Table, columns: Columns, slash_years: str) -> Rows:
    """Periods, values, statuses and repeated keys checked; areas come later, once all are known."""
    f = table.frame
    n = len(f)
    rows = Rows(table, columns, pd.DataFrame({"line": table.lines}, index=f.index))
    rows.reason = np.full(n, "", dtype=object)
    rows.detail = np.full(n, "", dtype=object)
    if columns.year is None or columns.value is None:
        missing = "Year" if columns.year is None else "Value"
        rows.mark(np.ones(n, bool), "no-column", f"the file has no {missing} column")
        return rows
    _repeated_keys(rows)
    _periods(rows, slash_years)
    _values(rows)
    _geography(rows)
    for col in (*columns.splits, *columns.breakdowns):
        rows.frame[col] = text_column(tidy(f[col].to_numpy()), rows.frame.index)
    return rows


def _repeated_keys(rows: Rows) -> None:
    """A row whose Year and every other key cell repeat an earlier row's is a duplicate."""
    c, f = rows.columns, rows.table.frame
    keys = [col for col in f.columns if col not in (c.value, c.status, *c.notes)]
    dup = f.duplicated(keys, keep="first").to_numpy()
    if not dup.any():
        return
    group = f.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    first = pd.Series(rows.table.lines).groupby(group).transform("first").to_numpy()
    text = np.array([f"the same key cells as line {line}" for line in first], dtype=object)
    rows.mark(dup, "duplicate", text)


def _columns(
    values: np.ndarray, fn: Callable[[str], tuple[Any, ...]], width: int
) -> list[np.ndarray]:
    """fn's several results for each distinct cell, as one array per result."""
    if not len(values):
        return [np.empty(0, dtype=object) for _ in range(width)]
    codes, uniques = pd.factorize(values)
    results = [fn(u) for u in uniques]
    out = []
    for i in range(width):
        column = np.empty(len(uniques), dtype=object)
        column[:] = [r[i] for r in results]
        out.append(column[codes])
    return out


def _periods(rows: Rows, slash_years: str) -> None:
    """Each Year cell read once per distinct text, and spread back to its rows."""
    year = rows.table.frame[rows.columns.year].to_numpy()
    read = read_periods(pd.unique(year).tolist(), slash_years)
    ptype, period, note, why = _columns(
        year, lambda y: (read[y].type or "", read[y].label, read[y].note, read[y].reason), 4
    )
    rows.frame["ptype"] = text_column(ptype, rows.frame.index)
    rows.frame["period"] = text_column(period, rows.frame.index)
    rows.frame["pnote"] = text_column(note, rows.frame.index)
    rows.mark(ptype == "", "period", why)


def _read_value(raw: str) -> tuple[str, str, str]:
    """A Value cell as a plain number, with what it says when it is no number."""
    lower = raw.lower()
    if lower in NOT_AVAILABLE:
        return "", "na", f"{raw} in the source"
    if lower in SUPPRESSED:
        return "", "suppressed", ""
    text = raw.rstrip("%").strip()
    if _THOUSANDS_RE.fullmatch(text):
        text = text.replace(",", "")
    if text and not _DECIMAL_RE.fullmatch(text):
        return text, "bad", ""
    return text, "", ""


def _values(rows: Rows) -> None:
    """Values as plain numbers, statuses as ours, and rows whose status denies their value."""
    f, c = rows.table.frame, rows.columns
    raw = f[c.value].to_numpy()
    text, flag, na_note = _columns(raw, _read_value, 3)
    rows.mark(flag == "bad", "not-a-number", np.array([f'"{r}" is not a number' for r in raw]))
    said = f[c.status].to_numpy() if c.status else np.full(len(f), "", dtype=object)
    status, snote = _columns(said, read_status, 2)
    has = text != ""
    no_value = (status == "suppressed") | (status == "not_available")
    if (no_value & has).any():
        words = np.array(
            [
                f'the status "{s}" says there is no figure, but the value is {v}'
                for s, v in zip(said, raw, strict=True)
            ],
            dtype=object,
        )
        rows.mark(no_value & has, "status-contradicts", words)
    status = np.where(flag == "suppressed", "suppressed", status)
    status = np.where(
        ~has & ((status == "final") | (status == "provisional")), "not_available", status
    )
    rows.frame["value"] = text_column(text, rows.frame.index)
    rows.frame["status"] = text_column(status, rows.frame.index)
    notes = [snote, na_note, *(tidy(f[col].to_numpy()) for col in c.notes)]
    rows.frame["snote"] = text_column(_join(notes), rows.frame.index)


def _join(parts: list[np.ndarray]) -> np.ndarray:
    """Notes joined with "; ", empty parts left out."""
    out = np.asarray(parts[0], dtype=object)
    for part in parts[1:]:
        part = np.asarray(part, dtype=object)
        if not (part != "").any():
            continue
        out = np.where(
            (out != "") & (part != ""), out + "; " + part, np.where(out != "", out, part)
        )
    return out


def _geography(rows: Rows) -> None:
    """The finest geography column filled in on each row, and the row's GeoCode."""
    f, c = rows.table.frame, rows.columns
    kind = np.full(len(f), "", dtype=object)
    name = np.full(len(f), "", dtype=object)
    for col, col_kind in sorted(c.geography.items(), key=lambda kv: -RANK[kv[1]]):
        cells = tidy(f[col].to_numpy())
        filled = cells != ""
        kind = np.where(filled, col_kind, kind)
        name = np.where(filled, cells, name)
    rows.frame["gkind"] = text_column(kind, rows.frame.index)
    rows.frame["gname"] = text_column(name, rows.frame.index)
    code = per_unique(f[c.code].to_numpy(), str.upper) if c.code else np.full(len(f), "", object)
    rows.frame["code"] = text_column(code, rows.frame.index)


def area_keys(rows: Rows) -> set[tuple[str, Geography | None]]:
    """The distinct areas the rows not yet reported name, for planning the levels."""
    if "code" not in rows.frame:
        return set()
    valid = rows.valid
    columns = [rows.frame[c].to_numpy(dtype=object)[valid] for c in ("code", "gkind", "gname")]
    if not len(columns[0]):
        return set()
    joined = pd.MultiIndex.from_arrays(columns).unique()
    return {(code, Geography(kind, name) if kind else None) for code, kind, name in joined}
