"""A safe YAML loader that keeps positions, refuses aliases and duplicate keys, and caps size."""

from __future__ import annotations

import codecs
import re
from typing import Any

import yaml

from laa_publish.issues import Issue, error
from laa_publish.load.positions import JsonPath, Position, YamlDocument

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32  # real files nest about five deep; far deeper would exhaust Python's stack

try:  # the C parser is several times faster; positions come from its events all the same
    _LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _LOADER = yaml.SafeLoader

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_STANDARD_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlRefused(Exception):
    """Raised inside the loader for input it refuses; turned into one Issue at the boundary."""

    def __init__(self, code: str, position: Position | None, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.position = position
        self.message = message
        self.hint = hint


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def resolve_scalar(value: str, plain: bool) -> Any:
    """Turn a scalar into YAML 1.2 core types: only true/false are booleans, dates stay text."""
    if not plain:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


class _Builder:
    """Builds plain data from parser events, recording where each node started."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc

    def refuse_special(self, event: Any) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(
                "yaml-alias",
                _pos(event.start_mark),
                f"Alias {quote_name(event.anchor)} is not allowed.",
                "Write the value out in full instead of using *alias references.",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlRefused(
                "yaml-alias",
                _pos(event.start_mark),
                f"Anchor {quote_name(anchor)} is not allowed.",
                "Remove the &anchor and write each value out in full.",
            )
        tag = getattr(event, "tag", None)
        if tag not in _STANDARD_TAGS:
            raise YamlRefused(
                "yaml-tag",
                _pos(event.start_mark),
                f"Tag {quote_name(tag)} is not allowed.",
                "Remove the !tag: data files hold plain text, numbers, lists and mappings.",
            )

    def node(self, events: Any, event: Any, path: JsonPath) -> Any:
        self.refuse_special(event)
        if len(path) > MAX_DEPTH:
            raise YamlRefused(
                "yaml-syntax",
                _pos(event.start_mark),
                f"The data is nested more than {MAX_DEPTH} levels deep.",
                "Data files hold a few levels of lists and mappings; check the indentation.",
            )
        self.doc.positions[path] = _pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            plain = bool(event.implicit[0]) and event.tag is None
            return resolve_scalar(event.value, plain)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(events, child, (*path, len(items))))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                self.refuse_special(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise YamlRefused(
                        "yaml-syntax",
                        _pos(key_event.start_mark),
                        "A mapping key must be plain text, not a list or mapping.",
                        "Write keys as simple words followed by a colon.",
                    )
                key = key_event.value
                if key in mapping:
                    first = self.doc.key_positions.get((*path, key))
                    where = f" (first at line {first.line})" if first else ""
                    raise YamlRefused(
                        "yaml-duplicate-key",
                        _pos(key_event.start_mark),
                        f"Key {quote_name(key)} appears twice in the same mapping{where}.",
                        "Keep one of them: YAML would silently use only the last.",
                    )
                self.doc.key_positions[(*path, key)] = _pos(key_event.start_mark)
                mapping[key] = self.node(events, next(events), (*path, key))
        raise YamlRefused(  # pragma: no cover - the parser never yields this
            "yaml-syntax", _pos(event.start_mark), "Unexpected YAML structure.", ""
        )


def quote_name(name: object) -> str:
    """Quote an anchor, tag or key name for a message."""
    return f'"{name}"'


def load_yaml_text(text: str, path: str) -> tuple[YamlDocument | None, list[Issue]]:
    """Parse YAML text into a positioned document, or explain exactly why it cannot be read."""
    doc = YamlDocument(path=path, data=None)
    builder = _Builder(doc)
    try:
        events = iter(yaml.parse(text, Loader=_LOADER))
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlRefused(
                        "yaml-syntax",
                        _pos(event.start_mark),
                        "The file holds more than one YAML document.",
                        "Remove the extra '---' line: each file holds one document.",
                    )
                doc.data = builder.node(events, next(events), ())
    except YamlRefused as refused:
        line, col = (refused.position.line, refused.position.column) if refused.position else (1, 1)
        return None, [error(refused.code, path, line, col, refused.message, refused.hint)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, [
            error(
                "yaml-syntax",
                path,
                line,
                col,
                f"The YAML cannot be read: {problem}.",
                "Check the indentation and that every 'key: value' has a space after the colon; "
                "quote text that contains ': ' or starts with a special character.",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [
            error(
                "yaml-syntax",
                path,
                1,
                1,
                f"The YAML cannot be read: {exc}.",
                "Save the file as plain UTF-8 text.",
            )
        ]
    if doc.data is None:
        return None, [
            error(
                "yaml-empty",
                path,
                1,
                1,
                "The file is empty.",
                "Fill it in from the template, or delete it.",
            )
        ]
    return doc, []


def decode_text(raw: bytes, path: str, limit: int) -> tuple[str | None, list[Issue]]:
    """Check size and UTF-8 encoding before parsing, so huge or binary files fail fast."""
    if len(raw) > limit:
        return None, [
            error(
                "file-too-large",
                path,
                None,
                None,
                f"The file is {len(raw):,} bytes; the limit is {limit:,} bytes.",
                "Split the data into smaller files, or remove content that does not belong here.",
            )
        ]
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        return None, [
            error(
                "file-encoding",
                path,
                line,
                column,
                f"Byte 0x{body[exc.start]:02x} is not valid UTF-8 text.",
                "Save the file as 'UTF-8' (in Excel: 'CSV UTF-8 (Comma delimited)').",
            )
        ]
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return None, [
            error(
                "file-encoding",
                path,
                line,
                column,
                "The file contains a NUL byte, so it is not a text file.",
                "Save the file as plain UTF-8 text.",
            )
        ]
    return text, []


def load_yaml_bytes(raw: bytes, path: str) -> tuple[YamlDocument | None, list[Issue]]:
    """Load YAML bytes with the size cap and encoding check applied first."""
    text, issues = decode_text(raw, path, MAX_YAML_BYTES)
    if text is None:
        return None, issues
    return load_yaml_text(text, path)
