"""The one registry of what the site publishes: every kind of page and file, in render order.

Each kind is declared once here: where its files go, which records it has a file for, and
where the menu lists them. The render stage renders the kinds in the order they are
registered, each by the renderer its page module binds to the kind's id; the link checker
and the menu are derived from the same declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from laa_publish.model.entities import Partnership
from laa_publish.model.page_kinds import (
    Archives,
    Keys,
    Menu,
    MenuEntry,
    PageKind,
    Plain,
    build_menu,
)

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_VERSION = "v1"
# The menu's sections in order; the items of "" stand at its top level.
SECTIONS = (
    "",
    "Outcomes",
    "Indicators",
    "Areas",
    "Partners",
    "Partnership",
    "About",
    "For partners",
)
# The most pages one menu section lists; larger sections are left out of the menu.
NAV_SECTION_LIMIT = 250
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

KINDS: list[PageKind] = []


def _single(kind: str, path: str, menu: Menu | None = None) -> str:
    """Register a kind of one file, and return where that file goes."""
    KINDS.append(PageKind(kind, lambda _: path, None, menu))
    return path


def _each(
    kind: str,
    where: Callable[[str], str],
    keys: Keys,
    menu: Menu | None = None,
    *,
    packs: bool = False,
    kept: bool = False,
) -> Callable[[str], str]:
    """Register a kind with a file for each key, and return where the file for a key goes."""
    KINDS.append(PageKind(kind, where, keys, menu, packs, kept))
    return where


def content_target(path: str) -> str:
    """Where a file under content/ is published: the same place below the site root."""
    return str(PurePosixPath(path).relative_to("content"))


def content_page_title(path: str, text: str) -> str:
    """A content page's title: its first heading, else its file name."""
    match = _H1.search(text)
    if match:
        return match.group(1)
    return PurePosixPath(path).stem.replace("-", " ").replace("_", " ").capitalize()


def _outcomes_by_theme(p: Partnership, plain: Plain) -> list[MenuEntry]:
    return [
        {plain(theme.title): [{plain(f"{o.id}: {o.title}"): outcome_page(o.id)} for o in members]}
        for theme, members in p.outcomes_by_theme()
        if members
    ]


def _indicators_by_outcome(p: Partnership, plain: Plain) -> list[MenuEntry]:
    entries: list[MenuEntry] = []
    for _, members in p.outcomes_by_theme():
        for outcome in members:
            inds = p.outcome_indicators(outcome.id)
            if inds:
                pages = [{plain(f"{i.id}: {i.title}"): indicator_page(i.id)} for i in inds]
                entries.append({plain(f"{outcome.id}: {outcome.title}"): pages})
    return entries


def _areas_by_level(p: Partnership, plain: Plain) -> list[MenuEntry]:
    """Areas by level, leaving out a level too big to list."""
    # every page of a section carries all its siblings' links: thousands of wards would
    # make the site grow with the square of its size. They are reached from the areas
    # index and their parents' pages instead.
    entries: list[MenuEntry] = []
    for level in p.settings.levels.declared:
        areas = sorted((a for a in p.areas.values() if a.level == level.id), key=lambda a: a.name)
        if areas and len(areas) <= NAV_SECTION_LIMIT:
            entries.append(
                {plain(level.plural): [{plain(a.name): area_page(a.code)} for a in areas]}
            )
    return entries


def _partners_by_name(p: Partnership, plain: Plain) -> list[MenuEntry]:
    partners = sorted(p.partners.values(), key=lambda x: x.name)
    return [{plain(partner.name): partner_page(partner.id)} for partner in partners]


def _content_pages(p: Partnership, plain: Plain) -> list[MenuEntry]:
    return [
        {plain(content_page_title(path, p.pages[path])): content_page(path)}
        for path in sorted(p.pages)
    ]


def schema_names() -> list[str]:
    """The file name of each packaged JSON Schema."""
    return [path.name for path in sorted(SCHEMA_DIR.glob("*.schema.json"))]


def reporting_partners(p: Partnership, _: Archives | None = None) -> list[str]:
    """Partners that report at least one indicator: each has an archive of its data."""
    return sorted({indicator.partner for indicator in p.indicators.values()})


def compared_indicators(p: Partnership, _: Archives | None = None) -> list[str]:
    """Indicators with comparator figures: each has a comparators download."""
    return sorted(i for i, figures in p.comparators.items() if not figures.empty)


def _archive_keys(p: Partnership, archives: Archives | None) -> list[str]:
    """Each archived download's key; before the audit, any declared release's may be."""
    if archives is None:
        archives = {release.id: list(p.indicators) for release in p.releases}
    return [f"{rid}/{ident}" for rid in sorted(archives) for ident in sorted(archives[rid])]


