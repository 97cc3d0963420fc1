"""Problems are data: every check yields Issue records that reporters turn into text."""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a problem is: errors stop a build, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in the partnership's files, positioned for the partner who must fix it."""

    code: str
    severity: Severity
    path: str
    line: int | None
    column: int | None
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order issues the way a partner reads files: by path, then position."""
        return (self.path, self.line or 0, self.column or 0, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape promised by `laa-publish validate --format json`."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def error(
    code: str,
    path: str,
    line: int | None,
    column: int | None,
    message: str,
    hint: str = "",
) -> Issue:
    """Build an error record; a shorthand that keeps checks readable."""
    return Issue(code, Severity.ERROR, path, line, column, message, hint)


def warning(
    code: str,
    path: str,
    line: int | None,
    column: int | None,
    message: str,
    hint: str = "",
) -> Issue:
    """Build a warning record; warnings fail only under --strict."""
    return Issue(code, Severity.WARNING, path, line, column, message, hint)


def sorted_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Deduplicate and order issues so every run reports them identically."""
    return sorted(set(issues), key=Issue.sort_key)


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """Decide whether a run fails: any error, or any warning under --strict."""
    return any(i.severity is Severity.ERROR or strict for i in issues)


def closest(value: object, choices: Iterable[str]) -> str | None:
    """Find the declared name a partner most likely meant, for 'did you mean …?' hints."""
    return _closest(str(value), tuple(choices))


# Beyond this many choices (a register of thousands of areas) only those sharing the
# longest possible prefix with the typed value are compared: difflib over every code
# costs a second per bad cell.
NEAR_PREFIX_ABOVE = 300
NEAREST_COMPARED = 40


@functools.lru_cache(maxsize=64)
def _sorted(choices: tuple[str, ...]) -> list[str]:
    return sorted(set(choices))


@functools.lru_cache(maxsize=4096)
def _closest(text: str, choices: tuple[str, ...]) -> str | None:
    options = _sorted(choices)
    if len(options) > NEAR_PREFIX_ABOVE:
        options = _sharing_prefix(text, options)
    matches = difflib.get_close_matches(text, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {o.lower(): o for o in options}
        matches = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.6)
        matches = [lowered[m] for m in matches]
    if not matches and len(text) >= 3:
        matches = [o for o in options if o.lower().startswith(text.lower())][:1]
    return matches[0] if matches else None


def _sharing_prefix(text: str, options: list[str]) -> list[str]:
    """The sorted options that share the longest prefix any of them shares with text."""
    for length in range(len(text), 0, -1):
        start = bisect.bisect_left(options, text[:length])
        end = bisect.bisect_right(options, text[:length] + "\U0010ffff")
        if start < end:  # the ones sorting nearest to the typed value, within that prefix
            middle = bisect.bisect_left(options, text, start, end)
            first = max(start, min(middle - NEAREST_COMPARED // 2, end - NEAREST_COMPARED))
            return options[first : min(end, first + NEAREST_COMPARED)]
    return []


def choices_hint(value: object, choices: Iterable[str], *, limit: int = 12) -> str:
    """Say which values are allowed, leading with the nearest one to what was typed."""
    return _choices_hint(str(value), tuple(choices), limit)


@functools.lru_cache(maxsize=4096)
def _choices_hint(text: str, choices: tuple[str, ...], limit: int) -> str:
    options = _sorted(choices)
    if not options:
        return "None are declared yet."
    guess = _closest(text, choices)
    shown = ", ".join(f'"{o}"' for o in options[:limit])
    if len(options) > limit:
        shown += f" … ({len(options)} in all)"
    prefix = f'Did you mean "{guess}"? ' if guess else ""
    return f"{prefix}Valid values: {shown}."


def quote(value: object, *, limit: int = 60) -> str:
    """Quote a partner's value for a message, shortening long text."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'
