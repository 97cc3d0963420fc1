"""Run catalogue examples through the real validator, so published examples cannot go stale.

The Partner guide shows what the validator says about every common mistake. Those messages
depend only on the catalogue, its sandbox partnership and the validator's own code, so they
are worked out once, all together, and kept in the build's cache under a hash of exactly
those inputs: a build re-validates the sandbox only after one of them changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path

from laa_publish.catalogue import CatalogueError, Example, entries
from laa_publish.issues import Issue, Severity
from laa_publish.validate.run import check

log = logging.getLogger(__name__)

SANDBOX = Path(__file__).resolve().parent / "sandbox"
"""A tiny valid partnership that every example is applied to (see its README.md)."""
PACKAGE = Path(__file__).resolve().parent.parent
VALIDATOR_SOURCES = (
    "catalogue",
    "frames.py",
    "issues.py",
    "load",
    "geo",
    "model",
    "parallel.py",
    "result_cache.py",
    "schemas",
    "validate",
)
"""What the examples' output is made from, relative to the package: the catalogue with its
sandbox, and every module the validator can import (tests/test_catalogue.py proves it)."""
CACHE_FILE = "common-examples.json"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

CommonExamples = Mapping[str, tuple[Issue, ...]]
"""What the validator says about each common entry's wrong example, by code."""


def apply_example(example: Example, root: Path) -> None:
    """Make one example real in a copy of the sandbox at `root`."""
    target = root / example.file
    if example.action == "show":
        return
    if example.action == "delete":
        target.unlink()
        return
    if example.action == "symlink":
        target.unlink(missing_ok=True)
        target.symlink_to(example.link_to)
        return
    text = example.text
    if example.action == "edit":
        current = target.read_text(encoding="utf-8")
        if current.count(example.replaces) != 1:
            raise CatalogueError(
                f"{example.file}: the text to replace must occur exactly once in the sandbox, "
                f"not {current.count(example.replaces)} times: {example.replaces!r}"
            )
        text = current.replace(example.replaces, example.text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(example.encoding))


@contextmanager
def example_repository(example: Example) -> Iterator[Path]:
    """A throwaway copy of the sandbox with the example applied, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="laa-example-") as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(SANDBOX, root, ignore=shutil.ignore_patterns("README.md"))
        apply_example(example, root)
        yield root


def run_example(example: Example) -> list[Issue]:
    """Every issue the validator reports for the sandbox with this example applied."""
    with example_repository(example) as root:
        return check(root).issues


def _dependency_versions() -> list[str]:
    """The installed versions of laa-publish's dependencies: their messages reach the output."""
    try:
        wanted = metadata.requires("laa-publish") or []
    except metadata.PackageNotFoundError:
        return []
    found = set()
    for requirement in wanted:
        name = _NAME.match(requirement)
        if name is None or "extra ==" in requirement:  # test tools never reach the site
            continue
        try:
            found.add(f"{name.group()}=={metadata.version(name.group())}")
        except metadata.PackageNotFoundError:
            found.add(f"{name.group()} missing")
    return sorted(found)


def inputs_key(package: Path = PACKAGE) -> str:
    """A hash of everything the examples' output depends on, so a cache can never be stale."""
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:2]}\n".encode())
    for line in _dependency_versions():
        digest.update(f"{line}\n".encode())
    for name in VALIDATOR_SOURCES:
        source = package / name
        files = sorted(source.rglob("*")) if source.is_dir() else [source]
        for path in files:
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            digest.update(f"{path.relative_to(package).as_posix()}\n".encode())
            digest.update(path.read_bytes() if not path.is_symlink() else b"link")
            digest.update(b"\0")
    return digest.hexdigest()


def compute_common_examples() -> dict[str, tuple[Issue, ...]]:
    """Validate every common entry's wrong example, in catalogue order, in one pass."""
    return {item.code: tuple(run_example(item.wrong)) for item in entries() if item.common}


@cache
def _fresh() -> dict[str, tuple[Issue, ...]]:
    return compute_common_examples()


def _number(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"{value!r} is not a line or column number")


def _issue(data: Mapping[str, object]) -> Issue:
    return Issue(
        code=str(data["code"]),
        severity=Severity(str(data["severity"])),
        path=str(data["path"]),
        line=_number(data["line"]),
        column=_number(data["column"]),
        message=str(data["message"]),
        hint=str(data["hint"]),
    )


def _read(path: Path, key: str) -> dict[str, tuple[Issue, ...]] | None:
    """The cached examples when the file holds this key; None when missing, stale or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["key"] != key:
            return None
        return {code: tuple(_issue(i) for i in found) for code, found in data["examples"].items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.debug("Ignoring the damaged example cache %s: %s", path, exc)
        return None


def _write(path: Path, key: str, examples: CommonExamples) -> None:
    """Replace the cache file in one step, so a reader never sees half of it."""
    found = {code: [i.to_dict() for i in issues] for code, issues in examples.items()}
    text = json.dumps({"key": key, "examples": found}, indent=1, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)


def common_examples(cache_dir: Path | None = None) -> CommonExamples:
    """What the validator says about each common mistake, reused from `cache_dir` when current.

    Without `cache_dir` they are worked out once per process instead.
    """
    if cache_dir is None:
        return _fresh()
    key = inputs_key()
    path = cache_dir / CACHE_FILE
    cached = _read(path, key)
    if cached is not None:
        return cached
    log.debug("Validating the catalogue's common examples (inputs changed).")
    examples = compute_common_examples()
    _write(path, key, examples)
    return examples
