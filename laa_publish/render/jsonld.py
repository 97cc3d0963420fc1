"""schema.org Dataset JSON-LD for indicator pages: a data block search engines can read."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from laa_publish.model.entities import Indicator
from laa_publish.model.periods import period_end, period_start
from laa_publish.model.site_paths import indicator_download, indicator_page
from laa_publish.render.context import Context, link


def _url(ctx: Context, page: str, target: str) -> str:
    """An absolute address when the site's address is known, else a relative one.

    Pages are published as .html files (use_directory_urls is off).
    """
    base = ctx.p.settings.site_url
    if target.endswith(".md"):
        target = target.removesuffix(".md") + ".html"
    return f"{base.rstrip('/')}/{target}" if base else link(page, target)


def _coverage(ind: Indicator, frame: pd.DataFrame | None) -> str | None:
    """The published periods as an ISO 8601 interval of dates."""
    if frame is None or frame.empty:
        return None
    ordinals = frame["ordinal"].dropna().astype(int)
    if ordinals.empty:
        return None
    start = period_start(int(ordinals.min()), ind.period_type).isoformat()
    end = period_end(int(ordinals.max()), ind.period_type).isoformat()
    return f"{start}/{end}"


def dataset(ctx: Context, ind: Indicator) -> dict[str, Any]:
    """The Dataset record for one indicator."""
    page = indicator_page(ind.id)
    frame = ctx.computed.published.get(ind.id)
    partner = ctx.p.partners.get(ind.partner)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{ind.id}: {ind.title}",
        "identifier": ind.id,
        "description": ind.definition,
        "measurementTechnique": ind.methodology,
        "variableMeasured": {
            "@type": "PropertyValue",
            "name": ind.title,
            "unitText": ind.unit_label,
        },
        "creator": {"@type": "Organization", "name": partner.name if partner else ind.partner},
        "publisher": {"@type": "Organization", "name": ctx.p.settings.name},
        "spatialCoverage": {"@type": "Place", "name": ctx.p.settings.place},
        "isAccessibleForFree": True,
        "url": _url(ctx, page, page),
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": _url(ctx, page, indicator_download(ind.id)),
            }
        ],
    }
    coverage = _coverage(ind, frame)
    if coverage:
        data["temporalCoverage"] = coverage
    if frame is not None and "source" in frame.columns:
        latest = ctx.audit.latest(sorted(set(frame["source"])))
        if latest is not None:
            data["dateModified"] = latest.day
    if ctx.audit.current is not None:
        data["version"] = ctx.audit.current.id
        data["datePublished"] = ctx.audit.current.date
    return data


def jsonld_block(ctx: Context, ind: Indicator) -> str:
    """The Dataset as a <script type="application/ld+json"> block for the page body.

    A data block is never executed. `<`, `>` and `&` are escaped inside the JSON so no text
    can close the element early.
    """
    text = json.dumps(dataset(ctx, ind), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
