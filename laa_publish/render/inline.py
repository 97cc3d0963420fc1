"""Links between generated pages, and the site's own sentences written once for two forms.

Reading notes (how to read a table, where a page's download is, which symbols it uses,
when its data last changed) repeat word for word on hundreds of pages. Indexed, they make
every indicator page an answer to "direction of travel" and took a third of a county's
search index. Written as raw HTML marked `data-search-exclude` (the theme's documented
exclusion), they read the same on the page and stay out of the index; the engine passes
raw HTML through untouched, so no engine rewrites them. The same sentence can still be
written as Markdown where it is the page's own subject (the revisions log).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from laa_publish.render.text import escape, html_text

UNSEARCHED = "data-search-exclude"


def link(source: str, target: str) -> str:
    """A relative link from one generated page to another (both relative to docs/)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


@lru_cache(maxsize=8192)
def built_link(folder: str, target: str) -> str:
    """A generated page's built address from a folder of pages, found once per pair.

    Raw HTML is left alone by the engine, which rewrites no links there, so this is the
    .html page that the engine publishes (use_directory_urls is always off); a download
    keeps its own name, and an anchor after the page's name is kept.
    """
    path, hash_, anchor = target.partition("#")
    built = link(posixpath.join(folder, "page.md"), path)
    if built.endswith(".md"):
        built = built.removesuffix(".md") + ".html"
    return built + hash_ + anchor


@dataclass(frozen=True, slots=True)
class Inline:
    """Inline formatting on one page, as Markdown or as raw HTML kept out of search."""

    page: str  # the generated page (relative to docs/) the words go on
    html: bool

    def text(self, words: object) -> str:
        """Partner or model text, literal in either form."""
        return html_text(str(words)) if self.html else escape(words)

    def code(self, literal: str) -> str:
        """A short literal (a symbol, a version) that holds no backtick or markup."""
        return f"<code>{html_text(literal)}</code>" if self.html else f"`{literal}`"

    def em(self, inner: str) -> str:
        """Already-formatted words, emphasised."""
        return f"<em>{inner}</em>" if self.html else f"*{inner}*"

    def strong(self, inner: str) -> str:
        """Already-formatted words, in bold."""
        return f"<strong>{inner}</strong>" if self.html else f"**{inner}**"

    def link(self, target: str, inner: str) -> str:
        """Already-formatted words linking to a generated page (with an optional #anchor)."""
        if self.html:
            return f'<a href="{built_link(posixpath.dirname(self.page), target)}">{inner}</a>'
        return f"[{inner}]({link(self.page, target)})"

    def paragraph(self, inner: str) -> str:
        """Already-formatted words as one paragraph: a block of its own in the page."""
        return f"<p {UNSEARCHED}>{inner}</p>" if self.html else inner

    def items(self, entries: list[str]) -> list[str]:
        """Already-formatted entries as a bulleted list, a line each."""
        if self.html:
            return [f"<ul {UNSEARCHED}>", *(f"<li>{e}</li>" for e in entries), "</ul>"]
        return [f"- {e}" for e in entries]


def searched(page: str) -> Inline:
    """Words that belong in the search index: Markdown."""
    return Inline(page, html=False)


def note(page: str) -> Inline:
    """A reading note repeated across pages: raw HTML, left out of the search index."""
    return Inline(page, html=True)
