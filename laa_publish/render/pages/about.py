"""Reference pages: the published method, the downloads list and the partnership's own pages."""

from __future__ import annotations

from pathlib import Path

from laa_publish.model.site_paths import (
    ALL_DATA_ZIP,
    DOWNLOADS_PAGE,
    comparators_download,
    compared_indicators,
    indicator_download,
    partner_zip,
    reporting_partners,
)
from laa_publish.render.context import Context, Rendered, indicator_page, link, partner_page
from laa_publish.render.pages.releases import archive_markdown
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, table

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


@renders("method")
def method_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The method page, shipped with the package so it always matches the code."""
    return (TEMPLATES / "method.md").read_text(encoding="utf-8")


@renders("downloads")
def downloads_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The zips first, then every indicator's CSV, where figures came from and earlier releases."""
    page = DOWNLOADS_PAGE
    rows = []
    compared = set(compared_indicators(ctx.p))
    for ind in sorted(ctx.p.indicators.values(), key=lambda i: i.id):
        files = [f"[{escape(ind.id)}.csv]({link(page, indicator_download(ind.id))})"]
        if ind.id in compared:
            files.append(
                f"[{escape(ind.id)}-comparators.csv]({link(page, comparators_download(ind.id))})"
            )
        rows.append(
            [
                f"[{escape(ind.id)}]({link(page, indicator_page(ind.id))})",
                escape(ind.title),
                " · ".join(files),
            ]
        )
    releases = (
        "the copies each earlier release published and " if ctx.audit.published_releases else "and "
    )
    listing = "\n".join(
        [
            "# Data downloads",
            "",
            "## Everything at once",
            "",
            f"[All data (zip)]({link(page, ALL_DATA_ZIP)}) holds every file on this page: each "
            f"indicator's figures and comparators, {releases}the revisions log. Each partner's "
            "zip holds the indicators that partner reports. "
            "Every zip unpacks into one folder, with a `datapackage.json` that lists each "
            "file's columns and its SHA-256 hash.",
            "",
            _partner_zips(ctx, page),
            "",
            "## Each indicator",
            "",
            "Every indicator's observations are a CSV file in UTF-8. Columns: `indicator`, "
            "`period`, `area_code`, `area_name`, then one column for each way the indicator is "
            "broken down (such as `sex`; empty on the figure for everyone), then `value`, "
            "`numerator`, `denominator`, `lower_ci`, `upper_ci`, `status` and `note`. Each "
            "indicator's unit and the partner that reports it are the same on every row, so "
            "they are given once, on the indicator's page and in `datapackage.json`. "
            "Suppressed values are left empty. Text that a spreadsheet could mistake for a "
            "formula starts with an apostrophe. Comparators are figures for places outside "
            "the partnership, such as England, with their source.",
            "",
            table(["Indicator", "Title", "Files"], rows),
            "",
        ]
    )
    return listing + archive_markdown(ctx)


def _partner_zips(ctx: Context, page: str) -> str:
    """One row per partner that reports indicators: how many, and its zip."""
    rows = []
    for ident in reporting_partners(ctx.p):
        partner = ctx.p.partners[ident]
        count = sum(1 for ind in ctx.p.indicators.values() if ind.partner == ident)
        rows.append(
            [
                f"[{escape(partner.name)}]({link(page, partner_page(ident))})",
                str(count),
                f"[{escape(ident)}.zip]({link(page, partner_zip(ident))})",
            ]
        )
    return table(["Partner", "Indicators", "File"], rows, ["l", "r", "l"])


NO_METADATA = "---\n{}\n---\n\n"


@renders("content")
def content_page_markdown(ctx: Context, path: str, out: Rendered) -> str:
    """A content page behind an empty front matter block, so the engine reads none of its own.

    MkDocs takes a leading '---' block, or leading 'Key: value' lines, as page metadata and
    prints some of it raw into <head> (title, description); partner text must stay text.
    """
    return NO_METADATA + ctx.p.pages[path]
