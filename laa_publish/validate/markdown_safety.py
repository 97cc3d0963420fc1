"""Partner Markdown is untrusted: render it as the site would, and refuse anything unsafe."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import nh3
import yaml

from laa_publish.issues import Issue, error, quote
from laa_publish.model.site_paths import content_target

Extensions = tuple[tuple[str, Any], ...]
"""Python-Markdown extensions by name, with their options, as the site's engine uses them."""

SAFE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
SAFE_ATTRIBUTES = frozenset({"href", "title", "id", "class", "align", "colspan", "rowspan"})
SAFE_SCHEMES = ("http:", "https:", "mailto:")
DEFAULT_EXTENSIONS: tuple[str, ...] = ("tables", "sane_lists", "abbr", "def_list", "footnotes")
ENGINE_EXTENSIONS: tuple[str, ...] = ("toc", "tables", "fenced_code")  # MkDocs always adds these
# Options every build forces on the engine: tables align cells with align=, not style=, so
# the Content-Security-Policy can refuse every inline style.
FORCED_OPTIONS: dict[str, dict[str, Any]] = {"tables": {"use_align_attribute": True}}


@dataclass(frozen=True, slots=True)
class Unsafe:
    """One unsafe construct found in rendered Markdown, with text to locate it in the source."""

    reason: str
    needle: str


class _Inspector(HTMLParser):
    """Walks rendered HTML and records every tag, attribute or URL outside the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unsafe] = []
        self.links: list[str] = []
        self.rendered = ""
        self.open_tags: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if tag not in SAFE_TAGS:
            source = dict(attrs).get("src") if tag == "img" else None  # Markdown ![..](src)
            self.found.append(Unsafe(f"the HTML element <{tag}>", source or f"<{tag}"))
            return
        for name, value in attrs:
            text = value or ""
            if name not in SAFE_ATTRIBUTES:
                self.found.append(Unsafe(f"the attribute {name}= on <{tag}>", name))
            elif name == "href" and not _safe_url(text):
                self.found.append(Unsafe(f"the link target {quote(text)}", text.strip()[:20]))
            elif name == "href" and _is_relative(text):
                self.links.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self.open_tags.get(tag):
            self.open_tags[tag] -= 1
        else:  # e.g. </article>, closing the page's own markup around the narrative
            self.found.append(Unsafe(f"the closing tag </{tag}> with no opening tag", f"</{tag}"))

    def handle_comment(self, data: str) -> None:
        self.found.append(Unsafe("an HTML comment", "<!--"))

    def handle_decl(self, decl: str) -> None:
        self.found.append(Unsafe("an HTML declaration", "<!"))

    def unknown_decl(self, data: str) -> None:
        self.found.append(Unsafe("a CDATA section or unknown declaration", "<!["))

    def handle_pi(self, data: str) -> None:
        self.found.append(Unsafe("an HTML processing instruction", "<?"))


def _is_relative(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "/")) and ":" not in url.split("/", 1)[0]


def _safe_url(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    if ":" not in cleaned.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return True
    return cleaned.startswith(SAFE_SCHEMES)


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python tags are irrelevant to which extensions are on."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def site_extensions(mkdocs_yml: Path | None) -> tuple[tuple[str, Any], ...]:
    """The Markdown extensions the site engine will use, so validation sees what it sees."""
    if mkdocs_yml is None or not mkdocs_yml.is_file():
        defaults = dict.fromkeys(ENGINE_EXTENSIONS + DEFAULT_EXTENSIONS)
        return _forced([(name, {}) for name in defaults])
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    found: list[tuple[str, Any]] = []
    for item in config.get("markdown_extensions", []) or []:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict):
            for name, options in item.items():
                clean = {k: v for k, v in (options or {}).items() if v is not None}
                found.append((name, clean))
    names = {name for name, _ in found}
    always: list[tuple[str, Any]] = [(n, {}) for n in ENGINE_EXTENSIONS if n not in names]
    return _forced(always + found)


def _forced(pairs: list[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    """Extensions with FORCED_OPTIONS applied, as the generated engine config applies them."""
    return tuple((name, {**options, **FORCED_OPTIONS.get(name, {})}) for name, options in pairs)


def force_engine_options(extensions: list[Any]) -> list[Any]:
    """The engine's markdown_extensions list with FORCED_OPTIONS merged in (added if absent)."""
    result: list[Any] = []
    seen: set[str] = set()
    for item in extensions:
        name = item if isinstance(item, str) else None
        if isinstance(item, dict) and len(item) == 1:
            name = next(iter(item))
        if name in FORCED_OPTIONS:
            options = (item[name] or {}) if isinstance(item, dict) else {}
            result.append({name: {**options, **FORCED_OPTIONS[name]}})
            seen.add(name)
        else:
            result.append(item)
    result += [{name: dict(opts)} for name, opts in FORCED_OPTIONS.items() if name not in seen]
    return result


