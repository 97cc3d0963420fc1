"""Area levels as the partnership declares them: names, hierarchy, maps and disclosure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Level:
    """One level of the place's areas, such as its wards, with what the site does with it."""

    id: str
    name: str  # singular, as a heading: "Ward"
    plural: str  # "Wards"
    parents: tuple[str, ...] = ()  # the levels an area's parent may be at; none at the top
    geographic: bool = True  # a place on the ground: it can be mapped and rolled up
    small_area: bool = False  # disclosure control applies to its counts

    @property
    def noun(self) -> str:
        """The singular in running text, "ward"."""
        return _lower(self.name)

    @property
    def nouns(self) -> str:
        """The plural in running text, "wards"."""
        return _lower(self.plural)


def _lower(text: str) -> str:
    """Lower-case a name for running text, keeping acronyms such as "LSOAs" as written."""
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in text.split(" "))


@dataclass(frozen=True, slots=True)
class Levels:
    """The declared levels, in the order the partnership lists them."""

    declared: tuple[Level, ...]
    _by_id: dict[str, Level] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Level] = {}
        for level in self.declared:
            by_id.setdefault(level.id, level)  # the first of a duplicate id wins, as for areas
        object.__setattr__(self, "_by_id", by_id)

    def __contains__(self, ident: object) -> bool:
        return ident in self._by_id

    def get(self, ident: str) -> Level | None:
        """A declared level, or None."""
        return self._by_id.get(ident)

    def of(self, ident: str) -> Level:
        """A level by id; an undeclared id (already reported) reads as its own name."""
        found = self._by_id.get(ident)
        if found is not None:
            return found
        words = ident.replace("_", " ")
        return Level(ident, words[:1].upper() + words[1:], words[:1].upper() + words[1:] + "s")

    @property
    def ids(self) -> tuple[str, ...]:
        """Every declared level id, in declared order."""
        return tuple(lv.id for lv in self.declared)

    @property
    def geographic(self) -> tuple[str, ...]:
        """Levels that are places on the ground, in declared order."""
        return tuple(lv.id for lv in self.declared if lv.geographic)

    @property
    def small_areas(self) -> tuple[str, ...]:
        """Levels whose counts are subject to disclosure control."""
        return tuple(lv.id for lv in self.declared if lv.small_area)

    @property
    def tops(self) -> tuple[str, ...]:
        """Levels with no parent level: the whole place's."""
        return tuple(lv.id for lv in self.declared if not lv.parents)

    def depth(self, ident: str) -> int:
        """How many levels lie above this one (0 at the top); cycles count as the top."""
        seen: set[str] = set()
        depth, level = 0, self._by_id.get(ident)
        while level is not None and level.parents and level.id not in seen:
            seen.add(level.id)
            depth += 1
            level = self._by_id.get(level.parents[0])
        return depth

    @property
    def looped(self) -> frozenset[str]:
        """Levels whose chain of first parents comes back to themselves."""
        out = set()
        for level in self.declared:
            seen, current = set(), level
            while current.parents and current.parents[0] in self and current.id not in seen:
                seen.add(current.id)
                current = self.of(current.parents[0])
                if current.id == level.id:
                    out.add(level.id)
                    break
        return frozenset(out)

    @property
    def tree(self) -> tuple[str, ...]:
        """Geographic levels from the smallest up: the order figures roll up in."""
        ranked = sorted(enumerate(self.geographic), key=lambda p: (-self.depth(p[1]), p[0]))
        return tuple(ident for _, ident in ranked)

    def in_tree(self, child: str, parent: str) -> bool:
        """Whether a child's figures add up to its parent's: both are places on the ground."""
        kid, up = self._by_id.get(child), self._by_id.get(parent)
        return kid is not None and up is not None and kid.geographic and up.geographic


def build_levels(entries: list[dict[str, Any]] | None) -> Levels:
    """Levels from partnership.yaml's `levels:`, or the standard ones when it has none."""
    if not entries:
        return DEFAULT_LEVELS
    out = []
    for entry in entries:
        parent = entry.get("parent")
        parents = (parent,) if isinstance(parent, str) else tuple(parent or ())
        out.append(
            Level(
                id=entry["id"],
                name=entry["name"],
                plural=entry["plural"],
                parents=parents,
                geographic=bool(entry.get("geographic", True)),
                small_area=bool(entry.get("small_area", False)),
            )
        )
    return Levels(tuple(out))


# the levels of an English city or county, used when partnership.yaml declares none
DEFAULT_LEVELS = Levels(
    (
        Level("city", "City-wide", "City-wide"),
        Level("county", "County-wide", "County-wide"),
        Level("district", "District", "Districts", ("city", "county")),
        Level("neighbourhood", "Neighbourhood", "Neighbourhoods", ("district",), small_area=True),
        Level(
            "school_cluster",
            "School cluster",
            "School clusters",
            ("city", "county"),
            geographic=False,
            small_area=True,
        ),
    )
)
