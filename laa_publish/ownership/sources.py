"""Where ownership rules are read from: the work tree for CODEOWNERS, a commit for a change."""

from __future__ import annotations

from pathlib import Path

from laa_publish.issues import Issue, error
from laa_publish.load.positions import YamlDocument
from laa_publish.load.repository import (
    OUTCOMES_DIR,
    PARTNERS_FILE,
    SETTINGS_FILE,
    load_repository,
)
from laa_publish.load.yaml_loader import load_yaml_bytes
from laa_publish.ownership.git import files_at
from laa_publish.ownership.rules import LoadedOwnership, build_ownership


def _owning_file(path: str) -> bool:
    return path in (SETTINGS_FILE, PARTNERS_FILE) or path.startswith(f"{OUTCOMES_DIR}/")


def load_ownership(root: Path) -> LoadedOwnership:
    """The rules from the work tree, read through the project's loader and schemas."""
    repo = load_repository(root)
    issues = [i for i in repo.issues if _owning_file(i.path)]
    return build_ownership(repo.settings, repo.partners, repo.outcomes, issues)


def load_ownership_at(root: Path, commit: str) -> LoadedOwnership:
    """The rules as they were in a commit, as GitHub reads CODEOWNERS from the base branch."""
    docs: dict[str, YamlDocument] = {}
    issues: list[Issue] = []
    for blob in files_at(root, commit, (SETTINGS_FILE, PARTNERS_FILE, f"{OUTCOMES_DIR}/")):
        if blob.is_symlink:
            issues.append(
                error(
                    "file-symlink",
                    blob.path,
                    None,
                    None,
                    f"{blob.path!r} is a symbolic link; links are not followed.",
                    "Replace the link with the real file.",
                )
            )
            continue
        if blob.path.endswith(".yaml"):
            doc, found = load_yaml_bytes(blob.content, blob.path)
            issues.extend(found)
            if doc is not None:
                docs[blob.path] = doc
    for required in (SETTINGS_FILE, PARTNERS_FILE):
        if required not in docs and not any(i.path == required for i in issues):
            issues.append(
                error(
                    "file-missing",
                    required,
                    None,
                    None,
                    f"The required file {required!r} does not exist in commit {commit[:10]}.",
                    "Ownership is read from the base revision: add the file there first.",
                )
            )
    outcomes = [d for path, d in sorted(docs.items()) if path.startswith(f"{OUTCOMES_DIR}/")]
    return build_ownership(docs.get(SETTINGS_FILE), docs.get(PARTNERS_FILE), outcomes, issues)
