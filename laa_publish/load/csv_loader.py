"""Read observation CSVs as text, remembering the source line of every row."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from laa_publish.issues import Issue, error, quote
from laa_publish.load.yaml_loader import decode_text

MAX_CSV_BYTES = 256 * 1024 * 1024


@dataclass(slots=True)
class CsvFile:
    """A CSV file's cells as text, with each data row's 1-based source line."""

    path: str
    frame: pd.DataFrame
    columns: list[str]
    lines: np.ndarray

    def column_number(self, name: str) -> int | None:
        """The 1-based position of a column, as a spreadsheet user would count it."""
        return self.columns.index(name) + 1 if name in self.columns else None


def _header_issues(path: str, header: list[str]) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name.strip():
            issues.append(
                error(
                    "csv-header",
                    path,
                    1,
                    number,
                    f"Column {number} has no name in the header row.",
                    "Give every column a name, or delete the empty column.",
                )
            )
        elif name in seen:
            issues.append(
                error(
                    "csv-header",
                    path,
                    1,
                    number,
                    f"Column {quote(name)} appears twice (first as column {seen[name]}).",
                    "Each column name may appear only once in the header row.",
                )
            )
        else:
            seen[name] = number
    return issues


def _slow_read(text: str, path: str) -> tuple[list[list[str]], list[int], list[Issue]]:
    """Read row by row with the csv module: exact lines for quoted newlines and ragged rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    issues: list[Issue] = []
    width: int | None = None
    start = 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if width is None:
                width = len(row)
                rows.append(row)
                lines.append(line)
                continue
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != width:
                issues.append(
                    error(
                        "csv-syntax",
                        path,
                        line,
                        min(len(row), width) + 1,
                        f"Row has {len(row)} cells but the header has {width} columns.",
                        "Check for a missing or extra comma; quote text that contains a comma "
                        'with double quotes, e.g. "Leeds, West".',
                    )
                )
                continue
            rows.append(row)
            lines.append(line)
    except csv.Error as exc:
        issues.append(
            error(
                "csv-syntax",
                path,
                start,
                None,
                f"The CSV cannot be read: {exc}.",
                "Check that every opening double quote has a closing one.",
            )
        )
    return rows, lines, issues


def _ragged(text: str, commas: int) -> bool:
    """True when an unquoted, non-blank line has a different number of cells from the header."""
    return any(
        line.count(",") != commas and line.replace(",", "").strip() for line in text.splitlines()
    )


def load_csv_text(text: str, path: str) -> tuple[CsvFile | None, list[Issue]]:
    """Parse CSV text into a frame of strings, with exact positions for later checks."""
    if not text.strip():
        return None, [
            error(
                "csv-empty",
                path,
                1,
                1,
                "The CSV file is empty.",
                "Start with the header row: period,area,value,status,note.",
            )
        ]
    header_line = text.split("\n", 1)[0].rstrip("\r")
    try:
        header = next(csv.reader([header_line]))
    except csv.Error as exc:
        return None, [
            error(
                "csv-syntax",
                path,
                1,
                None,
                f"The header row cannot be read: {exc}.",
                "Save the file again as 'CSV UTF-8': the header row holds a stray line break.",
            )
        ]
    issues = _header_issues(path, header)
    if issues:
        return None, issues
    simple = '"' not in text and not _ragged(text, header_line.count(","))
    if simple:
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                engine="c",
            )
        except (pd.errors.ParserError, ValueError):
            simple = False
    if simple and not frame.empty:
        blank = (frame.apply(lambda column: column.str.strip()) == "").all(axis=1)
        lines = np.arange(2, len(frame) + 2, dtype=np.int64)
        if blank.any():
            keep = ~blank.to_numpy()
            frame = frame[keep].reset_index(drop=True)
            lines = lines[keep]
        return CsvFile(path, frame, header, lines), []
    rows, line_list, issues = _slow_read(text, path)
    if issues:
        return None, issues
    frame = (
        pd.DataFrame(rows[1:], columns=header, dtype=str)
        if len(rows) > 1
        else (pd.DataFrame({name: pd.Series(dtype=str) for name in header}))
    )
    return CsvFile(path, frame, header, np.asarray(line_list[1:], dtype=np.int64)), []


def load_csv_bytes(raw: bytes, path: str) -> tuple[CsvFile | None, list[Issue]]:
    """Load CSV bytes with the size cap and encoding check applied first."""
    text, issues = decode_text(raw, path, MAX_CSV_BYTES)
    if text is None:
        return None, issues
    return load_csv_text(text, path)
