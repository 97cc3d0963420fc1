"""How partners' own frameworks line up with the shared outcomes: a page and two sections."""

from __future__ import annotations

from laa_publish.compute.partnership import alignment, unaligned_outcomes
from laa_publish.model.entities import Outcome
from laa_publish.model.site_paths import ALIGNMENT_PAGE
from laa_publish.render.context import (
    Context,
    Rendered,
    indicator_page,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, md_url, table


@renders("alignment")
def alignment_markdown(ctx: Context, key: str, out: Rendered) -> str:
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
