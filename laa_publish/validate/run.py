"""Run every check in order and build the model from whatever passed its schema."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from laa_publish.issues import Issue, sorted_issues
from laa_publish.load.csv_loader import CsvFile
from laa_publish.load.history import History, read_history
from laa_publish.load.positions import YamlDocument
from laa_publish.load.repository import OUTCOMES_DIR, LoadedRepository, load_repository
from laa_publish.model import build as model_build
from laa_publish.model.aggregate import child_totals
from laa_publish.model.entities import Benefit, Indicator, Partnership
from laa_publish.model.site_paths import published_pages
from laa_publish.parallel import map_ordered
from laa_publish.result_cache import ResultCache
from laa_publish.validate import partnership_rules as rules
from laa_publish.validate import references as refs
from laa_publish.validate.boundaries import boundary_issues
from laa_publish.validate.comparators import check_comparators, declaration_issues
from laa_publish.validate.consistency import consistency_issues
from laa_publish.validate.levels import level_issues
from laa_publish.validate.markdown_safety import (
    Extensions,
    link_issues,
    markdown_issues,
    narrative_links,
    site_extensions,
)
from laa_publish.validate.observations import check_observations
from laa_publish.validate.placeholders import placeholder_issues
from laa_publish.validate.releases import release_issues
from laa_publish.validate.revisions import revision_issues
from laa_publish.validate.schema import schema_issues, validator
from laa_publish.validate.table_cache import shared_digest, table_key

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CheckResult:
    """The model (when the registers could be read) and every issue found."""

    partnership: Partnership | None
    issues: list[Issue]
    repository: LoadedRepository
    history: History = field(default_factory=History)


def _valid(doc: YamlDocument | None, schema: str, issues: list[Issue]) -> YamlDocument | None:
    if doc is None:
        return None
    found = schema_issues(doc, schema)
    issues.extend(found)
    return None if found else doc


def _each_valid(docs: list[YamlDocument], schema: str, issues: list[Issue]) -> list[YamlDocument]:
    """The documents that pass their schema, checked on every core; the rest's issues."""
    validator(schema)  # compiled once, here, for the workers to inherit
    passed: list[YamlDocument] = []
    for doc, found in zip(docs, map_ordered(lambda d: schema_issues(d, schema), docs), strict=True):
        issues.extend(found)
        if not found:
            passed.append(doc)
    return passed


def _outcomes(p: Partnership, docs: list[YamlDocument], repo: LoadedRepository) -> list[Issue]:
    issues: list[Issue] = []
    for doc in sorted(docs, key=lambda d: d.path):
        outcome = model_build.build_outcome(doc)
        p.outcomes.setdefault(outcome.id, outcome)
        p.documents[doc.path] = doc
    for outcome in p.outcomes.values():
        doc = p.documents[outcome.source]
        issues.extend(refs.outcome_issues(p, outcome, doc, repo.root, repo.markdown))
        if outcome.narrative in repo.markdown:
            p.narratives[outcome.id] = repo.markdown[outcome.narrative]
    return issues


def _broken_outcomes(repo: LoadedRepository, passed: list[YamlDocument]) -> frozenset[str]:
    """Ids of outcomes whose file exists but was unreadable or failed its schema."""
    kept = {doc.path for doc in passed}
    ids = {
        data["id"]
        if isinstance(data := doc.data, dict) and isinstance(data.get("id"), str)
        else PurePosixPath(doc.path).stem
        for doc in repo.outcomes
        if doc.path not in kept
    }
    ids |= {
        PurePosixPath(path).stem
        for path in repo.unreadable
        if path.startswith(f"{OUTCOMES_DIR}/") and path.endswith(".yaml")
    }
    return frozenset(ids)


Narrative = tuple[list[Issue], tuple[str, ...]]


def _narrative(item: tuple[str, str], extensions: Extensions) -> Narrative:
    """One content file's unsafe constructs, and the links it makes, from one rendering."""
    path, text = item
    return list(markdown_issues(path, text, extensions)), narrative_links(text, extensions)


def _narrative_checks(
    narratives: list[tuple[str, str]], extensions: Extensions, kept: ResultCache | None, salt: str
) -> list[Narrative]:
    """Every content file checked on every core; kept by the hash of its text when cached."""
    if kept is None:
        return map_ordered(lambda item: _narrative(item, extensions), narratives)
    shared = hashlib.sha256(f"narrative\0{salt}\0{extensions!r}\0".encode())

    def one(item: tuple[str, str]) -> tuple[str, Narrative]:
        digest = shared.copy()
        digest.update(f"{item[0]}\0{item[1]}".encode())
        key = digest.hexdigest()
        return key, kept.made(key, lambda: _narrative(item, extensions), tuple)

    results = map_ordered(one, narratives)
    kept.mark_used(key for key, _ in results)
    return [found for _, found in results]


