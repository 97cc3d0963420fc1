"""The error catalogue: one entry per problem code, so partners can look up any message.

It comes after validate in the import order: its examples run through the real validator
(examples.py), and the Data errors page and Partner guide (render) show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from laa_publish.issues import Severity
from laa_publish.load.yaml_loader import load_yaml_text

CATALOGUE_FILE = Path(__file__).resolve().parent / "errors.yaml"
ACTIONS = ("edit", "write", "delete", "symlink", "show")
LANGUAGES = ("yaml", "csv", "markdown", "text")
_CODE = re.compile(r"^[a-z]+(-[a-z]+)+$")
_ENTRY_KEYS = {
    "code",
    "severity",
    "warning_when",
    "group",
    "title",
    "meaning",
    "fix",
    "common",
    "wrong",
    "right",
}
_EXAMPLE_KEYS = {"file", "action", "text", "replaces", "note", "encoding", "link_to", "language"}
_SUFFIX_LANGUAGES = {".yaml": "yaml", ".csv": "csv", ".md": "markdown"}


class CatalogueError(ValueError):
    """The packaged catalogue is malformed: a packaging bug, never a partner's mistake."""


@dataclass(frozen=True, slots=True)
class Example:
    """A few lines of one file, and how to make them real in a copy of the sandbox partnership.

    `action` says what happens to `file`: "edit" replaces the sandbox text `replaces` with
    `text`, "write" makes `text` the whole file, "delete" removes the file, "symlink" turns it
    into a link to `link_to`, and "show" changes nothing (the text only illustrates).
    """

    file: str
    action: str
    text: str
    language: str
    replaces: str = ""
    note: str = ""
    encoding: str = "utf-8"
    link_to: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """Everything a partner needs to understand and fix one problem code.

    `severity` is the most serious level the code is reported at; `warning_when` says when an
    error code is reported only as a warning, for the few codes that can be either.
    """

    code: str
    severity: Severity
    group: str
    title: str
    meaning: str
    fix: str
    wrong: Example
    right: Example
    common: bool = False
    warning_when: str = ""


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value.strip()):
        raise CatalogueError(f"{where}: {key!r} must be non-empty text")
    return value


def _safe_path(path: str, where: str) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "`" in path:
        raise CatalogueError(f"{where}: file {path!r} must be a plain repository-relative path")
    return path


def _example(data: object, where: str) -> Example:
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: must be a mapping")
    unknown = set(data) - _EXAMPLE_KEYS
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}")
    file = _safe_path(_text(data, "file", where), where)
    action = _text(data, "action", where)
    if action not in ACTIONS:
        raise CatalogueError(f"{where}: action {action!r} is not one of {ACTIONS}")
    text = _text(data, "text", where, required=action not in ("write", "edit"))
    language = data.get("language") or _SUFFIX_LANGUAGES.get(PurePosixPath(file).suffix, "text")
    if language not in LANGUAGES:
        raise CatalogueError(f"{where}: language {language!r} is not one of {LANGUAGES}")
    replaces = _text(data, "replaces", where, required=action == "edit")
    link_to = _text(data, "link_to", where, required=action == "symlink")
    encoding = _text(data, "encoding", where, required=False) or "utf-8"
    return Example(
        file=file,
        action=action,
        text=text,
        language=language,
        replaces=replaces,
        note=_text(data, "note", where, required=False),
        encoding=encoding,
        link_to=link_to,
    )


def _entry(data: object, index: int) -> Entry:
    where = f"{CATALOGUE_FILE.name} entry {index + 1}"
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: must be a mapping")
    code = _text(data, "code", where)
    where = f"{where} ({code})"
    if not _CODE.match(code):
        raise CatalogueError(f"{where}: code must be lower-case words joined by hyphens")
    unknown = set(data) - _ENTRY_KEYS
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}")
    severity = _text(data, "severity", where)
    if severity not in {s.value for s in Severity}:
        raise CatalogueError(f"{where}: severity {severity!r} is not error or warning")
    common = data.get("common", False)
    if not isinstance(common, bool):
        raise CatalogueError(f"{where}: 'common' must be true or false")
    return Entry(
        code=code,
        severity=Severity(severity),
        group=_text(data, "group", where),
        title=_text(data, "title", where),
        meaning=_text(data, "meaning", where),
        fix=_text(data, "fix", where),
        wrong=_example(data.get("wrong"), f"{where} wrong"),
        right=_example(data.get("right"), f"{where} right"),
        common=common,
        warning_when=_text(data, "warning_when", where, required=False),
    )


@cache
def entries() -> tuple[Entry, ...]:
    """Every catalogue entry, in the order the Data errors page lists them."""
    text = CATALOGUE_FILE.read_text(encoding="utf-8")
    doc, issues = load_yaml_text(text, CATALOGUE_FILE.name)
    if doc is None or issues:
        raise CatalogueError(f"{CATALOGUE_FILE.name} cannot be read: {issues}")
    items = doc.data.get("entries") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise CatalogueError(f"{CATALOGUE_FILE.name}: expected a top-level 'entries' list")
    found = tuple(_entry(item, i) for i, item in enumerate(items))
    codes = [e.code for e in found]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise CatalogueError(f"{CATALOGUE_FILE.name}: codes listed twice: {repeated}")
    return found


def entry(code: str) -> Entry:
    """The catalogue entry for one code; KeyError for a code the catalogue lacks."""
    for item in entries():
        if item.code == code:
            return item
    raise KeyError(code)


def codes() -> frozenset[str]:
    """Every catalogued code."""
    return frozenset(e.code for e in entries())
