"""The partnership around the imported indicators: settings, partner, outcomes and pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from laa_publish.opensdg.areas import LevelPlan
from laa_publish.opensdg.config import ImportConfig
from laa_publish.opensdg.translations import Translations

# The UN's five Ps, which group the seventeen goals.
GOAL_GROUPS = (
    (
        "people",
        "People",
        "Ending poverty and hunger, and healthy, educated, equal lives.",
        range(1, 7),
    ),
    (
        "prosperity",
        "Prosperity",
        "Prosperous and fulfilling lives in harmony with nature.",
        range(7, 12),
    ),
    ("planet", "Planet", "Protecting the planet's natural resources and climate.", range(12, 16)),
    ("peace", "Peace", "Peaceful, just and inclusive societies.", range(16, 17)),
    (
        "partnership",
        "Partnership",
        "A global partnership for sustainable development.",
        range(17, 18),
    ),
)
LOCAL = "LOCAL"


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, as partner and theme ids are written."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "publisher"


def publisher_name(source: Path) -> str:
    """A name for the publisher from the repository's folder: sdg-data-bristol gives Bristol."""
    name = re.sub(r"(^|[-_])(sdg|open|data|repo|repository)(?=[-_]|$)", " ", source.name.lower())
    words = [w for w in re.split(r"[-_\s]+", name) if w]
    if not words:
        return "Open SDG"
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in words)


def outcome_id(goal: str) -> str:
    """SDG-1 to SDG-17, or SDG-LOCAL for an indicator of no numbered goal."""
    return f"SDG-{goal}" if goal.isdigit() and 1 <= int(goal) <= 17 else f"SDG-{LOCAL}"


@dataclass(slots=True)
class Settings:
    """Everything partnership-wide, with the defaults it used listed for the report."""

    name: str
    place: str
    partner: dict[str, Any]
    core_team: str
    contact: dict[str, str]
    agreement: dict[str, str]
    defaults: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # site_url, repository_url, licence


def settings_from(config: ImportConfig, source: Path, plan: LevelPlan) -> Settings:
    """The partnership's name, partner, contact and agreement: the config's, else defaults."""
    given = config.partnership
    publisher = publisher_name(source)
    defaults: list[str] = []
    name = str(given.get("name") or f"{publisher} SDG indicators")
    if "name" not in given:
        defaults.append(f'partnership name "{name}" (from the repository folder\'s name)')
    place = str(given.get("place") or plan.place_name)
    if "place" not in given:
        defaults.append(f'place "{place}" (the whole place\'s area)')
    partner = dict(config.partner)
    if "name" not in partner:
        partner["name"] = f"{publisher} SDG data publisher"
        defaults.append(f'partner name "{partner["name"]}"')
    partner.setdefault("id", slug(str(partner["name"])))
    partner.setdefault("short_name", publisher)
    partner.setdefault("type", "other")
    partner.setdefault("team", f"@{slug(publisher)}/data")
    if "type" not in config.partner or "team" not in config.partner:
        defaults.append(f'partner type "{partner["type"]}" and team "{partner["team"]}"')
    core = str(given.get("core_team") or f"@{slug(publisher)}/core")
    if "core_team" not in given:
        defaults.append(f'core team "{core}"')
    contact = given.get("contact")
    if not isinstance(contact, dict) or not contact.get("email"):
        contact = {"name": f"{name} team", "email": f"sdg-data@{slug(publisher)}.invalid"}
        defaults.append(
            f"contact {contact['email']} (an address that cannot exist: replace it before "
            "publishing)"
        )
    agreement = given.get("agreement")
    if not isinstance(agreement, dict):
        agreement = {
            "title": "Transforming our world: the 2030 Agenda for Sustainable Development",
            "start": "2016-01-01",
            "end": "2030-12-31",
        }
        defaults.append("agreement: the 2030 Agenda, 2016-01-01 to 2030-12-31")
    links = {k: str(given[k]) for k in ("site_url", "repository_url") if given.get(k)}
    licence = str(given.get("licence") or licence_name(licence_line(source)))
    if "licence" not in given:
        defaults.append(f'licence "{licence}" (from the repository\'s LICENSE file)')
    links["licence"] = licence
    order = ("id", "name", "short_name", "type", "team", "website", "description")
    partner = {key: partner[key] for key in order if key in partner}
    return Settings(
        name,
        place,
        partner,
        core,
        {str(k): str(v) for k, v in contact.items()},
        {str(k): str(v) for k, v in agreement.items()},
        defaults,
        links,
    )


