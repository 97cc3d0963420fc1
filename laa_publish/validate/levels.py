"""The declared area levels must form one hierarchy, with the whole place at its top."""

from __future__ import annotations

from collections.abc import Iterator

from laa_publish.issues import Issue, error, quote
from laa_publish.load.positions import YamlDocument
from laa_publish.model.entities import Partnership
from laa_publish.model.levels import Levels
from laa_publish.validate.references import duplicates, unknown_level


def level_issues(p: Partnership, doc: YamlDocument) -> Iterator[Issue]:
    """Level ids are unique, parents are declared, and the levels form no loop."""
    entries = doc.data.get("levels")
    if not isinstance(entries, list):
        return  # the standard levels: nothing declared, nothing to check
    levels = p.settings.levels
    yield from duplicates(doc, "levels", "id", "Level id")
    for i, level in enumerate(levels.declared):
        written_as_list = isinstance(entries[i].get("parent"), list)
        for j, parent in enumerate(level.parents):
            if parent not in levels:
                path = ("levels", i, "parent", j) if written_as_list else ("levels", i, "parent")
                yield unknown_level(doc, path, parent, levels)
    yield from _loops(levels, doc)
    place = p.areas.get(p.settings.place_area)
    if place is not None and place.level in levels and place.level not in levels.tops:
        yield error(
            "level-hierarchy",
            *doc.at(("place_area",)),
            f"The whole place's area {quote(place.code)} is at level {quote(place.level)}, "
            "which has a parent level.",
            "The place_area must be at a level with no 'parent', such as "
            + " or ".join(quote(t) for t in levels.tops or ("city",))
            + ".",
        )


def _loops(levels: Levels, doc: YamlDocument) -> Iterator[Issue]:
    """A level that is its own ancestor, reported once at the first level of each loop."""
    reported: set[str] = set()
    for i, level in enumerate(levels.declared):
        path, current = [level.id], level
        while current.parents and current.parents[0] in levels:
            current = levels.of(current.parents[0])
            if current.id in path:
                loop = path[path.index(current.id) :]
                if not reported & set(loop):
                    yield error(
                        "level-hierarchy",
                        *doc.at(("levels", i, "parent")),
                        "The levels' parents form a loop: " + " → ".join([*loop, current.id]) + ".",
                        "The whole place's level has no parent, and every other level's parent "
                        "leads up to it; remove or change one 'parent' in the loop.",
                    )
                    reported |= set(loop)
                break
            path.append(current.id)