def _table_issues(
    p: Partnership, indicator: Indicator, table: CsvFile
) -> tuple[pd.DataFrame | None, list[Issue], pd.DataFrame | None]:
    """One indicator's CSV checked, typed and compared with its own roll-up."""
    frame, found = check_observations(indicator, table, p.areas, p.settings)
    if frame is None:
        return None, found, None
    totals = child_totals(indicator, frame, p.areas, p.settings.levels)
    value_column = table.column_number("value")
    found.extend(consistency_issues(p, indicator, frame, table.path, value_column, totals))
    return frame, found, totals


Checked = tuple[pd.DataFrame | None, list[Issue], pd.DataFrame | None]


def _kept_table_issues(
    p: Partnership, kept: ResultCache, shared: bytes, indicator: Indicator, table: CsvFile
) -> tuple[str, Checked]:
    """_table_issues, or what an earlier build found for the same inputs (table_cache)."""
    key = table_key(shared, indicator, table)
    return key, kept.made(key, lambda: _table_issues(p, indicator, table), tuple)


def _all_table_issues(
    p: Partnership, jobs: list[tuple[Indicator, CsvFile]], kept: ResultCache | None, salt: str
) -> list[tuple[str | None, Checked]]:
    """Every table checked, with its key when kept; independent, so on every core."""
    if kept is None:
        return [(None, found) for found in map_ordered(lambda job: _table_issues(p, *job), jobs)]
    shared = shared_digest(p, salt)
    results: list[tuple[str | None, Checked]] = list(
        map_ordered(lambda job: _kept_table_issues(p, kept, shared, *job), jobs)
    )
    kept.mark_used(key for key, _ in results if key is not None)
    kept.prune()
    return results


def _indicators(
    p: Partnership,
    docs: list[YamlDocument],
    repo: LoadedRepository,
    kept: ResultCache | None = None,
    salt: str = "",
) -> list[Issue]:
    issues: list[Issue] = []
    tables = set(repo.tables)
    per_doc: list[list[Issue]] = []
    checked: list[tuple[int, Indicator, CsvFile]] = []
    for doc in sorted(docs, key=lambda d: d.path):
        indicator = model_build.build_indicator(doc, p.settings.place_area)
        if indicator.id in p.indicators:
            continue
        p.indicators[indicator.id] = indicator
        p.documents[doc.path] = doc
        found = list(refs.indicator_issues(p, indicator, doc, tables | repo.unreadable))
        found.extend(rules.indicator_breakdown_issues(p, indicator.breakdowns, doc))
        found.extend(declaration_issues(p, indicator, doc, tables | repo.unreadable))
        comparisons = repo.tables.get(indicator.comparator_path or "")
        if comparisons is not None:
            figures, more = check_comparators(indicator, comparisons)
            found.extend(more)
            if figures is not None:
                p.comparators[indicator.id] = figures
        per_doc.append(found)
        table = repo.tables.get(indicator.data_path)
        if table is not None:
            checked.append((len(per_doc) - 1, indicator, table))
    results = _all_table_issues(p, [(ind, table) for _, ind, table in checked], kept, salt)
    for (slot, indicator, _), (key, (frame, found, totals)) in zip(checked, results, strict=True):
        per_doc[slot].extend(found)
        if frame is not None:
            p.observations[indicator.id] = frame
            if key is not None:
                p.observation_keys[indicator.id] = key
        if totals is not None:
            p.child_totals[indicator.id] = totals
    for found in per_doc:
        issues.extend(found)
    passed = {d.path for d in docs}
    failed = [d.path for d in repo.indicators if d.path not in passed]
    failed += [path for path in repo.unreadable if path.endswith(".yaml")]
    unreadable = {str(PurePosixPath(path).with_suffix(".csv")) for path in failed}
    unreadable |= {path.removesuffix(".yaml") + "-comparators.csv" for path in failed}
    issues.extend(refs.orphan_table_issues(p, tables - unreadable))
    if not failed:
        issues.extend(refs.outcome_coverage_issues(p))
    return issues


