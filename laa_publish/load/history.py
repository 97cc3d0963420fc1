"""Read the git history once, so pages can say when and in which commit their data changed."""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)
_FIELD, _RECORD = "\x1f", "\x1e"
_FORMAT = f"{_RECORD}%H{_FIELD}%cI{_FIELD}%ct{_FIELD}%an"


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit as an auditor needs it: id, date and author."""

    sha: str
    date: str
    timestamp: int
    author: str

    @property
    def short(self) -> str:
        """The abbreviated commit id shown on pages."""
        return self.sha[:10]

    @property
    def day(self) -> str:
        """The commit's date, YYYY-MM-DD."""
        return self.date[:10]


@dataclass(slots=True)
class History:
    """The commit that was built and the last commit to touch each file."""

    head: Commit | None = None
    last_change: dict[str, Commit] = field(default_factory=dict)
    shallow: bool = False
    dirty: bool = False

    @property
    def available(self) -> bool:
        """False when the folder is not a git checkout."""
        return self.head is not None


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("git %s failed: %s", args[0], exc)
        return None
    return done.stdout if done.returncode == 0 else None


def _parse(record: str) -> Commit:
    sha, date, stamp, author = record.split(_FIELD)[:4]
    return Commit(sha, date, int(stamp), author)


def read_history(
    root: Path, paths: tuple[str, ...] = ("data", "content", "site_config")
) -> History:
    """The head commit and, for every file under `paths`, the last commit that changed it."""
    head = _git(root, "log", "-1", f"--format={_FORMAT}")
    if not head or not head.strip(_RECORD + "\n"):
        return History()
    history = History(head=_parse(head.strip().lstrip(_RECORD)))
    history.shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    status = _git(root, "status", "--porcelain", "--", *paths)
    history.dirty = bool(status and status.strip())
    log_text = _git(root, "log", f"--format={_FORMAT}", "--name-only", "--relative", "--", *paths)
    for chunk in (log_text or "").split(_RECORD)[1:]:
        header, _, names = chunk.partition("\n")
        commit = _parse(header)
        for name in names.splitlines():
            if name and name not in history.last_change:
                history.last_change[name] = commit
    return history
