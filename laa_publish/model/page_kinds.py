"""What a kind of published file declares: its paths, its keys and its place in the menu."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from laa_publish.model.entities import Partnership

Archives = Mapping[str, Collection[str]]
"""Each archived release's id with the indicators it published (None: not known yet)."""
MenuEntry = str | dict[str, Any]
"""A menu item as the engine reads it: a page, {title: page} or {title: [items]}."""
Plain = Callable[[str], str]
"""Makes a title written by partners safe for the theme to print."""
Keys = Callable[[Partnership, Archives | None], Iterable[str]]
Entries = Callable[[Partnership, Plain], list[MenuEntry]]


@dataclass(frozen=True, slots=True)
class Menu:
    """Where a kind's pages are listed: a section ("" is the top), an order in it, the items.

    A single page is listed under `title`, or bare (as a section's index) without one; a
    kind of many pages gives `entries`, and any of its pages they leave out is unlisted.
    """

    section: str
    rank: int
    title: str | None = None
    entries: Entries | None = None


@dataclass(frozen=True, slots=True)
class PageKind:
    """One kind of published file: where the file for each key goes, which keys, its menu."""

    id: str
    where: Callable[[str], str]
    keys: Keys | None = None  # None: one file, rendered with the key ""
    menu: Menu | None = None
    # packs files rendered before it (an archive of downloads), so each of its files is
    # rendered in this process with the shared output; a single file always is
    packs: bool = False
    # each file reads only its own indicator's inputs and what all indicators share, so a
    # build keeps it by their hash and renders it again only when they change (kept_pages)
    kept: bool = False

    def path(self, key: str = "") -> str:
        """Where the file for one key is published."""
        return self.where(key)

    def key_list(self, p: Partnership, archives: Archives | None = None) -> list[str]:
        """The keys of every file of this kind, in render order."""
        return [""] if self.keys is None else list(self.keys(p, archives))

    def paths(self, p: Partnership, archives: Archives | None = None) -> list[str]:
        """Every file of this kind, in render order."""
        return [self.where(key) for key in self.key_list(p, archives)]

    def menu_entries(self, p: Partnership, plain: Plain) -> list[MenuEntry]:
        """This kind's items in its menu section."""
        if self.menu is None:
            return []
        if self.menu.entries is not None:
            return self.menu.entries(p, plain)
        if self.menu.title is None:
            return [self.path()]
        return [{self.menu.title: self.path()}]


def _listed(entries: Iterable[Any]) -> Iterable[str]:
    """Every page path in some menu items, however deeply nested."""
    for entry in entries:
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from _listed([value] if isinstance(value, str) else value)


def build_menu(
    kinds: Sequence[PageKind], sections: Sequence[str], p: Partnership, plain: Plain
) -> tuple[list[MenuEntry], list[str]]:
    """The menu, and glob patterns of pages deliberately left out of it (for the engine).

    Sections come in the order given, each holding its kinds' items by rank; the items of
    section "" stand at the top level of the menu.
    """
    placed: dict[str, list[tuple[int, list[MenuEntry]]]] = {name: [] for name in sections}
    unlisted: set[str] = set()
    for kind in kinds:
        if kind.menu is None:
            continue
        if kind.menu.section not in placed:
            raise ValueError(
                f"page kind {kind.id} is listed in unknown section {kind.menu.section}"
            )
        entries = kind.menu_entries(p, plain)
        placed[kind.menu.section].append((kind.menu.rank, entries))
        listed = set(_listed(entries))
        if any(path not in listed for path in kind.paths(p)):
            unlisted.add("/" + kind.path("*"))
    menu: list[MenuEntry] = []
    for name, ranked in placed.items():
        items = [entry for _, entries in sorted(ranked, key=lambda r: r[0]) for entry in entries]
        if name == "":
            menu += items
        elif items:
            menu.append({name: items})
    return menu, sorted(unlisted)
