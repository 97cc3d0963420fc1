"""Vectorised checks of observation CSVs; messages are built only for rows already flagged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from laa_publish.frames import small_pages
from laa_publish.issues import Issue, Severity, choices_hint, closest, quote
from laa_publish.load.csv_loader import ARROW_POOL, REQUIRED_COLUMNS, CsvFile
from laa_publish.model.aggregate import ratio_scale
from laa_publish.model.entities import (
    OBSERVATION_STATUSES,
    Area,
    Dimension,
    Indicator,
    Settings,
)
from laa_publish.model.periods import (
    PERIOD_TYPES,
    ordinals,
    period_end,
    period_ordinal,
    period_start,
)
from laa_publish.validate.placeholders import EXAMPLE_ROW

NUMBER_COLUMNS = ("value", "numerator", "denominator", "lower_ci", "upper_ci")
REVISION_COLUMNS = ("revision_class", "revision_reason")
KNOWN_COLUMNS = (
    *NUMBER_COLUMNS[:1],
    "period",
    "area",
    *NUMBER_COLUMNS[1:],
    "status",
    "note",
    *REVISION_COLUMNS,
)
NO_VALUE_STATUSES = ("not_available", "suppressed")
STRING: Any = pd.StringDtype("pyarrow")  # pandas' "string": <NA> for missing
TEXT: Any = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' "str", what astype(str) gives
NUMBER_HINT = (
    "Write numbers plainly, like 12.5: no % sign, no thousands separators, no text. "
    'If there is no value, leave the cell empty and set status to "not_available".'
)


def arrow_text(column: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow strings, "" for a missing cell; an Arrow-backed one is not copied."""
    try:
        cells = pa.array(column.array)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        cells = pa.array(column.astype(object).tolist(), pa.large_string(), from_pandas=True)
    if not isinstance(cells, pa.ChunkedArray):
        cells = pa.chunked_array([cells])
    if not pa.types.is_large_string(cells.type):
        cells = pc.cast(cells, pa.large_string(), memory_pool=ARROW_POOL)
    if cells.null_count:
        cells = pc.fill_null(cells, "")
    return cells


def _series(
    cells: pa.ChunkedArray | pa.Array, index: pd.Index, dtype: pd.StringDtype = STRING
) -> pd.Series:
    """Arrow strings as a pandas text Series ("string" unless told), without copying them."""
    if isinstance(cells, pa.Array):
        cells = pa.chunked_array([cells])
    if not pa.types.is_large_string(cells.type):
        cells = pc.cast(cells, pa.large_string(), memory_pool=ARROW_POOL)
    return pd.Series(cast(Any, dtype).__from_arrow__(cells), index=index, copy=False)


def _same_text(text: str, rows: int, dtype: pd.StringDtype = STRING) -> pd.Series:
    """`rows` copies of one text, built in Arrow rather than from a million-item list."""
    same = pa.repeat(pa.scalar(text, pa.large_string()), rows, memory_pool=ARROW_POOL)
    return _series(same, pd.RangeIndex(rows), dtype)


def clean_text(column: pd.Series) -> pd.Series:
    """A column's cells trimmed of surrounding whitespace, as str.strip() would.

    A column with nothing to trim (the usual case) is returned without a copy, so a million
    rows hold one copy of their text.
    """
    cells = arrow_text(column)
    trimmed = pc.utf8_trim_whitespace(cells, memory_pool=ARROW_POOL)
    if pc.all(pc.equal(cells, trimmed)).as_py() is not False:
        trimmed = cells
    return _series(trimmed, column.index)


