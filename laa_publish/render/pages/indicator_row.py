"""One indicator's headline as a table row, the same on the indicators index and outcome pages."""

from __future__ import annotations

from dataclasses import dataclass

from laa_publish.model.entities import Indicator
from laa_publish.model.periods import period_words
from laa_publish.render.context import Context, indicator_page
from laa_publish.render.inline import Inline
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import direction_badge, status_badge, with_unit


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """The cells a page picks from: link, latest period and value, target, status, direction."""

    indicator: str
    period: str
    latest: str
    target: str
    status: str
    direction: str


def indicator_row(
    ctx: Context, ind: Indicator, page: str, key: SymbolKey, html: bool = False
) -> IndicatorRow:
    """The whole place's latest figure for an indicator, marked with the symbols it needs.

    Cells are Markdown for a pipe table, or HTML for a raw table (`html`).
    """
    w = Inline(page, html)
    head = ctx.headline(ind.id)
    link = w.link(indicator_page(ind.id), w.text(f"{ind.id}: {ind.title}"))
    if head is None:
        return IndicatorRow(link, "", key.cell(None, "final", ind), "", status_badge("no_data"), "")
    return IndicatorRow(
        indicator=link,
        period=w.text(period_words(head.latest_period or "", ind.period_type)),
        latest=key.cell(
            head.latest_value,
            "provisional" if head.latest_provisional else "final",
            ind,
            ctx.revised(ind.id, head.latest_period, ctx.place),
        ),
        target=with_unit(head.target.value, ind) if head.target else "",
        status=status_badge(head.status),
        direction=direction_badge(head.direction),
    )
