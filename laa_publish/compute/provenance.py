"""Which commit last set each figure: replay each CSV's versions along the main line.

A figure is keyed by (period, area, breakdown) and its state is its value and status. The
walk reads every version of a file oldest first (one `git cat-file --batch` process),
compares each with the one before, and records an event whenever a key's state changes,
so the commit that last set a figure, as of any main-line commit, is the last event for
its key up to that commit. Results are cached per file by the commits and blobs that made
it, and a file with new commits resumes from its cached events.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from laa_publish.load.history import Commit, FileChange, History
from laa_publish.load.versions import BlobReader, lineage
from laa_publish.model.periods import date_words
from laa_publish.validate.observations import KNOWN_COLUMNS

log = logging.getLogger(__name__)
SEP = "\x1f"
CACHE_FORMAT = 1
UNKNOWN, UNCOMMITTED = "", "uncommitted"
BLOCK = 512  # lines compared at a time between two versions


def number_text(value: object) -> str:
    """A value as compared across versions: 21.4 and 21.40 are the same figure."""
    text = str(value).strip()
    if not text:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    return "" if number != number else format(number, ".12g")


def canonical_breakdown(label: str) -> str:
    """A breakdown label with its dimensions sorted, so column order never changes a key."""
    return ";".join(sorted(label.split(";"))) if ";" in label else label


def _keyed(header: list[str], rows: Iterable[list[str]]) -> dict[str, str]:
    """Key → state for parsed CSV rows; rows that do not fit the header are skipped."""
    try:
        period, area, value = header.index("period"), header.index("area"), header.index("value")
    except ValueError:
        return {}
    status = header.index("status") if "status" in header else None
    dims = sorted((name, i) for i, name in enumerate(header) if name not in KNOWN_COLUMNS)
    width = len(header)
    found: dict[str, str] = {}
    for row in rows:
        if len(row) != width:
            continue
        breakdown = ";".join(f"{name}={row[i].strip()}" for name, i in dims if row[i].strip())
        state = row[status].strip() if status is not None else ""
        found[f"{row[period].strip()}{SEP}{row[area].strip()}{SEP}{breakdown}"] = (
            f"{number_text(row[value])}{SEP}{state or 'final'}"
        )
    return found


def _rows(header: list[str], lines: list[str]) -> dict[str, str]:
    """Key → state for single CSV lines (no quoted line breaks) read with a header.

    A line the csv module refuses (a stray carriage return, say) is skipped, not fatal:
    the validator reports it, and its figure's source is then unknown.
    """
    try:
        return _keyed(header, list(csv.reader(lines)))
    except csv.Error:
        return _keyed(header, [row for line in lines for row in _parse_line(line)])


def _parse_line(line: str) -> list[list[str]]:
    try:
        return list(csv.reader([line]))
    except csv.Error:
        return []


def _content_rows(data: bytes) -> tuple[list[str], dict[str, str]]:
    """Header and key → state for a whole file, read with the csv module (quotes allowed)."""
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = [row for line in text.splitlines() for row in _parse_line(line)]
    header = [name.strip() for name in rows[0]] if rows else []
    return header, _keyed(header, rows[1:])


def _decoded(lines: list[bytes]) -> list[str]:
    return [line.rstrip(b"\r").decode("utf-8", "replace") for line in lines]


def line_changes(old: list[bytes], new: list[bytes]) -> tuple[list[bytes], list[bytes]]:
    """Data lines only one version has: (removed, added), the header row left out.

    Blocks of lines at the same position are compared in C and skipped when equal, so an
    edit in place or rows added at the end cost little. In a block that differs, a line
    found on both sides is dropped; a row that merely moved between blocks shows as removed
    and added, and the key-by-key comparison then finds nothing changed.
    """
    before, after = old[1:], new[1:]
    removed: list[bytes] = []
    added: list[bytes] = []
    common = min(len(before), len(after))
    for start in range(0, common, BLOCK):
        end = min(start + BLOCK, common)
        a, b = before[start:end], after[start:end]
        if a != b:
            only_a, only_b = set(a), set(b)
            removed += [line for line in a if line not in only_b]
            added += [line for line in b if line not in only_a]
    return removed + before[common:], added + after[common:]


@dataclass(slots=True)
class FileHistory:
    """Every change of state of every figure in one CSV, as (key, state, commit) events."""

    path: str
    steps: list[tuple[str, str]]
    header: list[str]
    events: pd.DataFrame

    def at(self, order: dict[str, int], commit: str) -> pd.DataFrame:
        """Key → state and the commit that set it, as the file stood in `commit`."""
        limit = order.get(commit, -1)
        rank = self.events["commit"].map(order).fillna(len(order)).to_numpy()
        upto = self.events[rank <= limit]
        last = upto.drop_duplicates("key", keep="last")
        return last[last["state"].notna()].set_index("key")


@dataclass(slots=True)
class _Walk:
    """Replays one file's patches, recording an event whenever a figure's state changes."""

    header: list[str] = field(default_factory=list)
    state: dict[str, str] = field(default_factory=dict)
    events: list[tuple[str, str | None, str]] = field(default_factory=list)

    def step(self, commit: str, old: list[bytes], new: list[bytes], data: bytes) -> None:
        """Apply one version, given the previous one's lines; whole-file when it must be."""
        header = new[0].rstrip(b"\r").decode("utf-8", "replace").lstrip("\ufeff") if new else ""
        removed, added = line_changes(old, new)
        quoted = any(b'"' in line for line in (*removed, *added)) or '"' in header
        if quoted or (old and header != ",".join(self.header)):
            self.resync(commit, data)
            return
        self.header = [name.strip() for name in next(iter(_parse_line(header)), [])]
        before = _rows(self.header, _decoded(removed))
        after = _rows(self.header, _decoded(added))
        for key in before.keys() - after.keys():
            if self.state.pop(key, None) is not None:
                self.events.append((key, None, commit))
        for key, state in after.items():
            if self.state.get(key) != state:
                self.state[key] = state
                self.events.append((key, state, commit))

    def resync(self, commit: str, data: bytes) -> None:
        """Compare the whole new version with the current state, key by key."""
        self.header, rows = _content_rows(data)
        for key in sorted(self.state.keys() - rows.keys()):
            del self.state[key]
            self.events.append((key, None, commit))
        for key, state in rows.items():
            if self.state.get(key) != state:
                self.state[key] = state
                self.events.append((key, state, commit))

    def frame(self, previous: pd.DataFrame | None) -> pd.DataFrame:
        """All events so far, the cached ones first."""
        new = pd.DataFrame(self.events, columns=["key", "state", "commit"])
        if previous is None or previous.empty:
            return new
        return pd.concat([previous, new], ignore_index=True) if len(new) else previous

    @classmethod
    def resume(cls, cached: FileHistory) -> _Walk:
        """Start from a cached file history's last state."""
        last = cached.events.drop_duplicates("key", keep="last")
        last = last[last["state"].notna()]
        return cls(list(cached.header), dict(zip(last["key"], last["state"], strict=True)))


