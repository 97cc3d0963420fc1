"""Render the registers: site_config/partnership.yaml, partners, areas and outcomes."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from tools.example.areas import DISTRICTS
from tools.example.brackenford import (
    CONSISTENCY_TOLERANCE,
    DIMENSIONS,
    DISCLOSURE_THRESHOLD,
    LEVELS,
    PARTNERS,
    PARTNERSHIP,
    THEMES,
    Outcome,
)
from tools.example.model import CITY, Area
from tools.example.writing import YAML_WIDTH, schema_line, yaml_scalar, yaml_text


def render_partnership(path: Path, root: Path) -> str:
    """site_config/partnership.yaml."""
    p = PARTNERSHIP
    lines = [
        schema_line(path, root, "partnership"),
        "# Settings for the Brackenford Partnership's performance site.",
        "# Owned by the core team: partners edit only their own folders under data/partners/.",
        "",
        f"name: {p['name']}",
        f"place: {p['place']}",
        f"place_area: {CITY}  # Brackenford (a fictional unitary authority code)",
        "",
        "agreement:",
        f"  title: {p['agreement_title']}",
        f"  start: {p['start']}",
        f"  end: {p['end']}",
        "",
        f'core_team: "{p["core_team"]}"',
        "contact:",
        f"  name: {p['contact_name']}",
        f"  email: {p['contact_email']}",
        "",
        f"site_url: {p['site_url']}",
        f"repository_url: {p['repository_url']}",
        "",
        "# The four theme blocks of a Local Area Agreement. Outcomes name one of these ids.",
        "themes:",
    ]
    for ident, title, description in THEMES:
        lines += [f"  - id: {ident}", f"    title: {title}"]
        lines += yaml_text("description", description, 4)
    lines += [
        "",
        "# Communities of shared interest: the breakdowns an indicator's CSV may carry as",
        "# columns. An indicator lists the ones it uses under 'breakdowns:'; each CSV cell holds",
        "# one of the codes below, or is left empty on the all-people row.",
        "dimensions:",
    ]
    for ident, title, values in DIMENSIONS:
        lines += [f"  - id: {ident}", f"    title: {title}", "    values:"]
        for code, label, ranked in values:
            written = code if code.isdigit() else yaml_scalar(code)
            lines += [f"      - code: {written}", f"        label: {yaml_scalar(label)}"]
            if not ranked:  # shown, but never called best or worst
                lines.append("        ranked: false")
    lines += [
        "",
        "# The place's area levels, largest first. An area in data/registers/areas.yaml names",
        "# one of these ids as its level, and its parent is at the level named by 'parent'.",
        "# 'geographic: false' marks a level with no boundary of its own, which is never mapped",
        "# or added up into its parent; 'small_area: true' puts its counts under disclosure",
        "# control.",
        "levels:",
    ]
    for level in LEVELS:
        lines += [f"  - id: {level['id']}", f"    name: {yaml_scalar(str(level['name']))}"]
        lines += [f"    plural: {yaml_scalar(str(level['plural']))}"]
        for key in ("parent", "geographic", "small_area"):
            if key in level:
                value = level[key]
                written = str(value).lower() if isinstance(value, bool) else str(value)
                lines.append(f"    {key}: {written}")
    lines += [
        "",
        "# Statistical disclosure control: counts from 1 to 4 for neighbourhoods, school",
        "# clusters and breakdowns are published as [c], with a second figure hidden where",
        "# needed so that none can be worked out from a total.",
        "disclosure:",
        f"  threshold: {DISCLOSURE_THRESHOLD}",
        "",
        "# How far (in per cent) a submitted figure may differ from the sum of its parts",
        "# before laa-publish warns that they disagree.",
        f"consistency_tolerance: {CONSISTENCY_TOLERANCE}",
    ]
    return "\n".join(lines) + "\n"


def render_partners(path: Path, root: Path) -> str:
    """data/registers/partners.yaml."""
    lines = [
        schema_line(path, root, "partners"),
        "# The partner register. Each partner's team owns data/partners/<id>/ (see CODEOWNERS).",
        "# All organisations, people and web addresses here are fictional.",
        "",
        "partners:",
    ]
    for i, p in enumerate(PARTNERS):
        if i:
            lines.append("")
        lines += [
            f"  - id: {p.id}",
            f"    name: {p.name}",
            f"    short_name: {p.short_name}",
            f"    type: {p.type}",
            f'    team: "@brackenford-laa/{p.id}"',
            f"    website: https://www.{p.domain}",
            *yaml_text("description", p.description, 4),
        ]
    return "\n".join(lines) + "\n"


def render_areas(path: Path, root: Path, areas: Sequence[Area]) -> str:
    """data/registers/areas.yaml, grouped by level with short comments."""
    lines = [
        schema_line(path, root, "areas"),
        "# The area register: every area code used in the data.",
        "# Brackenford is fictional, and so are all these codes. The neighbourhoods are",
        "# electoral wards and use the GSS format (E05...); districts and school clusters",
        "# have no GSS code, so they use local codes.",
        "",
        "areas:",
        "  # The whole city: the top of the tree, so it has no parent.",
    ]
    for area in areas:
        if area.level == "city":
            lines += _area_lines(area)
    lines += ["", "  # The four districts used for neighbourhood management."]
    for area in areas:
        if area.level == "district":
            lines += _area_lines(area)
    for district in DISTRICTS:
        name = next(a.name for a in areas if a.code == district)
        lines += ["", f"  # Neighbourhoods (wards) in the {name} district."]
        for area in areas:
            if area.level == "neighbourhood" and area.parent == district:
                lines += _area_lines(area)
    lines += [
        "",
        "  # School clusters: groups of schools that work together. A cluster's parent is",
        "  # the city; overlaps lists the districts its catchment straddles.",
    ]
    for area in areas:
        if area.level == "school_cluster":
            lines += _area_lines(area)
    return "\n".join(lines) + "\n"


def _area_lines(area: Area) -> list[str]:
    lines = []
    if area.comment:
        lines += ["  " + line for line in textwrap.wrap("# " + area.comment, YAML_WIDTH - 4,
                                                       subsequent_indent="# ",
                                                       break_on_hyphens=False)]  # fmt: skip
    lines += [f"  - code: {area.code}", f"    name: {yaml_scalar(area.name)}"]
    lines.append(f"    level: {area.level}")
    if area.parent:
        lines.append(f"    parent: {area.parent}")
    if area.overlaps:
        lines.append(f"    overlaps: [{', '.join(area.overlaps)}]")
    lines.append(f"    valid_from: {area.valid_from}")
    if area.valid_to:
        lines.append(f"    valid_to: {area.valid_to}")
    return lines


def render_outcome(path: Path, root: Path, outcome: Outcome) -> str:
    """data/outcomes/<ID>.yaml."""
    theme = next(t[1] for t in THEMES if t[0] == outcome.theme)
    lines = [
        schema_line(path, root, "outcome"),
        f"# A shared outcome in the {theme} theme.",
        "",
        f"id: {outcome.id}",
        *yaml_text("title", outcome.title),
        f"theme: {outcome.theme}",
        f"priority: {outcome.priority}",
        "",
        f"lead_partner: {outcome.lead}",
        "contributing_partners:",
        *(f"  - {c}" for c in outcome.contributors),
        "",
        f"narrative: content/outcomes/{outcome.id}.md",
        *yaml_text("summary", outcome.summary),
    ]
    return "\n".join(lines) + "\n"
