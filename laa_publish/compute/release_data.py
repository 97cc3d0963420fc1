"""Each release's figures, read from git at its commit and published by the normal rules."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from laa_publish.compute.disclosure import suppress
from laa_publish.compute.provenance import UNKNOWN, FileHistory, attribute
from laa_publish.compute.rollup import roll_up
from laa_publish.issues import Severity
from laa_publish.load.csv_loader import load_csv_bytes
from laa_publish.load.history import History
from laa_publish.load.versions import blob_id, files_at, read_blobs
from laa_publish.model.aggregate import tree_children
from laa_publish.model.entities import Indicator, Partnership
from laa_publish.model.releases import Release
from laa_publish.validate.observations import check_observations

log = logging.getLogger(__name__)


def _working_blobs(root: Path, p: Partnership, history: History) -> dict[str, str]:
    """The blob id of each indicator's CSV in the folder, to reuse its checked figures."""
    length = len(history.head.sha) if history.head else 40
    found = {}
    for ident in p.observations:
        try:
            found[ident] = blob_id((root / p.indicators[ident].data_path).read_bytes(), length)
        except OSError:
            continue
    return found


def frames_at(
    root: Path, p: Partnership, history: History, commits: list[str]
) -> dict[str, dict[str, pd.DataFrame]]:
    """Every indicator's submitted figures as they stood in each commit, checked by today's
    rules; a version that cannot be read is left out with a warning.

    A file unchanged since the commit is not read again: the folder's checked figures are
    the same.
    """
    trees = {commit: files_at(history, commit) for commit in commits}
    working = _working_blobs(root, p, history)
    wanted = {
        tree[ind.data_path]
        for tree in trees.values()
        for ident, ind in p.indicators.items()
        if ind.data_path in tree and tree[ind.data_path] != working.get(ident)
    }
    blobs = read_blobs(root, wanted)
    found: dict[str, dict[str, pd.DataFrame]] = {}
    for commit, tree in trees.items():
        frames: dict[str, pd.DataFrame] = {}
        for ident in sorted(p.indicators):
            ind = p.indicators[ident]
            if ident in working and tree.get(ind.data_path) == working[ident]:
                frames[ident] = p.observations[ident]
                continue
            data = blobs.get(tree.get(ind.data_path, ""))
            if data is None:
                continue
            table, problems = load_csv_bytes(data, ind.data_path)
            frame = None
            if table is not None:
                frame, problems = check_observations(ind, table, p.areas, p.settings)
            errors = [i for i in problems if i.severity is Severity.ERROR]
            if frame is None or errors:
                log.warning(
                    "%s as of commit %s does not pass today's checks (%d problems); its figures "
                    "are left out of that release.",
                    ind.data_path,
                    commit[:10],
                    len(errors) or 1,
                )
                continue
            frames[ident] = frame
        found[commit] = frames
    return found


def with_sources(
    frame: pd.DataFrame, file: FileHistory | None, order: dict[str, int], at: str | None
) -> pd.DataFrame:
    """The frame with a `source` column: the commit that set each figure as of `at`."""
    if at is None:
        return frame.assign(source=UNKNOWN)
    return frame.assign(source=attribute(frame, file, order, at))


def publish(p: Partnership, ind: Indicator, frame: pd.DataFrame) -> pd.DataFrame:
    """Figures as the site shows them: rolled up the area tree, then disclosure-controlled."""
    return suppress(
        ind, roll_up(ind, frame, p.areas, levels=p.settings.levels), p.areas, p.settings
    )


def fill_derived_sources(
    frame: pd.DataFrame, p: Partnership, order: dict[str, int]
) -> pd.DataFrame:
    """A computed figure's source is the latest commit among the figures below it in the tree."""
    if (
        "derived" not in frame.columns
        or "source" not in frame.columns
        or not frame["derived"].any()
    ):
        return frame
    parent = {
        kid: code
        for code, kids in tree_children(p.areas, p.settings.levels).items()
        for kid in kids
    }
    submitted = frame[~frame["derived"] & frame["source"].isin(order)]
    latest: dict[tuple[str, int, str], int] = {}
    for area, ordinal, breakdown, sha in zip(
        submitted["area"],
        submitted["ordinal"],
        submitted["breakdown"],
        submitted["source"],
        strict=True,
    ):
        rank = order[sha]
        above = parent.get(area)
        while above is not None:
            key = (above, int(ordinal), breakdown)
            if latest.get(key, -1) < rank:
                latest[key] = rank
            above = parent.get(above)
    chain = sorted(order, key=order.__getitem__)
    derived = frame["derived"].to_numpy(dtype=bool)
    sources = frame["source"].to_numpy(dtype=object).copy()
    areas, ordinals, breakdowns = (frame[c].tolist() for c in ("area", "ordinal", "breakdown"))
    for i in np.flatnonzero(derived).tolist():
        found = latest.get((str(areas[i]), int(ordinals[i]), str(breakdowns[i])))
        sources[i] = chain[found] if found is not None else UNKNOWN
    return frame.assign(source=sources)


def release_frames(
    root: Path,
    p: Partnership,
    history: History,
    releases: list[Release],
    files: dict[str, FileHistory],
) -> dict[str, dict[str, pd.DataFrame]]:
    """Each release's submitted figures, keyed by release id, each row with its source."""
    order = history.index()
    commits = sorted({r.commit for r in releases if r.commit}, key=lambda c: order.get(c, -1))
    by_commit = frames_at(root, p, history, commits)
    result: dict[str, dict[str, pd.DataFrame]] = {}
    for release in releases:
        frames = by_commit.get(release.commit or "", {})
        result[release.id] = {
            ident: with_sources(
                frame, files.get(p.indicators[ident].data_path), order, release.commit
            )
            for ident, frame in frames.items()
        }
    return result
