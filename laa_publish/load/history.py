"""Read the git history once, so pages can say when and in which commit their data changed."""

from __future__ import annotations

import logging
import re
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


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file changed by one main-line commit: old and new path and blob, to follow renames."""

    commit: str
    status: str
    old_path: str | None
    path: str
    old_blob: str | None
    blob: str | None


@dataclass(frozen=True, slots=True)
class Tag:
    """A `release/<id>` tag: which commit it names, its date and its message's subject."""

    name: str
    commit: str
    date: str
    subject: str


@dataclass(slots=True)
class History:
    """The commit that was built, the main line of commits, and what changed in each."""

    head: Commit | None = None
    last_change: dict[str, Commit] = field(default_factory=dict)
    shallow: bool = False
    dirty: bool = False
    chain: tuple[Commit, ...] = ()
    data_changes: tuple[FileChange, ...] = ()
    tags: tuple[Tag, ...] = ()

    @property
    def available(self) -> bool:
        """False when the folder is not a git checkout."""
        return self.head is not None

    @property
    def complete(self) -> bool:
        """True when the whole history is here, so provenance and releases can be trusted."""
        return self.head is not None and not self.shallow

    def index(self) -> dict[str, int]:
        """Each main-line commit's position, oldest first, to order commits without git."""
        return {c.sha: i for i, c in enumerate(self.chain)}


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
    chain = _git(root, "log", "--first-parent", "--reverse", f"--format={_FORMAT}")
    history.chain = tuple(_parse(c.strip("\n")) for c in (chain or "").split(_RECORD)[1:])
    history.data_changes = tuple(_main_line_changes(root, DATA_PATH))
    history.tags = tuple(_release_tags(root))
    return history


DATA_PATH = "data/partners"
_RAW = re.compile(r"^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t([^\t]+)(?:\t(.+))?$")


def _main_line_changes(root: Path, path: str) -> list[FileChange]:
    """Every file change under `path` along the first-parent line, oldest first.

    Merges are compared with their first parent, so each change carries the main line from
    one state to the next and the changes replay exactly into the built commit.
    """
    text = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "--no-abbrev",
        "-M",
        "--relative",
        f"--format={_RECORD}%H",
        "--",
        path,
    )
    changes: list[FileChange] = []
    for chunk in (text or "").split(_RECORD)[1:]:
        sha, _, body = chunk.partition("\n")
        for line in body.splitlines():
            match = _RAW.match(line)
            if match is None:
                continue
            old_blob, new_blob, status, first, second = match.groups()
            old_path, new_path = (first, second) if second else (first, first)
            changes.append(
                FileChange(
                    commit=sha.strip(),
                    status=status,
                    old_path=None if status == "A" else old_path,
                    path=new_path,
                    old_blob=None if set(old_blob) == {"0"} else old_blob,
                    blob=None if set(new_blob) == {"0"} else new_blob,
                )
            )
    return changes


def _release_tags(root: Path) -> list[Tag]:
    """Tags named release/<id>: the commit each names, its date and subject."""
    fmt = _FIELD.join(
        [
            "%(refname:strip=2)",
            "%(objectname)",
            "%(*objectname)",
            "%(creatordate:iso-strict)",
            "%(contents:subject)",
        ]
    )
    text = _git(root, "for-each-ref", f"--format={fmt}", "refs/tags/release/")
    tags = []
    for line in (text or "").splitlines():
        parts = line.split(_FIELD)
        if len(parts) != 5:
            continue
        name, obj, peeled, date, subject = parts
        tags.append(Tag(name, peeled or obj, date[:10], subject))
    return sorted(tags, key=lambda t: (t.date, t.name))
