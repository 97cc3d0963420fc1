"""Reference pages: the published method, the downloads list and the partnership's own pages."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from laa_publish.render.context import Context, indicator_page, link
from laa_publish.render.text import escape, table

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def method_markdown() -> str:
    """The method page, shipped with the package so it always matches the code."""
    return (TEMPLATES / "method.md").read_text(encoding="utf-8")


def downloads_markdown(ctx: Context) -> str:
    """Every CSV download in one list."""
    page = "about/downloads.md"
    rows = [
        [
            f"[{escape(ind.id)}]({link(page, indicator_page(ind.id))})",
            escape(ind.title),
            f"[{escape(ind.id)}.csv]({link(page, f'downloads/{ind.id}.csv')})",
        ]
        for ind in sorted(ctx.p.indicators.values(), key=lambda i: i.id)
    ]
    return "\n".join(
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


NO_METADATA = "---\n{}\n---\n\n"


def content_page_markdown(text: str) -> str:
    """A content page behind an empty front matter block, so the engine reads none of its own.

    MkDocs takes a leading '---' block, or leading 'Key: value' lines, as page metadata and
    prints some of it raw into <head> (title, description); partner text must stay text.
    """
    return NO_METADATA + text


def content_page_title(path: str, text: str) -> str:
    """A content page's title: its first heading, else its file name."""
    match = _H1.search(text)
    if match:
        return match.group(1)
    return PurePosixPath(path).stem.replace("-", " ").replace("_", " ").capitalize()