def _cache_name(cache: Path, path: str) -> Path:
    return cache / hashlib.sha256(path.encode()).hexdigest()[:24]


def _load_cached(cache: Path | None, path: str) -> FileHistory | None:
    if cache is None:
        return None
    base = _cache_name(cache, path)
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("format") != CACHE_FORMAT or meta.get("path") != path:
            return None
        events = pd.read_parquet(base.with_suffix(".parquet"))
    except (OSError, ValueError, KeyError):
        return None
    steps = [(str(c), str(b)) for c, b in meta["steps"]]
    return FileHistory(path, steps, list(meta["header"]), events)


def _store(cache: Path | None, history: FileHistory) -> None:
    if cache is None:
        return
    base = _cache_name(cache, history.path)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        history.events.to_parquet(base.with_suffix(".parquet"), index=False)
        meta = {
            "format": CACHE_FORMAT,
            "path": history.path,
            "steps": history.steps,
            "header": history.header,
        }
        base.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    except OSError as exc:
        log.debug("provenance cache not written for %s: %s", history.path, exc)


def walk_files(
    root: Path, history: History, paths: Iterable[str], cache: Path | None = None
) -> dict[str, FileHistory]:
    """The event history of each CSV, from the cache where its commits are unchanged."""
    lineages = {path: lineage(history, path) for path in sorted(set(paths))}
    done: dict[str, FileHistory] = {}
    todo: dict[str, tuple[list[FileChange], FileHistory | None]] = {}
    for path, changes in lineages.items():
        if not changes:
            continue
        steps = [(c.commit, c.blob or "") for c in changes]
        cached = _load_cached(cache, path)
        if cached is not None and cached.steps == steps:
            done[path] = cached
        elif cached is not None and steps[: len(cached.steps)] == cached.steps:
            todo[path] = (changes[len(cached.steps) :], cached)
        else:
            todo[path] = (changes, None)
    if not todo:
        return done
    with BlobReader(root) as reader:
        for path, (changes, cached) in todo.items():
            walk = _walk(reader, changes, cached)
            if walk is None:
                log.warning(
                    "Earlier versions of %s could not be read; its figures' provenance is "
                    "reported as unknown.",
                    path,
                )
                continue
            result = FileHistory(
                path,
                [(c.commit, c.blob or "") for c in lineages[path]],
                walk.header,
                walk.frame(cached.events if cached else None),
            )
            _store(cache, result)
            done[path] = result
    return done


