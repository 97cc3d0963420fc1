"""The accessibility statement the Public Sector Bodies Accessibility Regulations 2018 require."""

from __future__ import annotations

import datetime

from laa_publish.render.context import Context, link
from laa_publish.render.text import escape, md_url

REGULATIONS = (
    "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
    "Regulations 2018"
)
REGULATIONS_URL = "https://www.legislation.gov.uk/uksi/2018/952/contents/made"
WCAG_URL = "https://www.w3.org/TR/WCAG22/"
EASS_URL = "https://www.equalityadvisoryservice.com/"
ECNI_URL = "https://www.equalityni.org/Home"


def long_date(day: str) -> str:
    """A commit's YYYY-MM-DD day as readers write it, e.g. '4 March 2025'."""
    date = datetime.date.fromisoformat(day)
    return f"{date.day} {date:%B %Y}"


def _prepared(ctx: Context) -> str:
    """When the statement was prepared: the date of the commit built, never the wall clock."""
    head = ctx.history.head
    if head is None:
        return (
            "This statement was generated without git history, so the date it was prepared "
            "is not known. Build the site from a git checkout to show it."
        )
    return (
        f"This statement was prepared on {long_date(head.day)}, from the partnership's data "
        f"as of commit `{head.short}`. It is generated again with every change to the site, "
        "so it always describes the pages it is published with."
    )


def accessibility_markdown(ctx: Context, page: str) -> str:
    """The statement: scope, compliance status, known problems, feedback and enforcement."""
    s = ctx.p.settings
    name = escape(s.name)
    where = f" at <{md_url(s.site_url)}>" if s.site_url else ""
    email = s.contact_email
    contact = f"{escape(s.contact_name)} at [{escape(email)}]({md_url('mailto:' + email)})"
    downloads = link(page, "about/downloads.md")
    indicators = link(page, "indicators/index.md")
    method = link(page, "about/method.md")
    return "\n".join(
        [
            "# Accessibility statement",
            "",
            f"This accessibility statement applies to the {name} performance website{where}. "
            f"The website is run by the {name}. We want as many people as possible to be able "
            "to use it. For example, you should be able to:",
            "",
            "- change colours, contrast levels and fonts using your browser or device settings;",
            "- zoom in up to 400% without the text spilling off the screen (wide tables "
            "scroll sideways inside their own box);",
            "- get from one part of the website to another using just a keyboard, with a "
            "visible outline showing where you are;",
            "- listen to the website using a screen reader: every chart has a text "
            "alternative stating its message, and a table of the same figures beside it;",
            "- use the website with JavaScript switched off: charts are static images and "
            "every figure is in a table (only the search box needs JavaScript).",
            "",
            "Status is always written in words with a symbol, such as “✓ On track” or "
            "“✗ Off track”, never shown by colour alone. The website loads nothing from "
            "other websites: no web fonts, no analytics and no tracking.",
            "",
            "## How accessible this website is",
            "",
            "We know some parts of this website may not be fully accessible:",
            "",
            "- The narratives written by partners (the “story behind the curve” on outcome "
            "pages, and the partnership's own pages) are checked for safety before they are "
            "published, but not for plain English, heading order or link text.",
            "- Charts are images. You cannot explore them point by point; the table beside "
            "each chart gives every value it shows.",
            "- The site search needs JavaScript. Without it, use the menus, the "
            f"[list of indicators]({indicators}) or the "
            f"[data downloads]({downloads}).",
            "",
            "## Feedback and contact information",
            "",
            "If you need information on this website in a different format, such as "
            f"accessible PDF, large print, easy read, audio recording or braille, contact "
            f"{contact}. Tell us the web address of the page, what you need and how we can "
            "reach you. We will consider your request and reply as soon as we can.",
            "",
            "## Reporting accessibility problems with this website",
            "",
            "We are always looking to improve the accessibility of this website. If you find "
            "a problem not listed on this page, or think we are not meeting the "
            f"accessibility requirements, contact {contact}.",
            "",
            "## Enforcement procedure",
            "",
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
            f"[{REGULATIONS}]({REGULATIONS_URL}) (the “accessibility regulations”). If you are "
            "not happy with how we respond to your complaint, contact the "
            f"[Equality Advisory and Support Service (EASS)]({EASS_URL}).",
            "",
            "If you live in Northern Ireland and are not happy with how we respond to your "
            f"complaint, contact the [Equality Commission for Northern Ireland]({ECNI_URL}), "
            "which is responsible for enforcing the accessibility regulations there.",
            "",
            "## Technical information about this website's accessibility",
            "",
            f"The {name} is committed to making its website accessible, in accordance with "
            f"{REGULATIONS}.",
            "",
            "### Compliance status",
            "",
            "This website is partially compliant with the "
            f"[Web Content Accessibility Guidelines version 2.2]({WCAG_URL}) AA standard, "
            "because of the non-compliances listed below.",
            "",
            "### Non-accessible content",
            "",
            "The content listed below is non-accessible for the following reasons.",
            "",
            "**Non-compliance with the accessibility regulations.** A narrative written by a "
            "partner may skip a heading level or use link text such as “read more”. This "
            "fails WCAG 2.2 success criteria 1.3.1 (info and relationships) and 2.4.4 (link "
            "purpose, in context) where it happens. The partnership's core team reviews each "
            "narrative before it is merged, and we fix any such problem as soon as we find it.",
            "",
            "**Content that is not within the scope of the accessibility regulations.** The "
            "CSV downloads and the JSON Schemas for partners are data files for reuse, not "
            "web pages. Every figure in a download is also in a table on its indicator page, "
            f"and [how progress is judged]({method}) explains how the figures are used.",
            "",
            "### Disproportionate burden",
            "",
            "We do not claim that fixing any accessibility problem on this website would be a "
            "disproportionate burden.",
            "",
            "## How we tested this website",
            "",
            "This website is built by laa-publish. Before each release of laa-publish, its "
            "tests build an example partnership's site and check every page in a headless "
            "Chromium browser with axe-core for WCAG 2.2 levels A and AA; with JavaScript "
            "switched off; at a width of 320 CSS pixels (the same as 400% zoom); and for "
            "requests to any other website. Every build of this website checks each page's "
            "markup and the safety of each partner's text, and refuses to publish a page that "
            "fails.",
            "",
            "## Preparation of this accessibility statement",
            "",
            _prepared(ctx),
            "",
        ]
    )
