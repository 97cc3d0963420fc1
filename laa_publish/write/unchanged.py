"""Skip a rebuild whose every input is the same as the last build's, and whose site is intact.

A build is a pure function of the partnership's files, the git history, the options, the
code of laa-publish and the engine's version. The key below hashes all of them; when it
matches the key recorded by the last successful build into the same folder, and that
folder still holds exactly the files the build wrote, the build is already done. Any
doubt (a missing record, a changed or added file) means a full build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import laa_publish
from laa_publish.issues import Issue, Severity
from laa_publish.load.history import Commit

log = logging.getLogger(__name__)

INPUT_FOLDERS = ("data", "content", "site_config")
INPUT_FILES = ("mkdocs.yml",)
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
RECORD = "last-build.json"


def _add_tree(digest: hashlib._Hash, folder: Path, base: Path) -> None:
    files = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _versions() -> str:
    found = []
    for name in ENGINE_PACKAGES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ";".join(found)


def input_key(
    root: Path, output: Path, head: Commit | None, *, strict: bool, as_of: str | None
) -> str:
    """One hash of everything a build reads, and of the options and code it runs with."""
    digest = hashlib.sha256()
    options = {
        "output": str(output),
        "head": head.sha if head else None,
        "strict": strict,
        "as_of": as_of,
        "engine": _versions(),
    }
    digest.update(json.dumps(options, sort_keys=True).encode())
    for name in INPUT_FOLDERS:
        if (root / name).is_dir():
            _add_tree(digest, root / name, root)
    for name in INPUT_FILES:
        if (root / name).is_file():
            digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    digest.update(code_fingerprint().encode())
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """A hash of laa-publish's own code and the engine's versions: what any cache depends on.

    Read once per process: the build's key and the page cache both need it.
    """
    digest = hashlib.sha256(_versions().encode())
    package = Path(next(iter(laa_publish.__path__)))
    _add_tree(digest, package, package.parent)
    return digest.hexdigest()


def site_listing(site: Path) -> str:
    """A cheap fingerprint of a built site: every file's path, size and modification time."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(
            f"{path.relative_to(site).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


@dataclass(slots=True)
class Previous:
    """What the last build recorded: its pages and the warnings it reported."""

    pages: int
    issues: list[Issue]


def previous_build(work: Path, key: str, output: Path) -> Previous | None:
    """The last build's record, if it had this key and its site is untouched since."""
    record = work / RECORD
    if not record.is_file() or not output.is_dir():
        return None
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        if data["key"] != key or data["site"] != site_listing(output):
            return None
        issues = [  # replayed exactly as the last build reported them
            Issue(
                item["code"],
                Severity(item["severity"]),
                item["path"],
                item["line"],
                item["column"],
                item["message"],
                item["hint"],
            )
            for item in data["issues"]
        ]
        return Previous(int(data["pages"]), issues)
    except (ValueError, KeyError, TypeError) as exc:
        log.debug("ignoring an unreadable build record: %s", exc)
        return None


def record_build(work: Path, key: str, output: Path, pages: int, issues: list[Issue]) -> None:
    """Remember a successful build, so that an identical one can be skipped."""
    data = {
        "key": key,
        "site": site_listing(output),
        "pages": pages,
        "issues": [issue.to_dict() for issue in issues],
    }
    (work / RECORD).write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")


def forget_build(work: Path) -> None:
    """Drop the record before a build changes anything, so a failed build is never skipped."""
    (work / RECORD).unlink(missing_ok=True)
