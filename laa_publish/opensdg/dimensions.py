"""Breakdown columns as declared dimensions, with ids and codes that never collide.

``Sex`` and ``sex`` are one dimension across files, but two columns of one file never share
an id; an id is never a column name our CSV format keeps for itself (``period``, ``value``,
``status``, ``note``…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from laa_publish.opensdg.metadata import one_line
from laa_publish.validate.partnership_rules import RESERVED_COLUMNS

# our observation columns and the names laa-publish keeps for itself (the validator's own
# list, so the two never drift apart), and a few more that read badly as a column
RESERVED = RESERVED_COLUMNS | {
    *("period", "area", "value", "numerator", "denominator", "lower_ci", "upper_ci"),
    *("status", "note", "revision_class", "revision_reason", "breakdown", "ordinal"),
    *("line", "derived", "suppression", "source", "revised", "comparator", "parent"),
    *("children", "unit", "id", "code", "label"),
}
_UNRANKED = re.compile(
    r"\b(not known|unknown|not stated|prefer not|no income stated|not enough information|"
    r"undefined|missing|no response|not specified)\b",
    re.IGNORECASE,
)


def dimension_id(column: str) -> str:
    """A column name as a dimension id: lower-case letters, digits and underscores."""
    ident = re.sub(r"[^a-z0-9]+", "_", column.lower()).strip("_") or "breakdown"
    if ident[0].isdigit():
        ident = f"d_{ident}"
    return f"{ident}_group" if ident in RESERVED else ident


def value_code(label: str, taken: set[str]) -> str:
    """A short code for a value, unique within its dimension."""
    base = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    if len(base) > 40:  # cut at a word's end, so codes stay readable
        base = base[:41].rsplit("-", 1)[0] if "-" in base[:41] else base[:40]
    base = base or "value"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@dataclass(slots=True)
class Dimension:
    """One declared dimension: its title and its values in the order they were met."""

    id: str
    title: str
    codes: dict[str, str] = field(default_factory=dict)  # label -> code

    def add(self, label: str) -> str:
        """The code of a value, declaring it on first use."""
        found = self.codes.get(label)
        if found is None:
            found = value_code(label, set(self.codes.values()))
            self.codes[label] = found
        return found

    def declaration(self) -> dict[str, object]:
        """The dimension as site_config/partnership.yaml declares it."""
        values: list[dict[str, object]] = []
        for label, code in self.codes.items():
            entry: dict[str, object] = {"code": code, "label": label}
            if _UNRANKED.search(label):
                entry["ranked"] = False
            values.append(entry)
        return {"id": self.id, "title": self.title, "values": values}


@dataclass(slots=True)
class Dimensions:
    """Every dimension of the partnership, by id."""

    by_id: dict[str, Dimension] = field(default_factory=dict)

    def ids_for(self, columns: list[str]) -> dict[str, str]:
        """Ids for one file's breakdown columns: the same name gives the same id across files,
        two columns of one file never share one."""
        out: dict[str, str] = {}
        used: set[str] = set()
        for column in columns:
            base = dimension_id(column)
            ident, n = base, 2
            while ident in used:
                ident, n = f"{base}_{n}", n + 1
            used.add(ident)
            out[column] = ident
        return out

    def get(self, ident: str, column: str) -> Dimension:
        """The dimension with this id, made on first use with the column's name as its title."""
        found = self.by_id.get(ident)
        if found is None:
            found = Dimension(ident, one_line(column) or ident)
            self.by_id[ident] = found
        return found

    def declarations(self) -> list[dict[str, object]]:
        """Every dimension with two values or more, sorted by id."""
        return [
            self.by_id[i].declaration() for i in sorted(self.by_id) if len(self.by_id[i].codes) > 1
        ]
