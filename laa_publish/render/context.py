"""What every page renderer shares: the model, computed figures, history and link helpers."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from laa_publish.catalogue.examples import CommonExamples
from laa_publish.compute.audit import Audit
from laa_publish.compute.progress import Computed, Progress
from laa_publish.load.history import Commit, History
from laa_publish.model.entities import Partnership
from laa_publish.model.levels import Level
from laa_publish.model.periods import date_words
from laa_publish.model.site_paths import (  # noqa: F401 - re-exported for page modules
    area_page,
    indicator_page,
    outcome_page,
    partner_page,
)
from laa_publish.render.area_row import AreaRow
from laa_publish.render.charts import NARROW_WIDTH, narrow_spec
from laa_publish.render.inline import UNSEARCHED, link, note
from laa_publish.render.inline import built_link as built_link  # re-exported for page modules
from laa_publish.render.text import escape, html_text
from laa_publish.render.zip_archive import Member
from laa_publish.result_cache import ResultCache


@dataclass(frozen=True, slots=True)
class ChartJob:
    """One chart to render: its spec and the words that make it accessible."""

    path: str
    spec: dict[str, Any]
    title: str
    description: str
    ident: str


@dataclass(slots=True)
class Rendered:
    """The engine-neutral output: files under docs/, the navigation, and charts to draw."""

    files: dict[str, str] = field(default_factory=dict)
    charts: list[ChartJob] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)  # page patterns kept out of the menu
    copies: dict[str, bytes] = field(default_factory=dict)
    # pictures drawn beside the pages, such as maps: assets like the charts, not pages
    drawings: dict[str, str] = field(default_factory=dict)
    # each download compressed once, by path, for every archive that packs it
    deflated: dict[str, Member] = field(default_factory=dict)

    def add(self, path: str, text: str) -> None:
        """Add one generated file; paths are unique."""
        if path in self.files or path in self.copies:
            raise ValueError(f"{path} generated twice")
        self.files[path] = text

    def draw(self, path: str, svg: str) -> None:
        """Add one drawing beside the pages (an SVG map); paths are unique."""
        if path in self.drawings:
            raise ValueError(f"{path} drawn twice")
        self.drawings[path] = svg

    def copy(self, path: str, data: bytes) -> None:
        """Publish a packaged file byte for byte, such as a JSON Schema; paths are unique."""
        if path in self.files or path in self.copies:
            raise ValueError(f"{path} generated twice")
        self.copies[path] = data


@dataclass(slots=True)
class Context:
    """Inputs for rendering, with helpers that keep links relative and text escaped."""

    p: Partnership
    computed: Computed
    history: History
    audit: Audit = field(default_factory=Audit)
    # the catalogue's common mistakes as the validator reports them, from the build's cache
    examples: CommonExamples | None = None
    # results an earlier build rendered, kept by the hash of their inputs (kept_pages)
    kept: ResultCache | None = None
    # each indicator's row on every area page, by indicator then area (area_rows), once made
    area_rows: dict[str, dict[str, AreaRow]] | None = None

    @property
    def place(self) -> str:
        """The city-wide or county-wide area code."""
        return self.p.settings.place_area

    def headline(self, indicator: str, area: str | None = None) -> Progress | None:
        """Progress for an indicator in an area (the whole place by default)."""
        return self.computed.headline(indicator, area or self.place)

    def level(self, ident: str) -> Level:
        """A level as the partnership declares it, for its names."""
        return self.p.settings.levels.of(ident)

    def area_name(self, code: str) -> str:
        """An area's name, or its code when unknown."""
        area = self.p.areas.get(code)
        return area.name if area else code

    def partner_name(self, ident: str) -> str:
        """A partner's short name, or its id when unknown."""
        partner = self.p.partners.get(ident)
        return partner.short_name if partner else ident

    def revised(self, indicator: str, period: str | None, area: str, breakdown: str = "") -> bool:
        """Whether the release shown revised this figure, so it carries [r]."""
        return period is not None and self.audit.is_revised(indicator, period, area, breakdown)

    def source_words(self, sha: object, partner: str) -> str:
        """Where a figure came from, e.g. 'Police, 14 March 2026, version abc1234'."""
        return self.audit.source(str(sha or ""), partner).text(self.partner_name(partner))

    def source_text(self, sha: object, partner: str) -> str:
        """source_words as Markdown text."""
        return escape(self.source_words(sha, partner))

    def source_html(self, sha: object, partner: str) -> str:
        """source_words for a raw HTML table cell."""
        return html_text(self.source_words(sha, partner))

    def last_change(self, *paths: str) -> Commit | None:
        """The most recent commit among the given source files."""
        commits = [self.history.last_change[p] for p in paths if p in self.history.last_change]
        return max(commits, key=lambda c: (c.timestamp, c.sha)) if commits else None

    def updated_note(self, page: str, *paths: str) -> str:
        """'Data last changed' line from git, or an honest 'unknown': a note, not searched."""
        commit = self.last_change(*paths)
        w = note(page)
        if commit is None:
            words = "Data last changed: not known (no git history was available to the build)."
        else:
            words = (
                f"Data last changed on {date_words(commit.day)} by {w.text(commit.author)} "
                f"(version {w.code(commit.short)} in the data's history)."
            )
        return w.paragraph(w.em(words))


def md_link(source: str, target: str, text: str) -> str:
    """A Markdown link with escaped text."""
    return f"[{escape(text)}]({link(source, target)})"


def figure(rendered: Rendered, page: str, job: ChartJob) -> list[str]:
    """Queue a chart drawn for a phone, and return the HTML that shows it with its message.

    One static SVG serves every screen: drawn at the width of a 390 px phone's column, its
    11 to 13 px text is never smaller than 11 px there, and a wider screen shows it larger,
    up to about body-text size. A second drawing for wide screens would double the chart
    converter's work (a county has over 400 charts) for no gain in what the chart says.
    """
    phone = ChartJob(
        path=job.path,
        spec=narrow_spec(job.spec),
        title=job.title,
        description=job.description,
        ident=job.ident,
    )
    rendered.charts.append(phone)
    src = html.escape(link(page, job.path), quote=True)
    message = html.escape(job.description, quote=True)
    return [
        '<figure class="laa-chart">',
        f'<img src="{src}" alt="{message}" width="{NARROW_WIDTH}" loading="lazy">',
        f"<figcaption>{message}. <span {UNSEARCHED}>The table below gives the same figures."
        "</span></figcaption>",
        "</figure>",
        "",
    ]
