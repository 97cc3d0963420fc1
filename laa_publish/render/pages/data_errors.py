"""The Data errors page: every problem code from the catalogue, so any message can be looked up."""

from __future__ import annotations

from laa_publish.catalogue import Entry, Example, entries
from laa_publish.model.site_paths import DATA_ERRORS, PARTNER_GUIDE
from laa_publish.render.context import Context, Rendered, link
from laa_publish.render.front_matter import for_partners
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, fenced, table


def example_markdown(label: str, example: Example) -> str:
    """One labelled example: the file it belongs to, an optional note, then the literal lines."""
    note = f" {escape(example.note)}" if example.note else ""
    return "\n".join(
        [
            f"**{label}**, in `{example.file}`:{note}",
            "",
            fenced(example.text, example.language),
        ]
    )


def _severity(item: Entry) -> str:
    if item.warning_when:
        return f"Severity: {item.severity}; a warning when: {escape(item.warning_when)}"
    return f"Severity: {item.severity}."


def entry_markdown(item: Entry) -> str:
    """One code's section; its heading is the bare code, so its anchor is the code itself."""
    return "\n".join(
        [
            f"### {item.code}",
            "",
            f"**{escape(item.title)}.** {_severity(item)}",
            "",
            f"**What it means:** {escape(item.meaning)}",
            "",
            f"**How to fix it:** {escape(item.fix)}",
            "",
            example_markdown("Wrong", item.wrong),
            "",
            example_markdown("Right", item.right),
        ]
    )


def _groups() -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for item in entries():
        groups.setdefault(item.group, []).append(item)
    return groups


@renders("data-errors")
def data_errors_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The whole page: an index of codes, then one section per code under its group."""
    guide = link(DATA_ERRORS, PARTNER_GUIDE)
    rows = [
        [f"[{item.code}](#{item.code})", str(item.severity), escape(item.title)]
        for item in entries()
    ]
    lines = [
        "# Data errors",
        "",
        "laa-publish checks every data file before the site is built. Each problem it finds "
        "has a code, such as `csv-not-number`. On your computer the code is shown in square "
        "brackets, as in `error[csv-not-number]`; on a pull request it is the title of the "
        "annotation. This page explains every code: what it means, how to fix it, and an "
        "example of the mistake with its correction.",
        "",
        "- An **error** stops the site from being built until it is fixed.",
        "- A **warning** does not stop the build, but it usually means something will not "
        "appear on the site as you expect. Fix it too.",
        "",
        f"The [Partner guide]({guide}) explains how to check your changes and how to read "
        "these messages.",
        "",
        "## All codes",
        "",
        table(["Code", "Severity", "Problem"], rows),
    ]
    for group, members in _groups().items():
        lines += ["", f"## {escape(group)}"]
        for item in members:
            lines += ["", entry_markdown(item)]
    return for_partners("\n".join(lines) + "\n")
