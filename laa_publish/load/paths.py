"""File references from partner data, checked so they can never leave the repository."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def unsafe_reference(root: Path, reference: str) -> str | None:
    """Say why a repository-relative reference is unsafe, or None when it is fine."""
    text = str(reference)
    if not text.strip():
        return "it is empty"
    if "\\" in text:
        return "it uses backslashes; write paths with forward slashes"
    pure = PurePosixPath(text)
    if pure.is_absolute() or (len(text) > 1 and text[1] == ":"):
        return "it is an absolute path; write it relative to the repository root"
    if ".." in pure.parts:
        return "it contains '..', which could point outside the repository"
    current = root
    for part in pure.parts:
        current = current / part
        if current.is_symlink():
            return f"it goes through the symbolic link {relative(root, current)!r}"
    try:
        current.resolve().relative_to(root.resolve())
    except ValueError:
        return "it resolves to a file outside the repository"
    return None


def relative(root: Path, path: Path) -> str:
    """A path relative to the root, with forward slashes, for messages and ids."""
    return path.relative_to(root).as_posix()
