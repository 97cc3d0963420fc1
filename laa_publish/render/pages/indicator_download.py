"""Each indicator's observations as a CSV download, with the commit behind every figure."""

from __future__ import annotations

import pandas as pd

from laa_publish.render.context import Context, Rendered
from laa_publish.render.downloads import commits_csv, observations_csv, referenced_commits
from laa_publish.render.renderers import renders


@renders("indicator-download")
def indicator_csv(ctx: Context, ident: str, out: Rendered) -> str:
    """One indicator's published figures; only the header until any are published."""
    frame = ctx.computed.published.get(ident, pd.DataFrame())
    names = {code: area.name for code, area in ctx.p.areas.items()}
    return observations_csv(ctx.p.indicators[ident], frame, names, ctx.audit.commits)


@renders("commits-download")
def commits_table(ctx: Context, key: str, out: Rendered) -> str:
    """Every commit a download names, current or archived, with its date and author."""
    frames = [*ctx.computed.published.values()]
    frames += [frame for archive in ctx.audit.archives.values() for frame in archive.values()]
    return commits_csv(referenced_commits(frames, ctx.audit.commits))
