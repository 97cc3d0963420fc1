"""The release calendar, and the archive of what each release published."""

from __future__ import annotations

import pandas as pd

from laa_publish.compute.audit import CONTINUOUS, EMBARGOED, RELEASE, Audit
from laa_publish.model.periods import date_words
from laa_publish.model.releases import Release
from laa_publish.model.site_paths import (
    COMMITS_CSV,
    DATAPACKAGE,
    DOWNLOADS_PAGE,
    RELEASE_CALENDAR,
    REVISIONS_CSV,
    REVISIONS_PAGE,
    archive_page,
)
from laa_publish.render.context import Context, Rendered, link
from laa_publish.render.downloads import observations_csv
from laa_publish.render.renderers import renders
from laa_publish.render.text import attr, escape, table


@renders("release-download")
def archived_csv(ctx: Context, key: str, out: Rendered) -> str:
    """One indicator's download exactly as one published release published it."""
    release, ident = key.split("/")
    names = {code: area.name for code, area in ctx.p.areas.items()}
    frame = ctx.audit.archives[release][ident]
    return observations_csv(ctx.p.indicators[ident], frame, names, ctx.audit.commits)


def _status(ctx: Context) -> str:
    """One paragraph saying which figures this build shows, and why."""
    audit = ctx.audit
    day = date_words(audit.as_of or "")
    as_of = f"as of {day}" if audit.as_of else "from a folder without git history"
    if audit.mode == RELEASE and audit.current is not None:
        return (
            f"This site shows the figures {as_of}: those of the release "
            f"**{escape(audit.current.title)}**, published on {date_words(audit.current.date)}."
        )
    if audit.mode == EMBARGOED:
        return f"No release is due on or before {day}, so no figures are published yet."
    if audit.mode == CONTINUOUS:
        return (
            "No releases are declared, so figures are published as soon as they are merged. "
            f"This build shows the figures {as_of}."
        )
    return (
        "This build had no complete git history, so the release calendar could not be "
        "applied: figures are shown as they stand in the folder, and their sources and "
        "revisions are not known."
    )


def _upcoming(ctx: Context) -> list[str]:
    rows = [
        [date_words(r.date), escape(r.title), escape(r.description)] for r in ctx.audit.upcoming
    ]
    if not rows:
        return ["No upcoming release is announced.", ""]
    return [table(["Date", "Release", "What it will contain"], rows), ""]


def _past_releases(audit: Audit) -> list[Release]:
    """Every release dated on or before the as-of date, archived here or not, newest first."""
    past = [r for r in audit.releases if audit.as_of and r.date <= audit.as_of]
    return sorted(past, key=lambda r: (r.date, r.id), reverse=True)


def _past(ctx: Context, page: str) -> list[str]:
    """Every past release, newest first, with its archive where this repository holds one."""
    audit = ctx.audit
    counts = pd.Series([r.release.id for r in audit.revisions], dtype=object).value_counts()
    first = audit.published_releases[0].id if audit.published_releases else None
    rows = []
    for release in _past_releases(audit):
        commit = audit.commits.get(release.commit or "")
        if commit is None:
            rows.append(
                [
                    date_words(release.date),
                    escape(release.title),
                    "not in this repository",
                    "",
                    "not archived",
                ]
            )
            continue
        revised = int(counts.get(release.id, 0))
        rows.append(
            [
                date_words(release.date),
                escape(release.title),
                f"`{commit.sha[:10]}`",
                "none: the first release here, with nothing earlier to compare"
                if release.id == first
                else (f"[{revised}]({link(page, REVISIONS_PAGE)})" if revised else "0"),
                f"[Downloads]({link(page, DOWNLOADS_PAGE)}#release-{attr(release.id)})",
            ]
        )
    if not rows:
        return ["No release has been published yet.", ""]
    return [
        table(["Date", "Release", "Data version", "Values revised", "Data as published"], rows),
        "",
        "The data version is the commit of the partnership's repository (a saved change in its "
        "history) whose figures the release published. A release without one was published "
        "before its data moved into this repository, or cannot be traced in this build's "
        "history: its figures are not archived on this site.",
        "",
    ]


