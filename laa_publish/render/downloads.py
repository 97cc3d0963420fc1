"""CSV downloads that spreadsheets open safely: text cells can never start a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
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
    "numerator",
    "denominator",
    "lower_ci",
    "upper_ci",
    "status",
    "note",
    "revised",
    "commit",
)
"""Only what varies from row to row: the indicator's unit and partner are in the data
package, and each commit's date and author in `commits.csv`, not repeated on every row."""
TEXT_COLUMNS = frozenset(
    {"indicator", "period", "area_code", "area_name", "status", "note", "commit"}
)
COMMIT_COLUMNS = ("commit", "date", "author")


COMPARATOR_COLUMNS = (
    "indicator",
    "comparator_id",
    "comparator_name",
    "comparator_kind",
    "part_of_partnership",
    "period",
    "value",
    "unit",
    "note",
    "source",
    "source_url",
    "retrieved",
)


def neutralise(text: str) -> str:
    """Prefix a text cell that a spreadsheet would run as a formula (OWASP CSV injection)."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]], text_columns: set[str]) -> str:
    """Write rows as CSV, neutralising only the text columns so numbers stay numbers."""
    positions = {i for i, name in enumerate(header) if name in text_columns}
    safe = (
        [neutralise(cell) if i in positions else cell for i, cell in enumerate(row)] for row in rows
    )
    return _csv_text(header, safe)


def write_columns(
    header: Sequence[str], columns: Sequence[Sequence[str]], text_columns: set[str]
) -> str:
    """write_csv for data held column by column: each text column is neutralised whole."""
    safe = [
        _neutralised(column) if name in text_columns else column
        for name, column in zip(header, columns, strict=True)
    ]
    return _csv_text(header, zip(*safe, strict=True))


def _neutralised(column: Sequence[str]) -> Sequence[str]:
    """A text column with formula-like cells prefixed; the same list when none needs it.

    One regular-expression scan of the joined column finds whether any cell needs it (a
    county writes 15 million cells). A separator inside a cell can only cause a needless
    second pass, never a missed formula: every cell follows a separator.
    """
    if not _FORMULA_AFTER_SEPARATOR.search(_SEPARATOR + _SEPARATOR.join(column)):
        return column
    return [neutralise(cell) for cell in column]


_SEPARATOR = "\x1f"
_FORMULA_AFTER_SEPARATOR = re.compile(
    re.escape(_SEPARATOR) + "[" + re.escape("".join(FORMULA_STARTS)) + "]"
)


def _csv_text(header: Sequence[str], rows: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; also quotes lone CRs
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def observation_columns(indicator: Indicator) -> tuple[str, ...]:
    """An indicator download's header: one column per breakdown dimension after the area.

    Without them the rows of one period and area (everyone, and each group) could not be
    told apart; a dimension's cell is empty on the row for everyone.
    """
    at = OBSERVATION_COLUMNS.index("area_name") + 1
    return (*OBSERVATION_COLUMNS[:at], *indicator.breakdowns, *OBSERVATION_COLUMNS[at:])


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
    that last set it (empty when not known), whose date and author `commits_csv` gives.
    """
    header = observation_columns(indicator)
    text_columns = set(TEXT_COLUMNS) | set(indicator.breakdowns)
    if frame.empty:  # before the first release nothing is published: the header alone
        return write_csv(header, [], text_columns)
    d = indicator.decimals
    commits = commits or {}
    n = len(frame)
    published = (frame["status"] != "suppressed").to_numpy()
    sources = frame["source"] if "source" in frame.columns else pd.Series([""] * n)
    source_codes, distinct = pd.factorize(sources.astype(object).fillna(""))
    found = [commits.get(str(s)) for s in distinct]
    picked = [found[i] for i in source_codes.tolist()]
    revised = frame["revised"].to_numpy(dtype=bool) if "revised" in frame.columns else None
    areas = frame["area"].astype(str).tolist()
    columns: list[list[str]] = [
        [indicator.id] * n,
        frame["period"].astype(str).tolist(),
        areas,
        [area_names.get(a, a) for a in areas],
        *(_dimension_codes(frame, dim) for dim in indicator.breakdowns),
        _blank_where_hidden(_formatted(frame["value"], lambda v: plain_number(v, d)), published),
        _blank_where_hidden(_formatted(frame["numerator"], compact_number), published),
        _blank_where_hidden(_formatted(frame["denominator"], compact_number), published),
        _formatted(frame["lower_ci"], lambda v: plain_number(v, d)),
        _formatted(frame["upper_ci"], lambda v: plain_number(v, d)),
        frame["status"].astype(str).tolist(),
        frame["note"].astype(str).tolist(),
        ["true" if r else "false" for r in revised] if revised is not None else ["false"] * n,
        [c.sha if c else "" for c in picked],
    ]
    return write_columns(header, columns, text_columns)


def referenced_commits(
    frames: Iterable[pd.DataFrame], commits: Mapping[str, Commit]
) -> list[Commit]:
    """The known commits that set any figure of `frames`, oldest first."""
    shas: set[str] = set()
    for frame in frames:
        if "source" in frame.columns and not frame.empty:
            shas.update(str(s) for s in frame["source"].dropna().unique())
    found = [commits[sha] for sha in shas if sha in commits]
    return sorted(found, key=lambda c: (c.timestamp, c.sha))


def commits_csv(commits: Sequence[Commit]) -> str:
    """The commits table the downloads' commit column refers to: id, date and author."""
    rows = ([c.sha, c.day, c.author] for c in commits)
    return write_csv(COMMIT_COLUMNS, rows, set(COMMIT_COLUMNS))


def comparators_csv(indicator: Indicator, figures: pd.DataFrame) -> str:
    """An indicator's comparator figures, each row flagged as outside the partnership."""
    declared = {c.id: c for c in indicator.comparators}
    rows = []
    for ident, period, value, note in zip(
        figures["comparator"].astype(str),
        figures["period"].astype(str),
        figures["value"].astype(float),
        figures["note"].astype(str),
        strict=True,
    ):
        comp = declared[ident]
        rows.append(
            [
                indicator.id,
                comp.id,
                comp.name,
                comp.kind,
                "false",
                period,
                plain_number(value, indicator.decimals),
                unit_text(indicator),
                note,
                comp.source,
                comp.source_url or "",
                comp.retrieved,
            ]
        )
    numbers = {"part_of_partnership", "value"}
    return write_csv(COMPARATOR_COLUMNS, rows, set(COMPARATOR_COLUMNS) - numbers)


def _dimension_codes(frame: pd.DataFrame, dim: str) -> list[str]:
    """A breakdown dimension's code on each row; empty on the row for everyone."""
    if dim not in frame.columns:
        return [""] * len(frame)
    return frame[dim].fillna("").astype(str).tolist()


def _formatted(series: pd.Series, fmt: Callable[[float], str]) -> list[str]:
    """Each number written by `fmt`, formatting every distinct value only once."""
    codes, distinct = pd.factorize(series.astype("float64"), use_na_sentinel=True)
    texts = [fmt(float(v)) for v in distinct] + [""]  # code -1 (missing) is the last
    return [texts[c] for c in codes.tolist()]


def _blank_where_hidden(texts: list[str], published: np.ndarray) -> list[str]:
    """Suppressed figures are never written, whatever the frame still holds."""
    return [t if ok else "" for t, ok in zip(texts, published.tolist(), strict=True)]
