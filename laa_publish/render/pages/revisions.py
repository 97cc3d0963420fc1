"""The public revisions log: every published value a release changed, with its reason."""

from __future__ import annotations

import itertools

from laa_publish.compute.revisions import Revision
from laa_publish.model.entities import Indicator
from laa_publish.model.periods import date_words, period_words
from laa_publish.model.releases import Release
from laa_publish.model.site_paths import RELEASE_CALENDAR, REVISIONS_CSV, REVISIONS_PAGE
from laa_publish.render.context import Context, Rendered, indicator_page, link, md_link
from laa_publish.render.downloads import write_csv
from laa_publish.render.inline import Inline, note, searched
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, plain_number, table, with_unit

CLASS_TEXT = {"revision": "Revision", "correction": "Correction"}
REVISIONS_COLUMNS = (
    "indicator",
    "period",
    "area_code",
    "area_name",
    "breakdown",
    "old_value",
    "new_value",
    "new_status",
    "release",
    "release_date",
    "previous_release",
    "revision_class",
    "reason",
    "commit",
    "commit_date",
    "partner",
)


def class_text(revision: Revision) -> str:
    """Revision, Correction, Recomputed, or an honest 'Not recorded'."""
    if revision.derived:
        return "Recomputed"
    return CLASS_TEXT.get(revision.revision_class, "Not recorded")


def breakdown_text(ctx: Context, breakdown: str) -> str:
    """'Sex: Female; Age band: Aged 16 to 24' for a canonical breakdown key."""
    parts = []
    for part in breakdown.split(";") if breakdown else ():
        dim_id, _, code = part.partition("=")
        dim = ctx.p.settings.dimension(dim_id)
        parts.append(f"{dim.title}: {dim.label(code)}" if dim else part)
    return "; ".join(parts)


def commit_text(ctx: Context, sha: str) -> str:
    """'version abc1234 of 14 March 2026', or 'not known' without the history."""
    commit = ctx.audit.commits.get(sha)
    return f"version `{commit.sha[:7]}` of {date_words(commit.day)}" if commit else "not known"


def _release(w: Inline, release: Release) -> str:
    return f"{w.strong(w.text(release.title))} ({date_words(release.date)})"


def comparison(ctx: Context, w: Inline) -> str:
    """Which releases were compared to find revisions, or why none could be."""
    audit = ctx.audit
    if audit.current is None:
        return "Revisions are listed here once the figures are published in releases."
    archived = audit.published_releases
    if len(archived) < 2:
        shown = {r.id for r in archived}
        earlier = [r for r in audit.releases if r.date < archived[0].date and r.id not in shown]
        before = (
            f" The {len(earlier)} earlier {'release was' if len(earlier) == 1 else 'releases were'}"
            " published before the data moved into this repository, so their figures are not "
            "here to compare with."
            if earlier
            else ""
        )
        return (
            "There is no earlier release to compare with yet: the first release of the figures "
            f"in this repository is {_release(w, archived[0])}.{before} A value can only be "
            "revised by a later release."
        )
    pairs = "; ".join(
        f"{_release(w, after)} with {_release(w, before)}"
        for before, after in reversed(list(itertools.pairwise(archived)))
    )
    return f"Each release was compared with the one before it: {pairs}."


def _where(ctx: Context, r: Revision) -> str:
    where = escape(ctx.area_name(r.area))
    group = breakdown_text(ctx, r.breakdown)
    return f"{where} ({escape(group)})" if group else where


def _new(r: Revision, ind: Indicator) -> str:
    return with_unit(r.new_value, ind) if r.new_value is not None else "withdrawn (not available)"


def _rows(
    ctx: Context, revisions: list[Revision], page: str, with_indicator: bool
) -> list[list[str]]:
    rows = []
    for r in revisions:
        ind = ctx.p.indicators[r.indicator]
        row = [
            escape(period_words(r.period, ind.period_type)),
            _where(ctx, r),
            with_unit(r.old_value, ind),
            _new(r, ind),
            f"{date_words(r.release.date)} ({escape(r.release.id)})",
            escape(ctx.partner_name(ind.partner)),
            class_text(r),
            escape(r.reason) if r.reason else "No reason was recorded.",
            commit_text(ctx, r.source),
        ]
        if with_indicator:
            row.insert(0, md_link(page, indicator_page(ind.id), ind.id))
        rows.append(row)
    return rows


