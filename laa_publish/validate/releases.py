"""Releases from site_config/releases.yaml and `release/*` tags, each fixed to a commit."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from laa_publish.issues import Issue, error, quote
from laa_publish.load.history import Commit, History
from laa_publish.load.positions import YamlDocument
from laa_publish.model.releases import TAG_PREFIX, Release, build_releases

log = logging.getLogger(__name__)
RELEASE_ID = re.compile(r"[a-z0-9]+([.-][a-z0-9]+)*")  # as in releases.schema.json


def _duplicates(doc: YamlDocument, releases: list[Release]) -> Iterator[Issue]:
    first: dict[str, int] = {}
    for release in releases:
        if release.id in first:
            yield error(
                "duplicate-id",
                *doc.at(("releases", release.index, "id")),
                f"Release id {quote(release.id)} is declared twice "
                f"(first in entry {first[release.id] + 1}).",
                "Give each release its own id: its archived downloads are published under it.",
            )
        else:
            first[release.id] = release.index


def _find(chain: tuple[Commit, ...], declared: str) -> list[Commit]:
    return [c for c in chain if c.sha.startswith(declared)]


def _resolve(
    release: Release, history: History, doc: YamlDocument | None
) -> tuple[Release, list[Issue]]:
    """Fix a declared release to its commit, or say why the declared commit cannot be used."""
    if release.declared_commit is None:
        before = [c for c in history.chain if c.day <= release.date]
        return release.resolved(before[-1].sha if before else None), []
    found = _find(history.chain, release.declared_commit)
    where = doc.at(("releases", release.index, "commit")) if doc else ("", None, None)
    hint = (
        "Give a commit on the main branch (git log --first-parent shows them), made on or "
        "before the release date, or leave the commit out to use the last commit on or before "
        "the date."
    )
    if len(found) != 1:
        what = "matches more than one commit" if found else "is not a commit on the main line"
        message = f"Release {quote(release.id)}: commit {quote(release.declared_commit)} {what}."
        return release, [error("release-commit", *where, message, hint)]
    commit = found[0]
    if commit.day > release.date:
        message = (
            f"Release {quote(release.id)} is dated {release.date}, but its commit "
            f"{commit.sha[:10]} was made later, on {commit.day}."
        )
        return release, [error("release-commit", *where, message, hint)]
    return release.resolved(commit.sha), []


def _tag_releases(history: History, taken: set[str]) -> list[Release]:
    """Releases from `release/<id>` tags on the main line that releases.yaml does not declare."""
    on_chain = {c.sha for c in history.chain}
    found = []
    for tag in history.tags:
        ident = tag.name.removeprefix(TAG_PREFIX)
        if ident in taken:
            continue
        if not RELEASE_ID.fullmatch(ident):
            log.warning(
                "Tag %s is ignored: a release id is lower-case letters and digits joined by "
                "hyphens or dots, as its downloads are archived under it.",
                tag.name,
            )
            continue
        if tag.commit not in on_chain:
            log.warning("Tag %s is not on the main line of history, so it is ignored.", tag.name)
            continue
        found.append(
            Release(
                id=ident,
                title=tag.subject or f"Release {ident}",
                date=tag.date,
                commit=tag.commit,
                origin="tag",
            )
        )
    return found


def release_issues(doc: YamlDocument | None, history: History) -> tuple[list[Release], list[Issue]]:
    """Every release, resolved against the history where it is complete, and the problems."""
    declared = build_releases(doc.data) if doc is not None else []
    issues: list[Issue] = list(_duplicates(doc, declared)) if doc is not None else []
    if not history.complete:
        if declared:
            log.warning(
                "The release calendar cannot be applied: %s. Figures are published as they "
                "stand in the folder, and revisions cannot be found.",
                "the clone is shallow" if history.shallow else "there is no git history",
            )
        return declared, issues
    releases: list[Release] = []
    for release in declared:
        resolved, found = _resolve(release, history, doc)
        releases.append(resolved)
        issues.extend(found)
    releases += _tag_releases(history, {r.id for r in declared})
    return sorted(releases, key=lambda r: (r.date, r.id)), issues
