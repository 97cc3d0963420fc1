"""Front matter for pages meant for partners: the engine keeps them out of the public search."""

from __future__ import annotations

PARTNERS_ONLY = "---\nsearch:\n  exclude: true\n---\n\n"
"""Material for MkDocs (and Zensical, which reads the same key) leaves such a page out of the
search index, so a resident searching for 'crime' finds figures, not the data-error catalogue.
The page stays in the menu under For partners, and stays plain Markdown below this block."""


def for_partners(markdown: str) -> str:
    """A partner-facing page with the front matter that keeps it out of the public search."""
    return PARTNERS_ONLY + markdown
