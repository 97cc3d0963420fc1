"""The Data file schemas page: where each JSON Schema is published and how editors use it."""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePosixPath

from laa_publish.model.site_paths import (
    PARTNER_GUIDE,
    SCHEMA_DIR,
    SCHEMAS_PAGE,
    published_schemas,
)
from laa_publish.render.context import Context, Rendered, link
from laa_publish.render.front_matter import for_partners
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, fenced, table

EXAMPLE_FILE = "data/partners/partner/indicators/ID.yaml"
"""Any indicator file: they all sit at the same depth, so the relative path is the same."""


def schema_summaries() -> list[tuple[str, str, str]]:
    """Each published schema's site path, title and description, read from the schema itself."""
    found = []
    for target, source in published_schemas().items():
        data = json.loads(source.read_text(encoding="utf-8"))
        found.append((target, str(data.get("title", "")), str(data.get("description", ""))))
    return found


def _schema_address(ctx: Context, target: str) -> str:
    """The schema's full web address when the site's address is known, else its site path."""
    base = (ctx.p.settings.site_url or "https://<this site's address>").rstrip("/")
    return f"{base}/{target}"


def _relative_line(target: str) -> str:
    folder = posixpath.dirname(EXAMPLE_FILE)
    name = PurePosixPath(target).name
    return posixpath.relpath(f"laa_publish/schemas/{name}", folder)


@renders("schema-file")
def schema_file(ctx: Context, name: str, out: Rendered) -> bytes:
    """A packaged JSON Schema, published byte for byte at a stable address."""
    return (SCHEMA_DIR / name).read_bytes()


@renders("schemas")
def schemas_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The page listing every schema, with how the editor hint line works."""
    rows = [
        [
            f"[{PurePosixPath(target).name}]({link(SCHEMAS_PAGE, target)})",
            escape(title),
            escape(description),
        ]
        for target, title, description in schema_summaries()
    ]
    indicator = next(t for t, _, _ in schema_summaries() if t.endswith("/indicator.schema.json"))
    address = _schema_address(ctx, indicator)
    web_line = f"# yaml-language-server: $schema={address}"
    local_line = f"# yaml-language-server: $schema={_relative_line(indicator)}"
    text = "\n".join(
        [
            "# Data file schemas",
            "",
            "Each kind of YAML data file has a **JSON Schema**: a description, in a form "
            "computers can read, of the keys the file may have, which of them are required, "
            "and what each may hold. laa-publish checks every YAML file against its schema, "
            "and text editors can use the same schemas to help you as you type.",
            "",
            "The schemas are published here at fixed addresses, so that files and editors "
            "can point at them. The `v1` in each address is the version of the file formats.",
            "",
            table(["Schema", "Title", "What it describes"], rows),
            "",
            "## The first line of a YAML file",
            "",
            "Every YAML data file starts with a line like this one, from an indicator file "
            "(`data/partners/<partner>/indicators/<ID>.yaml`):",
            "",
            fenced(local_line + "\n", "yaml"),
            "",
            "The `#` makes the line a comment: laa-publish ignores it, and it changes "
            "nothing on the site. Editors that understand it use it to find the file's "
            "schema. Here it names the schema by a path relative to the file, to the copy "
            "of laa-publish in the repository. It can also name the schema's web address on "
            "this site:",
            "",
            fenced(web_line + "\n", "yaml"),
            "",
            "Use the web address for a file kept outside the repository, for example a "
            "draft on your own computer. Files created with `laa-publish new` already "
            "have the line.",
            "",
            "## Using the schemas in VS Code",
            "",
            "1. In VS Code, open the Extensions view, search for **YAML** and install "
            "the extension published by **Red Hat** (its identifier is "
            "`redhat.vscode-yaml`).",
            "2. Open a YAML data file that starts with the line above.",
            "3. Press Ctrl+Space (on a Mac, Control+Space) to see the keys and values "
            "allowed at that point. Hover over a key to read what it means. Mistakes "
            "are underlined as you type and listed in the Problems panel.",
            "",
            "The schemas check each file on its own. Rules that link files together, "
            "such as an area code having to be in the area register, are checked only by "
            "`laa-publish validate` and by the check on your pull request. CSV files have "
            "no schema: the [Partner guide]("
            + link(SCHEMAS_PAGE, PARTNER_GUIDE)
            + ") describes their columns.",
            "",
        ]
    )
    return for_partners(text)