def _bools(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """An Arrow boolean array as numpy, null as False."""
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


@dataclass(slots=True)
class _Checker:
    """Holds one table's cleaned cells and turns boolean masks into positioned issues."""

    table: CsvFile
    cells: dict[str, pd.Series]
    issues: list[Issue] = field(default_factory=list)

    def flag(
        self,
        mask: pd.Series | np.ndarray,
        column: str,
        code: str,
        message: Callable[[int], str],
        hint: Callable[[int], str] | str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Add one issue per True row in `mask`, at that row's line and the column's position."""
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        col = self.table.column_number(column)
        for row in rows.tolist():
            text = hint(row) if callable(hint) else hint
            self.issues.append(
                Issue(
                    code,
                    severity,
                    self.table.path,
                    int(self.table.lines[row]),
                    col,
                    message(row),
                    text,
                )
            )

    def value(self, column: str, row: int) -> str:
        """The cleaned text of one cell."""
        return str(self.cells[column].iat[row])


def column_issues(
    table: CsvFile,
    allowed: tuple[str, ...],
    required: tuple[str, ...] = REQUIRED_COLUMNS,
    of: str = "",
) -> list[Issue]:
    """Unknown and missing header columns; `of` names the kind: ' of a comparator file'."""
    issues: list[Issue] = []
    for number, name in enumerate(table.columns, start=1):
        if name not in allowed:
            guess = closest(name, allowed)
            did = f'Did you mean "{guess}"? ' if guess else ""
            issues.append(
                Issue(
                    "csv-unknown-column",
                    Severity.ERROR,
                    table.path,
                    1,
                    number,
                    f"Column {quote(name)} is not a known column{of}.",
                    f"{did}Allowed columns: {', '.join(allowed)}.",
                )
            )
    for name in required:
        if name not in table.columns:
            issues.append(
                Issue(
                    "csv-missing-column",
                    Severity.ERROR,
                    table.path,
                    1,
                    None,
                    f"The required column {quote(name)} is missing from the header row.",
                    f"The header row must include {', '.join(required)}.",
                )
            )
    return issues


def _a(description: str) -> str:
    """The description with its indefinite article: 'a calendar year', 'an academic year'."""
    return f"{'an' if description[:1] in 'aeiou' else 'a'} {description}"


def _period_hint(text: str, indicator: Indicator) -> str:
    kind = PERIOD_TYPES[indicator.period_type]
    expected = (
        f'This indicator\'s periods are each {_a(kind.description)}, written like "{kind.example}".'
    )
    for other in PERIOD_TYPES.values():
        if other.name != kind.name and period_ordinal(text, other.name) is not None:
            return f"{quote(text)} looks like {_a(other.description)}. {expected}"
    return expected


def _check_periods(c: _Checker, indicator: Indicator) -> pd.Series:
    ords = ordinals(c.cells["period"], indicator.period_type)
    bad = ords.isna()
    kind = PERIOD_TYPES[indicator.period_type]
    c.flag(
        bad,
        "period",
        "csv-bad-period",
        lambda r: f"Period {quote(c.value('period', r))} is not {_a(kind.description)}.",
        lambda r: _period_hint(c.value("period", r), indicator),
    )
    return ords


def _check_areas(
    c: _Checker, indicator: Indicator, areas: dict[str, Area], ords: pd.Series
) -> None:
    codes = sorted(areas)
    # each row's place in the sorted register, null for an unknown code: one hash lookup
    where = pc.index_in(
        arrow_text(c.cells["area"]),
        value_set=pa.array(codes, pa.large_string()),
        memory_pool=ARROW_POOL,
    )
    known = _bools(pc.is_valid(where))
    c.flag(
        ~known,
        "area",
        "csv-unknown-area",
        lambda r: f"Area code {quote(c.value('area', r))} is not in the area register.",
        lambda r: (
            choices_hint(c.value("area", r), codes)
            + " New areas are added to data/registers/areas.yaml by the core team."
        ),
    )
    if not any(a.valid_to or a.valid_from for a in areas.values()):
        return
    # one date per distinct period and one pair of limits per area, compared as text the
    # way the dates were always compared, but through their ranks among all those texts so
    # that whole columns compare as integers: a Python loop over rows costs minutes
    which, present = pd.factorize(ords)  # missing periods get -1, masked out below
    kind = indicator.period_type
    starts = [period_start(int(o), kind).isoformat() for o in present]
    ends = [period_end(int(o), kind).isoformat() for o in present]
    froms = [areas[code].valid_from or "" for code in codes]
    tos = [areas[code].valid_to or "" for code in codes]
    rank = {text: i for i, text in enumerate(sorted({*starts, *ends, *froms, *tos}))}

    def ranks(texts: list[str]) -> np.ndarray:
        return np.array([rank[t] for t in texts] + [0], dtype=np.int64)  # -1 takes the last

    start, end = ranks(starts)[which], ranks(ends)[which]
    place = np.asarray(pc.fill_null(where, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    valid_from, valid_to = ranks(froms)[place], ranks(tos)[place]
    has_from = np.array([t != "" for t in froms] + [False])[place]
    has_to = np.array([t != "" for t in tos] + [False])[place]
    dated = known & (which >= 0)
    outside = dated & ((has_to & (start > valid_to)) | (has_from & (end < valid_from)))
    c.flag(
        outside,
        "area",
        "csv-area-not-valid",
        lambda r: (
            f"Area {quote(c.value('area', r))} did not exist in period "
            f"{quote(c.value('period', r))} ({_lifetime(areas[c.value('area', r)])})."
        ),
        "Boundaries changed: report this period against the areas that existed then.",
    )


# Plain decimal numbers, as pandas.to_numeric reads them; anything else is not a number here.
_DECIMAL = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def parse_numbers(text: pd.Series) -> pd.Series:
    """Cells as float64, NaN where a cell is empty or not a plain decimal number.

    Arrow's parser is four times faster than pandas.to_numeric on a million cells; a
    column Arrow cannot take whole goes through to_numeric as before.
    """
    try:
        cells = arrow_text(text)
        plain = pc.match_substring_regex(cells, _DECIMAL, memory_pool=ARROW_POOL)
        if not pc.all(plain).as_py():  # blank out the rest, copying the column only then
            cells = pc.if_else(plain, cells, None, memory_pool=ARROW_POOL)
        parsed = pc.cast(cells, pa.float64(), memory_pool=ARROW_POOL)
        return pd.Series(parsed.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")


def _numbers(c: _Checker, column: str) -> pd.Series:
    text = c.cells[column]
    numbers = parse_numbers(text)
    finite = np.isfinite(numbers.to_numpy())
    filled = _bools(pc.not_equal(arrow_text(text), ""))
    c.flag(
        filled & ~finite,
        column,
        "csv-not-number",
        lambda r: f"{quote(c.value(column, r))} in column {quote(column)} is not a number.",
        NUMBER_HINT,
    )
    return numbers if finite.all() else numbers.where(finite)


def _check_statuses(c: _Checker) -> pd.Series:
    column = c.cells.get("status")
    if column is None:
        rows = len(c.cells["period"])
        return _same_text("final", rows)
    cells = arrow_text(column)
    cells = pc.if_else(pc.equal(cells, ""), "final", cells, memory_pool=ARROW_POOL)
    status = _series(cells, column.index)
    known = pc.is_in(cells, value_set=pa.array(OBSERVATION_STATUSES, pa.large_string()))
    c.flag(
        ~_bools(known),
        "status",
        "csv-bad-status",
        lambda r: f"Status {quote(c.value('status', r))} is not a known status.",
        lambda r: (
            choices_hint(c.value("status", r), list(OBSERVATION_STATUSES))
            + " An empty status means final."
        ),
    )
    return status


def check_unit_range(c: _Checker, unit: str, value: pd.Series) -> None:
    """Flag values the indicator's unit cannot take: percentages outside 0-100, negatives."""
    if unit == "percentage":
        c.flag(
            (value < 0) | (value > 100),
            "value",
            "csv-out-of-range",
            lambda r: f"Percentage {c.value('value', r)} is outside 0 to 100.",
            "Write percentages as numbers from 0 to 100 (e.g. 45.2 for 45.2%), not as fractions.",
        )
    elif unit in ("count", "rate", "currency", "days"):
        c.flag(
            value < 0,
            "value",
            "csv-out-of-range",
            lambda r: f"Value {c.value('value', r)} is negative, but a {unit} cannot be.",
            "Check the sign of the value.",
        )


def _check_values(c: _Checker, indicator: Indicator, status: pd.Series) -> dict[str, pd.Series]:
    nums = {col: _numbers(c, col) for col in NUMBER_COLUMNS if col in c.cells}
    value = nums["value"]
    empty = c.cells["value"] == ""
    needs = ~status.isin(NO_VALUE_STATUSES) & status.isin(OBSERVATION_STATUSES)
    c.flag(
        empty & needs,
        "value",
        "csv-missing-value",
        lambda r: f"The value is empty but the status is {quote(status.iat[r])}.",
        'Fill in the value, or set status to "not_available" (no data) or "suppressed" '
        "(withheld to protect privacy).",
    )
    c.flag(
        ~empty & status.isin(NO_VALUE_STATUSES),
        "value",
        "csv-value-not-allowed",
        lambda r: (
            f"A value ({c.value('value', r)}) is given but the status is {quote(status.iat[r])}."
        ),
        "Leave the value empty for suppressed or unavailable figures: a suppressed value "
        "in the file would still be published in the download.",
    )
    check_unit_range(c, indicator.unit, value)
    for col in ("numerator", "denominator"):
        if col in nums:

            def negative(r: int, col: str = col) -> str:
                return f"The {col} {c.value(col, r)} is negative."

            c.flag(
                nums[col] < 0,
                col,
                "csv-out-of-range",
                negative,
                "Numerators and denominators are counts of people or events: zero or more.",
            )
    if "denominator" in nums:
        c.flag(
            nums["denominator"] == 0,
            "denominator",
            "csv-out-of-range",
            lambda r: "The denominator is 0, so no rate can be computed from it.",
            'Leave the row\'s value empty with status "not_available", or correct the denominator.',
        )
    _check_rates(c, indicator, nums, needs & ~empty)
    _check_intervals(c, nums)
    return nums


def _check_rates(
    c: _Checker, indicator: Indicator, nums: dict[str, pd.Series], has_value: pd.Series
) -> None:
    if indicator.aggregation == "rate":
        for col in ("numerator", "denominator"):
            if col not in nums:
                c.issues.append(
                    Issue(
                        "csv-missing-column",
                        Severity.ERROR,
                        c.table.path,
                        1,
                        None,
                        f'The indicator\'s aggregation is "rate", so the column {quote(col)} '
                        "is required.",
                        "Add numerator and denominator columns: rates for larger areas are "
                        "recomputed from them, never averaged.",
                    )
                )
            else:

                def empty(r: int, col: str = col) -> str:
                    return f'The {col} is empty but the indicator\'s aggregation is "rate".'

                c.flag(
                    has_value & nums[col].isna(),
                    col,
                    "csv-missing-value",
                    empty,
                    "Give the numerator and denominator for every row that has a value.",
                )
    scale = ratio_scale(indicator)
    if scale is None or "numerator" not in nums or "denominator" not in nums:
        return
    computed = nums["numerator"] / nums["denominator"].where(nums["denominator"] != 0) * scale
    allowed = 0.5 * 10 ** (-indicator.decimals) + 1e-9
    off = (computed - nums["value"]).abs() > allowed
    c.flag(
        off.fillna(False),
        "value",
        "csv-value-mismatch",
        lambda r: (
            f"Value {c.value('value', r)} does not match numerator / denominator "
            f"({c.value('numerator', r)} / {c.value('denominator', r)} × {scale:g} = "
            f"{computed.iat[r]:.{indicator.decimals}f})."
        ),
        "Recalculate the value, or correct the numerator or denominator.",
        Severity.WARNING,
    )


def _check_intervals(c: _Checker, nums: dict[str, pd.Series]) -> None:
    if "lower_ci" not in nums or "upper_ci" not in nums:
        return
    value, low, high = nums["value"], nums["lower_ci"], nums["upper_ci"]
    wrong = ((low > value) | (value > high) | (low > high)).fillna(False)
    c.flag(
        wrong,
        "lower_ci",
        "csv-ci-order",
        lambda r: (
            f"The confidence interval {c.value('lower_ci', r)} to "
            f"{c.value('upper_ci', r)} does not contain the value {c.value('value', r)}."
        ),
        "lower_ci must be at most the value, and upper_ci at least the value.",
    )


def _check_example_row(c: _Checker) -> None:
    """The example row `laa-publish new` writes holds made-up figures: it must not be published."""
    note = c.cells.get("note")
    if note is None:
        return
    marked = pc.match_substring(pa.array(note), EXAMPLE_ROW)  # in C, on a million rows
    if not pc.any(marked).as_py():
        return
    c.flag(
        marked.to_numpy(zero_copy_only=False),
        "note",
        "csv-example-row",
        lambda r: (
            f"This is the template's example row (its note is {quote(c.value('note', r))}): "
            "its made-up figures would be published."
        ),
        "Delete this row, and add one row for each period and area with your real figures.",
    )


def row_groups(columns: list[pd.Series]) -> np.ndarray:
    """One integer per row, equal for rows whose cells in `columns` are all equal."""
    rows = len(columns[0])
    groups = np.zeros(rows, dtype=np.int64)
    size = 1
    for column in columns:
        codes, distinct = pd.factorize(column)
        if size * max(len(distinct), 1) >= 2**62:  # renumber before the product overflows
            groups, seen = pd.factorize(groups)
            size = len(seen)
        groups = groups * max(len(distinct), 1) + codes
        size *= max(len(distinct), 1)
    return groups


def _check_duplicates(c: _Checker, keys: list[str]) -> None:
    groups = row_groups([c.cells[k] for k in keys])
    dup = pd.Series(groups).duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    # the line of each repeated key's first row, looked up only among the rows that repeat
    repeated = np.flatnonzero(np.isin(groups, groups[dup]))
    first_line: dict[int, int] = {}
    for row in repeated.tolist():
        first_line.setdefault(int(groups[row]), int(c.table.lines[row]))
    c.flag(
        dup,
        "period",
        "csv-duplicate-row",
        lambda r: (
            "There is already a row for "
            + ", ".join(f"{k} {quote(c.value(k, r))}" for k in keys if c.value(k, r) != "")
            + f" (line {first_line[int(groups[r])]})."
        ),
        "Keep one row for each period and area (and breakdown group, if the file has "
        "breakdown columns): delete or correct the repeated one.",
    )


def _check_breakdowns(c: _Checker, dimensions: list[Dimension]) -> None:
    for dim in dimensions:
        codes = [v.code for v in dim.values]
        cells = c.cells[dim.id]

        def undeclared(r: int, dim: Dimension = dim) -> str:
            return f"{quote(c.value(dim.id, r))} is not a declared value of {quote(dim.title)}."

        def choices(r: int, dim: Dimension = dim, codes: list[str] = codes) -> str:
            return (
                choices_hint(c.value(dim.id, r), codes)
                + " Leave the cell empty for the all-people figure."
            )

        c.flag(
            (cells != "") & ~cells.isin(codes),
            dim.id,
            "csv-bad-breakdown",
            undeclared,
            choices,
        )


def _undeclared_breakdown_issues(
    table: CsvFile, indicator: Indicator, settings: Settings | None
) -> list[Issue]:
    """A declared dimension used as a column needs the indicator to list it under breakdowns."""
    declared = {d.id for d in settings.dimensions} if settings else set()
    return [
        Issue(
            "csv-unknown-column",
            Severity.ERROR,
            table.path,
            1,
            number,
            f"Column {quote(name)} is a breakdown the indicator does not declare.",
            f"Add '{name}' to 'breakdowns:' in {indicator.source_path}.",
        )
        for number, name in enumerate(table.columns, start=1)
        if name in declared and name not in indicator.breakdowns and name not in KNOWN_COLUMNS
    ]


def breakdown_key(frame: pd.DataFrame, dims: tuple[str, ...]) -> pd.Series:
    """A canonical 'dim=code;…' label per row; empty for the all-people figure."""
    if not dims:
        return _same_text("", len(frame), TEXT).set_axis(frame.index)
    key = pd.Series([""] * len(frame), index=frame.index, dtype=object)
    for dim in dims:
        cells = frame[dim].astype(str)
        part = (dim + "=" + cells).where(cells != "", "")
        key = (key + ";" + part).where((key != "") & (part != ""), key + part)
    return key.astype(str)


def _text_ranks(cells: pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """Each cell's rank among the column's distinct texts (code point order), and their number."""
    distinct = pc.unique(cells)
    ordered = pc.take(distinct, pc.sort_indices(distinct))
    ranks = pc.index_in(cells, value_set=ordered, memory_pool=ARROW_POOL)
    return np.asarray(ranks.to_numpy(zero_copy_only=False), dtype=np.int64), len(ordered)


def sort_order(ordinals: pd.Series, texts: list[pa.ChunkedArray]) -> np.ndarray:
    """Row positions in a stable order by ordinal (missing ones last), then by each text.

    Each key becomes a rank and the ranks one integer per row, so a single stable integer
    sort (fast on the long runs a CSV has) replaces a sort comparing text row by row.
    """
    key, distinct = pd.factorize(ordinals, sort=True)  # a missing ordinal is -1
    key = key.astype(np.int64, copy=False)
    key[key < 0] = len(distinct)
    size = len(distinct) + 1
    for cells in texts:
        ranks, count = _text_ranks(cells)
        if count <= 1:
            continue
        if size * count >= 2**62:  # renumber, in order, before the product overflows
            key, seen = pd.factorize(key, sort=True)
            size = len(seen)
        key *= count
        key += ranks
        size *= count
    return np.argsort(key, kind="stable")


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by period, area and any breakdown group; ties in file order, missing periods last.

    Columns are gathered one by one, text in Arrow, so no column goes through Python objects.
    """
    groups = [frame[name] for name in ("area", "breakdown") if name in frame]
    order = sort_order(frame["ordinal"], [arrow_text(column) for column in groups])
    if bool((order[1:] > order[:-1]).all()):  # already in order
        return frame.reset_index(drop=True)
    taken = pa.array(order)
    columns: dict[str, Any] = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
            gathered = pc.take(arrow_text(column), taken, memory_pool=ARROW_POOL)
            columns[name] = _series(gathered, pd.RangeIndex(len(order)), column.dtype)
        else:
            columns[name] = pd.Series(column.array.take(order), copy=False)
    return pd.DataFrame(columns, copy=False)


def check_observations(
    indicator: Indicator,
    table: CsvFile,
    areas: dict[str, Area],
    settings: Settings | None = None,
) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Check one indicator's CSV and return its typed observations with every issue found."""
    with small_pages():
        return _check_observations(indicator, table, areas, settings)


def _check_observations(
    indicator: Indicator,
    table: CsvFile,
    areas: dict[str, Area],
    settings: Settings | None,
) -> tuple[pd.DataFrame | None, list[Issue]]:
    """check_observations, with large arrays on ordinary pages."""
    dims = [
        d
        for d in (settings.dimensions if settings else ())
        if d.id in indicator.breakdowns and d.id in table.columns
    ]
    undeclared = _undeclared_breakdown_issues(table, indicator, settings)
    flagged = {(i.line, i.column) for i in undeclared}
    issues = (
        table.left_out
        + undeclared
        + [
            i
            for i in column_issues(table, (*KNOWN_COLUMNS, *(d.id for d in dims)))
            if (i.line, i.column) not in flagged
        ]
    )
    if any(i.code == "csv-missing-column" for i in issues):
        return None, issues
    cells = {col: clean_text(table.frame[col]) for col in table.columns}
    c = _Checker(table, cells, issues)
    ords = _check_periods(c, indicator)
    _check_areas(c, indicator, areas, ords)
    status = _check_statuses(c)
    nums = _check_values(c, indicator, status)
    _check_breakdowns(c, dims)
    _check_example_row(c)
    declared = {d.id for d in settings.dimensions} if settings else set()
    extra = [col for col in table.columns if col in declared and col not in KNOWN_COLUMNS]
    _check_duplicates(c, ["period", "area", *dict.fromkeys([*(d.id for d in dims), *extra])])
    n = len(table.frame)
    present = [d for d in indicator.breakdowns if d in cells]
    varying = pd.DataFrame(
        {
            "period": cells["period"].astype(str),
            "ordinal": ords,
            "area": cells["area"].astype(str),
            **{col: nums[col] for col in NUMBER_COLUMNS if col in nums},
            "status": status.astype(str),
            **{col: cells[col].astype(str) for col in ("note", *REVISION_COLUMNS) if col in cells},
            "line": table.lines,
            **{d: cells[d].astype(str) for d in present},
        }
    )
    if present:  # a breakdown the file lacks adds nothing to the key
        varying["breakdown"] = breakdown_key(varying, tuple(present))
    ordered = _in_order(varying)
    names = [
        "period",
        "ordinal",
        "area",
        *NUMBER_COLUMNS,
        "status",
        "note",
        *(col for col in REVISION_COLUMNS if col in cells),
        "line",
        *indicator.breakdowns,
        "breakdown",
    ]
    # columns the file does not have are made at their final length, not gathered
    columns = {
        name: ordered[name]
        if name in ordered
        else pd.Series(np.full(n, np.nan))
        if name in NUMBER_COLUMNS
        else _same_text("", n, TEXT)
        for name in names
    }
    return pd.DataFrame(columns, copy=False), c.issues


def _lifetime(area: Area) -> str:
    """An area's dates as the area-validity message quotes them."""
    if area.valid_from is None:
        return f"valid until {area.valid_to}"
    return f"valid {area.valid_from} to {area.valid_to or 'now'}"