def _walk(
    reader: BlobReader, changes: list[FileChange], cached: FileHistory | None
) -> _Walk | None:
    """Replay one file's versions, oldest first, from its cached state when there is one."""
    walk = _Walk.resume(cached) if cached else _Walk()
    previous: list[bytes] = []
    if cached is not None:
        data = reader.get(cached.steps[-1][1])
        if data is None:
            return None
        previous = data.split(b"\n")
    for change in changes:
        data = reader.get(change.blob) if change.blob else None
        if data is None:
            return None
        lines = data.split(b"\n")
        walk.step(change.commit, previous, lines, data)
        previous = lines
    return walk


def observation_keys(frame: pd.DataFrame) -> pd.Series:
    """The walk's key for each row of a validated observations frame."""
    breakdown = frame["breakdown"].astype(str).map(canonical_breakdown)
    return frame["period"].astype(str) + SEP + frame["area"].astype(str) + SEP + breakdown


def observation_states(frame: pd.DataFrame) -> pd.Series:
    """The walk's state (value and status) for each row of a validated observations frame."""
    values = frame["value"].to_numpy(dtype=float)
    text = [("" if np.isnan(v) else format(v, ".12g")) for v in values]
    return pd.Series(text, index=frame.index) + SEP + frame["status"].astype(str)


def attribute(
    frame: pd.DataFrame, file: FileHistory | None, order: dict[str, int], at: str
) -> pd.Series:
    """The commit that set each row's figure as of commit `at`; '' unknown, 'uncommitted'."""
    if file is None or frame.empty:
        return pd.Series([UNKNOWN] * len(frame), index=frame.index, dtype=object)
    snapshot = file.at(order, at)
    keys = observation_keys(frame)
    commit = keys.map(snapshot["commit"]).fillna(UNKNOWN)
    matches = keys.map(snapshot["state"]) == observation_states(frame)
    return commit.where(matches | (commit == UNKNOWN), UNCOMMITTED).astype(object)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a published figure came from: the commit that last set it and the partner."""

    commit: Commit | None
    partner: str
    state: str = "committed"

    def text(self, partner_name: str) -> str:
        """'Police, 14 March 2026, version abc1234', or why it is not known."""
        if self.commit is not None:
            return f"{partner_name}, {date_words(self.commit.day)}, version {self.commit.sha[:7]}"
        if self.state == UNCOMMITTED:
            return f"{partner_name}, not yet saved in the data's history"
        return f"{partner_name}, version not known"


def commit_lookup(history: History) -> dict[str, Commit]:
    """Main-line commits by id."""
    return {c.sha: c for c in history.chain}
