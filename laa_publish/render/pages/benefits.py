"""The benefits-realisation register: what working together has gained, and who signed it off."""

from __future__ import annotations

from laa_publish.compute.partnership import benefit_summary
from laa_publish.model.entities import BENEFIT_STATUSES, BENEFIT_TYPES, Benefit
from laa_publish.model.site_paths import BENEFITS_PAGE
from laa_publish.render.amounts import amount, money
from laa_publish.render.context import (
    Context,
    Rendered,
    indicator_page,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.pages.signoffs import sign_off_trail
from laa_publish.render.renderers import renders
from laa_publish.render.text import attr, escape, md_url, table


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


@renders("benefits")
def benefits_markdown(ctx: Context, key: str, out: Rendered) -> str:
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
