"""File positions kept from loading, so every later problem can point at a line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(slots=True)
class YamlDocument:
    """A loaded YAML file: plain data plus the position of every node in it."""

    path: str
    data: Any
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)

    def position(self, path: JsonPath) -> Position | None:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def key_position(self, path: JsonPath) -> Position | None:
        """Position of the key that holds `path`, falling back to the value's position."""
        return self.key_positions.get(tuple(path)) or self.position(path)

    def at(self, path: JsonPath) -> tuple[str, int | None, int | None]:
        """(path, line, column) for an issue about the value at `path`."""
        line, column = self.line_col(path)
        return self.path, line, column

    def line_col(self, path: JsonPath) -> tuple[int | None, int | None]:
        """The (line, column) pair for an issue about the value at `path`."""
        pos = self.position(path)
        return (pos.line, pos.column) if pos else (None, None)
