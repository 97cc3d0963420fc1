"""The `codeowners` and `check-ownership` commands, kept out of cli.py so it stays a dispatcher."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from laa_publish.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from laa_publish.issues import choices_hint, has_errors, quote, sorted_issues
from laa_publish.ownership import codeowners
from laa_publish.ownership.changes import changed_files, ownership_issues
from laa_publish.ownership.git import GitError, check_top_level, commit_id
from laa_publish.ownership.rules import LoadedOwnership
from laa_publish.ownership.sources import load_ownership, load_ownership_at
from laa_publish.reporters import report

log = logging.getLogger(__name__)


def _refuse(loaded: LoadedOwnership, fmt: str, what: str) -> int:
    report(sorted_issues(loaded.issues), fmt, sys.stderr)
    log.error("%s: fix the problems above in the registers first.", what)
    return EXIT_INVALID


def codeowners_command(root: Path, *, check: bool, fmt: str) -> int:
    """Write .github/CODEOWNERS, or with `check` fail when the committed one is stale."""
    loaded = load_ownership(root)
    if loaded.ownership is None or not loaded.complete:
        return _refuse(loaded, fmt, f"{codeowners.CODEOWNERS_FILE} was not written")
    text = codeowners.render(loaded.ownership)
    if check:
        issue = codeowners.outdated_issue(root, text)
        report([issue] if issue else [], fmt, sys.stdout)
        return EXIT_INVALID if issue else EXIT_OK
    codeowners.write(root, text)
    log.info("Wrote %s (%d rules).", codeowners.CODEOWNERS_FILE, len(loaded.ownership.rules))
    return EXIT_OK


def check_ownership_command(root: Path, partner: str, base: str, head: str, fmt: str) -> int:
    """Exit 1 naming every file between base and head that the partner does not own.

    The rules come from the base commit, as GitHub reads CODEOWNERS from the base branch, so a
    pull request can never grant itself ownership by editing the register it is checked against.
    """
    try:
        check_top_level(root)
        base_id, head_id = commit_id(root, base), commit_id(root, head)
        changes = changed_files(root, base_id, head_id)
        loaded = load_ownership_at(root, base_id)
    except GitError as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    if loaded.ownership is None:
        return _refuse(loaded, fmt, "Ownership could not be checked")
    teams = loaded.ownership.teams
    if partner not in teams:
        log.error(
            "Partner %s is not in the partner register. %s",
            quote(partner),
            choices_hint(partner, teams),
        )
        return EXIT_USAGE
    issues = sorted_issues(ownership_issues(loaded.ownership, partner, changes))
    report(issues, fmt, sys.stdout)
    log.info(
        "%d changed path(s) checked against the folders of partner %s.",
        len(changes),
        quote(partner),
    )
    return EXIT_INVALID if has_errors(issues) else EXIT_OK
