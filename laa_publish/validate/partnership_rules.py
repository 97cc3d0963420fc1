"""Rules for what partners declare beyond indicators: frameworks, budgets and benefits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from laa_publish.issues import Issue, choices_hint, error, quote, warning
from laa_publish.load.positions import JsonPath, YamlDocument
from laa_publish.model.entities import Benefit, Contribution, Framework, Partnership
from laa_publish.model.periods import period_ordinal
from laa_publish.validate.observations import KNOWN_COLUMNS
from laa_publish.validate.references import unknown

LIFECYCLE = ("identified", "tracking", "realised", "signed_off")
RESERVED_COLUMNS = frozenset(KNOWN_COLUMNS) | {
    *("breakdown", "ordinal", "line", "derived", "suppression", "source", "revised")
}


def folder_owner_issues(p: Partnership, doc: YamlDocument) -> Iterator[Issue]:
    """A partner file declares the partner whose folder it sits in, and that partner exists."""
    declared = doc.data.get("partner")
    parts = PurePosixPath(doc.path).parts
    folder = parts[2] if len(parts) > 2 else ""
    if declared not in p.partners:
        yield unknown("unknown-partner", doc, ("partner",), "Partner", declared, list(p.partners))
    if folder and declared != folder:
        yield error(
            "owner-mismatch",
            *doc.at(("partner",)),
            f"The file sits in the folder of partner {quote(folder)} but declares partner "
            f"{quote(declared)}.",
            f"A partner's files live in data/partners/<partner>/: set 'partner: {folder}' or "
            "move the file to the owner's folder.",
        )


def framework_issues(p: Partnership, fw: Framework, doc: YamlDocument) -> Iterator[Issue]:
    """Every measure maps to declared outcomes and indicators, and codes are unique."""
    seen: dict[str, int] = {}
    for i, measure in enumerate(fw.measures):
        if measure.code in seen:
            yield error(
                "duplicate-id",
                *doc.at(("measures", i, "code")),
                f"Measure code {quote(measure.code)} is used twice (first in entry "
                f"{seen[measure.code] + 1}).",
                "Give each measure of the framework its own code.",
            )
        seen.setdefault(measure.code, i)
        for j, outcome in enumerate(measure.outcomes):
            if not p.declares_outcome(outcome):
                yield unknown(
                    "unknown-outcome",
                    doc,
                    ("measures", i, "outcomes", j),
                    "Outcome",
                    outcome,
                    list(p.outcomes),
                )
        for j, ident in enumerate(measure.indicators):
            if ident not in p.indicators:
                yield unknown(
                    "unknown-indicator",
                    doc,
                    ("measures", i, "indicators", j),
                    "Indicator",
                    ident,
                    list(p.indicators),
                )


def budget_issues(
    p: Partnership, contributions: list[Contribution], doc: YamlDocument
) -> Iterator[Issue]:
    """Contributions name known outcomes and agreement years, once each, and spend is plausible."""
    first = int(p.settings.agreement_start[:4]) - (p.settings.agreement_start[5:7] < "04")
    last = int(p.settings.agreement_end[:4]) - (p.settings.agreement_end[5:7] < "04")
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(first, last + 1)]
    seen: dict[tuple[str, str], int] = {}
    for c in contributions:
        base: JsonPath = ("contributions", c.index)
        if not p.declares_outcome(c.outcome):
            yield unknown(
                "unknown-outcome", doc, (*base, "outcome"), "Outcome", c.outcome, list(p.outcomes)
            )
        if period_ordinal(c.year, "financial_year") is None or c.year not in years:
            yield error(
                "budget-year",
                *doc.at((*base, "year")),
                f"Year {quote(c.year)} is not a financial year of the agreement "
                f"({years[0]} to {years[-1]}).",
                choices_hint(c.year, years),
            )
        key = (c.outcome, c.year)
        if key in seen:
            yield error(
                "duplicate-id",
                *doc.at(base),
                f"There is already a contribution to {quote(c.outcome)} for {quote(c.year)} "
                f"(entry {seen[key] + 1}).",
                "Give one entry per outcome and year, with pooled, aligned and in-kind together.",
            )
        seen.setdefault(key, c.index)
        if c.spent is not None and c.spent > c.pooled + c.aligned:
            yield warning(
                "budget-overspent",
                *doc.at((*base, "spent")),
                f"Spend to date ({c.spent:,.0f}) is more than the pooled and aligned money "
                f"({c.pooled + c.aligned:,.0f}).",
                "Check the figures: in-kind contributions are not spent, so they do not count.",
            )


def _stage(status: str) -> int:
    return LIFECYCLE.index(status)


def benefit_issues(p: Partnership, benefit: Benefit, doc: YamlDocument) -> Iterator[Issue]:
    """The lifecycle holds: no sign-off without a realised value, and never before it."""
    base: JsonPath = ("benefits", benefit.index)
    if not p.declares_outcome(benefit.outcome):
        yield unknown(
            "unknown-outcome",
            doc,
            (*base, "outcome"),
            "Outcome",
            benefit.outcome,
            list(p.outcomes),
        )
    if benefit.measure_indicator and benefit.measure_indicator not in p.indicators:
        yield unknown(
            "unknown-indicator",
            doc,
            (*base, "measure", "indicator"),
            "Indicator",
            benefit.measure_indicator,
            list(p.indicators),
        )
    stage = _stage(benefit.status)
    if stage >= _stage("realised") and benefit.actual_value is None:
        yield error(
            "benefit-lifecycle",
            *doc.at((*base, "status")),
            f"Benefit {quote(benefit.id)} is {quote(benefit.status)} but has no realised value.",
            "Add 'actual:' with the value realised and the date, or set status to \"tracking\".",
        )
    if stage < _stage("signed_off") and benefit.sign_off is not None:
        yield error(
            "benefit-lifecycle",
            *doc.at((*base, "sign_off")),
            f"Benefit {quote(benefit.id)} has a sign-off but its status is "
            f"{quote(benefit.status)}.",
            'Set status to "signed_off" once the realised value has been signed off, or remove '
            "the sign_off block.",
        )
    if stage == _stage("signed_off") and benefit.sign_off is None:
        yield error(
            "benefit-lifecycle",
            *doc.at((*base, "status")),
            f'Benefit {quote(benefit.id)} is "signed_off" but has no sign_off block.',
            "Add sign_off with the signatory partner, role, date and a link to the evidence.",
        )
    if stage < _stage("realised") and benefit.actual_value is not None:
        yield warning(
            "benefit-lifecycle",
            *doc.at((*base, "actual")),
            f"Benefit {quote(benefit.id)} has a realised value but its status is "
            f"{quote(benefit.status)}.",
            'Set status to "realised" (or "signed_off" once confirmed).',
        )
    sign = benefit.sign_off
    if sign is not None:
        if sign.partner not in p.partners:
            yield unknown(
                "unknown-partner",
                doc,
                (*base, "sign_off", "partner"),
                "Signatory partner",
                sign.partner,
                list(p.partners),
            )
        if benefit.actual_date is not None and sign.date < benefit.actual_date:
            yield error(
                "benefit-signoff-date",
                *doc.at((*base, "sign_off", "date")),
                f"The sign-off ({sign.date}) is dated before the benefit was realised "
                f"({benefit.actual_date}).",
                "A benefit can only be signed off once it has been realised: check both dates.",
            )


def duplicate_benefit_issues(benefits: list[tuple[Benefit, YamlDocument]]) -> Iterator[Issue]:
    """Benefit ids are unique across every partner's register."""
    first: dict[str, str] = {}
    for benefit, doc in benefits:
        if benefit.id in first:
            yield error(
                "duplicate-id",
                *doc.at(("benefits", benefit.index, "id")),
                f"Benefit id {quote(benefit.id)} is already used in {first[benefit.id]}.",
                "Give each benefit its own id, e.g. BEN-<PARTNER>-<NN>.",
            )
        else:
            first[benefit.id] = doc.path