def themes_for(
    config: ImportConfig, goals: list[str]
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The themes to declare and the theme of each outcome: the config's, or the five Ps."""
    theme_of: dict[str, str] = {}
    themes: list[dict[str, str]] = []
    if config.themes:
        for entry in config.themes:
            ident = str(entry.get("id") or slug(str(entry.get("title", "theme"))))
            theme = {"id": ident, "title": str(entry.get("title") or ident)}
            if entry.get("description"):
                theme["description"] = str(entry["description"])
            themes.append(theme)
            for goal in entry.get("goals") or []:
                theme_of.setdefault(outcome_id(str(goal)), ident)
        fallback = themes[0]["id"]
        return themes, {outcome_id(g): theme_of.get(outcome_id(g), fallback) for g in goals}
    for ident, title, description, numbers in GOAL_GROUPS:
        members = [g for g in goals if g.isdigit() and int(g) in numbers]
        if members:
            themes.append({"id": ident, "title": title, "description": description})
            theme_of.update({outcome_id(g): ident for g in members})
    if any(outcome_id(g).endswith(LOCAL) for g in goals):
        themes.append(
            {"id": "local", "title": "Local", "description": "Indicators of no numbered goal."}
        )
        theme_of[f"SDG-{LOCAL}"] = "local"
    return themes, theme_of


def outcome_documents(
    goals: list[str], theme_of: dict[str, str], partner: str, words: Translations
) -> list[tuple[str, dict[str, Any], str]]:
    """Each goal's outcome YAML and narrative Markdown, by outcome id."""
    out = []
    for goal in sorted({outcome_id(g) for g in goals}, key=_goal_order):
        number = goal.removeprefix("SDG-")
        short = words.resolve(f"global_goals.{number}-short") if number.isdigit() else None
        full = words.resolve(f"global_goals.{number}-title") if number.isdigit() else None
        title = (
            f"Goal {number}: {short}"
            if short
            else (f"Goal {number}" if number.isdigit() else "Local indicators")
        )
        summary = f"{full}." if full else f"{title}, as the Open SDG repository reports it."
        doc: dict[str, Any] = {
            "id": goal,
            "title": title,
            "theme": theme_of[goal],
            "lead_partner": partner,
            "contributing_partners": [],
            "narrative": f"content/outcomes/{goal}.md",
            "summary": summary,
        }
        if number.isdigit():
            doc["priority"] = int(number)
        story = (
            f"{summary}\n\nThe indicators for this goal were imported from the publisher's "
            "Open SDG data repository. Their figures, notes and sources are as published "
            "there.\n"
        )
        out.append((goal, doc, story))
    return out


def _goal_order(ident: str) -> tuple[int, str]:
    """Goals in number order, local indicators last."""
    number = ident.removeprefix("SDG-")
    return (int(number), "") if number.isdigit() else (99, number)


def settings_document(
    s: Settings,
    plan: LevelPlan,
    themes: list[dict[str, str]],
    dimensions: list[dict[str, object]],
) -> dict[str, Any]:
    """site_config/partnership.yaml as a mapping."""
    doc: dict[str, Any] = {
        "name": s.name,
        "place": s.place,
        "place_area": plan.place_code,
        "agreement": s.agreement,
        "core_team": s.core_team,
        "contact": s.contact,
        **s.links,
        "themes": themes,
    }
    if dimensions:
        doc["dimensions"] = dimensions
    doc["levels"] = plan.levels
    return doc


def licence_line(source: Path) -> str:
    """The repository's licence in a few words, for the home page's attribution."""
    for name in ("LICENSE", "LICENSE.md", "LICENCE", "LICENSE.txt"):
        path = source / name
        if path.is_file():
            try:
                lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
            except OSError:
                continue
            first = next((ln.strip(" #") for ln in lines if ln.strip(" #")), "")
            return first.replace("<", "").replace(">", "")
    return ""


# Licences a LICENSE file's first line names, as the footer of every page words them.
_LICENCES = (
    (re.compile(r"open government licen[cs]e", re.I), "the Open Government Licence v3.0"),
    (re.compile(r"\bMIT\b"), "the MIT License"),
    (re.compile(r"creative commons|\bCC[- ]BY\b", re.I), "a Creative Commons licence"),
)


def licence_name(line: str) -> str:
    """The licence a LICENSE file's first line names, for the licence setting."""
    for pattern, name in _LICENCES:
        if pattern.search(line):
            return name
    if line and len(line) <= 80 and re.search(r"licen[cs]e", line, re.I):
        return line if line.lower().startswith("the ") else f"the {line}"
    return "the terms of the source repository's licence"