def render(text: str, extensions: tuple[tuple[str, Any], ...]) -> str:
    """Render Markdown with the given extensions, skipping any that cannot load here."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for name, options in extensions:
        try:
            markdown.Markdown(extensions=[name], extension_configs={name: options})
        except Exception:  # noqa: BLE001 - an unloadable extension is simply not applied
            continue
        names.append(name)
        configs[name] = options
    return markdown.markdown(text, extensions=names, extension_configs=configs)


# the last file inspected: its safety and its links are checked one after the other
_LAST: dict[tuple[str, str], _Inspector] = {}


def _inspect(text: str, extensions: tuple[tuple[str, Any], ...]) -> _Inspector:
    key = (text, repr(extensions))
    found = _LAST.get(key)
    if found is not None:
        return found
    inspector = _Inspector()
    inspector.rendered = render(text, extensions)
    inspector.feed(inspector.rendered)
    inspector.close()
    _LAST.clear()
    _LAST[key] = inspector
    return inspector


class _Events(HTMLParser):
    """Rendered HTML as comparable events: start tags with their attributes, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("tag", tag, *sorted(f"{k}={v or ''}" for k, v in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = self.events.pop()[1] + data
        self.events.append(("text", data))


def _events(rendered: str) -> list[tuple[str, ...]]:
    parser = _Events()
    parser.feed(rendered)
    parser.close()
    return parser.events


def sanitised(rendered: str) -> str:
    """The rendered HTML as nh3 would clean it, with the same allow-list as the inspector."""
    return nh3.clean(
        rendered,
        tags=set(SAFE_TAGS),
        attributes={"*": set(SAFE_ATTRIBUTES)},
        url_schemes={scheme.rstrip(":") for scheme in SAFE_SCHEMES},
        link_rel=None,
        strip_comments=True,
    )


def sanitiser_changes(rendered: str) -> Unsafe | None:
    """The first thing nh3 would remove or change, as a second opinion after the inspector."""
    before, after = _events(rendered), _events(sanitised(rendered))
    for index, event in enumerate(before):
        if index < len(after) and after[index] == event:
            continue
        if event[0] == "tag":
            kept = set(after[index][2:]) if index < len(after) else set()
            dropped = [a for a in event[2:] if a not in kept]
            name, _, value = dropped[0].partition("=") if dropped else ("", "", "")
            needle = (value.strip()[:20] if name in ("href", "src") else name) or f"<{event[1]}"
            return Unsafe(f"markup the HTML sanitiser would change (<{event[1]}>)", needle)
        if event[0] == "comment":
            return Unsafe("an HTML comment", "<!--")
        return Unsafe("text the HTML sanitiser would change", event[1].strip()[:20])
    if len(after) > len(before):
        return Unsafe("markup the HTML sanitiser would change", "")
    return None


def find_unsafe(text: str, extensions: tuple[tuple[str, Any], ...]) -> list[Unsafe]:
    """Every unsafe construct the rendered Markdown would carry onto the site.

    The allow-list inspector names each construct; nh3 then cleans the same HTML with the
    same allow-list, and any change it would make is refused too (defence in depth).
    """
    inspector = _inspect(text, extensions)
    if inspector.found:
        return inspector.found
    changed = sanitiser_changes(inspector.rendered)
    return [changed] if changed else []


def narrative_links(text: str, extensions: tuple[tuple[str, Any], ...]) -> tuple[str, ...]:
    """Each link a content file makes, once, in order: checked when the pages are known."""
    return tuple(dict.fromkeys(_inspect(text, extensions).links))


def link_issues(
    path: str, text: str, links: tuple[str, ...], published: set[str]
) -> Iterator[Issue]:
    """Relative links in a content file must point at a page or file the site will publish."""
    here = posixpath.dirname(content_target(path))
    for href in links:
        target = unquote(href.split("#", 1)[0].split("?", 1)[0])
        resolved = posixpath.normpath(posixpath.join(here, target))
        if target and resolved not in published:
            line, column = _locate(text, href)
            yield error(
                "markdown-broken-link",
                path,
                line,
                column,
                f"The link {quote(href)} points to {quote(resolved)}, "
                "which the site does not have.",
                "Link to another page with a path relative to this file, e.g. "
                "'../indicators/NI-116.md' or '../outcomes/CYP-1.md'.",
            )


def _squeeze(text: str) -> str:
    """Text as a browser reads a URL: entities decoded, whitespace and controls dropped."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(text)).lower()


def _locate(text: str, needle: str) -> tuple[int, int]:
    index = text.lower().find(needle.lower()) if needle else -1
    if index < 0:
        wanted = _squeeze(needle)
        for number, row in enumerate(text.splitlines(), start=1):
            if wanted and wanted in _squeeze(row):
                return number, 1
        return 1, 1
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def markdown_issues(
    path: str, text: str, extensions: tuple[tuple[str, Any], ...]
) -> Iterator[Issue]:
    """Positioned errors for each unsafe construct in one partner Markdown file."""
    seen: set[tuple[str, str]] = set()
    for unsafe in find_unsafe(text, extensions):
        if (unsafe.reason, unsafe.needle) in seen:
            continue
        seen.add((unsafe.reason, unsafe.needle))
        line, column = _locate(text, unsafe.needle)
        yield error(
            "markdown-unsafe",
            path,
            line,
            column,
            f"The narrative contains {unsafe.reason}, which is not allowed.",
            "Narratives are plain Markdown: no HTML tags, attributes or scripts, and links "
            "only to http, https or mailto addresses.",
        )
