"""Each indicator's comparator figures as a CSV download, apart from the partnership's own."""

from __future__ import annotations

from laa_publish.render.context import Context, Rendered
from laa_publish.render.downloads import comparators_csv
from laa_publish.render.renderers import renders


@renders("comparators-download")
def comparators_download_csv(ctx: Context, ident: str, out: Rendered) -> str:
    """One indicator's comparators: places outside the partnership, with their sources."""
    return comparators_csv(ctx.p.indicators[ident], ctx.p.comparators[ident])
