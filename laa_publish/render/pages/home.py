"""The home page: how the partnership is doing, on the first screen, before anything else.

The partnership-wide counts come first, then one tile per outcome, in the scorecard's order,
so that a phone's first screen answers "how is the partnership doing?". The prose and the
full scorecard follow.
"""

from __future__ import annotations

import posixpath
from collections import Counter

from laa_publish.compute.progress import (
    AT_RISK,
    IMPROVING,
    NO_CHANGE,
    OFF_TRACK,
    ON_TRACK,
    STATUS_ORDER,
    WORSENING,
)
from laa_publish.model.entities import Indicator, Outcome
from laa_publish.model.periods import date_words, period_words
from laa_publish.model.site_paths import HOME_PAGE, METHOD_PAGE
from laa_publish.render.area_series import one_series
from laa_publish.render.context import Context, Rendered, built_link, link, outcome_page
from laa_publish.render.pages.outcomes import scorecard
from laa_publish.render.renderers import renders
from laa_publish.render.sparkline import POINTS, sparkline
from laa_publish.render.text import (
    DIRECTION_TEXT,
    STATUS_TEXT,
    counted,
    direction_badge,
    direction_count,
    escape,
    html_text,
    status_badge,
    with_unit,
)

TILE_COUNTS = (ON_TRACK, AT_RISK, OFF_TRACK)


def lead_measure(ctx: Context, outcome: Outcome) -> Indicator | None:
    """The indicator a tile draws: the first with a target and figures, else the first with figures.

    The method page states this rule, so a reader knows which line the tile shows.
    """
    measured = [i for i in ctx.p.outcome_indicators(outcome.id) if ctx.headline(i.id)]
    targeted = [i for i in measured if (head := ctx.headline(i.id)) and head.target]
    chosen = targeted or measured
    return chosen[0] if chosen else None


def _count(status: str, count: int) -> str:
    """A count with its status badge; a zero is neutral, never red or green."""
    muted = ' class="laa-neutral"' if not count else ""
    return f"<li{muted}><strong>{count:,}</strong> {status_badge(status)}</li>"


def _counts(ctx: Context) -> list[str]:
    """Partnership-wide: indicators by status, then how many are improving and worsening."""
    heads = [ctx.headline(i) for i in sorted(ctx.p.indicators)]
    statuses = Counter(head.status if head else "no_data" for head in heads)
    directions = Counter(head.direction for head in heads if head)
    place = html_text(ctx.area_name(ctx.place))
    items = [_count(s, statuses[s]) for s in STATUS_ORDER if statuses[s] or s in TILE_COUNTS]
    moving = [direction_count(d, directions[d]) for d in (IMPROVING, WORSENING)]
    steady = directions[NO_CHANGE]
    moving_text = ", ".join(moving) + (f", {steady:,} with no change" if steady else "")
    return [
        '<section class="laa-overview" aria-labelledby="laa-overview-title">',
        f'<h2 id="laa-overview-title">{len(heads):,} indicators across {place}</h2>',
        '<ul class="laa-counts">',
        *items,
        "</ul>",
        f"<p>Since the previous figure: {moving_text}.</p>",
        "</section>",
    ]


def _tile(ctx: Context, outcome: Outcome, folder: str) -> str:
    """One outcome: its status in words, its lead measure's line and its counts."""
    summary = ctx.computed.outcomes[outcome.id]
    href = built_link(folder, outcome_page(outcome.id))
    counts = " · ".join(f"{summary.counts.get(s, 0):,} {_words(s)}" for s in TILE_COUNTS)
    lines = [
        '<li class="laa-tile">',
        f'<h3><a href="{href}">{html_text(outcome.title)}</a></h3>',
        f"<p>{status_badge(summary.status)}</p>",
        f"<p>{counts}</p>",
    ]
    ind = lead_measure(ctx, outcome)
    head = ctx.headline(ind.id) if ind else None
    if ind is not None and head is not None and head.latest_period:
        values = one_series(ctx.computed.published.get(ind.id), ctx.place, POINTS)
        latest = with_unit(head.latest_value, ind)
        period = period_words(head.latest_period, ind.period_type)
        label = f"{ind.title}: the latest {len(values)} figures, ending at {latest} in {period}"
        lines += [
            f'<p class="laa-tile__measure">{sparkline(values, label)} '
            f"{html_text(ind.title)}: <strong>{html_text(latest)}</strong> "
            f"({html_text(period)}) {direction_badge(head.direction)}</p>",
        ]
    lines.append("</li>")
    return "\n".join(lines)


def _words(status: str) -> str:
    """'on track', as a count reads it."""
    return STATUS_TEXT[status][1].lower()


def _tiles(ctx: Context, page: str) -> list[str]:
    """Every outcome as a tile, in the scorecard's order (theme, then priority)."""
    folder = posixpath.dirname(page)
    tiles = [_tile(ctx, o, folder) for _, members in ctx.p.outcomes_by_theme() for o in members]
    if not tiles:
        return []
    return [
        '<section class="laa-outcome-tiles" aria-labelledby="laa-tiles-title">',
        '<h2 id="laa-tiles-title">How each outcome is doing</h2>',
        '<ul class="laa-tiles">',
        *tiles,
        "</ul>",
        "</section>",
    ]


@renders("home")
def home_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The landing page: counts and outcome tiles first, then the prose and the scorecard."""
    page = HOME_PAGE
    s = ctx.p.settings
    method = link(page, METHOD_PAGE)
    parts = [f"# {escape(s.name)}", "", *_counts(ctx), "", *_tiles(ctx, page), ""]
    arrows = (
        "Arrows say whether a figure is getting better (↗) or worse (↘), whichever way it moved."
    )
    if any(not i.judged for i in ctx.p.indicators.values()):
        arrows += " For measures where neither direction is better, ↑ and ↓ say only which way."
    parts += [
        f"Each outcome's status, and the measure its tile draws, are explained in "
        f"[how progress is judged]({method}). {arrows}",
        "",
        "## About the partnership",
        "",
    ]
    if ctx.p.home_intro:
        parts += [ctx.p.home_intro.strip(), ""]
    sharing = counted(len(ctx.p.partners), "partner shares", "partners share")
    outcomes = counted(len(ctx.p.outcomes), "outcome", "outcomes")
    indicators = counted(len(ctx.p.indicators), "indicator", "indicators")
    parts += [
        f"The **{escape(s.agreement_title)}** runs from {date_words(s.agreement_start)} to "
        f"{date_words(s.agreement_end)}. {sharing} {outcomes}, tracked by {indicators}.",
        "",
        "## Scorecard",
        "",
        f"Every outcome by theme ({DIRECTION_TEXT[IMPROVING].lower()} and "
        f"{DIRECTION_TEXT[WORSENING].lower()} count each indicator's latest change).",
        "",
    ]
    parts += scorecard(ctx, page)
    return "\n".join(parts)
