"""Run catalogue examples through the real validator, so published examples cannot go stale."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from laa_publish.catalogue import CatalogueError, Example, entry
from laa_publish.issues import Issue
from laa_publish.validate.run import check

SANDBOX = Path(__file__).resolve().parent / "sandbox"
"""A tiny valid partnership that every example is applied to (see its README.md)."""


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


@cache
def wrong_example_issues(code: str) -> tuple[Issue, ...]:
    """What `laa-publish validate` really says about a code's wrong example."""
    return tuple(run_example(entry(code).wrong))