HEADERS = ["Period", "Area", "Old value", "New value", "Published", "Partner", "Class", "Reason"]


def revisions_table(
    ctx: Context, revisions: list[Revision], page: str, with_indicator: bool
) -> str:
    """A table of revisions, one row each."""
    headers = [*HEADERS, "Changed in"]
    align = ["l", "l", "r", "r", "l", "l", "l", "l", "l"]
    if with_indicator:
        headers, align = ["Indicator", *headers], ["l", *align]
    return table(headers, _rows(ctx, revisions, page, with_indicator), align)


def indicator_revisions(ctx: Context, ind: Indicator) -> list[str]:
    """The revisions section of one indicator's page."""
    page = indicator_page(ind.id)
    mine = [r for r in ctx.audit.revisions if r.indicator == ind.id]
    parts = ["## Revisions", ""]
    if not mine:  # the same words on every indicator page: a note, left out of search
        w = note(page)
        text = comparison(ctx, w)
        if len(ctx.audit.published_releases) >= 2:
            text = f"No published value of this indicator has been revised. {text}"
        log = w.link(REVISIONS_PAGE, "revisions log")
        return [*parts, w.paragraph(f"{text} See the {log}."), ""]
    return [
        *parts,
        f"{len(mine)} published values of this indicator were revised. Values revised in the "
        "release shown are marked `[r]` above; every revision is also in the "
        f"[revisions log]({link(page, REVISIONS_PAGE)}).",
        "",
        revisions_table(ctx, mine, page, with_indicator=False),
        "",
    ]


@renders("revisions")
def revisions_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The site-wide revisions log, newest release first."""
    page = REVISIONS_PAGE
    parts = [
        "# Revisions log",
        "",
        "A value that differs from the one the previous release published is a **revision**. "
        "Each is listed here with the period, area, old and new value, the release that "
        "published it, the partner responsible, and the reason the partner recorded beside "
        "the data. A **revision** brings in new information (such as late returns); a "
        "**correction** fixes an error. A figure the site computes from revised figures for "
        "the areas within it is marked **recomputed**.",
        "",
        f"Release dates are on the [release calendar]({link(page, RELEASE_CALENDAR)}). The log "
        f"is also a [CSV download]({link(page, REVISIONS_CSV)}).",
        "",
    ]
    if not ctx.audit.revisions:
        if len(ctx.audit.published_releases) >= 2:
            parts += ["No published value has been revised.", ""]
        parts += [comparison(ctx, searched(page)), ""]
        return "\n".join(parts)
    parts += [comparison(ctx, searched(page)), ""]
    releases = sorted(
        {r.release.id: r.release for r in ctx.audit.revisions}.values(),
        key=lambda rel: (rel.date, rel.id),
        reverse=True,
    )
    for release in releases:
        mine = [r for r in ctx.audit.revisions if r.release.id == release.id]
        parts += [
            f"## {escape(release.title)} ({date_words(release.date)})",
            "",
            f"{len(mine)} {'value' if len(mine) == 1 else 'values'} revised since the previous "
            f"release, {_release(searched(page), mine[0].previous)}.",
            "",
            revisions_table(ctx, mine, page, with_indicator=True),
            "",
        ]
    return "\n".join(parts)


@renders("revisions-download")
def revisions_csv(ctx: Context, key: str, out: Rendered) -> str:
    """The revisions log as CSV, formula-safe."""
    rows = []
    for r in ctx.audit.revisions:
        ind = ctx.p.indicators[r.indicator]
        commit = ctx.audit.commits.get(r.source)
        rows.append(
            [
                ind.id,
                r.period,
                r.area,
                ctx.area_name(r.area),
                r.breakdown,
                plain_number(r.old_value, ind.decimals),
                plain_number(r.new_value, ind.decimals),
                r.new_status,
                r.release.id,
                r.release.date,
                r.previous.id,
                "recomputed" if r.derived else r.revision_class,
                r.reason,
                commit.sha if commit else "",
                commit.day if commit else "",
                ind.partner,
            ]
        )
    numbers = {"old_value", "new_value"}
    return write_csv(REVISIONS_COLUMNS, rows, set(REVISIONS_COLUMNS) - numbers)
