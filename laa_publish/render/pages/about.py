"""Reference pages: the published method, the downloads list and the partnership's own pages."""

from __future__ import annotations

from pathlib import Path

from laa_publish.model.site_paths import DOWNLOADS_PAGE, indicator_download
from laa_publish.render.context import Context, Rendered, indicator_page, link
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
    """Every CSV download in one list, then where figures came from and earlier releases."""
    page = DOWNLOADS_PAGE
    rows = [
        [
            f"[{escape(ind.id)}]({link(page, indicator_page(ind.id))})",
            escape(ind.title),
            f"[{escape(ind.id)}.csv]({link(page, indicator_download(ind.id))})",
        ]
        for ind in sorted(ctx.p.indicators.values(), key=lambda i: i.id)
    ]
    listing = "\n".join(
        [
            "# Data downloads",
            "",
            "Every indicator's observations are published as a CSV file in UTF-8. Columns: "
            "`indicator`, `period`, `area_code`, `area_name`, `value`, `unit`, `numerator`, "
            "`denominator`, `lower_ci`, `upper_ci`, `status`, `note`. Suppressed values are left "
            "empty. Text that a spreadsheet could mistake for a formula starts with an apostrophe.",
            "",
            table(["Indicator", "Title", "File"], rows),
            "",
        ]
    )
    return listing + archive_markdown(ctx)


NO_METADATA = "---\n{}\n---\n\n"


@renders("content")
def content_page_markdown(ctx: Context, path: str, out: Rendered) -> str:
    """A content page behind an empty front matter block, so the engine reads none of its own.

    MkDocs takes a leading '---' block, or leading 'Key: value' lines, as page metadata and
    prints some of it raw into <head> (title, description); partner text must stay text.
    """
    return NO_METADATA + ctx.p.pages[path]