def dimension_issues(p: Partnership, doc: YamlDocument) -> Iterator[Issue]:
    """Dimension ids and each dimension's value codes are declared once."""
    seen: set[str] = set()
    for i, dim in enumerate(p.settings.dimensions):
        if dim.id in seen or dim.id in RESERVED_COLUMNS:
            clash = "."
            if dim.id in KNOWN_COLUMNS:
                clash = " by a standard CSV column."
            elif dim.id in RESERVED_COLUMNS:
                clash = " by laa-publish itself."
            yield error(
                "duplicate-id",
                *doc.at(("dimensions", i, "id")),
                f"Dimension id {quote(dim.id)} is already used{clash}",
                "Give each dimension its own id, different from the standard CSV columns.",
            )
        seen.add(dim.id)
        codes: set[str] = set()
        for j, value in enumerate(dim.values):
            if value.code in codes:
                yield error(
                    "duplicate-id",
                    *doc.at(("dimensions", i, "values", j, "code")),
                    f"Value {quote(value.code)} is declared twice in {quote(dim.title)}.",
                    "Each value of a dimension is declared once.",
                )
            codes.add(value.code)


def indicator_breakdown_issues(
    p: Partnership, breakdowns: tuple[str, ...], doc: YamlDocument
) -> Iterator[Issue]:
    """An indicator can only break down by dimensions declared in the settings."""
    declared = [d.id for d in p.settings.dimensions]
    for j, ident in enumerate(breakdowns):
        if ident not in declared:
            yield unknown("unknown-dimension", doc, ("breakdowns", j), "Dimension", ident, declared)
