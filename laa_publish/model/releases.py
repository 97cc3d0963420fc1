"""Releases: the dates on which the partnership publishes its figures, and the commits they fix."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

RELEASES_FILE = "site_config/releases.yaml"
TAG_PREFIX = "release/"


@dataclass(frozen=True, slots=True)
class Release:
    """One publication of the figures: declared in releases.yaml or tagged `release/<id>`.

    `commit` is the main-line commit whose data the release published, once resolved: the one
    declared, or else the last commit on or before the release date.
    """

    id: str
    title: str
    date: str
    description: str = ""
    declared_commit: str | None = None
    commit: str | None = None
    origin: str = "config"
    index: int = -1

    def resolved(self, commit: str | None) -> Release:
        """The same release with its commit fixed."""
        return replace(self, commit=commit)


def build_releases(data: dict[str, Any]) -> list[Release]:
    """Releases from a releases.yaml that passed its schema, in file order."""
    return [
        Release(
            id=str(item["id"]),
            title=str(item["title"]),
            date=str(item["date"]),
            description=str(item.get("description") or ""),
            declared_commit=str(item["commit"]).lower() if item.get("commit") else None,
            index=index,
        )
        for index, item in enumerate(data.get("releases") or [])
    ]


def released(releases: list[Release], as_of: str | None) -> list[Release]:
    """Releases published on or before `as_of` whose commit is known, oldest first."""
    if as_of is None:
        return []
    return sorted(
        (r for r in releases if r.commit and r.date <= as_of), key=lambda r: (r.date, r.id)
    )


def upcoming(releases: list[Release], as_of: str | None) -> list[Release]:
    """Releases after `as_of`, soonest first."""
    return sorted(
        (r for r in releases if as_of is None or r.date > as_of), key=lambda r: (r.date, r.id)
    )
