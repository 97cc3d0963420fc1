"""What each downloadable zip holds, what it is called, and its members compressed once.

A resident or analyst who wants more than one indicator should not click through dozens of
CSV links: the site offers one zip of all its data, and one per partner of the indicators
that partner reports. Both kinds are assembled from the same compressed members.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import partial

from laa_publish.model.site_paths import (
    ALL_DATA_ZIP,
    COMMITS_CSV,
    comparators_download,
    indicator_download,
)
from laa_publish.parallel import map_ordered
from laa_publish.render.context import Context, Rendered
from laa_publish.render.zip_archive import LEVEL, Member, deflate
from laa_publish.result_cache import ResultCache

DOWNLOADS = "downloads/"


def archive_title(ctx: Context, path: str) -> str:
    """A zip's title, in the datapackage and on the pages that link it."""
    name = ctx.p.settings.name
    if path == ALL_DATA_ZIP:
        return f"{name}: all data, with earlier releases and the revisions log"
    ident = path.removeprefix(DOWNLOADS + "partners/").removesuffix(".zip")
    partner = ctx.p.partners.get(ident)
    return f"{partner.name if partner else ident}: the indicators it reports"


def partner_downloads(ctx: Context, ident: str, out: Rendered) -> list[str]:
    """The CSVs of the indicators a partner reports, each followed by its comparators, and
    the commits table their commit column refers to."""
    paths: list[str] = []
    for indicator in sorted(i for i, ind in ctx.p.indicators.items() if ind.partner == ident):
        paths.append(indicator_download(indicator))
        comparators = comparators_download(indicator)
        if comparators in out.files:
            paths.append(comparators)
    if COMMITS_CSV in out.files:
        paths.append(COMMITS_CSV)
    return paths


def folder(path: str) -> str:
    """The folder a zip unpacks into: its own name, so nothing spills into the reader's."""
    return path.rsplit("/", 1)[-1].removesuffix(".zip")


def _deflated(files: dict[str, str], kept: ResultCache | None, path: str) -> tuple[str, Member]:
    """One download compressed, or as an earlier build compressed the same bytes."""
    content = files[path].encode("utf-8")
    name = path.removeprefix(DOWNLOADS)
    key = hashlib.sha256(f"deflated\0{LEVEL}\0{name}\0".encode() + content).hexdigest()
    if kept is None:
        return key, deflate(name, content)
    return key, kept.made(key, lambda: deflate(name, content), Member)


def packed(ctx: Context, out: Rendered, paths: Sequence[str]) -> list[Member]:
    """The downloads at `paths`, compressed: on every core the first time, then remembered.

    Between builds, a download whose bytes did not change keeps its compressed copy.
    """
    missing = [path for path in paths if path not in out.deflated]
    found = map_ordered(partial(_deflated, out.files, ctx.kept), missing)
    out.deflated.update(zip(missing, (member for _, member in found), strict=True))
    if ctx.kept is not None:
        ctx.kept.mark_used(key for key, _ in found)
    return [out.deflated[path] for path in paths]
