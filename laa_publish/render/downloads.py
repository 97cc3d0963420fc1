"""CSV downloads that spreadsheets open safely: text cells can never start a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from laa_publish.load.history import Commit
from laa_publish.model.entities import Indicator
from laa_publish.render.text import compact_number, plain_number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
OBSERVATION_COLUMNS = (
    "indicator",
    "period",
    "area_code",
    "area_name",
    "value",
    "unit",
    "numerator",
    "denominator",
    "lower_ci",
    "upper_ci",
    "status",
    "note",
    "revised",
    "commit",
    "commit_date",
    "author",
    "partner",
)
TEXT_COLUMNS = frozenset(
    {"indicator", "period", "area_code", "area_name", "unit", "status", "note"}
    | {"commit", "commit_date", "author", "partner"}
)


def neutralise(text: str) -> str:
    """Prefix a text cell that a spreadsheet would run as a formula (OWASP CSV injection)."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]], text_columns: set[str]) -> str:
    """Write rows as CSV, neutralising only the text columns so numbers stay numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; also quotes lone CRs
    writer.writerow(header)
    positions = [i for i, name in enumerate(header) if name in text_columns]
    for row in rows:
        cells = list(row)
        for i in positions:
            cells[i] = neutralise(cells[i])
        writer.writerow(cells)
    return buffer.getvalue()


def unit_text(indicator: Indicator) -> str:
    """The unit in words for the download's unit column."""
    if indicator.unit == "rate" and indicator.rate_per:
        return f"rate per {indicator.rate_per}"
    return indicator.unit


def observations_csv(
    indicator: Indicator,
    frame: pd.DataFrame,
    area_names: dict[str, str],
    commits: Mapping[str, Commit] | None = None,
) -> str:
    """One indicator's observations, with area names, fixed decimals and formula-safe text.

    The last columns trace each figure: whether the release shown revised it, and the commit
    that last set it (empty when not known) and the partner responsible.
    """
    d = indicator.decimals
    unit = unit_text(indicator)
    commits = commits or {}
    rows = []
    for row in frame.itertuples(index=False):
        published = row.status not in ("suppressed",)
        commit = commits.get(str(getattr(row, "source", "") or ""))
        rows.append(
            [
                indicator.id,
                str(row.period),
                str(row.area),
                area_names.get(str(row.area), str(row.area)),
                plain_number(row.value, d) if published else "",
                unit,
                compact_number(row.numerator) if published else "",
                compact_number(row.denominator) if published else "",
                plain_number(row.lower_ci, d),
                plain_number(row.upper_ci, d),
                str(row.status),
                str(row.note),
                "true" if bool(getattr(row, "revised", False)) else "false",
                commit.sha if commit else "",
                commit.day if commit else "",
                commit.author if commit else "",
                indicator.partner,
            ]
        )
    return write_csv(OBSERVATION_COLUMNS, rows, set(TEXT_COLUMNS))
