"""Writing: YAML in a hand-written style, and CSV with fixed decimals."""

from __future__ import annotations

import csv
import io
import logging
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from tools.example.breakdowns import BreakdownTable
from tools.example.cells import Cell, Table, quantize
from tools.example.model import Area, IndicatorSpec

LOG = logging.getLogger("tools.example")
YAML_WIDTH = 92

_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def yaml_scalar(text: str) -> str:
    """A plain scalar where that is safe, otherwise a double-quoted one."""
    plain = (
        text
        and text[0].isalpha()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in _YAML_WORDS
        and "\n" not in text
    )
    if plain:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def yaml_text(key: str, text: str, indent: int = 0) -> list[str]:
    """A key with a string value: on one line if it fits, else as a folded block."""
    pad = " " * indent
    line = f"{pad}{key}: {yaml_scalar(text)}"
    if len(line) <= YAML_WIDTH:
        return [line]
    body = textwrap.wrap(
        text, width=YAML_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}{key}: >-", *(f"{pad}  {b}" for b in body)]


def schema_line(path: Path, root: Path, name: str) -> str:
    """The yaml-language-server comment, with a path relative to the file."""
    depth = len(path.relative_to(root).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}laa_publish/schemas/{name}.schema.json"


def fmt(value: Decimal | int | None, decimals: int = 0) -> str:
    """A number written plainly with fixed decimals; empty for None."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{quantize(value, decimals):f}"


def breakdown_dimensions(spec: IndicatorSpec) -> list[str]:
    """The dimensions an indicator breaks down by, in the order first declared."""
    return list(dict.fromkeys(b.dimension for b in spec.breakdowns))


def csv_columns(spec: IndicatorSpec) -> list[str]:
    """The columns an indicator uses."""
    cols = ["period", "area", *breakdown_dimensions(spec), "value"]
    if spec.aggregation == "rate":
        cols += ["numerator", "denominator"]
    if spec.kind in ("survey", "dsr"):
        cols += ["lower_ci", "upper_ci"]
    return [*cols, "status", "note"]


def render_csv(
    spec: IndicatorSpec,
    table: Table,
    breakdowns: BreakdownTable | None = None,
    areas: Sequence[Area] = (),
) -> str:
    """The CSV text, sorted by period, area code and breakdown (all-people rows first).

    Rows for the levels in ``spec.computed`` are left out: laa-publish rolls them up.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = csv_columns(spec)
    dims = breakdown_dimensions(spec)
    order = {
        (b.dimension, code): (dims.index(b.dimension), i)
        for b in spec.breakdowns
        for i, (code, _, _) in enumerate(b.groups)
    }
    left_out = {a.code for a in areas if a.level in spec.computed}
    writer.writerow(columns)
    for period in sorted(table):
        rows: list[tuple[str, tuple[int, int], dict[str, str], Cell]] = [
            (code, (-1, 0), {}, cell) for code, cell in table[period].items()
        ]
        rows += [
            (code, order[(dim, value)], {dim: value}, cell)
            for (code, dim, value), cell in (breakdowns or {}).get(period, {}).items()
        ]
        for code, _, groups, c in sorted(rows, key=lambda r: (r[0], r[1])):
            if code in left_out:
                continue
            cells = {
                "period": period,
                "area": code,
                **{dim: groups.get(dim, "") for dim in dims},
                "value": fmt(c.value, spec.decimals),
                "numerator": fmt(c.numerator),
                "denominator": fmt(c.denominator),
                "lower_ci": fmt(c.lower_ci, spec.decimals),
                "upper_ci": fmt(c.upper_ci, spec.decimals),
                "status": c.status,
                "note": c.note,
            }
            writer.writerow([cells[col] for col in columns])
    return buffer.getvalue()


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix line endings, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    LOG.debug("wrote %s", path)
