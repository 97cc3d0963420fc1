"""Comparator series (England, the region, similar areas) checked like observations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

import pandas as pd

from laa_publish.issues import Issue, Severity, choices_hint, error, quote, warning
from laa_publish.load.csv_loader import CsvFile
from laa_publish.load.positions import YamlDocument
from laa_publish.model.entities import Indicator, Partnership
from laa_publish.validate.observations import (
    _check_periods,
    _Checker,
    _numbers,
    check_unit_range,
    column_issues,
)

COMPARATOR_COLUMNS = ("comparator", "period", "value", "note")
REQUIRED = ("comparator", "period", "value")


def declaration_issues(
    p: Partnership, ind: Indicator, doc: YamlDocument, tables: set[str]
) -> Iterator[Issue]:
    """Each comparator has its own id, is no partnership area, and its file exists."""
    seen: dict[str, int] = {}
    for j, comp in enumerate(ind.comparators):
        if comp.id in seen:
            yield error(
                "comparator-duplicate-id",
                *doc.at(("comparators", j, "id")),
                f"Comparator id {quote(comp.id)} is already used by comparator "
                f"{seen[comp.id] + 1}.",
                "Give each comparator of an indicator its own id.",
            )
        seen.setdefault(comp.id, j)
        if comp.id in p.areas:
            yield error(
                "comparator-area-code",
                *doc.at(("comparators", j, "id")),
                f"Comparator id {quote(comp.id)} is the code of {quote(p.areas[comp.id].name)} "
                "in the partnership's area register.",
                "A comparator is a place outside the partnership: its figures for areas inside "
                'it belong in the observations file. Use another id, e.g. "england".',
            )
    if ind.comparator_path is not None and ind.comparator_path not in tables:
        yield error(
            "comparator-data-missing",
            *doc.at(("comparator_data",) if "comparator_data" in doc.data else ("comparators",)),
            f"The comparator file {quote(ind.comparator_path)} does not exist or could not be "
            "read.",
            f"Put the comparators' figures beside this file as "
            f"{PurePosixPath(ind.comparator_path).name}, with the columns comparator, period "
            "and value.",
        )


def check_comparators(ind: Indicator, table: CsvFile) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Check one indicator's comparator file and return its typed figures with every issue."""
    header = column_issues(table, COMPARATOR_COLUMNS, REQUIRED, " of a comparator file")
    issues = [*table.left_out, *header]
    if any(i.code == "csv-missing-column" for i in issues):
        return None, issues
    cells = {col: table.frame[col].astype("string").fillna("").str.strip() for col in table.columns}
    c = _Checker(table, cells, issues)
    ids = [comp.id for comp in ind.comparators]
    known = cells["comparator"].isin(ids)
    c.flag(
        ~known,
        "comparator",
        "comparator-unknown",
        lambda r: (
            f"Comparator {quote(c.value('comparator', r))} is not declared by {ind.source_path}."
        ),
        lambda r: (
            choices_hint(c.value("comparator", r), ids)
            + " Declare it under 'comparators:' in the indicator's file."
        ),
    )
    ords = _check_periods(c, ind)
    value = _numbers(c, "value")
    c.flag(
        cells["value"] == "",
        "value",
        "csv-missing-value",
        lambda r: "The comparator's value is empty.",
        "Fill in the value, or delete the row: a comparator row without a figure says nothing.",
    )
    check_unit_range(c, ind.unit, value)
    keys = pd.DataFrame({"comparator": cells["comparator"], "ordinal": ords})
    repeated = keys.duplicated(keep="first") & known & ords.notna()
    c.flag(
        repeated,
        "period",
        "csv-duplicate-row",
        lambda r: (
            f"There is already a row for comparator {quote(c.value('comparator', r))}, "
            f"period {quote(c.value('period', r))}."
        ),
        "Keep one row for each comparator and period: delete or correct the repeated one.",
    )
    frame = pd.DataFrame(
        {
            "comparator": cells["comparator"].astype(str),
            "period": cells["period"].astype(str),
            "ordinal": ords,
            "value": value,
            "note": cells.get("note", pd.Series([""] * len(table.frame))).astype(str),
            "line": table.lines,
        }
    )
    good = known & ords.notna() & value.notna() & ~repeated
    rank = {comp.id: n for n, comp in enumerate(ind.comparators)}
    frame = frame[good.to_numpy()]
    frame = frame.assign(_rank=frame["comparator"].map(rank)).sort_values(
        ["_rank", "ordinal"], kind="stable"
    )
    frame = frame.drop(columns="_rank")
    frame = frame.reset_index(drop=True)
    present = set(frame["comparator"])
    for comp in ind.comparators:
        if comp.id not in present and not any(i.severity is Severity.ERROR for i in c.issues):
            c.issues.append(
                warning(
                    "comparator-no-values",
                    table.path,
                    None,
                    None,
                    f"Comparator {quote(comp.id)} ({comp.name}) has no rows in the file, so it "
                    "is not shown.",
                    f"Add rows with comparator {comp.id}, or remove it from the indicator's "
                    "comparators.",
                )
            )
    return frame, c.issues
