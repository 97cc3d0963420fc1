"""Turn issue records into text for terminals, JSON for tools, and GitHub annotations."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from laa_publish.issues import Issue, Severity

_COLOURS = {Severity.ERROR: "\x1b[31;1m", Severity.WARNING: "\x1b[33;1m"}
_RESET = "\x1b[0m"
_DIM = "\x1b[2m"


def _location(issue: Issue) -> str:
    parts = [issue.path or "."]
    if issue.line is not None:
        parts.append(str(issue.line))
        if issue.column is not None:
            parts.append(str(issue.column))
    return ":".join(parts)


def summary_line(issues: Sequence[Issue]) -> str:
    """One line that counts errors and warnings, for the end of every report."""
    counts = Counter(i.severity for i in issues)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    if not errors and not warnings:
        return "No problems found."
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."


def write_text(issues: Sequence[Issue], out: TextIO, *, colour: bool) -> None:
    """`path:line:col: error[code] message` then an indented hint, as compilers do."""
    for issue in issues:
        severity = str(issue.severity)
        if colour:
            severity = f"{_COLOURS[issue.severity]}{severity}{_RESET}"
        out.write(f"{_location(issue)}: {severity}[{issue.code}] {issue.message}\n")
        if issue.hint:
            hint = f"  hint: {issue.hint}"
            out.write(f"{_DIM}{hint}{_RESET}\n" if colour else f"{hint}\n")
    out.write(summary_line(issues) + "\n")


def write_json(issues: Sequence[Issue], out: TextIO) -> None:
    """A JSON list of {code, severity, path, line, column, message, hint}."""
    json.dump([i.to_dict() for i in issues], out, indent=2, ensure_ascii=False)
    out.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(issues: Sequence[Issue], out: TextIO) -> None:
    """GitHub workflow commands, so each issue shows on the pull request's changed line."""
    for issue in issues:
        props = [f"file={_escape_property(issue.path)}"]
        if issue.line is not None:
            props.append(f"line={issue.line}")
            if issue.column is not None:
                props.append(f"col={issue.column}")
        props.append(f"title={_escape_property(issue.code)}")
        body = issue.message + (f"\n\nHint: {issue.hint}" if issue.hint else "")
        level = "error" if issue.severity is Severity.ERROR else "warning"
        out.write(f"::{level} {','.join(props)}::{_escape_data(body)}\n")
    out.write(summary_line(issues) + "\n")


def step_summary(issues: Sequence[Issue]) -> str:
    """A short Markdown table for $GITHUB_STEP_SUMMARY."""
    lines = ["## laa-publish validation", "", summary_line(issues), ""]
    if issues:
        lines += ["| File | Line | Problem |", "|---|---|---|"]
        for issue in issues[:200]:
            message = issue.message.replace("|", "\\|")
            lines.append(
                f"| `{issue.path}` | {issue.line or ''} | **{issue.severity}[{issue.code}]** "
                f"{message} |"
            )
        if len(issues) > 200:
            lines.append(f"| … | | {len(issues) - 200} more |")
    return "\n".join(lines) + "\n"


def report(issues: Sequence[Issue], fmt: str, out: TextIO) -> None:
    """Write issues in the chosen format, plus the GitHub step summary when one is expected."""
    if fmt == "json":
        write_json(issues, out)
    elif fmt == "github":
        write_github(issues, out)
    else:
        write_text(issues, out, colour=out.isatty() and "NO_COLOR" not in os.environ)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(step_summary(issues))
