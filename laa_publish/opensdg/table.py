"""An Open SDG data file read cell by cell, each row with the line it starts on.

The files are what spreadsheets and scripts wrote: a byte-order mark, ``\\r\\r\\n`` line
ends, a blank first line, newlines inside quoted cells, trailing spaces. Each row keeps
its source line so that every row the import cannot write is reported where it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from laa_publish.opensdg.areas import CODE_COLUMNS, GEOGRAPHY_COLUMNS

SPLIT_COLUMNS = ("series", "units", "unit measure", "unit multiplier")
STATUS_COLUMNS = ("observation status", "obs status", "status")
NOTE_COLUMNS = ("comment", "comments", "note", "notes", "footnote", "footnotes")
_SPACES = re.compile(r"\s+")
_AROUND_COMMAS = re.compile(r"[ \t]*,[ \t]*")
_LINE_ENDS = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)


@dataclass(slots=True)
class Table:
    """A data file's cells as text (stripped), the source line of each row, and its problems."""

    path: Path
    name: str  # as the report names it
    columns: list[str]
    frame: pd.DataFrame
    lines: np.ndarray
    misshapen: list[tuple[int, int]] = field(default_factory=list)  # (line, cells)
    empty: list[int] = field(default_factory=list)  # lines of rows with no cell filled

    @property
    def rows_read(self) -> int:
        """Every data row of the file, written or not."""
        return len(self.frame) + len(self.misshapen) + len(self.empty)

    def column(self, *names: str) -> str | None:
        """The first column whose name, case and spacing aside, is one of these."""
        wanted = {n.lower() for n in names}
        for col in self.columns:
            if " ".join(col.lower().split()) in wanted:
                return col
        return None


def decode(raw: bytes) -> str:
    """UTF-8 with or without a byte-order mark; Windows-1252 as the fallback spreadsheets use."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")


def _header(cells: list[str]) -> list[str]:
    """Header names stripped, and made unique and non-empty so every cell has a column."""
    out: list[str] = []
    for number, cell in enumerate(cells, start=1):
        name = _SPACES.sub(" ", cell.replace("\ufeff", "")).strip() or f"Column {number}"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


def read_table(path: Path, name: str) -> Table:
    """Read one data file; rows of the wrong width and empty rows are kept aside, by line."""
    text = decode(path.read_bytes())
    plain = '"' not in text
    header, columns, lines, misshapen, empty = (_read_plain if plain else _read_quoted)(text)
    frame = pd.DataFrame(
        {
            col: np.asarray(cells, dtype=object)
            if plain
            else per_unique(np.asarray(cells, dtype=object), str.strip)
            for col, cells in zip(header, columns, strict=True)
        },
        index=pd.RangeIndex(len(lines)),
        dtype=object,
    )
    return Table(path, name, header, frame, np.asarray(lines, dtype=np.int64), misshapen, empty)


_Read = tuple[list[str], list[Any], list[int], list[tuple[int, int]], list[int]]


def _read_plain(text: str) -> _Read:
    """A file without quotes: lines sorted by shape in one pass, the cells split by pandas."""
    header: list[str] = []
    good: list[str] = []
    lines: list[int] = []
    misshapen: list[tuple[int, int]] = []
    empty: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        blank = not line.replace(",", "").strip()
        if not header:
            if not blank:
                header = _header(line.split(","))
            continue
        cells = line.count(",") + 1
        if blank:
            empty.append(number)
        elif cells != len(header):
            misshapen.append((number, cells))
        else:
            good.append(line)
            lines.append(number)
    if not good:
        return header, [[] for _ in header], lines, misshapen, empty
    body = _LINE_ENDS.sub("", _AROUND_COMMAS.sub(",", "\n".join(good)))
    frame = pd.read_csv(
        io.StringIO(body),
        header=None,
        names=list(range(len(header))),
        dtype=object,
        keep_default_na=False,
        na_filter=False,
        quoting=csv.QUOTE_NONE,
        engine="c",
    )
    return header, [frame[i].to_numpy() for i in range(len(header))], lines, misshapen, empty


def _read_quoted(text: str) -> _Read:
    """A file with quoted cells, which may hold commas and newlines: read by the csv module."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    misshapen: list[tuple[int, int]] = []
    empty: list[int] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            filled = any(cell.strip() for cell in row)
            if not header:
                if filled:
                    header = _header(row)
                continue
            if not row:
                continue  # a blank line is not a row
            if not filled:
                empty.append(line)
            elif len(row) != len(header):
                misshapen.append((line, len(row)))
            else:
                rows.append(row)
                lines.append(line)
    except csv.Error:
        pass  # an unclosed quote at the very end: the rows before it are kept
    columns = [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in header]
    return header, columns, lines, misshapen, empty


