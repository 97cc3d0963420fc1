"""The audit trail of benefit sign-offs: who signed, when, and the commit that recorded it."""

from __future__ import annotations

from laa_publish.model.entities import Benefit
from laa_publish.model.periods import date_words
from laa_publish.render.context import Context
from laa_publish.render.text import escape, table


def sign_off_trail(ctx: Context, benefits: list[Benefit]) -> list[str]:
    """A table of every sign-off with the commit that introduced it into the register."""
    signed = [(b, b.sign_off) for b in benefits if b.sign_off is not None]
    if not signed:
        return []
    rows = []
    for b, s in signed:
        commit = ctx.audit.sign_offs.get(b.id)
        who = escape(s.role) + (f" ({escape(s.name)})" if s.name else "")
        rows.append(
            [
                f"[{escape(b.id)}](#{b.id.lower()})",
                f"{who}, {escape(ctx.partner_name(s.partner))}",
                date_words(s.date),
                f"`{commit.sha[:10]}`" if commit else "not known",
                date_words(commit.day) if commit else "",
                escape(commit.author) if commit else "",
            ]
        )
    return [
        "## Audit trail of sign-offs",
        "",
        "Who signed off each benefit and when, and the version of the partnership's data (a "
        "commit in its git history) that recorded the sign-off, so each can be traced to the "
        "change that made it.",
        "",
        table(
            [
                "Benefit",
                "Signed off by",
                "Signed on",
                "Recorded in version",
                "Recorded on",
                "Recorded by",
            ],
            rows,
        ),
        "",
    ]