def _archived(ctx: Context, page: str) -> str:
    """What the archive holds: only the releases whose figures this repository has."""
    audit = ctx.audit
    archived = list(reversed(audit.published_releases))
    shown = {r.id for r in archived}
    missing = [r for r in _past_releases(audit) if r.id not in shown]
    downloads = f"[Data downloads]({link(page, DOWNLOADS_PAGE)})"
    one = len(missing) == 1
    if not archived:
        if not missing:
            return "No release's figures are archived on this site yet."
        return (
            f"{'The one past release was' if one else f'The {len(missing)} past releases were'} "
            "published before the data moved into this repository, so no release's figures are "
            "archived on this site yet."
        )
    if len(archived) == 1:
        text = (
            f"The figures of the release of {date_words(archived[0].date)} stay on the site as "
            f"it published them, so what it said can be checked: see {downloads}."
        )
    else:
        text = (
            f"The figures of each of the {len(archived)} releases made from this repository, "
            f"from {date_words(archived[-1].date)} to {date_words(archived[0].date)}, stay on "
            f"the site as they were published, so what the site said on each of those dates "
            f"can be checked: see {downloads}."
        )
    if missing:
        text += (
            f" The {len(missing)} {'release' if one else 'releases'} before "
            f"{'it' if len(archived) == 1 else 'them'} {'was' if one else 'were'} published "
            "before the data moved here, and "
            f"{'is' if one else 'are'} not archived on this site."
        )
    return text


@renders("release-calendar")
def release_calendar_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """Upcoming and past releases, and how a figure's release date is decided."""
    page = RELEASE_CALENDAR
    return "\n".join(
        [
            "# Release calendar",
            "",
            _status(ctx),
            "",
            "## Upcoming releases",
            "",
            *_upcoming(ctx),
            "## Past releases",
            "",
            *_past(ctx, page),
            "## How releases work",
            "",
            "Each release publishes the figures as they stood in one saved version (a *commit*) "
            "of the partnership's repository: the version named for it, or else the last one "
            "saved on or before its date. Figures added or changed after that version are not "
            "published until the next release, whatever the date the site is rebuilt. A value "
            "that differs from the one the previous release published is marked `[r]` and "
            f"listed, with its reason, in the [revisions log]({link(page, REVISIONS_PAGE)}).",
            "",
            _archived(ctx, page),
            "",
        ]
    )


def archive_markdown(ctx: Context) -> str:
    """The downloads page's section on provenance columns and each release's archive."""
    page = DOWNLOADS_PAGE
    parts = [
        "",
        "## Sources and releases",
        "",
        "Each file also says where every figure came from: `revised` (`true` when the "
        "release shown revised it), and `commit`, the commit of the partnership's repository "
        "that last set the figure. A computed figure names the latest commit among the "
        "figures it was computed from. Each commit's date and author are listed once, in "
        f"[commits.csv]({link(page, COMMITS_CSV)}), and `datapackage.json` names the partner "
        "responsible for each file. The revisions log is a download too: "
        f"[revisions.csv]({link(page, REVISIONS_CSV)}).",
        "",
        f"[datapackage.json]({link(page, DATAPACKAGE)}) describes every CSV file and zip on "
        "this site in the Frictionless Data Package format: its columns and their types, its "
        "size and its SHA-256 hash, so a copy can be checked against what was published.",
        "",
        "## Earlier releases",
        "",
    ]
    shown = list(reversed(ctx.audit.published_releases))
    if not shown:
        return "\n".join([*parts, "No release has been published yet.", ""])
    parts += [
        "The files exactly as each release published them "
        f"(see the [release calendar]({link(page, RELEASE_CALENDAR)})).",
        "",
    ]
    for release in shown:
        frames = ctx.audit.archives.get(release.id, {})
        links = " · ".join(
            f"[{escape(ident)}]({link(page, archive_page(release.id, ident))})"
            for ident in sorted(frames)
        )
        parts += [
            f'<a id="release-{attr(release.id)}"></a>',
            "",
            f"### {escape(release.title)} ({release.date})",
            "",
            links or "This release published no figures.",
            "",
        ]
    return "\n".join(parts)
