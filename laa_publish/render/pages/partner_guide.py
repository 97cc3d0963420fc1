"""The Partner guide: step-by-step help, with error messages produced by the real validator."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path

from laa_publish.catalogue import Entry, Example, entries
from laa_publish.catalogue.examples import SANDBOX, CommonExamples, common_examples
from laa_publish.issues import Issue
from laa_publish.model.entities import OBSERVATION_STATUSES
from laa_publish.model.periods import PERIOD_TYPES
from laa_publish.model.site_paths import DATA_ERRORS, PARTNER_GUIDE, SCHEMAS_PAGE
from laa_publish.render.context import Context, Rendered, link
from laa_publish.render.front_matter import for_partners
from laa_publish.render.pages.data_errors import example_markdown
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, fenced, md_url, table
from laa_publish.reporters import write_text

TEMPLATE = Path(__file__).resolve().parent.parent.parent / "templates" / "partner-guide.md"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_CODE_SAFE = re.compile(r"^[^`\n]+$")
SAMPLE_CODE = "csv-not-number"
CSV_GROUP = "Figures in CSV files"
NEW_PERIOD_FILE = "data/partners/police/indicators/LOC-SSC-01.csv"
NEW_PERIOD_ROW = "2024-Q3,E08000001,149,provisional,\n"
STATUS_MEANINGS = {
    "final": "the figure is final. An empty status means final too.",
    "provisional": "the figure may still change. The site marks it [p].",
    "not_available": "there is no figure. Leave the value empty. The site shows [x].",
    "suppressed": "the figure is withheld to protect privacy. Leave the value empty. "
    "The site shows [c].",
}


class TemplateError(ValueError):
    """The packaged guide template and its renderer disagree: a packaging bug."""


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace every {{ name }}; a missing or unused value raises rather than publishing gaps."""
    wanted = set(_PLACEHOLDER.findall(template))
    if wanted != set(values):
        missing, unused = sorted(wanted - set(values)), sorted(set(values) - wanted)
        raise TemplateError(f"placeholders missing: {missing}; values unused: {unused}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def code(text: str) -> str:
    """Inline code, which shows text literally; text with a backtick is escaped instead."""
    return f"`{text}`" if _CODE_SAFE.match(text) else escape(text)


def report_text(issues: list[Issue] | tuple[Issue, ...]) -> str:
    """Issues exactly as `laa-publish validate` prints them on a terminal without colour."""
    out = io.StringIO()
    write_text(list(issues), out, colour=False)
    return out.getvalue()


def _without_summary(report: str) -> str:
    """The report without its closing count line, for showing a single message."""
    return "".join(report.splitlines(keepends=True)[:-1])


def new_period_example() -> tuple[Example, Example]:
    """A CSV file before and after adding a row for a new period; the tests validate both."""
    before = (SANDBOX / NEW_PERIOD_FILE).read_text(encoding="utf-8")
    return (
        Example(NEW_PERIOD_FILE, "show", before, "csv"),
        Example(NEW_PERIOD_FILE, "write", before + NEW_PERIOD_ROW, "csv"),
    )


def _column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _sample_explained(issue: Issue) -> str:
    errors_page = link(PARTNER_GUIDE, DATA_ERRORS)
    column = issue.column or 1
    return "\n".join(
        [
            f"- {code(issue.path)} is the file.",
            f"- {issue.line} is the line. Line 1 is the header row, so this is row "
            f"{issue.line} in a spreadsheet.",
            f"- {column} is the column: column {_column_letter(column)} in a spreadsheet. "
            "In a YAML file, it counts the characters along the line instead.",
            f"- {issue.severity} means it must be fixed before the site can be built.",
            f"- {issue.code} is the code. Look it up on the "
            f"[Data errors]({errors_page}#{issue.code}) page.",
            "- Then comes the message, and on the next line a hint on how to fix it.",
        ]
    )


def _common_error(item: Entry, examples: CommonExamples) -> str:
    errors_page = link(PARTNER_GUIDE, DATA_ERRORS)
    return "\n".join(
        [
            f"### {escape(item.title)}",
            "",
            example_markdown("What was saved", item.wrong),
            "",
            "**What laa-publish says:**",
            "",
            fenced(report_text(examples[item.code]), "text"),
            "",
            f"**How to fix it:** {escape(item.fix)}",
            "",
            example_markdown("Fixed", item.right),
            "",
            f"More about [{item.code}]({errors_page}#{item.code}).",
        ]
    )


def common_entries() -> list[Entry]:
    """The catalogue's common mistakes, those in CSV files first: partners edit those most."""
    common = [e for e in entries() if e.common]
    return sorted(common, key=lambda e: e.group != CSV_GROUP)


def _partner_table(ctx: Context) -> str:
    rows = [
        [escape(p.name), code(f"data/partners/{p.id}/"), code(p.team)]
        for p in sorted(ctx.p.partners.values(), key=lambda x: x.name)
    ]
    return table(["Partner", "Folder", "Reviewed by (code owner)"], rows)


def _period_table() -> str:
    rows = [
        [code(kind.name), code(kind.example), escape(kind.description)]
        for kind in PERIOD_TYPES.values()
    ]
    return table(["period_type", "Written like", "Meaning"], rows)


def _status_list() -> str:
    return "\n".join(
        f"    - {code(status)}: {escape(STATUS_MEANINGS[status])}"
        for status in OBSERVATION_STATUSES
    )


def partner_guide_markdown(ctx: Context, examples: CommonExamples | None = None) -> str:
    """The Partner guide page, from the packaged template and this partnership's registers.

    `examples` are the validator's messages for the common mistakes, when the build already
    has them; otherwise they are worked out here.
    """
    settings = ctx.p.settings
    before, after = new_period_example()
    examples = common_examples() if examples is None else examples
    sample = examples[SAMPLE_CODE]
    repository = (
        f" This partnership's repository is at <{md_url(settings.repository_url)}>."
        if settings.repository_url
        else ""
    )
    values = {
        "repository": repository,
        "core_team": code(settings.core_team),
        "partner_table": _partner_table(ctx),
        "new_period_before": example_markdown("Before", before),
        "new_period_after": example_markdown("After", after),
        "period_table": "\n".join("    " + line for line in _period_table().splitlines()),
        "status_list": _status_list(),
        "sample_message": fenced(_without_summary(report_text(sample[:1])), "text"),
        "sample_explained": _sample_explained(sample[0]),
        "errors_page": link(PARTNER_GUIDE, DATA_ERRORS),
        "schemas_page": link(PARTNER_GUIDE, SCHEMAS_PAGE),
        "common_errors": "\n\n".join(_common_error(e, examples) for e in common_entries()),
        "contact": f"{escape(settings.contact_name)} ({escape(settings.contact_email)})",
    }
    return fill(TEMPLATE.read_text(encoding="utf-8"), values)


@renders("partner-guide")
def _guide_page(ctx: Context, key: str, out: Rendered) -> str:
    """The guide as the site publishes it, kept out of the public search."""
    return for_partners(partner_guide_markdown(ctx, ctx.examples))