# The kinds, in render order: a renderer may queue charts, and datapackage.json, last,
# describes every CSV rendered before it.
HOME_PAGE = _single("home", "index.md", Menu("", 0, "Home"))
OUTCOMES_INDEX = _single("outcomes-index", "outcomes/index.md", Menu("Outcomes", 0))
outcome_page = _each(
    "outcome",
    "outcomes/{}.md".format,
    lambda p, _: sorted(p.outcomes),
    Menu("Outcomes", 1, entries=_outcomes_by_theme),
)
INDICATORS_INDEX = _single("indicators-index", "indicators/index.md", Menu("Indicators", 0))
indicator_page = _each(
    "indicator",
    "indicators/{}.md".format,
    lambda p, _: sorted(p.indicators),
    Menu("Indicators", 1, entries=_indicators_by_outcome),
    kept=True,
)
indicator_download = _each(
    "indicator-download", "downloads/{}.csv".format, lambda p, _: sorted(p.indicators), kept=True
)
comparators_download = _each(
    "comparators-download",
    "downloads/{}-comparators.csv".format,
    compared_indicators,
    kept=True,
)
AREAS_INDEX = _single("areas-index", "areas/index.md", Menu("Areas", 0))
area_page = _each(
    "area",
    "areas/{}.md".format,
    lambda p, _: sorted(p.areas),
    Menu("Areas", 1, entries=_areas_by_level),
)
PARTNERS_INDEX = _single("partners-index", "partners/index.md", Menu("Partners", 0))
partner_page = _each(
    "partner",
    "partners/{}.md".format,
    lambda p, _: sorted(p.partners),
    Menu("Partners", 1, entries=_partners_by_name),
)
ALIGNMENT_PAGE = _single(
    "alignment", "partnership/alignment.md", Menu("Partnership", 0, "How partners' plans line up")
)
BUDGETS_PAGE = _single(
    "budgets", "partnership/budgets.md", Menu("Partnership", 1, "Pooled and aligned budgets")
)
BENEFITS_PAGE = _single(
    "benefits", "partnership/benefits.md", Menu("Partnership", 2, "Benefits of working together")
)
METHOD_PAGE = _single("method", "about/method.md", Menu("About", 0, "How progress is judged"))
DOWNLOADS_PAGE = _single("downloads", "about/downloads.md", Menu("About", 1, "Data downloads"))
ACCESSIBILITY_PAGE = _single(
    "accessibility", "about/accessibility.md", Menu("About", 4, "Accessibility statement")
)
content_page = _each(
    "content",
    content_target,
    lambda p, _: sorted(p.pages),
    Menu("About", 5, entries=_content_pages),
)
PARTNER_GUIDE = _single(
    "partner-guide", "for-partners/guide.md", Menu("For partners", 0, "Partner guide")
)
DATA_ERRORS = _single(
    "data-errors", "for-partners/data-errors.md", Menu("For partners", 1, "Data errors")
)
SCHEMAS_PAGE = _single(
    "schemas", "for-partners/schemas.md", Menu("For partners", 2, "Data file schemas")
)
schema_file = _each(
    "schema-file", f"schemas/{SCHEMA_VERSION}/{{}}".format, lambda p, _: schema_names()
)
RELEASE_CALENDAR = _single(
    "release-calendar", "about/release-calendar.md", Menu("About", 2, "Release calendar")
)
REVISIONS_PAGE = _single("revisions", "about/revisions.md", Menu("About", 3, "Revisions log"))
REVISIONS_CSV = _single("revisions-download", "downloads/revisions.csv")
release_download = _each("release-download", "downloads/releases/{}.csv".format, _archive_keys)
# the commits the downloads' commit column refers to, listed once rather than on every row
COMMITS_CSV = _single("commits-download", "downloads/commits.csv")
# the archives pack every CSV above, so they come after them and before datapackage.json
ALL_DATA_ZIP = _single("all-data-zip", "downloads/all-data.zip")
partner_zip = _each(
    "partner-zip", "downloads/partners/{}.zip".format, reporting_partners, packs=True
)
DATAPACKAGE = _single("datapackage", "datapackage.json")


def archive_page(release: str, indicator: str) -> str:
    """Where a release's copy of one indicator's download is kept."""
    return release_download(f"{release}/{indicator}")


def published_schemas() -> dict[str, Path]:
    """Each packaged JSON Schema by the stable site path editors can point at."""
    return {schema_file(name): SCHEMA_DIR / name for name in schema_names()}


def published_pages(p: Partnership, archives: Archives | None = None) -> set[str]:
    """Every file the build will publish, for checking partners' relative links.

    Without `archives` (before the release calendar is applied) every declared release's
    downloads count, as a build may publish any of them.
    """
    return {path for kind in KINDS for path in kind.paths(p, archives)}


def site_menu(p: Partnership, plain: Plain) -> tuple[list[MenuEntry], list[str]]:
    """The site menu, and glob patterns of pages deliberately left out of it."""
    return build_menu(KINDS, SECTIONS, p, plain)
