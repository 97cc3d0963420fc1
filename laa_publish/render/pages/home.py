"""The home page: what the partnership is and a headline scorecard of every outcome."""

from __future__ import annotations

from collections import Counter

from laa_publish.compute.progress import STATUS_ORDER
from laa_publish.model.site_paths import HOME_PAGE, METHOD_PAGE
from laa_publish.render.context import Context, Rendered, link
from laa_publish.render.pages.outcomes import scorecard
from laa_publish.render.renderers import renders
from laa_publish.render.text import STATUS_TEXT, escape


@renders("home")
def home_markdown(ctx: Context, key: str, out: Rendered) -> str:
    """The landing page."""
    page = HOME_PAGE
    s = ctx.p.settings
    parts = [f"# {escape(s.name)}", ""]
    if ctx.p.home_intro:
        parts += [ctx.p.home_intro.strip(), ""]
    parts += [
        f"The **{escape(s.agreement_title)}** runs from {s.agreement_start} to "
        f"{s.agreement_end}. {len(ctx.p.partners)} partners share {len(ctx.p.outcomes)} "
        f"outcomes, tracked by {len(ctx.p.indicators)} indicators.",
        "",
        "## Scorecard",
        "",
    ]
    statuses = Counter(
        head.status if (head := ctx.headline(i)) else "no_data" for i in ctx.p.indicators
    )
    counts = ", ".join(
        f"{statuses[s_]} {STATUS_TEXT[s_][1].lower()}" for s_ in STATUS_ORDER if statuses[s_]
    )
    parts += [
        f"Across all indicators, {escape(ctx.area_name(ctx.place))}-wide: {counts}. "
        f"Each outcome's overall status is explained in [how progress is judged]"
        f"({link(page, METHOD_PAGE)}).",
        "",
    ]
    parts += scorecard(ctx, page)
    return "\n".join(parts)
