"""A figure changed since the last release is a revision, and needs its class and reason."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from laa_publish.frames import rows_of
from laa_publish.issues import Issue, error, quote, warning
from laa_publish.load.csv_loader import CsvFile, load_csv_bytes
from laa_publish.load.history import History
from laa_publish.load.versions import blob_id, files_at, read_blobs
from laa_publish.model.entities import Indicator, Partnership
from laa_publish.model.releases import Release
from laa_publish.validate.observations import REVISION_COLUMNS, check_observations

log = logging.getLogger(__name__)
REVISION_CLASSES = {
    "revision": "Revision: new information",
    "correction": "Correction: an error fixed",
}
KEY = ["period", "area", "breakdown"]
REASON_HINT = (
    'Say why in the revision_reason column, and set revision_class to "revision" (new '
    'information, such as late returns) or "correction" (an error fixed). Both are published '
    "in the revisions log."
)


def changed_values(new: pd.DataFrame, old: pd.DataFrame | None, decimals: int) -> pd.DataFrame:
    """`new` with the old value beside each row and whether its published value changed.

    A value changed when the old one was a number and the new one differs at the published
    precision, or is no longer given.
    """
    if old is None or old.empty:
        return new.assign(old_value=np.nan, changed=False)
    before = old[[*KEY, "value"]].drop_duplicates(KEY).rename(columns={"value": "old_value"})
    merged = new.merge(before, on=KEY, how="left")
    was = merged["old_value"].round(decimals)
    now = merged["value"].round(decimals)
    merged["changed"] = was.notna() & (now.isna() | (now != was))
    return merged


def released_before(releases: list[Release], history: History) -> list[Release]:
    """Releases already published by the built commit's date, newest first."""
    if history.head is None:
        return []
    day = history.head.day
    return sorted(
        (r for r in releases if r.commit and r.date <= day),
        key=lambda r: (r.date, r.id),
        reverse=True,
    )


def base_release(
    root: Path,
    path: str,
    releases: list[Release],
    history: History,
    trees: dict[str, dict[str, str]],
) -> tuple[Release | None, str | None]:
    """The latest release whose copy of `path` differs from the working file, and that blob.

    A file exactly as a release published it is judged against the release before, so the
    reasons for the revisions that release made stay valid until the file is next edited.
    """
    try:
        current = blob_id((root / path).read_bytes(), len(history.head.sha) if history.head else 40)
    except OSError:
        return None, None
    for release in releases:
        if release.commit is None:
            continue
        tree = trees.setdefault(release.commit, files_at(history, release.commit))
        blob = tree.get(path)
        if blob != current:
            return release, blob
    return None, None


def _frame(indicator: Indicator, data: bytes | None, p: Partnership) -> pd.DataFrame | None:
    """An earlier version's figures, read by today's rules; problems in it are not reported."""
    if data is None:
        return None
    table, _ = load_csv_bytes(data, indicator.data_path)
    if table is None:
        return None
    frame, _ = check_observations(indicator, table, p.areas, p.settings)
    return frame


def _class_issues(table: CsvFile, frame: pd.DataFrame) -> list[Issue]:
    column = table.column_number("revision_class")
    wrong = frame[
        (frame["revision_class"] != "") & ~frame["revision_class"].isin(list(REVISION_CLASSES))
    ]
    return [
        error(
            "revision-bad-class",
            table.path,
            int(row.line),
            column,
            f"Revision class {quote(row.revision_class)} is not known.",
            'Write "revision" for new information or "correction" for an error fixed.',
        )
        for row in rows_of(wrong)
    ]


def _row_issues(
    table: CsvFile, merged: pd.DataFrame, base: Release | None, ind: Indicator
) -> list[Issue]:
    issues: list[Issue] = []
    value_col = table.column_number("value")
    reason_col = table.column_number("revision_reason")
    class_col = table.column_number("revision_class")
    since = f"release {quote(base.id)} ({base.date})" if base else "no release yet"
    known = merged["revision_class"].isin(list(REVISION_CLASSES))
    has_reason = merged["revision_reason"] != ""
    has_class = merged["revision_class"] != ""
    for row in rows_of(merged[merged["changed"] & ~has_reason]):
        new = "no value" if pd.isna(row.value) else f"{row.value:.{ind.decimals}f}"
        issues.append(
            error(
                "revision-no-reason",
                table.path,
                int(row.line),
                value_col,
                f"The value changed from {row.old_value:.{ind.decimals}f} to {new} since "
                f"{since}, but no revision_reason is given.",
                REASON_HINT,
            )
        )
    for row in rows_of(merged[merged["changed"] & has_reason & ~has_class]):
        issues.append(
            error(
                "revision-bad-class",
                table.path,
                int(row.line),
                class_col or reason_col,
                "This revision has a reason but no revision_class.",
                'Set revision_class to "revision" (new information) or "correction" (an error '
                "fixed).",
            )
        )
    stale = ~merged["changed"] & (has_reason | has_class) & (known | ~has_class)
    for row in rows_of(merged[stale]):
        what = (
            f"its value is the same as in {since}"
            if base is not None and not pd.isna(row.old_value)
            else f"the figure was not published before ({since})"
        )
        issues.append(
            warning(
                "revision-not-needed",
                table.path,
                int(row.line),
                reason_col or class_col,
                f"This row gives a revision class or reason, but {what}.",
                "Clear revision_class and revision_reason: they are only for values that changed "
                "since the last release. Reasons given before stay in the revisions log.",
            )
        )
    return issues


def _with_revision_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with both revision columns, empty where the partner's file has none."""
    return frame.assign(**{c: frame.get(c, "") for c in REVISION_COLUMNS})


def revision_issues(
    root: Path, p: Partnership, tables: dict[str, CsvFile], history: History, declared: bool
) -> list[Issue]:
    """Every changed value needs a reason; a reason on an unchanged value is a warning.

    When releases are declared but the history is missing or shallow, only the classes are
    checked: nothing is known of what was released.
    """
    issues: list[Issue] = []
    judge = history.complete or not declared
    releases = released_before(p.releases, history) if history.complete else []
    trees: dict[str, dict[str, str]] = {}
    bases: dict[str, tuple[Release | None, str | None]] = {}
    for ident in sorted(p.observations):
        ind = p.indicators[ident]
        if ind.data_path in tables and releases:
            bases[ident] = base_release(root, ind.data_path, releases, history, trees)
    blobs = read_blobs(root, [b for _, b in bases.values() if b]) if bases else {}
    for ident in sorted(p.observations):
        ind = p.indicators[ident]
        table = tables.get(ind.data_path)
        frame = p.observations[ident]
        if table is None:
            continue
        given = any(c in frame.columns for c in REVISION_COLUMNS)
        if given:  # without the columns, no row gives a class to check
            issues.extend(_class_issues(table, _with_revision_columns(frame)))
        if not judge:
            continue
        base, blob = bases.get(ident, (None, None))
        old = _frame(ind, blobs.get(blob) if blob else None, p)
        if not given and (old is None or old.empty):
            continue  # no row gives a reason and nothing was released before: nothing to judge
        frame = _with_revision_columns(frame)
        merged = changed_values(frame, old, ind.decimals)
        issues.extend(_row_issues(table, merged, base, ind))
    return issues
