"""Pages about the partnership itself: alignment of frameworks, pooled budgets and benefits."""

from __future__ import annotations

from typing import Any

import pandas as pd

from laa_publish.compute.partnership import (
    alignment,
    benefit_summary,
    budget_frame,
    budget_totals,
    unaligned_outcomes,
)
from laa_publish.model.entities import BENEFIT_STATUSES, BENEFIT_TYPES, Benefit, Outcome
from laa_publish.model.site_paths import ALIGNMENT_PAGE, BENEFITS_PAGE, BUDGETS_PAGE
from laa_publish.render.charts import budget_chart_spec
from laa_publish.render.context import (
    ChartJob,
    Context,
    Rendered,
    figure,
    indicator_page,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.pages.signoffs import sign_off_trail
from laa_publish.render.text import attr, compact_number, escape, md_url, table

UNITS = {
    "pounds": "£",
    "hours": "hours",
    "people": "people",
    "count": "",
    "percentage": "%",
    "score": "points",
}


def money(value: float) -> str:
    """Pounds, rounded to the pound, with thousands separators."""
    return f"£{round(value):,}"


def amount(value: float | None, unit: str) -> str:
    """A benefit's value in its own unit."""
    if value is None:
        return ""
    if unit == "pounds":
        return money(value)
    if unit == "percentage":
        return f"{compact_number(value)}%"
    suffix = UNITS.get(unit, unit)
    return (
        f"{round(value):,} {suffix}".strip()
        if value == round(value)
        else (f"{compact_number(value)} {suffix}".strip())
    )


def _figure(
    rendered: Rendered, page: str, path: str, spec: dict[str, Any], title: str, message: str
) -> list[str]:
    ident = "chart-" + path.removeprefix("charts/").removesuffix(".svg").lower()
    return figure(rendered, page, ChartJob(path, spec, title, message, ident))


def _money_rows(frame: pd.DataFrame, label) -> list[list[str]]:
    rows = []
    for row in frame.itertuples(index=False):
        spent_share = (
            f"{row.spent / (row.pooled + row.aligned):.0%}" if row.pooled + row.aligned else ""
        )
        rows.append(
            [
                label(row),
                money(row.pooled),
                money(row.aligned),
                money(row.in_kind),
                money(row.total),
                money(row.spent),
                spent_share,
            ]
        )
    return rows


MONEY_HEADERS = ["Pooled", "Aligned", "In kind", "Total", "Spent", "Spent %"]
MONEY_ALIGN = ["l", "r", "r", "r", "r", "r", "r"]


def _year_chart_rows(by_year: pd.DataFrame) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for row in by_year.itertuples(index=False):
        for order, (kind, value) in enumerate(
            (("Pooled", row.pooled), ("Aligned", row.aligned), ("In kind", row.in_kind))
        ):
            rows.append(
                {"year": row.year, "kind": kind, "amount": round(float(value)), "order": order}
            )
    return rows


def _budget_message(by_year: pd.DataFrame, what: str) -> str:
    first, last = by_year.iloc[0], by_year.iloc[-1]
    return (
        f"{what} committed {money(last.total)} in {last.year}, against {money(first.total)} in "
        f"{first.year}; {money(last.pooled)} of {last.year}'s money is pooled"
    )


def budgets_markdown(ctx: Context, rendered: Rendered) -> str:
    """Pooled, aligned and in-kind money for the whole partnership."""
    page = BUDGETS_PAGE
    frame = budget_frame(ctx.p)
    parts = [
        "# Pooled and aligned budgets",
        "",
        "Partners put money and resources behind the shared outcomes in three ways:",
        "",
        "- **Pooled** money goes into a shared budget that the partnership decides how to spend;",
        "- **aligned** money stays with the partner but is spent in line with the shared plan;",
        "- **in kind** contributions are staff time, buildings or equipment, at their value.",
        "",
        "Every total on this page is computed from the partners' own budget files; none is "
        "typed in. *Spent* is spend to date from pooled and aligned money, and *Spent %* is "
        "its share of them; in-kind contributions are not spent.",
        "",
    ]
    if frame.empty:
        return "\n".join([*parts, "No partner has published a budget yet.", ""])
    by_year = budget_totals(frame, ["year"])
    parts += ["## By financial year", ""]
    parts += _figure(
        rendered,
        page,
        "charts/budgets.svg",
        budget_chart_spec(_year_chart_rows(by_year), _budget_message(by_year, "The partners")),
        "Partnership budgets by year",
        _budget_message(by_year, "The partners"),
    )
    parts += [
        table(
            ["Year", *MONEY_HEADERS], _money_rows(by_year, lambda r: escape(r.year)), MONEY_ALIGN
        ),
        "",
    ]
    by_outcome = budget_totals(frame, ["outcome"])
    parts += ["## By outcome, all years", ""]
    parts += [
        table(
            ["Outcome", *MONEY_HEADERS],
            _money_rows(
                by_outcome,
                lambda r: md_link(
                    page, outcome_page(r.outcome), f"{r.outcome}: {ctx.p.outcomes[r.outcome].title}"
                ),
            ),
            MONEY_ALIGN,
        ),
        "",
    ]
    by_partner = budget_totals(frame, ["partner"])
    parts += ["## By partner, all years", ""]
    parts += [
        table(
            ["Partner", *MONEY_HEADERS],
            _money_rows(
                by_partner,
                lambda r: md_link(page, partner_page(r.partner), ctx.partner_name(r.partner)),
            ),
            MONEY_ALIGN,
        ),
        "",
    ]
    parts.append(ctx.updated_note(*sorted({c.source for c in ctx.p.contributions})))
    parts.append("")
    return "\n".join(parts)


def outcome_budget_section(ctx: Context, outcome: Outcome, rendered: Rendered) -> list[str]:
    """The money behind one outcome: a chart by year and a table by partner and year."""
    frame = budget_frame(ctx.p)
    frame = frame[frame["outcome"] == outcome.id]
    page = outcome_page(outcome.id)
    parts = ["## Budget", ""]
    if frame.empty:
        return [*parts, "No partner has published a budget for this outcome yet.", ""]
    by_year = budget_totals(frame, ["year"])
    message = _budget_message(by_year, "Partners")
    parts += _figure(
        rendered,
        page,
        f"charts/budget-{outcome.id}.svg",
        budget_chart_spec(_year_chart_rows(by_year), message),
        f"Budget for {outcome.id}",
        message,
    )
    detail = budget_totals(frame, ["year", "partner"])

    def label(row: object) -> str:
        partner = str(row.partner)
        who = md_link(page, partner_page(partner), ctx.partner_name(partner))
        return f"{escape(row.year)}: {who}"

    by_year_rows = _money_rows(by_year, lambda r: escape(r.year))
    parts += [table(["Year", *MONEY_HEADERS], by_year_rows, MONEY_ALIGN), ""]  # the chart's figures
    parts += [table(["Year and partner", *MONEY_HEADERS], _money_rows(detail, label), MONEY_ALIGN)]
    parts.append("")
    parts += [f"All partners' budgets are on the [budgets page]({link(page, BUDGETS_PAGE)}).", ""]
    return parts


def alignment_markdown(ctx: Context) -> str:
    """The matrix of partners' own framework measures against the shared outcomes."""
    page = ALIGNMENT_PAGE
    matrix = alignment(ctx.p)
    partners = [pid for pid in sorted(ctx.p.partners) if pid in ctx.p.frameworks]
    parts = [
        "# How partners' own plans line up",
        "",
        "Each partner answers to its own performance framework as well as to this agreement: "
        "the police to the Police and Crime Plan, the NHS to its oversight framework, the "
        "council to its Council Plan. This page shows which of their own measures feed each "
        "shared outcome, and where an outcome has no partner measure behind it.",
        "",
        "## Outcomes against partners",
        "",
    ]
    rows = []
    for outcome in sorted(ctx.p.outcomes.values(), key=lambda o: o.id):
        cells = [md_link(page, outcome_page(outcome.id), outcome.id)]
        for pid in partners:
            codes = matrix.get(pid, {}).get(outcome.id, [])
            cells.append(", ".join(f"`{escape(c)}`" for c in codes) if codes else "–")
        rows.append(cells)
    headers = ["Outcome", *(escape(ctx.partner_name(pid)) for pid in partners)]
    parts += [
        table(headers, rows, ["l"] * len(headers)),
        "",
        "A dash (–) means the partner has no measure of its own feeding that outcome. The "
        "outcomes are:",
        "",
        *(
            f"- **{escape(o.id)}**: {escape(o.title)}"
            for o in sorted(ctx.p.outcomes.values(), key=lambda o: o.id)
        ),
        "",
    ]
    gaps = unaligned_outcomes(ctx.p)
    parts += ["## Outcomes with no partner measure behind them", ""]
    if gaps:
        parts += [
            f"- {md_link(page, outcome_page(o), f'{o}: {ctx.p.outcomes[o].title}')}" for o in gaps
        ]
        parts += [
            "",
            "These outcomes rely on the shared indicators alone: no partner has "
            "written them into its own performance framework.",
            "",
        ]
    else:
        parts += ["Every outcome has at least one partner measure behind it.", ""]
    missing = [pid for pid in sorted(ctx.p.partners) if pid not in ctx.p.frameworks]
    if missing:
        names = ", ".join(
            md_link(page, partner_page(pid), ctx.partner_name(pid)) for pid in missing
        )
        parts += [f"Partners that have not yet published their framework: {names}.", ""]
    parts += ["## The frameworks", ""]
    for pid in partners:
        fw = ctx.p.frameworks[pid]
        parts += [
            f"- {md_link(page, partner_page(pid), ctx.partner_name(pid))}: "
            f"{escape(fw.name)} ({len(fw.measures)} measures)"
        ]
    parts.append("")
    return "\n".join(parts)


def framework_section(ctx: Context, pid: str, page: str) -> list[str]:
    """A partner's own measures and the shared outcomes and indicators they feed."""
    fw = ctx.p.frameworks.get(pid)
    parts = ["## Its own performance framework", ""]
    if fw is None:
        return [*parts, "This partner has not yet published how its own framework aligns.", ""]
    intro = f"**{escape(fw.name)}**"
    if fw.url:
        intro += f" (<{md_url(fw.url)}>)"
    parts += [intro + " Its measures contribute to the partnership like this:", ""]
    rows = []
    for m in fw.measures:
        outcomes = ", ".join(
            md_link(page, outcome_page(o), o) for o in m.outcomes if o in ctx.p.outcomes
        )
        inds = ", ".join(
            md_link(page, indicator_page(i), i) for i in m.indicators if i in ctx.p.indicators
        )
        rows.append(
            [
                f"`{escape(m.code)}`",
                escape(m.name),
                escape(m.description or ""),
                outcomes or "–",
                inds or "–",
            ]
        )
    parts += [table(["Code", "Measure", "How it contributes", "Outcomes", "Indicators"], rows), ""]
    return parts


def outcome_alignment_section(ctx: Context, outcome: Outcome) -> list[str]:
    """Which partners' own measures feed this outcome."""
    page = outcome_page(outcome.id)
    rows = []
    for pid, fw in sorted(ctx.p.frameworks.items()):
        for m in fw.measures:
            feeds = outcome.id in m.outcomes or any(
                ctx.p.indicators[i].outcome == outcome.id
                for i in m.indicators
                if i in ctx.p.indicators
            )
            if feeds:
                rows.append(
                    [
                        md_link(page, partner_page(pid), ctx.partner_name(pid)),
                        escape(fw.name),
                        f"`{escape(m.code)}` {escape(m.name)}",
                    ]
                )
    parts = ["## Partners' own measures behind this outcome", ""]
    if rows:
        return [*parts, table(["Partner", "Framework", "Measure"], rows), ""]
    return [
        *parts,
        "No partner's own framework has a measure for this outcome yet "
        f"(see [alignment]({link(page, ALIGNMENT_PAGE)})).",
        "",
    ]


def _benefit_value(b: Benefit) -> str:
    if b.actual_value is not None:
        return f"{amount(b.actual_value, b.unit)} realised on {b.actual_date}"
    return f"{amount(b.expected_value, b.unit)} expected by {b.expected_date}"


def _benefit_section(ctx: Context, b: Benefit, page: str) -> list[str]:
    outcome = ctx.p.outcomes.get(b.outcome)
    measure = (
        md_link(page, indicator_page(b.measure_indicator), b.measure_indicator)
        if b.measure_indicator and b.measure_indicator in ctx.p.indicators
        else escape(b.measure_description or "")
    )
    rows = [
        ["Type", BENEFIT_TYPES[b.type]],
        ["Status", BENEFIT_STATUSES[b.status]],
        ["Owner", md_link(page, partner_page(b.partner), ctx.partner_name(b.partner))],
        [
            "Outcome",
            md_link(page, outcome_page(b.outcome), f"{b.outcome}: {outcome.title}")
            if outcome
            else escape(b.outcome),
        ],
        ["Measured by", measure],
        ["Baseline", amount(b.baseline, b.unit) if b.baseline is not None else "–"],
        ["Expected", f"{amount(b.expected_value, b.unit)} by {b.expected_date}"],
        [
            "Realised",
            f"{amount(b.actual_value, b.unit)} on {b.actual_date}"
            if b.actual_value is not None
            else "Not yet",
        ],
    ]
    s = b.sign_off
    if s is not None:
        who = escape(s.role) + (f" ({escape(s.name)})" if s.name else "")
        rows.append(
            [
                "Signed off",
                f"by the {who} of {escape(ctx.partner_name(s.partner))} on "
                f"{s.date}; [evidence]({md_url(s.evidence)})",
            ]
        )
    else:
        rows.append(["Signed off", "Not yet"])
    return [
        f'<a id="{attr(b.id.lower())}"></a>',
        "",
        f"### {escape(b.id)}: {escape(b.title)}",
        "",
        escape(b.description),
        "",
        table(["", "Detail"], rows),
        "",
    ]


def benefits_markdown(ctx: Context) -> str:
    """The benefits-realisation register: counts, the bigger prize, and every benefit."""
    page = BENEFITS_PAGE
    summary = benefit_summary(ctx.p)
    benefits = sorted(ctx.p.benefits.values(), key=lambda b: b.id)
    parts = [
        "# Benefits of working together",
        "",
        "The partners keep a register of the benefits that working together brings: money "
        "saved, but also skills, resources and knowledge shared, and influence gained. Each "
        "benefit moves from **identified** to **tracking** to **realised**, and is **signed "
        "off** when a named officer of a partner confirms it with evidence.",
        "",
    ]
    if not benefits:
        return "\n".join([*parts, "No benefits have been registered yet.", ""])
    realised = summary.by_status["realised"] + summary.by_status["signed_off"]
    parts += [
        "## The bigger prize",
        "",
        f"Of {summary.count} benefits registered, {realised} have been realised and "
        f"{summary.by_status['signed_off']} signed off. Realised financial benefits are worth "
        f"**{money(summary.money_realised)}** over their baselines, of which "
        f"{money(summary.money_signed_off)} has been signed off. Together the financial "
        f"benefits are expected to reach {money(summary.money_expected)}. Beyond money, "
        f"realised benefits have released {round(summary.hours_realised):,} hours of staff time "
        f"and reached {round(summary.people_realised):,} more people.",
        "",
        "## By status",
        "",
        table(
            ["Status", "Benefits"],
            [[BENEFIT_STATUSES[s], str(n)] for s, n in summary.by_status.items()],
            ["l", "r"],
        ),
        "",
        "## By type",
        "",
    ]
    rows = []
    for kind, label in BENEFIT_TYPES.items():
        members = [b for b in benefits if b.type == kind]
        rows.append(
            [
                label,
                *(str(sum(1 for b in members if b.status == s)) for s in BENEFIT_STATUSES),
                str(len(members)),
            ]
        )
    parts += [
        table(["Type", *BENEFIT_STATUSES.values(), "All"], rows, ["l", "r", "r", "r", "r", "r"]),
        "",
        "## Every benefit",
        "",
    ]
    parts += [
        table(
            ["Benefit", "Type", "Owner", "Status", "Value"],
            [
                [
                    f"[{escape(b.id)}: {escape(b.title)}](#{b.id.lower()})",
                    BENEFIT_TYPES[b.type],
                    escape(ctx.partner_name(b.partner)),
                    BENEFIT_STATUSES[b.status],
                    _benefit_value(b),
                ]
                for b in benefits
            ],
        ),
        "",
    ]
    for b in benefits:
        parts += _benefit_section(ctx, b, page)
    parts += sign_off_trail(ctx, benefits)
    parts.append(ctx.updated_note(*sorted({b.source for b in benefits})))
    parts.append("")
    return "\n".join(parts)
