"""What auditors need: which release is shown, each figure's source, revisions and archives.

How a figure's release date is known: each release fixes a commit (declared, or the last
commit on or before its date). A build publishes the figures exactly as they stood in the
commit of the latest release dated on or before its as-of date (the built commit's date by
default), so a figure first set, or revised, after that commit waits for the next release.
Without any declared release, figures are published as they stand in the folder.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from laa_publish.compute.progress import Computed
from laa_publish.compute.provenance import (
    UNCOMMITTED,
    FileHistory,
    Source,
    commit_lookup,
    walk_files,
)
from laa_publish.compute.release_data import (
    fill_derived_sources,
    publish,
    release_frames,
    with_sources,
)
from laa_publish.compute.revisions import Revision, revised_rows, revisions_between
from laa_publish.compute.signoffs import sign_off_commits
from laa_publish.frames import rows_of
from laa_publish.load.history import Commit, History
from laa_publish.model.entities import Partnership
from laa_publish.model.releases import Release, released, upcoming

log = logging.getLogger(__name__)
RELEASE, CONTINUOUS, EMBARGOED, FOLDER = "release", "continuous", "embargoed", "folder"


@dataclass(slots=True)
class Audit:
    """Everything the pages need to trace, date and compare the published figures."""

    as_of: str | None = None
    mode: str = FOLDER
    releases: list[Release] = field(default_factory=list)
    current: Release | None = None
    revisions: list[Revision] = field(default_factory=list)
    archives: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    sign_offs: dict[str, Commit] = field(default_factory=dict)
    revised: set[tuple[str, str, str, str]] = field(default_factory=set)
    submitted: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    """Each published release's figures as partners submitted them, before roll-ups."""

    @property
    def published_releases(self) -> list[Release]:
        """Releases on or before the as-of date, oldest first."""
        return released(self.releases, self.as_of)

    @property
    def upcoming(self) -> list[Release]:
        """Releases after the as-of date, soonest first."""
        return upcoming(self.releases, self.as_of)

    def source(self, sha: str, partner: str) -> Source:
        """A figure's source from its `source` cell."""
        commit = self.commits.get(sha)
        return Source(commit, partner, UNCOMMITTED if sha == UNCOMMITTED else "committed")

    def is_revised(self, indicator: str, period: str, area: str, breakdown: str = "") -> bool:
        """Whether the release shown revised this figure (it is then marked [r])."""
        return (indicator, period, area, breakdown) in self.revised

    def latest(self, shas: list[str]) -> Commit | None:
        """The most recent of some commits, by their place on the main line."""
        known = [self.commits[s] for s in shas if s in self.commits]
        order = {c.sha: i for i, c in enumerate(self.commits.values())}
        return max(known, key=lambda c: order[c.sha]) if known else None


def _as_of(as_of: str | None, history: History) -> str | None:
    """The date figures are published as of: given, or the built commit's date; never now."""
    if as_of is not None:
        return as_of
    return history.head.day if history.head else None


def prepare(
    root: Path,
    p: Partnership,
    history: History,
    *,
    as_of: str | None = None,
    cache: Path | None = None,
) -> Audit:
    """Choose the figures to publish, replacing `p.observations`, and trace their sources."""
    audit = Audit(as_of=_as_of(as_of, history), releases=list(p.releases))
    audit.commits = commit_lookup(history)
    if not history.complete:
        log.warning(
            "No complete git history (%s): each figure's source, and the release calendar, "
            "cannot be read from it; sources are reported as unknown.",
            "a shallow clone" if history.shallow else "not a git checkout",
        )
        p.observations = {i: f.assign(source="") for i, f in p.observations.items()}
        return audit
    files = walk_files(root, history, [i.data_path for i in p.indicators.values()], cache)
    order = history.index()
    if not p.releases:
        audit.mode = CONTINUOUS
        head = history.head.sha if history.head else None
        p.observations = {
            i: with_sources(f, files.get(p.indicators[i].data_path), order, head)
            for i, f in p.observations.items()
        }
    else:
        _choose_release(root, p, history, audit, files)
    audit.sign_offs = sign_off_commits(root, p, history)
    return audit


def _choose_release(
    root: Path, p: Partnership, history: History, audit: Audit, files: dict[str, FileHistory]
) -> None:
    """Publish the latest release's figures; keep the earlier ones for revisions and archives."""
    shown = audit.published_releases
    if not shown:
        audit.mode = EMBARGOED
        p.observations = {}
        log.info("No release is due on or before %s: no figures are published.", audit.as_of)
        return
    audit.mode = RELEASE
    audit.current = shown[-1]
    audit.submitted = release_frames(root, p, history, shown, files)
    p.observations = dict(audit.submitted[audit.current.id])


def finish(audit: Audit, p: Partnership, computed: Computed) -> None:
    """Complete the published frames: sources of computed figures, [r] flags, revisions.

    Each release's figures are compared with the release before; the [r] flags of the
    release shown go on the site, and every release's go into its archived downloads.
    """
    order = {sha: i for i, sha in enumerate(audit.commits)}
    for ident, frame in list(computed.published.items()):
        if "source" in frame.columns:
            frame = fill_derived_sources(frame, p, order)
        computed.published[ident] = frame.assign(revised=False)
    if audit.mode != RELEASE or audit.current is None:
        return
    shown = audit.published_releases
    published: dict[str, dict[str, pd.DataFrame]] = {audit.current.id: computed.published}
    for release in shown[:-1]:
        published[release.id] = {
            ident: fill_derived_sources(publish(p, p.indicators[ident], frame), p, order)
            for ident, frame in audit.submitted[release.id].items()
        }
    for before, release in itertools.pairwise(shown):
        frames = published[release.id]
        for ident in sorted(frames):
            ind, old = p.indicators[ident], published[before.id].get(ident)
            audit.revisions += revisions_between(ind, old, frames[ident], before, release)
            frames[ident] = frames[ident].assign(revised=revised_rows(ind, old, frames[ident]))
    for ident, frame in computed.published.items():
        hits = frame[frame["revised"].to_numpy(dtype=bool)]
        audit.revised |= {
            (ident, str(r.period), str(r.area), str(r.breakdown)) for r in rows_of(hits)
        }
    audit.revisions.sort(key=lambda r: (r.release.date, r.release.id), reverse=True)
    audit.archives = published
