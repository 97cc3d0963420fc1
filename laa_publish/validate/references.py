"""Cross-file checks: every id, code, period and file a document mentions must exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from laa_publish.issues import Issue, choices_hint, error, quote, warning
from laa_publish.load.paths import unsafe_reference
from laa_publish.load.positions import JsonPath, YamlDocument
from laa_publish.model.entities import Area, Indicator, Outcome, Partnership
from laa_publish.model.levels import Levels
from laa_publish.model.periods import PERIOD_TYPES, period_ordinal


def unknown(
    code: str, doc: YamlDocument, path: JsonPath, what: str, value: object, choices: list[str]
) -> Issue:
    """An 'unknown reference' issue with the nearest declared name suggested."""
    return error(
        code,
        *doc.at(path),
        f"{what} {quote(value)} is not declared.",
        choices_hint(value, choices),
    )


def unknown_level(doc: YamlDocument, path: JsonPath, value: str, levels: Levels) -> Issue:
    """An area or level names a level that is not declared, with the nearest suggested."""
    return error(
        "unknown-level",
        *doc.at(path),
        f"Level {quote(value)} is not declared.",
        choices_hint(value, list(levels.ids))
        + " Levels are declared under 'levels:' in site_config/partnership.yaml.",
    )


def settings_issues(p: Partnership, doc: YamlDocument) -> Iterator[Issue]:
    """The settings must name a declared whole-place area and unique theme ids."""
    if p.settings.place_area not in p.areas:
        yield unknown(
            "unknown-area", doc, ("place_area",), "Area", p.settings.place_area, list(p.areas)
        )
    seen: set[str] = set()
    for index, theme in enumerate(p.settings.themes):
        if theme.id in seen:
            yield error(
                "duplicate-id",
                *doc.at(("themes", index, "id")),
                f"Theme id {quote(theme.id)} is used twice.",
                "Give each theme block its own id.",
            )
        seen.add(theme.id)
    if p.settings.agreement_start > p.settings.agreement_end:
        yield error(
            "date-order",
            *doc.at(("agreement", "end")),
            f"The agreement ends ({p.settings.agreement_end}) before it starts "
            f"({p.settings.agreement_start}).",
            "Check the start and end dates.",
        )


def duplicates(doc: YamlDocument, key: str, field: str, what: str) -> Iterator[Issue]:
    """Each id declared once: a repeat is reported where it is written, naming the first."""
    first: dict[str, int] = {}
    for index, item in enumerate(doc.data.get(key, [])):
        value = item.get(field) if isinstance(item, dict) else None
        if value is None:
            continue
        if value in first:
            yield error(
                "duplicate-id",
                *doc.at((key, index, field)),
                f"{what} {quote(value)} is declared twice (first in entry {first[value] + 1}).",
                f"Each {what.lower()} must be declared once; remove or rename one of them.",
            )
        else:
            first[value] = index


def partner_register_issues(doc: YamlDocument) -> Iterator[Issue]:
    """Partner ids are unique."""
    yield from duplicates(doc, "partners", "id", "Partner id")


def _area_index(doc: YamlDocument) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, item in enumerate(doc.data.get("areas", [])):
        index.setdefault(item["code"], i)
    return index


def area_register_issues(p: Partnership, doc: YamlDocument) -> Iterator[Issue]:
    """Areas are unique, form one tree under the place, and have sensible dates."""
    yield from duplicates(doc, "areas", "code", "Area code")
    where = _area_index(doc)
    levels = p.settings.levels
    on_ground = [a.code for a in p.areas.values() if a.level in levels.geographic]
    for code, area in sorted(p.areas.items()):
        i = where[code]
        yield from _overlap_issues(p, doc, i, area, on_ground)
        if area.valid_to is not None and area.valid_from and area.valid_to < area.valid_from:
            yield error(
                "date-order",
                *doc.at(("areas", i, "valid_to")),
                f"Area {quote(code)} ends ({area.valid_to}) before it starts ({area.valid_from}).",
                "Check valid_from and valid_to.",
            )
        level = levels.get(area.level)
        if level is None:
            yield unknown_level(doc, ("areas", i, "level"), area.level, levels)
            continue
        if area.parent is None:
            if level.parents and level.id not in levels.looped:  # a loop is reported once
                yield error(
                    "area-parent",
                    *doc.at(("areas", i)),
                    f"Area {quote(code)} at level {quote(area.level)} has no parent.",
                    f"Only an area at the whole place's level has no parent; add 'parent: "
                    f"<code>' naming its {_either(levels, level.parents)}.",
                )
            continue
        if area.parent not in p.areas:
            yield unknown(
                "unknown-area",
                doc,
                ("areas", i, "parent"),
                "Parent area",
                area.parent,
                list(p.areas),
            )
            continue
        parent = p.areas[area.parent]
        if not level.parents:
            yield error(
                "area-parent",
                *doc.at(("areas", i, "parent")),
                f"Area {quote(code)} is a {level.noun}, the whole place's level, which has no "
                f"parent level, but its parent is {quote(parent.code)}.",
                "Remove 'parent' from the whole place's area, or give the area the level it "
                "really has.",
            )
        elif parent.level not in level.parents:
            yield error(
                "area-parent",
                *doc.at(("areas", i, "parent")),
                f"A {level.noun}'s parent must be a {_either(levels, level.parents) or 'none'}, "
                f"but {quote(parent.code)} is a {levels.of(parent.level).noun}.",
                _tree_hint(levels),
            )
    yield from _cycles(p.areas, doc, where)


def _overlap_issues(
    p: Partnership, doc: YamlDocument, i: int, area: Area, on_ground: list[str]
) -> Iterator[Issue]:
    """A grouping overlaps areas on the ground, all of one level, so one map can show them."""
    first_level: str | None = None
    for j, other in enumerate(area.overlaps):
        if other not in on_ground:
            yield error(
                "unknown-area",
                *doc.at(("areas", i, "overlaps", j)),
                f"{quote(other)} in 'overlaps' is not a declared area at a geographic level.",
                choices_hint(other, on_ground),
            )
            continue
        level = p.areas[other].level
        if first_level is None:
            first_level = level
        elif level != first_level:
            names = p.settings.levels
            yield error(
                "unknown-area",
                *doc.at(("areas", i, "overlaps", j)),
                f"{quote(other)} in 'overlaps' is a {names.of(level).noun}, but the first area "
                f"listed is a {names.of(first_level).noun}.",
                f"List areas of one level in 'overlaps', such as {names.of(first_level).nouns}.",
            )


def _either(levels: Levels, ids: tuple[str, ...]) -> str:
    """Level names joined with "or", as a partner reads them: "city-wide or county-wide"."""
    return " or ".join(levels.of(ident).noun for ident in ids)


def _tree_hint(levels: Levels) -> str:
    """The declared hierarchy in a sentence: "Neighbourhoods sit in districts; …"."""
    parts = [
        f"{lv.plural} sit in {_either(levels, lv.parents)} areas"
        for lv in levels.declared
        if lv.parents
    ]
    return "; ".join(parts) + " (as declared under 'levels:' in site_config/partnership.yaml)."


def _cycles(areas: dict[str, Area], doc: YamlDocument, where: dict[str, int]) -> Iterator[Issue]:
    for code in sorted(areas):
        seen = {code}
        current = areas[code].parent
        while current is not None and current in areas:
            if current in seen:
                yield error(
                    "area-parent",
                    *doc.at(("areas", where[code], "parent")),
                    f"Area {quote(code)} is its own ancestor: the parents form a loop.",
                    "Follow the 'parent' links and break the loop.",
                )
                break
            seen.add(current)
            current = areas[current].parent


def _id_matches_file(doc: YamlDocument, ident: str, what: str) -> Iterator[Issue]:
    stem = PurePosixPath(doc.path).stem
    if stem != ident:
        yield error(
            "id-mismatch",
            *doc.at(("id",)),
            f"{what} id {quote(ident)} does not match the file name {quote(stem + '.yaml')}.",
            f"Rename the file to {ident}.yaml, or change the id to {stem}.",
        )


def outcome_issues(
    p: Partnership, outcome: Outcome, doc: YamlDocument, root: Path, markdown: dict[str, str]
) -> Iterator[Issue]:
    """An outcome names a known theme and partners, and a narrative that exists."""
    yield from _id_matches_file(doc, outcome.id, "Outcome")
    themes = [t.id for t in p.settings.themes]
    if outcome.theme not in themes:
        yield unknown("unknown-theme", doc, ("theme",), "Theme", outcome.theme, themes)
    if outcome.lead_partner not in p.partners:
        yield unknown(
            "unknown-partner",
            doc,
            ("lead_partner",),
            "Partner",
            outcome.lead_partner,
            list(p.partners),
        )
    for j, partner in enumerate(outcome.contributing_partners):
        if partner not in p.partners:
            yield unknown(
                "unknown-partner",
                doc,
                ("contributing_partners", j),
                "Partner",
                partner,
                list(p.partners),
            )
    reason = unsafe_reference(root, outcome.narrative)
    if reason:
        yield error(
            "file-reference-unsafe",
            *doc.at(("narrative",)),
            f"The narrative path {quote(outcome.narrative)} is refused: {reason}.",
            f"Write it as content/outcomes/{outcome.id}.md.",
        )
    elif outcome.narrative not in markdown:
        yield error(
            "narrative-missing",
            *doc.at(("narrative",)),
            f"The narrative file {quote(outcome.narrative)} does not exist.",
            "Every outcome needs its story behind the curve: create the Markdown file "
            "(under content/) or correct the path.",
        )


def _period_issue(
    doc: YamlDocument, path: JsonPath, period: str, indicator: Indicator, what: str
) -> Issue | None:
    if period_ordinal(period, indicator.period_type) is not None:
        return None
    kind = PERIOD_TYPES[indicator.period_type]
    return error(
        "period-invalid",
        *doc.at(path),
        f"{what} period {quote(period)} is not a {kind.description} period.",
        f'This indicator uses period_type "{indicator.period_type}": write periods like '
        f'"{kind.example}".',
    )


def indicator_issues(
    p: Partnership, ind: Indicator, doc: YamlDocument, tables: set[str]
) -> Iterator[Issue]:
    """An indicator sits in its owner's folder and names known outcomes, areas and periods."""
    yield from _id_matches_file(doc, ind.id, "Indicator")
    parts = PurePosixPath(doc.path).parts
    folder = parts[2] if len(parts) > 2 else ""
    if ind.partner not in p.partners:
        yield unknown(
            "unknown-partner", doc, ("partner",), "Partner", ind.partner, list(p.partners)
        )
    if folder and ind.partner != folder:
        yield error(
            "owner-mismatch",
            *doc.at(("partner",)),
            f"The file sits in the folder of partner {quote(folder)} but declares partner "
            f"{quote(ind.partner)}.",
            f"A partner's files live in data/partners/<partner>/: set 'partner: {folder}' or "
            "move the file to the owner's folder.",
        )
    if folder and folder not in p.partners and folder != ind.partner:
        yield error(
            "unknown-partner",
            doc.path,
            None,
            None,
            f"The folder data/partners/{folder}/ does not belong to a declared partner.",
            choices_hint(folder, list(p.partners)),
        )
    if not p.declares_outcome(ind.outcome):
        yield unknown(
            "unknown-outcome", doc, ("outcome",), "Outcome", ind.outcome, list(p.outcomes)
        )
    kind = PERIOD_TYPES[ind.period_type]
    if ind.frequency not in kind.frequencies:
        yield error(
            "frequency-mismatch",
            *doc.at(("frequency",)),
            f"Frequency {quote(ind.frequency)} does not fit period_type {quote(ind.period_type)}.",
            f"Periods of type {ind.period_type} allow frequency "
            + " or ".join(f'"{f}"' for f in kind.frequencies)
            + ".",
        )
    if ind.rate_per is not None and ind.unit != "rate":
        yield warning(
            "unit-mismatch",
            *doc.at(("rate_per",)),
            f"'rate_per' is set but the unit is {quote(ind.unit)}, so it is ignored.",
            "Remove rate_per, or set 'unit: rate'.",
        )
    if ind.baseline is not None:
        issue = _period_issue(doc, ("baseline", "period"), ind.baseline.period, ind, "Baseline")
        if issue:
            yield issue
        if ind.baseline.area not in p.areas:
            yield unknown(
                "unknown-area", doc, ("baseline", "area"), "Area", ind.baseline.area, list(p.areas)
            )
    seen: dict[tuple[str, str], int] = {}
    for j, target in enumerate(ind.targets):
        issue = _period_issue(doc, ("targets", j, "period"), target.period, ind, "Target")
        if issue:
            yield issue
        if target.area not in p.areas:
            yield unknown(
                "unknown-area", doc, ("targets", j, "area"), "Area", target.area, list(p.areas)
            )
        key = (target.period, target.area)
        if key in seen:
            yield error(
                "duplicate-target",
                *doc.at(("targets", j)),
                f"There are two targets for period {quote(target.period)} in area "
                f"{quote(target.area)} (first is entry {seen[key] + 1}).",
                "Keep one target per period and area.",
            )
        seen.setdefault(key, j)
        if ind.unit == "percentage" and not 0 <= target.value <= 100:
            yield error(
                "value-out-of-range",
                *doc.at(("targets", j, "value")),
                f"Target {target.value:g} is a percentage outside 0 to 100.",
                "Percentages are written as numbers from 0 to 100, without the % sign.",
            )
    if ind.data_path not in tables:
        yield error(
            "data-missing",
            *doc.at(("data",) if "data" in doc.data else ("id",)),
            f"The observations file {quote(ind.data_path)} does not exist or could not be read.",
            f"Put the indicator's CSV beside this file as {PurePosixPath(ind.data_path).name}.",
        )


