"""Render every page, download and chart job, and the navigation that links them."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd

from laa_publish.catalogue.examples import CommonExamples
from laa_publish.compute.audit import Audit
from laa_publish.compute.progress import Computed
from laa_publish.load.history import History
from laa_publish.model.entities import AREA_LEVELS, LEVEL_TITLES, Partnership
from laa_publish.model.site_paths import (
    ACCESSIBILITY_PAGE,
    ALIGNMENT_PAGE,
    BENEFITS_PAGE,
    BUDGETS_PAGE,
    DATA_ERRORS,
    PARTNER_GUIDE,
    SCHEMAS_PAGE,
    content_target,
    published_schemas,
)
from laa_publish.parallel import map_ordered
from laa_publish.render.audit_files import NAV as AUDIT_NAV
from laa_publish.render.audit_files import add_audit_files
from laa_publish.render.context import (
    ChartJob,
    Context,
    Rendered,
    area_page,
    indicator_page,
    outcome_page,
    partner_page,
)
from laa_publish.render.downloads import observations_csv
from laa_publish.render.pages.about import (
    content_page_markdown,
    content_page_title,
    downloads_markdown,
    method_markdown,
)
from laa_publish.render.pages.accessibility import accessibility_markdown
from laa_publish.render.pages.areas import area_markdown, areas_index
from laa_publish.render.pages.data_errors import data_errors_markdown
from laa_publish.render.pages.home import home_markdown
from laa_publish.render.pages.indicators import indicator_markdown, indicators_index
from laa_publish.render.pages.outcomes import outcome_markdown, outcomes_by_theme, outcomes_index
from laa_publish.render.pages.partner_guide import partner_guide_markdown
from laa_publish.render.pages.partners import partner_markdown, partners_index
from laa_publish.render.pages.partnership import (
    alignment_markdown,
    benefits_markdown,
    budgets_markdown,
)
from laa_publish.render.pages.releases import archive_markdown
from laa_publish.render.pages.schemas import schemas_markdown
from laa_publish.render.text import theme_text


def nav_title(text: str) -> str:
    """Navigation titles reach the theme's HTML raw, escaped and unescaped: make them plain."""
    return theme_text(text)


# The most pages one navigation section lists; larger sections are left out of the menu.
NAV_SECTION_LIMIT = 250
AREA_PAGES = "/areas/*.md"


def _nav(ctx: Context, content_pages: list[tuple[str, str]], unlisted: list[str]) -> list[Any]:
    """The site menu; patterns of pages deliberately left out of it go to `unlisted`."""
    p = ctx.p
    outcomes: list[Any] = ["outcomes/index.md"]
    indicators: list[Any] = ["indicators/index.md"]
    for _, title, members in outcomes_by_theme(ctx):
        if not members:
            continue
        outcomes.append(
            {
                nav_title(title): [
                    {nav_title(f"{o.id}: {o.title}"): outcome_page(o.id)} for o in members
                ]
            }
        )
        for outcome in members:
            inds = p.outcome_indicators(outcome.id)
            if inds:
                indicators.append(
                    {
                        nav_title(f"{outcome.id}: {outcome.title}"): [
                            {nav_title(f"{i.id}: {i.title}"): indicator_page(i.id)} for i in inds
                        ]
                    }
                )
    areas: list[Any] = ["areas/index.md"]
    for level in AREA_LEVELS:
        in_level = sorted((a for a in p.areas.values() if a.level == level), key=lambda a: a.name)
        if len(in_level) > NAV_SECTION_LIMIT:
            # every page of a section carries all its siblings' links: thousands of wards
            # would make the site grow with the square of its size. They are reached from
            # the areas index and their parents' pages instead.
            unlisted.append(AREA_PAGES)
        elif in_level:
            areas.append(
                {LEVEL_TITLES[level]: [{nav_title(a.name): area_page(a.code)} for a in in_level]}
            )
    partners: list[Any] = ["partners/index.md"] + [
        {nav_title(partner.name): partner_page(partner.id)}
        for partner in sorted(p.partners.values(), key=lambda x: x.name)
    ]
    about: list[Any] = [
        {"How progress is judged": "about/method.md"},
        {"Data downloads": "about/downloads.md"},
        *AUDIT_NAV,
        {"Accessibility statement": ACCESSIBILITY_PAGE},
    ] + [{nav_title(title): target} for target, title in content_pages]
    return [
        {"Home": "index.md"},
        {"Outcomes": outcomes},
        {"Indicators": indicators},
        {"Areas": areas},
        {"Partners": partners},
        {
            "Partnership": [
                {"How partners' plans line up": ALIGNMENT_PAGE},
                {"Pooled and aligned budgets": BUDGETS_PAGE},
                {"Benefits of working together": BENEFITS_PAGE},
            ]
        },
        {"About": about},
        {
            "For partners": [
                {"Partner guide": PARTNER_GUIDE},
                {"Data errors": DATA_ERRORS},
                {"Data file schemas": SCHEMAS_PAGE},
            ]
        },
    ]


