"""The auditors' pages and files: release calendar, revisions log, archives, datapackage.json."""

from __future__ import annotations

from laa_publish.model.site_paths import RELEASE_CALENDAR, REVISIONS_PAGE
from laa_publish.render.context import Context, Rendered
from laa_publish.render.datapackage import DATAPACKAGE, datapackage_json
from laa_publish.render.pages.releases import archive_files, release_calendar_markdown
from laa_publish.render.pages.revisions import REVISIONS_CSV, revisions_csv, revisions_markdown

NAV = [{"Release calendar": RELEASE_CALENDAR}, {"Revisions log": REVISIONS_PAGE}]


def add_audit_files(ctx: Context, out: Rendered) -> None:
    """Add the calendar, the log and each release's downloads, then describe every CSV.

    Runs after every other download is rendered, so datapackage.json hashes the final bytes.
    """
    out.add(RELEASE_CALENDAR, release_calendar_markdown(ctx))
    out.add(REVISIONS_PAGE, revisions_markdown(ctx))
    out.add(REVISIONS_CSV, revisions_csv(ctx))
    for path, text in archive_files(ctx).items():
        out.add(path, text)
    csv_files = {
        path: text.encode("utf-8")
        for path, text in out.files.items()
        if path.startswith("downloads/") and path.endswith(".csv")
    }
    out.add(DATAPACKAGE, datapackage_json(ctx, csv_files))