def _partner_files(p: Partnership, repo: LoadedRepository) -> list[Issue]:
    """Frameworks, budgets and benefits, checked after outcomes and indicators are known."""
    issues: list[Issue] = []
    benefits: list[tuple[Benefit, YamlDocument]] = []
    for doc in sorted(repo.partner_files, key=lambda d: d.path):
        kind = repo.kinds[doc.path]
        if _valid(doc, kind, issues) is None:
            continue
        p.documents[doc.path] = doc
        issues.extend(rules.folder_owner_issues(p, doc))
        if kind == "framework":
            framework = model_build.build_framework(doc)
            p.frameworks[framework.partner] = framework
            issues.extend(rules.framework_issues(p, framework, doc))
        elif kind == "budgets":
            contributions = model_build.build_contributions(doc)
            p.contributions.extend(contributions)
            issues.extend(rules.budget_issues(p, contributions, doc))
        else:
            for benefit in model_build.build_benefits(doc):
                benefits.append((benefit, doc))
                p.benefits.setdefault(benefit.id, benefit)
                issues.extend(rules.benefit_issues(p, benefit, doc))
    issues.extend(rules.duplicate_benefit_issues(benefits))
    return issues


def check(
    root: Path,
    history: History | None = None,
    kept: ResultCache | None = None,
    salt: str = "",
) -> CheckResult:
    """Load and validate everything under `root`, reporting every problem in one pass.

    The git history is read once, here unless the caller already has it, because releases
    and revisions are judged against it. With `kept`, a table whose inputs (and code,
    `salt`) an earlier build checked takes that build's findings (see `table_cache`), and
    so does a content file whose text it checked.
    """
    repo = load_repository(root)
    history = history if history is not None else read_history(repo.root)
    issues: list[Issue] = list(repo.issues)
    registers = (repo.settings, repo.partners, repo.areas, repo.releases)
    documents = (*registers, *repo.outcomes, *repo.indicators, *repo.partner_files)
    issues.extend(placeholder_issues(documents, repo.markdown))
    settings_doc = _valid(repo.settings, "partnership", issues)
    partners_doc = _valid(repo.partners, "partners", issues)
    areas_doc = _valid(repo.areas, "areas", issues)
    releases_doc = _valid(repo.releases, "releases", issues)
    outcome_docs = [d for d in repo.outcomes if _valid(d, "outcome", issues)]
    indicator_docs = _each_valid(repo.indicators, "indicator", issues)
    issues.extend(refs.duplicate_indicator_issues(repo.indicators))
    extensions = site_extensions(repo.root / "mkdocs.yml")
    narratives = sorted(repo.markdown.items())
    checked_narratives = _narrative_checks(narratives, extensions, kept, salt)
    for found, _ in checked_narratives:
        issues.extend(found)
    if partners_doc:
        issues.extend(refs.partner_register_issues(partners_doc))
    if settings_doc is None or partners_doc is None or areas_doc is None:
        log.debug("registers or settings are invalid; cross-file checks skipped")
        return CheckResult(None, sorted_issues(issues), repo, history)

    p = Partnership(
        settings=model_build.build_settings(settings_doc.data),
        partners=model_build.build_partners(partners_doc.data),
        areas=model_build.build_areas(areas_doc.data),
        outcomes={},
        indicators={},
    )
    p.documents = {d.path: d for d in (settings_doc, partners_doc, areas_doc)}
    issues.extend(refs.settings_issues(p, settings_doc))
    issues.extend(level_issues(p, settings_doc))
    issues.extend(rules.dimension_issues(p, settings_doc))
    issues.extend(refs.area_register_issues(p, areas_doc))
    if repo.boundaries is not None:
        p.boundaries, found = boundary_issues(
            repo.boundaries, p.areas, areas_doc, p.settings.levels
        )
        issues.extend(found)
    p.broken_outcomes = _broken_outcomes(repo, outcome_docs)
    issues.extend(_outcomes(p, outcome_docs, repo))
    p.releases, found = release_issues(releases_doc, history)
    issues.extend(found)
    issues.extend(_indicators(p, indicator_docs, repo, kept, salt))
    issues.extend(
        revision_issues(repo.root, p, repo.tables, history, declared=repo.releases is not None)
    )
    issues.extend(_partner_files(p, repo))
    p.home_intro = repo.markdown.get("content/index.md")
    p.pages = {
        path: text for path, text in repo.markdown.items() if path.startswith("content/pages/")
    }
    published = published_pages(p)
    for (path, text), (_, links) in zip(narratives, checked_narratives, strict=True):
        issues.extend(link_issues(path, text, links, published))
    return CheckResult(p, sorted_issues(issues), repo, history)
