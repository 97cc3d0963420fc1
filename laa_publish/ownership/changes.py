"""Files a change touches, from git, and the ones the submitting partner does not own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from laa_publish.issues import Issue, error, quote
from laa_publish.load.repository import PARTNERS_DIR
from laa_publish.ownership.git import run_git
from laa_publish.ownership.rules import Ownership

_VERBS = {"A": "adds", "C": "adds", "D": "deletes", "M": "changes", "T": "changes"}


@dataclass(frozen=True, slots=True)
class Change:
    """One path a change touches; a move touches two, its old and its new path."""

    path: str
    verb: str
    other: str | None = None

    def describe(self) -> str:
        """The change in words, e.g. 'moves "a.csv" to "b.csv"'."""
        path = quote(self.path, limit=200)
        if self.other is None:
            return f"{self.verb} {path}"
        other = quote(self.other, limit=200)
        return (
            f"moves {path} to {other}" if self.verb == "moves away" else f"moves {other} to {path}"
        )


def parse_name_status(output: str) -> list[Change]:
    """Read `git diff --name-status -z`: a move counts at both its old and its new path."""
    fields = output.split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status == "R":
            old, new = fields[i + 1], fields[i + 2]
            changes += [Change(old, "moves away", new), Change(new, "moves here", old)]
            i += 3
        elif status == "C":
            changes.append(Change(fields[i + 2], _VERBS["C"]))
            i += 3
        else:
            changes.append(Change(fields[i + 1], _VERBS.get(status, "changes")))
            i += 2
    return changes


def changed_files(root: Path, base: str, head: str) -> list[Change]:
    """Every path changed on commit `head` since it left commit `base`, as a pull request shows."""
    output = run_git(
        root,
        "diff",
        "--name-status",
        "-z",
        "--find-renames",
        "--no-ext-diff",
        "--no-textconv",
        f"{base}...{head}",
        "--",
    )
    return parse_name_status(output.decode("utf-8", "replace"))


def ownership_issues(ownership: Ownership, partner: str, changes: list[Change]) -> Iterator[Issue]:
    """One ownership-violation for each changed path the partner's team does not own."""
    team = ownership.teams[partner]
    for change in changes:
        if ownership.may_change(partner, change.path):
            continue
        owners = " and ".join(ownership.owners(change.path))
        yield error(
            "ownership-violation",
            change.path,
            None,
            None,
            f"Partner {quote(partner)} ({team}) {change.describe()}, but this file belongs to "
            f"{owners}.",
            f"Partners change only their own folder, {PARTNERS_DIR}/{partner}/, and the "
            f"narratives of outcomes they lead. Take this file out of the pull request, or ask "
            f"{owners} to make the change.",
        )
