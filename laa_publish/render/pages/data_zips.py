"""The zip of all data and each partner's zip: CSVs plus a datapackage.json of their own."""

from __future__ import annotations

from dataclasses import replace

from laa_publish.model.site_paths import ALL_DATA_ZIP, partner_zip
from laa_publish.render.context import Context, Rendered
from laa_publish.render.data_archives import (
    archive_title,
    folder,
    packed,
    partner_downloads,
)
from laa_publish.render.pages.datapackage import csv_downloads, package_json, resource
from laa_publish.render.renderers import renders
from laa_publish.render.zip_archive import deflate, zip_bytes

PACKAGE_FILE = "datapackage.json"


def _archive(ctx: Context, out: Rendered, path: str, downloads: list[str]) -> bytes:
    """A zip of `downloads` in one folder, described by its own datapackage.json, dated by git.

    Members are sorted by path with the package first, and every one carries the built
    commit's time, so the same commit always gives the same bytes.
    """
    root = folder(path)
    members = packed(ctx, out, downloads)
    resources = [
        resource(ctx, download, m.size, m.sha256) | {"path": m.name}
        for download, m in zip(downloads, members, strict=True)
    ]
    package = package_json(
        ctx,
        archive_title(ctx, path),
        f"Figures published by the {ctx.p.settings.name}, with their provenance. "
        "Each file below is also on the site, under downloads/.",
        resources,
    )
    archived = [deflate(f"{root}/{PACKAGE_FILE}", package.encode("utf-8"))]
    archived += [replace(m, name=f"{root}/{m.name}") for m in members]
    head = ctx.history.head
    return zip_bytes(archived, head.timestamp if head else None)


@renders("all-data-zip")
def all_data_zip(ctx: Context, key: str, out: Rendered) -> bytes:
    """Every CSV on the site: indicators, comparators, earlier releases and revisions."""
    return _archive(ctx, out, ALL_DATA_ZIP, csv_downloads(out))


@renders("partner-zip")
def partner_data_zip(ctx: Context, ident: str, out: Rendered) -> bytes:
    """The indicators one partner reports, with their comparators."""
    return _archive(ctx, out, partner_zip(ident), partner_downloads(ctx, ident, out))
