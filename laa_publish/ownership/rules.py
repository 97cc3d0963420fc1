"""Ownership rules from the registers, so CODEOWNERS and check-ownership can never disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from laa_publish.issues import Issue, Severity
from laa_publish.load.positions import YamlDocument
from laa_publish.load.repository import PARTNERS_DIR
from laa_publish.model import build as model_build
from laa_publish.validate.references import partner_register_issues
from laa_publish.validate.schema import schema_issues

#: Files and folders that only the core team may change (besides everything unlisted).
CORE_PATHS = (
    ".github/",
    "site_config/",
    "laa_publish/",
    "data/registers/",
    "data/outcomes/",
    "mkdocs.yml",
    "pyproject.toml",
)
#: A narrative path that is safe to write into CODEOWNERS unquoted and stays under content/.
_NARRATIVE = re.compile(
    r"^content/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.md$"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One CODEOWNERS line: a repository path (a folder when it ends in '/') and its owners."""

    path: str
    owners: tuple[str, ...]

    @property
    def pattern(self) -> str:
        """The path as CODEOWNERS writes it: anchored at the root, '*' for everything."""
        return f"/{self.path}" if self.path else "*"

    def matches(self, path: str) -> bool:
        """True when this line applies to a repository-relative file path."""
        if not self.path:
            return True
        if self.path.endswith("/"):
            return path.startswith(self.path)
        return path == self.path


@dataclass(frozen=True, slots=True)
class Section:
    """A commented group of rules, so the generated file explains itself."""

    comment: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class Ownership:
    """Every rule in CODEOWNERS order (the last match wins), plus each partner's team."""

    core_team: str
    teams: dict[str, str]
    sections: tuple[Section, ...]

    @property
    def rules(self) -> tuple[Rule, ...]:
        """All rules, general first, as GitHub reads them."""
        return tuple(rule for section in self.sections for rule in section.rules)

    def owners(self, path: str) -> tuple[str, ...]:
        """The teams that own a file: those of the last matching rule, as on GitHub."""
        found: tuple[str, ...] = (self.core_team,)
        for rule in self.rules:
            if rule.matches(path):
                found = rule.owners
        return found

    def may_change(self, partner: str, path: str) -> bool:
        """A partner may change a file its team owns; a partner run by the core team, any."""
        team = self.teams[partner]
        return team == self.core_team or team in self.owners(path)


@dataclass(slots=True)
class LoadedOwnership:
    """The rules when the settings and partner register are valid, and every problem found."""

    ownership: Ownership | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when no owning file has an error, so CODEOWNERS may be written."""
        return self.ownership is not None and not any(
            i.severity is Severity.ERROR for i in self.issues
        )


def _unique(*teams: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(teams))


def _narrative_path(outcome_id: str, declared: str) -> str:
    if _NARRATIVE.match(declared) and ".." not in declared.split("/"):
        return declared
    return f"content/outcomes/{outcome_id}.md"


def build_ownership(
    settings: YamlDocument | None,
    partners: YamlDocument | None,
    outcomes: list[YamlDocument],
    issues: list[Issue],
) -> LoadedOwnership:
    """Schema-check the owning files and turn them into rules, or say why they cannot be."""
    register_issues: list[Issue] = []
    for doc, schema in ((settings, "partnership"), (partners, "partners")):
        if doc is not None:
            register_issues.extend(schema_issues(doc, schema))
    if partners is not None and not register_issues:
        register_issues.extend(partner_register_issues(partners))
    issues.extend(register_issues)
    if settings is None or partners is None or register_issues:
        return LoadedOwnership(None, issues)
    core = model_build.build_settings(settings.data).core_team
    teams = {p.id: p.team for p in model_build.build_partners(partners.data).values()}
    leads: dict[str, list[str]] = {}
    for doc in sorted(outcomes, key=lambda d: d.path):
        found = schema_issues(doc, "outcome")
        issues.extend(found)
        if found:
            continue
        outcome = model_build.build_outcome(doc)
        path = _narrative_path(outcome.id, outcome.narrative)
        lead = teams.get(outcome.lead_partner)
        leads.setdefault(path, []).extend([lead] if lead else [])
    sections = (
        Section(
            "Everything not listed below, and the partnership's own files: the core team.",
            (Rule("", (core,)), *(Rule(path, (core,)) for path in CORE_PATHS)),
        ),
        Section(
            "Each partner's folder: that partner's team, from data/registers/partners.yaml.",
            tuple(Rule(f"{PARTNERS_DIR}/{pid}/", (teams[pid],)) for pid in sorted(teams)),
        ),
        Section(
            "Each outcome's story behind the curve: its lead partner's team and the core team.",
            tuple(Rule(path, _unique(*leads[path], core)) for path in sorted(leads)),
        ),
    )
    return LoadedOwnership(Ownership(core, teams, sections), issues)