def _indicator_files(ctx: Context, ident: str) -> tuple[str, str, list[ChartJob]]:
    """One indicator's page, its download and its charts: independent of every other's."""
    ind = ctx.p.indicators[ident]
    own = Rendered()
    page = indicator_markdown(ctx, ind, own)
    frame = ctx.computed.published.get(ident, pd.DataFrame())  # header only until published
    names = {code: area.name for code, area in ctx.p.areas.items()}
    return page, observations_csv(ind, frame, names, ctx.audit.commits), own.charts


def render_site(
    p: Partnership,
    computed: Computed,
    history: History,
    audit: Audit | None = None,
    examples: CommonExamples | None = None,
) -> Rendered:
    """Every generated file, in a deterministic order.

    `examples` are the catalogue's common mistakes as the validator reports them, which the
    build keeps in its cache; without them the Partner guide works them out.
    """
    ctx = Context(p, computed, history, audit or Audit())
    out = Rendered()
    out.add("index.md", home_markdown(ctx))
    out.add("outcomes/index.md", outcomes_index(ctx))
    for ident in sorted(p.outcomes):
        out.add(outcome_page(ident), outcome_markdown(ctx, p.outcomes[ident], out))
    out.add("indicators/index.md", indicators_index(ctx))
    idents = sorted(p.indicators)
    for ident, (page, download, charts) in zip(
        idents, map_ordered(partial(_indicator_files, ctx), idents), strict=True
    ):
        out.add(indicator_page(ident), page)
        out.charts.extend(charts)
        out.add(f"downloads/{ident}.csv", download)
    out.add("areas/index.md", areas_index(ctx))
    codes = sorted(p.areas)
    pages = map_ordered(lambda code: area_markdown(ctx, p.areas[code]), codes)
    for code, page in zip(codes, pages, strict=True):
        out.add(area_page(code), page)
    out.add("partners/index.md", partners_index(ctx))
    for ident in sorted(p.partners):
        out.add(partner_page(ident), partner_markdown(ctx, p.partners[ident]))
    out.add(ALIGNMENT_PAGE, alignment_markdown(ctx))
    out.add(BUDGETS_PAGE, budgets_markdown(ctx, out))
    out.add(BENEFITS_PAGE, benefits_markdown(ctx))
    out.add("about/method.md", method_markdown())
    out.add("about/downloads.md", downloads_markdown(ctx) + archive_markdown(ctx))
    out.add(ACCESSIBILITY_PAGE, accessibility_markdown(ctx, ACCESSIBILITY_PAGE))
    content_pages = []
    for path in sorted(p.pages):
        target = content_target(path)
        out.add(target, content_page_markdown(p.pages[path]))
        content_pages.append((target, content_page_title(path, p.pages[path])))
    out.add(PARTNER_GUIDE, partner_guide_markdown(ctx, examples))
    out.add(DATA_ERRORS, data_errors_markdown())
    out.add(SCHEMAS_PAGE, schemas_markdown(ctx))
    for target, source in published_schemas().items():
        out.copy(target, source.read_bytes())
    add_audit_files(ctx, out)
    out.nav = _nav(ctx, content_pages, out.unlisted)
    out.unlisted = sorted(set(out.unlisted))
    return out
