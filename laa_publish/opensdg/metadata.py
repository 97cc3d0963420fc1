"""Indicator metadata read as sdg-build reads it, and turned into an indicator's text fields."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from laa_publish.opensdg.repository import Repository, indicator_id
from laa_publish.opensdg.translations import Translations

NOT_STATED = "Not stated in the Open SDG metadata."
_FRONT = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)
_EMAIL = re.compile(r"[^@\s<>(),;:\"']+@[^@\s<>(),;:\"']+\.[A-Za-z]{2,}")
_BLOCKS = {"p", "br", "li", "div", "tr", "h1", "h2", "h3", "h4", "ul", "ol", "table"}
_TRUE = {"true", "yes", "y", "1"}


class _Text(HTMLParser):
    """Collects the text of an HTML fragment, with a paragraph break at each block."""

    def __init__(self) -> None:
        """Start with no text."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A block starts a paragraph."""
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        """A block ends its paragraph."""
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        """Text is kept as it is."""
        self.parts.append(data)


def plain_text(value: object) -> str:
    """Metadata text without its HTML: paragraphs kept, tags and entities gone, no < or >."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text or "&" in text:
        parser = _Text()
        parser.feed(text)
        parser.close()
        text = html.unescape("".join(parser.parts))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    text = "\n\n".join(p for p in paragraphs if p)
    return text.replace("<", "‹").replace(">", "›")


def one_line(value: object) -> str:
    """Plain text on one line, for titles and labels."""
    return " ".join(plain_text(value).split())


class MetadataProblem(ValueError):
    """A metadata file that cannot be read: the indicator is imported without it."""


def _front_matter(path: Path) -> dict[str, Any]:
    """A Markdown file's YAML front matter, with its body as page_content."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataProblem(f"cannot be read ({type(exc).__name__})") from exc
    found = _FRONT.match(text)
    if not found:
        raise MetadataProblem("has no YAML front matter between --- lines")
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError as exc:
        raise MetadataProblem("has front matter that is not valid YAML") from exc
    meta = {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}
    body = found.group(2).strip()
    if body:
        meta["page_content"] = body
    return meta


def _csv_pairs(path: Path) -> dict[str, str]:
    """A two-column CSV as label: value, empty values left out, the last repeat winning."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for row in csv.reader(io.StringIO(text.replace("\r\r\n", "\n"), newline="")):
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            out[row[0].strip()] = row[1].strip()
    return out


def read_metadata(repo: Repository) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every indicator's metadata, merged key by key in input order: the later input wins.

    Also returns a sentence for each metadata file that could not be read.
    """
    merged: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for source in repo.meta_inputs:
        mapping = _csv_pairs(source.mapping) if source.mapping and source.mapping.is_file() else {}
        for path in sorted(repo.root.glob(source.pattern)):
            if source.kind == "csv":
                meta: dict[str, Any] = {}
                for label, value in _csv_pairs(path).items():
                    meta[mapping.get(label, label)] = value
            else:
                try:
                    meta = _front_matter(path)
                except MetadataProblem as exc:
                    problems.append(f"{repo.relative(path)} {exc}: its metadata was not read")
                    meta = {}
            merged.setdefault(indicator_id(path), {}).update(meta)
    return merged, problems


def truthy(value: object) -> bool:
    """Open SDG's many ways of writing yes: true, "Y", "TRUE"."""
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _TRUE


@dataclass(slots=True)
class IndicatorText:
    """What an imported indicator says in words, from its metadata."""

    title: str
    definition: str
    source: str
    methodology: str
    limitations: str
    email: str | None
    goal: str
    units_text: str
    series_titles: dict[str, str] = field(default_factory=dict)
    non_statistical: bool = False
    unpublished: bool = False
    archived: bool = False


def _first(meta: dict[str, Any], *keys: str) -> str:
    """The first of several keys that holds text: publishers fill in different ones."""
    for key in keys:
        text = plain_text(meta.get(key))
        if text:
            return text
    return ""


def _sources(meta: dict[str, Any]) -> str:
    """The active sources, each as organisation, link text and address."""
    out = []
    for n in range(1, 13):
        if f"source_active_{n}" in meta and not truthy(meta[f"source_active_{n}"]):
            continue
        org = one_line(meta.get(f"source_organisation_{n}"))
        if not org:
            continue
        parts = [org]
        for key in (f"source_url_text_{n}", f"source_url_{n}"):
            text = one_line(meta.get(key))
            if text and text not in parts:
                parts.append(text)
        out.append(", ".join(parts) + ".")
    return " ".join(out)


def _title(ident: str, meta: dict[str, Any], words: Translations) -> str:
    """The indicator's name through the translations, then its graph title, then its number."""
    for key in ("indicator_name", "graph_title", "indicator_available"):
        value = meta.get(key)
        resolved = words.resolve(value) if value is not None else None
        if resolved:
            return one_line(resolved)
    fallback = words.resolve(f"global_indicators.{ident}-title")
    if fallback:
        return one_line(fallback)
    number = str(meta.get("indicator_number") or ident.replace("-", "."))
    return f"Indicator {number}"


def indicator_text(ident: str, meta: dict[str, Any], words: Translations) -> IndicatorText:
    """The indicator's words from its metadata, with a plain fallback for each that is missing."""
    title = _title(ident, meta, words)
    definition = _first(
        meta,
        "national_indicator_description",
        "indicator_definition",
        "indicator_description",
        "computation_definitions",
        "indicator_available",
    )
    methodology = _first(meta, "computation_calculations", "computation_definitions")
    if methodology == definition:
        methodology = ""
    limitations = _first(meta, "data_footnote", "other_info", "other_information")
    page = plain_text(meta.get("page_content"))
    if page:
        limitations = f"{limitations}\n\n{page}" if limitations else page
    contacts = " ".join(str(v) for k, v in sorted(meta.items()) if k.startswith("source_contact"))
    email = _EMAIL.search(contacts)
    goal = str(meta.get("sdg_goal") or ident.split("-")[0]).strip()
    titles: dict[str, str] = {}
    for entry in meta.get("graph_titles") or []:
        if isinstance(entry, dict) and entry.get("series") and entry.get("title"):
            text = words.resolve(entry["title"])
            if text:
                titles[one_line(entry["series"])] = one_line(text)
    status = str(meta.get("reporting_status") or "").strip().lower()
    return IndicatorText(
        title=title,
        definition=definition or f"{title}.",
        source=_sources(meta) or NOT_STATED,
        methodology=methodology or NOT_STATED,
        limitations=limitations or NOT_STATED,
        email=email.group(0).rstrip(".") if email else None,
        goal=goal,
        units_text=one_line(meta.get("computation_units")),
        series_titles=titles,
        non_statistical=truthy(meta.get("data_non_statistical")) or status == "notapplicable",
        unpublished="published" in meta and not truthy(meta.get("published")),
        archived=truthy(meta.get("archived")) or status == "archived",
    )
