"""Earlier versions of data files from git: which blob each file had, and the blobs' bytes."""

from __future__ import annotations

import hashlib
import logging
import subprocess
from collections.abc import Iterable
from pathlib import Path

from laa_publish.load.history import FileChange, History

log = logging.getLogger(__name__)


def files_at(history: History, commit: str) -> dict[str, str]:
    """Each data file's blob id as it stood in a main-line commit, replayed from the raw log."""
    order = history.index()
    limit = order.get(commit)
    if limit is None:
        return {}
    tree: dict[str, str] = {}
    for change in history.data_changes:
        if order.get(change.commit, limit + 1) > limit:
            break
        if change.old_path and change.status in ("R", "D"):
            tree.pop(change.old_path, None)
        if change.blob and change.status != "D":
            tree[change.path] = change.blob
    return tree


def blob_id(data: bytes, sha_length: int = 40) -> str:
    """The id git gives these bytes as a blob, so a working file can be matched to history."""
    header = f"blob {len(data)}\0".encode()
    digest = hashlib.sha256 if sha_length == 64 else hashlib.sha1
    return digest(header + data, usedforsecurity=False).hexdigest()


def read_blobs(root: Path, shas: Iterable[str]) -> dict[str, bytes]:
    """Many blobs through one `git cat-file --batch`; blobs git cannot find are left out."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"],
            input=("\n".join(wanted) + "\n").encode(),
            capture_output=True,
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("Earlier versions of the data could not be read from git: %s", exc)
        return {}
    out, found, pos = done.stdout, {}, 0
    for sha in wanted:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        found[sha] = out[pos : pos + size]
        pos += size + 1
    return found


class BlobReader:
    """One `git cat-file --batch` process answering blob requests one at a time.

    Versions of a large file are read one after another, so only two are ever in memory.
    """

    def __init__(self, root: Path) -> None:
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", "-C", str(root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            log.warning("Earlier versions of the data could not be read from git: %s", exc)
            self._process = None

    def get(self, sha: str) -> bytes | None:
        """The blob's bytes, or None when git does not have it."""
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            return None
        try:
            process.stdin.write(sha.encode() + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                return None
            data = process.stdout.read(int(header[2]))
            process.stdout.read(1)
        except (OSError, ValueError):
            return None
        return data

    def close(self) -> None:
        """End the git process."""
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def lineage(history: History, path: str) -> list[FileChange]:
    """The main-line changes that made `path` what it is, following renames, oldest first."""
    chain: list[FileChange] = []
    current = path
    for change in reversed(history.data_changes):
        if change.path != current:
            continue
        if change.status == "D":
            break
        chain.append(change)
        if change.status == "A":
            break
        if change.status in ("R", "C") and change.old_path:
            current = change.old_path
    return list(reversed(chain))