def duplicate_indicator_issues(docs: list[YamlDocument]) -> Iterator[Issue]:
    """An indicator id may be declared by only one file across all partners."""
    first: dict[str, str] = {}
    for doc in sorted(docs, key=lambda d: d.path):
        ident = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            yield error(
                "duplicate-id",
                *doc.at(("id",)),
                f"Indicator id {quote(ident)} is already declared in {first[ident]}.",
                "Each indicator is declared once, by its owner partner.",
            )
        else:
            first[ident] = doc.path


def orphan_table_issues(p: Partnership, tables: set[str]) -> Iterator[Issue]:
    """A CSV that no indicator refers to would silently never be published."""
    used = {i.data_path for i in p.indicators.values()}
    used |= {i.comparator_path for i in p.indicators.values() if i.comparator_path}
    for path in sorted(tables - used):
        yield warning(
            "file-unexpected",
            path,
            None,
            None,
            f"No indicator refers to {quote(path)}, so it will not be published.",
            "Name the CSV after its indicator (<ID>.csv, or <ID>-comparators.csv for its "
            "comparators) or set 'data:' in the indicator's YAML.",
        )


def outcome_coverage_issues(p: Partnership) -> Iterator[Issue]:
    """An outcome without indicators cannot show progress."""
    used = {i.outcome for i in p.indicators.values()}
    for outcome in sorted(p.outcomes.values(), key=lambda o: o.id):
        if outcome.id not in used:
            yield warning(
                "outcome-no-indicators",
                outcome.source,
                1,
                1,
                f"Outcome {quote(outcome.id)} has no indicators, so its progress cannot be shown.",
                "Add an indicator with 'outcome: " + outcome.id + "' in a partner's folder.",
            )
