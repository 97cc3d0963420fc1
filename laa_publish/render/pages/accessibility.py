"""The accessibility statement the Public Sector Bodies Accessibility Regulations 2018 require."""

from __future__ import annotations

from laa_publish.model.periods import date_words
from laa_publish.model.site_paths import (
    ACCESSIBILITY_PAGE,
    DOWNLOADS_PAGE,
    INDICATORS_INDEX,
    METHOD_PAGE,
)
from laa_publish.render.context import Context, Rendered, link
from laa_publish.render.pages.about import TEMPLATES
from laa_publish.render.pages.partner_guide import fill
from laa_publish.render.renderers import renders
from laa_publish.render.text import escape, md_url


def _prepared(ctx: Context) -> str:
    """When the statement was prepared: the date of the commit built, never the wall clock."""
    head = ctx.history.head
    if head is None:
        return (
            "This statement was generated without git history, so the date it was prepared "
            "is not known. Build the site from a git checkout to show it."
        )
    return (
        f"This statement was prepared on {date_words(head.day)}, from the partnership's data "
        f"as of version `{head.short}` in its history. It is generated again with every change "
        "to the site, so it always describes the pages it is published with."
    )


@renders("accessibility")
def accessibility_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The statement: scope, compliance status, known problems, feedback and enforcement."""
    page = ACCESSIBILITY_PAGE
    s = ctx.p.settings
    email = s.contact_email
    values = {
        "name": escape(s.name),
        "where": f" at <{md_url(s.site_url)}>" if s.site_url else "",
        "contact": f"{escape(s.contact_name)} at [{escape(email)}]({md_url('mailto:' + email)})",
        "downloads": link(page, DOWNLOADS_PAGE),
        "indicators": link(page, INDICATORS_INDEX),
        "method": link(page, METHOD_PAGE),
        "prepared": _prepared(ctx),
    }
    return fill((TEMPLATES / "accessibility.md").read_text(encoding="utf-8"), values)
