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


SYNTAX_HINT = (
    "Check the indentation and that every 'key: value' has a space after the colon; "
    "quote text that contains ': ' or starts with a special character."
)
_CLOSERS = {  # opener: (closer, what it holds, an example, the block form)
    "[": ("]", "list", "[a, b]", 'one item per line under the key, each starting with "  - "'),
    "{": ("}", "mapping", "{name: A}", 'one "key: value" per line under the key, indented'),
}
_QUOTES = {'"': "double quote", "'": "single quote"}
_LOOKS_LIKE_KEY = re.compile(r"^\s*[A-Za-z_][\w-]*:(?:\s|$)", re.MULTILINE)


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _char_at(text: str, mark: Any) -> str:
    """The character a parser mark points at ('' past the end)."""
    return text[mark.index] if 0 <= mark.index < len(text) else ""


def _last_event(text: str) -> Any:
    """The last event the parser gave before it failed; the text is parsed again, so the
    valid path pays nothing for it."""
    last = None
    try:
        for last in yaml.parse(text, Loader=_LOADER):  # noqa: B007 - only the last is wanted
            pass
    except yaml.YAMLError:
        pass
    return last


def _scalar_marks(event: Any, styles: str) -> tuple[Any, Any] | None:
    """(start, end) marks of a scalar event written in one of `styles`, else None."""
    if isinstance(event, yaml.ScalarEvent) and event.style and event.style in styles:
        return event.start_mark, event.end_mark
    return None


def _runaway_quote(text: str, quoted: tuple[Any, Any] | None, problem: Any) -> bool:
    """A quoted value just before the failure that runs over lines holding 'key:' text: its
    closing quote is almost certainly missing."""
    if quoted is None:
        return False
    start, end = quoted
    return (
        end.line > start.line
        and end.index <= problem.index
        and bool(_LOOKS_LIKE_KEY.search(text[start.index + 1 : end.index]))
    )


def syntax_issue(text: str, path: str, exc: yaml.MarkedYAMLError) -> Issue:
    """A parser error, placed where the mistake began when that is knowable.

    The parser reports where it gave up, often lines after the real mistake: an unclosed
    bracket or quote is reported where it was opened (with both places named), and a block
    that does not line up names the line where the block began.
    """
    problem, context = exc.problem_mark, exc.context_mark
    said = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    if problem is None:
        message = f"The YAML cannot be read: {said}."
        return error("yaml-syntax", path, *_line_col(context), message, SYNTAX_HINT)
    opened = _char_at(text, context) if context is not None else ""
    gave_up = f"the parser gave up at {_where(problem)}"
    unfinished = "end of stream" in str(exc.problem) or "document" in str(exc.problem)
    if str(exc.context).startswith("while parsing a flow") and opened in _CLOSERS:
        closer, kind, example, block = _CLOSERS[opened]
        return error(
            "yaml-syntax",
            path,
            *_line_col(context),
            f'The "{opened}" opened at {_where(context)} is never closed; {gave_up}.',
            f'Close the {kind} with "{closer}" on the line where it starts, like {example}, '
            f"or write {block}.",
        )
    if str(exc.context).startswith("while scanning a quoted") and opened in _QUOTES and unfinished:
        return error(
            "yaml-syntax",
            path,
            *_line_col(context),
            f"The {_QUOTES[opened]} ({opened}) opened at {_where(context)} is never closed; "
            f"{gave_up}.",
            f"Add the closing {opened} at the end of the text, on the same line.",
        )
    last = _last_event(text)
    quoted = _scalar_marks(last, "\"'")
    if quoted is not None and _runaway_quote(text, quoted, problem):
        mark = quoted[0]
        mine = _char_at(text, mark)
        return error(
            "yaml-syntax",
            path,
            *_line_col(mark),
            f"The text in {_QUOTES[mine]}s opened at {_where(mark)} runs on over the "
            f"following lines, so its closing {mine} is probably missing; {gave_up}.",
            f"Add the closing {mine} at the end of the text, on the same line.",
        )
    if quoted is not None and quoted[1].line == problem.line and quoted[1].index <= problem.index:
        mine = _char_at(text, quoted[0])
        hint = f"Put the whole value inside the {_QUOTES[mine]}s."
        if mine == "'":
            hint += " An apostrophe inside '…' ends the text: write it twice (''), or use "
            hint += 'double quotes around the whole value, like "Children\'s centres".'
        return error(
            "yaml-syntax",
            path,
            *_line_col(problem),
            f"Text follows the closing {mine} of the value that begins at {_where(quoted[0])}.",
            hint,
        )
    if str(exc.context).startswith("while parsing a block") and context is not None:
        text_block = _scalar_marks(last, ">|")
        if text_block is not None:
            return error(
                "yaml-syntax",
                path,
                *_line_col(problem),
                f"Line {problem.line + 1} is indented less than the text block "
                f"({_char_at(text, text_block[0])}) that begins at {_where(text_block[0])}.",
                "Indent every line of a text block by the same number of spaces as its first line.",
            )
        kind = "list" if "collection" in str(exc.context) else "mapping"
        return error(
            "yaml-syntax",
            path,
            *_line_col(problem),
            f"Line {problem.line + 1} does not line up with the {kind} that begins at "
            f"{_where(context)}.",
            "Indent each key (or each '- ' item) of the same block by exactly the same "
            "number of spaces as the others; use spaces, never tabs.",
        )
    return error(
        "yaml-syntax", path, *_line_col(problem), f"The YAML cannot be read: {said}.", SYNTAX_HINT
    )


def _line_col(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


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
        return None, [syntax_issue(text, path, exc)]
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
