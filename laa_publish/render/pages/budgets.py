"""Pooled, aligned and in-kind money: the budgets page and each outcome page's budget section."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

import pandas as pd

from laa_publish.compute.partnership import budget_frame, budget_totals
from laa_publish.frames import rows_of
from laa_publish.model.entities import Outcome
from laa_publish.model.site_paths import BUDGETS_PAGE
from laa_publish.render.amounts import money
from laa_publish.render.charts import budget_chart_spec
from laa_publish.render.context import (
    ChartJob,
    Context,
    Rendered,
    built_link,
    figure,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.renderers import renders
from laa_publish.render.text import attr, escape, html_table, html_text, table

MONEY_HEADERS = ["Pooled", "Aligned", "In kind", "Total", "Spent", "Spent %"]
MONEY_ALIGN = ["l", "r", "r", "r", "r", "r", "r"]


def _figure(
    rendered: Rendered, page: str, path: str, spec: dict[str, Any], title: str, message: str
) -> list[str]:
    ident = "chart-" + path.removeprefix("charts/").removesuffix(".svg").lower()
    return figure(rendered, page, ChartJob(path, spec, title, message, ident))


def _money_rows(frame: pd.DataFrame, label: Callable[[Any], str]) -> list[list[str]]:
    rows = []
    for row in rows_of(frame):
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


def _year_chart_rows(by_year: pd.DataFrame) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for row in rows_of(by_year):
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


@renders("budgets")
def budgets_markdown(ctx: Context, key: str, rendered: Rendered) -> str:
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
    parts.append(ctx.updated_note(page, *sorted({c.source for c in ctx.p.contributions})))
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
    folder = posixpath.dirname(page)

    def label(row: Any) -> str:
        partner = str(row.partner)
        href = attr(built_link(folder, partner_page(partner)))
        who = html_text(ctx.partner_name(partner))
        return f'{html_text(str(row.year))}: <a href="{href}">{who}</a>'

    # figures in raw HTML, out of the search index: the outcome's words lead a reader here
    by_year_rows = _money_rows(by_year, lambda r: html_text(str(r.year)))
    parts += [html_table(["Year", *MONEY_HEADERS], by_year_rows, MONEY_ALIGN), ""]  # the chart's
    detail_rows = _money_rows(detail, label)
    parts += [html_table(["Year and partner", *MONEY_HEADERS], detail_rows, MONEY_ALIGN)]
    parts.append("")
    parts += [f"All partners' budgets are on the [budgets page]({link(page, BUDGETS_PAGE)}).", ""]
    return parts