def text_column(values: np.ndarray | pd.Series, index: pd.Index) -> pd.Series:
    """Text cells kept as Python strings: converting each column to Arrow and back costs more
    than all the work done on it."""
    return pd.Series(np.asarray(values, dtype=object), index=index, dtype=object)


def per_unique(values: np.ndarray, fn: Callable[[str], Any]) -> np.ndarray:
    """fn applied once to each distinct cell and spread back: labels repeat, so this is fast."""
    if not len(values):
        return np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(values)
    out = np.empty(len(uniques), dtype=object)
    out[:] = [fn(u) for u in uniques]
    return out[codes]


def group_codes(columns: list[np.ndarray], sort: bool = False) -> np.ndarray:
    """One integer per distinct combination of the columns' cells, in one pass per column.

    With `sort`, the integers order the combinations as their texts sort, column by column.
    """
    combined = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column, sort=sort)
        combined = combined * (len(uniques) + 1) + codes
        _, combined = np.unique(combined, return_inverse=True)  # keep the numbers small
    return combined.astype(np.int64)


def _single_spaces(text: str) -> str:
    """Runs of whitespace, newlines included, as one space."""
    return " ".join(text.split())


def tidy(values: pd.Series | np.ndarray) -> np.ndarray:
    """Labels with their inner whitespace and newlines made single spaces."""
    return per_unique(np.asarray(values, dtype=object), _single_spaces)


def is_template(table: Table) -> bool:
    """Open SDG's placeholder data: Year, Group, Value with groups A and B, whatever the name."""
    names = [c.lower() for c in table.columns]
    if names != ["year", "group", "value"] or table.frame.empty:
        return False
    groups = set(table.frame[table.columns[1]].tolist()) - {""}
    return groups == {"A", "B"}


def is_no_data(table: Table, year: str | None, value: str | None) -> bool:
    """A file whose rows only say, in words, that there is no data yet."""
    if year is None or value is None or table.frame.empty or len(table.frame) > 3:
        return False
    words = [re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}", cell) for cell in table.frame[year]]
    return all(words) and bool((table.frame[value] == "").all())


@dataclass(frozen=True, slots=True)
class Columns:
    """What each column of a data file is for."""

    year: str | None
    value: str | None
    code: str | None
    geography: dict[str, str]  # column -> area kind
    status: str | None
    notes: tuple[str, ...]
    splits: tuple[str, ...]
    breakdowns: tuple[str, ...]


def classify(table: Table, extra_geography: dict[str, str]) -> Columns:
    """Sort the columns into period, value, area, status, note, split and breakdown columns."""
    geography_names = {**GEOGRAPHY_COLUMNS, **{k.lower(): v for k, v in extra_geography.items()}}
    year = table.column("year")
    value = table.column("value")
    code = table.column(*CODE_COLUMNS)
    status = table.column(*STATUS_COLUMNS)
    used = {c for c in (year, value, code, status) if c}
    geography: dict[str, str] = {}
    notes: list[str] = []
    splits: list[str] = []
    breakdowns: list[str] = []
    for col in table.columns:
        if col in used:
            continue
        key = " ".join(col.lower().split())
        if key in geography_names:
            geography[col] = geography_names[key]
        elif key in NOTE_COLUMNS:
            notes.append(col)
        elif key in SPLIT_COLUMNS:
            splits.append(col)
        else:
            breakdowns.append(col)
    return Columns(
        year, value, code, geography, status, tuple(notes), tuple(splits), tuple(breakdowns)
    )
