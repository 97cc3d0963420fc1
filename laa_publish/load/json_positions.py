"""Where each value of a JSON text starts, found only when a problem needs a position.

The standard parser reads a large boundaries file in C but keeps no positions; this scanner
walks the same text once more, in Python, and is run only for a file that has problems.
"""

from __future__ import annotations

import bisect
import json
import re

from laa_publish.load.positions import JsonPath, Position

_TOKEN = re.compile(
    r'[ \t\r\n]*(?:([{}\[\],:])|("(?:[^"\\]|\\.)*")|(-?[0-9][0-9.eE+-]*)|(true|false|null))'
)


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins."""
    return [0, *(m.end() for m in re.finditer("\n", text))]


def position_at(starts: list[int], offset: int) -> Position:
    """The 1-based line and column of an offset."""
    line = bisect.bisect_right(starts, offset)
    return Position(line, offset - starts[line - 1] + 1)


def json_positions(text: str) -> dict[JsonPath, Position]:
    """The position of every value in a JSON text that the standard parser has accepted."""
    return _scan(text)[0]


def first_duplicate_key(text: str) -> tuple[str, Position] | None:
    """The first key repeated within one object, and where its repeat is written."""
    return _scan(text)[1]


def _scan(text: str) -> tuple[dict[JsonPath, Position], tuple[str, Position] | None]:
    starts = line_starts(text)
    found: dict[JsonPath, Position] = {}
    keys: list[set[str]] = []
    duplicate: tuple[str, Position] | None = None
    stack: list[list[str | int | None]] = []  # per open container: [kind, key or index]
    path: list[str | int] = []
    expect_key = False
    for match in _TOKEN.finditer(text):
        punct, string = match.group(1), match.group(2)
        start = match.end() - len(match.group(0).lstrip(" \t\r\n"))
        if punct in ("}", "]"):
            if stack.pop()[0] == "{":
                keys.pop()
            path.pop()
            expect_key = False
            continue
        if punct == ",":
            top = stack[-1]
            if top[0] == "[":
                path[-1] = int(top[1] or 0) + 1
                top[1] = path[-1]
            else:
                expect_key = True
            continue
        if punct == ":":
            continue
        if expect_key and string is not None:
            key = json.loads(string)
            if key in keys[-1] and duplicate is None:
                duplicate = (key, position_at(starts, start))
            keys[-1].add(key)
            path[-1] = key
            expect_key = False
            continue
        # a value begins here
        found[tuple(path)] = position_at(starts, start)
        if punct == "{":
            stack.append(["{", None])
            keys.append(set())
            path.append("")
            expect_key = True
        elif punct == "[":
            stack.append(["[", 0])
            path.append(0)
    return found, duplicate
