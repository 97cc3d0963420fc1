"""The benefits-realisation register: what working together has gained, and who signed it off."""

from __future__ import annotations

from laa_publish.compute.partnership import BenefitSummary, benefit_summary
from laa_publish.model.entities import BENEFIT_TYPES, Benefit
from laa_publish.model.periods import date_words
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
from laa_publish.render.text import attr, counted, escape, md_url, table

STATUS_WORDS = {
    "identified": "Identified",
    "tracking": "Tracking",
    "realised": "Realised, awaiting sign-off",
    "signed_off": "Realised and signed off",
}
"""The lifecycle states as this page names them: both realised states say so."""
UNIT_WORDS = {
    "pounds": "in pounds",
    "hours": "in hours",
    "people": "in people",
    "count": "a count",
    "percentage": "in per cent",
    "score": "in points",
}


def _measure(ctx: Context, b: Benefit) -> str:
    """What the benefit's figures measure, in the partner's words or the indicator's title."""
    ind = ctx.p.indicators.get(b.measure_indicator or "")
    return ind.title if ind is not None else (b.measure_description or "")


def _benefit_value(ctx: Context, b: Benefit) -> str:
    """The latest figure with its unit and date; a plain count is led by what it counts."""
    if b.actual_value is not None:
        text = f"{amount(b.actual_value, b.unit)} realised on {date_words(b.actual_date or '')}"
    else:
        text = f"{amount(b.expected_value, b.unit)} expected by {date_words(b.expected_date)}"
    if b.baseline:
        text += f", from a baseline of {amount(b.baseline, b.unit)}"
    measure = _measure(ctx, b)
    return f"{escape(measure)}: {text}" if b.unit == "count" and measure else text


def _benefit_section(ctx: Context, b: Benefit, page: str) -> list[str]:
    outcome = ctx.p.outcomes.get(b.outcome)
    measure = (
        md_link(
            page, indicator_page(b.measure_indicator), f"{b.measure_indicator}: {_measure(ctx, b)}"
        )
        if b.measure_indicator and b.measure_indicator in ctx.p.indicators
        else escape(b.measure_description or "")
    )
    rows = [
        ["Type", BENEFIT_TYPES[b.type]],
        ["Status", STATUS_WORDS[b.status]],
        ["Owner", md_link(page, partner_page(b.partner), ctx.partner_name(b.partner))],
        [
            "Outcome",
            md_link(page, outcome_page(b.outcome), f"{b.outcome}: {outcome.title}")
            if outcome
            else escape(b.outcome),
        ],
        ["Measured by", f"{measure} ({UNIT_WORDS.get(b.unit, escape(b.unit))})"],
        ["Baseline", amount(b.baseline, b.unit) if b.baseline is not None else "–"],
        ["Expected", f"{amount(b.expected_value, b.unit)} by {date_words(b.expected_date)}"],
        [
            "Realised",
            f"{amount(b.actual_value, b.unit)} on {date_words(b.actual_date or '')}"
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
                f"{date_words(s.date)}; [evidence]({md_url(s.evidence)})",
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


def bigger_prize(summary: BenefitSummary) -> list[str]:
    """The headline: counts by the same rule as the status table, money against expectation."""
    by = summary.by_status
    waiting, signed = by["realised"], by["signed_off"]
    pending = summary.count - summary.realised
    lines = [
        f"Of {counted(summary.count, 'benefit', 'benefits')} registered, "
        f"**{summary.realised:,} {'has' if summary.realised == 1 else 'have'} been realised**: "
        f"{signed:,} signed off and {waiting:,} awaiting sign-off. The other {pending:,} "
        f"{'is' if pending == 1 else 'are'} not yet realised: {by['identified']:,} identified "
        f"and {by['tracking']:,} being tracked.",
        "",
    ]
    money_text = _money_text(summary)
    if money_text:
        lines += [money_text, ""]
    beyond = []
    if summary.hours_realised_count:
        beyond.append(f"in hours add {amount(summary.hours_realised, 'hours')}")
    if summary.people_realised_count:
        beyond.append(f"in people add {amount(summary.people_realised, 'people')}")
    if beyond:
        lines += [
            f"Beyond money, the realised benefits measured {' and those measured '.join(beyond)}"
            " over their baselines. Every benefit's own figures, with their units, are listed "
            "below.",
            "",
        ]
    return lines


def _money_text(summary: BenefitSummary) -> str:
    """Realised money against what the same benefits were expected to gain, and what is to come."""
    later = (
        f"{counted(summary.money_pending_count, 'financial benefit', 'financial benefits')} "
        f"not yet realised {'is' if summary.money_pending_count == 1 else 'are'} expected to "
        f"gain {money(summary.money_expected_pending)} more."
        if summary.money_pending_count
        else ""
    )
    if not summary.money_realised_count:
        return (
            f"No financial benefit has been realised yet. {later[0].upper()}{later[1:]}"
            if later
            else ""
        )
    n = summary.money_realised_count
    gap = summary.money_realised - summary.money_expected_of_realised
    if round(gap) > 0:
        against = f"{money(gap)} more than expected"
    elif round(gap) < 0:
        against = f"{money(-gap)} less than expected"
    else:
        against = "exactly as expected"
    text = (
        f"The {counted(n, 'financial benefit', 'financial benefits')} realised "
        f"{'is' if n == 1 else 'are'} worth **{money(summary.money_realised)}** over "
        f"{'its baseline' if n == 1 else 'their baselines'}, of which "
        f"{money(summary.money_signed_off)} has been signed off. "
        f"{'It was' if n == 1 else 'They were'} expected to gain "
        f"{money(summary.money_expected_of_realised)}, so {'it' if n == 1 else 'they'} "
        f"realised {against}."
    )
    return f"{text} A further {later}" if later else text


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
    parts += [
        "## The bigger prize",
        "",
        *bigger_prize(summary),
        "## By status",
        "",
        "A benefit counts as realised in both of the last two states: once it is realised it "
        "awaits sign-off, and it stays realised when it is signed off.",
        "",
        table(
            ["Status", "Benefits"],
            [
                *([STATUS_WORDS[s], str(n)] for s, n in summary.by_status.items()),
                ["All", str(summary.count)],
            ],
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
                *(str(sum(1 for b in members if b.status == s)) for s in STATUS_WORDS),
                str(len(members)),
            ]
        )
    parts += [
        table(["Type", *STATUS_WORDS.values(), "All"], rows, ["l", "r", "r", "r", "r", "r"]),
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
                    STATUS_WORDS[b.status],
                    _benefit_value(ctx, b),
                ]
                for b in benefits
            ],
        ),
        "",
    ]
    for b in benefits:
        parts += _benefit_section(ctx, b, page)
    parts += sign_off_trail(ctx, benefits)
    parts.append(ctx.updated_note(page, *sorted({b.source for b in benefits})))
    parts.append("")
    return "\n".join(parts)
