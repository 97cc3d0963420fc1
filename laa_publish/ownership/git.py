"""The few git questions ownership needs, asked safely: revisions are verified, never options."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from laa_publish.issues import quote

_SYMLINK_MODE = "120000"


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision, or no common history."""


@dataclass(frozen=True, slots=True)
class Blob:
    """A file as stored in one commit; links are kept as links so they can be refused."""

    path: str
    is_symlink: bool
    content: bytes


def run_git(root: Path, *args: str) -> bytes:
    """Run git in `root` and return its output, raising GitError with git's own reason."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
            capture_output=True,
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git could not be run: {exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout


def commit_id(root: Path, rev: str) -> str:
    """The full id of a commit; a revision that looks like an option is never passed as one."""
    try:
        out = run_git(root, "rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}")
    except GitError as exc:
        raise GitError(f"{quote(rev)} is not a commit in this repository.") from exc
    return out.decode("ascii").strip()


def check_top_level(root: Path) -> None:
    """Refuse a folder inside a repository: CODEOWNERS paths start at the repository's top."""
    top = Path(run_git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip())
    if top.resolve() != root.resolve():
        raise GitError(
            f"{root} is inside the git repository {top}; give its top folder as --root, "
            "where CODEOWNERS paths start."
        )


def files_at(root: Path, commit: str, paths: tuple[str, ...]) -> list[Blob]:
    """The files under `paths` as they were in `commit`, read from git, not the work tree."""
    listing = run_git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths)
    blobs: list[Blob] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        if kind != "blob":
            continue
        content = run_git(root, "cat-file", "blob", sha)
        blobs.append(Blob(name.decode("utf-8", "replace"), mode == _SYMLINK_MODE, content))
    return sorted(blobs, key=lambda b: b.path)
