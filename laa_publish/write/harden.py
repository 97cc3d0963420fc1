"""Lock the built pages down before they are published.

GitHub Pages cannot send headers, so each page gets a Content-Security-Policy `<meta>` that
allows the theme's inline scripts by their SHA-256 hashes and nothing else inline. Partner
content only ever lands inside the page's `<article>`; an executable script, event handler or
script URL there means a guard upstream failed, so the build stops instead of hashing it in.
Content tables become keyboard-focusable, because at high zoom they scroll sideways.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import logging
import re
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

from laa_publish.parallel import map_ordered
from laa_publish.result_cache import ResultCache
from laa_publish.write.engine import EngineFailed
from laa_publish.write.tag_grammar import JSON_LD_OPEN, SCRIPT_END, START_TAG, has_odd_markup
from laa_publish.write.unchanged import code_fingerprint

log = logging.getLogger(__name__)

# Script types a browser runs; any other type (application/json, application/ld+json) is data.
EXECUTABLE_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
        "application/x-javascript",
        "text/jscript",
    }
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
)
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements partner content must never produce inside the article.
FORBIDDEN_IN_ARTICLE = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link"}
)
FIXED_POLICY = (
    ("default-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
_CHARSET = re.compile(rb"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
_ARTICLE = re.compile(rb"(<article\b[^>]*>)(.*?)(</article>)", re.IGNORECASE | re.DOTALL)
_ARTICLE_TEXT = re.compile(r"<article\b[^>]*>.*?</article>", re.IGNORECASE | re.DOTALL)
_ARTICLE_OPEN = re.compile(r"<article\b", re.IGNORECASE)
_ARTICLE_CLOSE = re.compile(r"</article\s*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TAG = re.compile(
    r"""<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_ATTR = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_PLAIN_TABLE = re.compile(rb"<table(?=[\s>])(?![^>]*\stabindex=)")  # not yet reachable
_HANDLER_NAME = re.compile(r"""(?<=['"\s/])on""", re.IGNORECASE)
_FORBIDDEN_TAG = re.compile(
    r"<(?:" + "|".join(sorted(FORBIDDEN_IN_ARTICLE | {"script"})) + r")(?=[\t\n\r\f />\x00]|$)",
    re.IGNORECASE,
)
_SRCDOC = re.compile("srcdoc", re.IGNORECASE)


class UnsafeOutput(EngineFailed):
    """A built page carries markup that no guard should have let through; nothing is published."""


@dataclass(slots=True)
class PageScan:
    """What one page holds: its inline scripts' exact text, and anything that must not be there."""

    scripts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def may_carry_vectors(article: str) -> bool:
    """False only when the full parse of the content could find nothing to refuse.

    A county's pages hold millions of table tags, and parsing each in Python is most of the
    hardening's time. This pass never misses. Where the parser's view of the markup is plain
    (no comments, declarations, unusual end tags or markup inside JSON-LD), the parser and
    this pass find the same start tags, by the parser's own grammar: each tag whose text,
    quoted values included, looks like a handler, a srcdoc or a script URL is then parsed
    on its own exactly as the full parse would. Anything else calls for the full parse.
    """
    if has_odd_markup(article):
        return True
    for found in _FORBIDDEN_TAG.finditer(article):
        if not article.startswith(JSON_LD_OPEN, found.start()):
            return True
        end = SCRIPT_END.search(article, found.end())
        if end is None or "<" in article[found.end() : end.start()]:
            return True
    tags = START_TAG.findall(article)
    joined = "\x00".join(tags)
    if not _suspect(joined):
        return False
    if _scheme_in(joined):  # rare: look at every tag
        return any(_refused(tag) for tag in tags if _suspect(tag))
    # handlers and srcdoc: only the tags where the joined text matched
    hits = [m.start() for m in _HANDLER_NAME.finditer(joined)]
    hits += [m.start() for m in _SRCDOC.finditer(joined)]
    for at in sorted(set(hits)):
        first = joined.rfind("\x00", 0, at) + 1
        last = joined.find("\x00", at)
        if _refused(joined[first : last if last >= 0 else len(joined)]):
            return True
    return False


def _refused(tag: str) -> bool:
    """Whether the full parse refuses this one start tag, closed as the parser would close it."""
    scanner = _ContentScanner(1)
    scanner.feed(tag + ">")
    scanner.close()
    return bool(scanner.problems)


def _suspect(text: str) -> bool:
    """Whether start-tag text might hold a handler, a srcdoc or a script URL."""
    return bool(_HANDLER_NAME.search(text) or _SRCDOC.search(text)) or _scheme_in(text)


def _scheme_in(text: str) -> bool:
    """Whether a script URL's scheme appears anywhere, read as the parser reads a value."""
    plain = _squeeze(html.unescape(text))
    return any(scheme in plain for scheme in SCRIPT_SCHEMES)


def _squeeze(url: str) -> str:
    """A URL as a browser reads its scheme: controls and whitespace dropped, lower case."""
    return re.sub(r"[\x00-\x20]", "", url).lower()


class _ContentScanner(HTMLParser):
    """Reports every script vector in the page content, where partner text lands."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.problems: list[str] = []

    def _problem(self, text: str) -> None:
        self.problems.append(f"line {self.first_line + self.getpos()[0] - 1}: {text}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self._problem(f"the event handler {name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and _squeeze(value).startswith(SCRIPT_SCHEMES):
                self._problem(f"the URL {value[:40]!r} in {name}= on <{tag}>")
            elif name == "srcdoc":
                self._problem(f"the attribute srcdoc= on <{tag}>")
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            if kind in EXECUTABLE_TYPES or "src" in values:
                self._problem("a <script> inside the page content")
        elif tag in FORBIDDEN_IN_ARTICLE:
            self._problem(f"the element <{tag}> inside the page content")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _theme_problems(html: str, skip: list[tuple[int, int]]) -> list[str]:
    """Handlers and redirects in the theme's own markup (everything outside the content).

    The theme's markup holds no partner markup, only plain text (see render.text.theme_text),
    so a tag-level scan is enough there and much faster than parsing the navigation of
    every page.
    """
    problems: list[str] = []
    bounds = [0, *(edge for span in sorted(skip) for edge in span), len(html)]
    outside = zip(bounds[::2], bounds[1::2], strict=True)  # the parts between the articles
    for tag in (t for start, end in outside for t in _TAG.finditer(html, start, end)):
        if "on" not in tag.group(2).lower() and tag.group(1).lower() != "meta":
            continue  # the common case: no attribute can be a handler or a redirect
        attrs = {
            m.group(1).lower(): (m.group(2) or "").strip("\"'")
            for m in _ATTR.finditer(tag.group(2))
        }
        found = [
            f"the event handler {name}= on <{tag.group(1)}>"
            for name in attrs
            if name.startswith("on")
        ]
        if tag.group(1).lower() == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append('a <meta http-equiv="refresh"> that would redirect the reader')
        line = html.count("\n", 0, tag.start()) + 1 if found else 0
        problems += [f"line {line}: {text}" for text in found]
    return problems


def scan_page(html: str) -> PageScan:
    """Every inline script's exact text, and every script vector found, in one page."""
    scan = PageScan()
    for script in _SCRIPT.finditer(html):
        if not _SRC.search(script.group(1)):
            scan.scripts.append(script.group(2))
    articles = [(m.start(), m.end()) for m in _ARTICLE_TEXT.finditer(html)]
    opened, closed = len(_ARTICLE_OPEN.findall(html)), len(_ARTICLE_CLOSE.findall(html))
    if opened > 1 or not opened == closed == len(articles):  # the theme writes one article
        scan.problems.append("the page content closes its <article> early or opens another")
    for start, end in articles:
        if not may_carry_vectors(html[start:end]):
            continue
        scanner = _ContentScanner(html.count("\n", 0, start) + 1)
        scanner.feed(html[start:end])
        scanner.close()
        scan.problems += scanner.problems
    scan.problems += _theme_problems(html, articles)
    return scan


def script_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: list[str]) -> str:
    """The page's policy: the fixed directives, plus its inline scripts allowed by hash."""
    hashes = " ".join(sorted({script_hash(s) for s in scripts}))
    directives = [*FIXED_POLICY[:1], ("script-src", f"'self' {hashes}".strip()), *FIXED_POLICY[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def _focusable_tables(page: bytes) -> bytes:
    """Let keyboard users reach (and so scroll) every content table, which may overflow."""

    def article(match: re.Match[bytes]) -> bytes:
        body = _PLAIN_TABLE.sub(b'<table tabindex="0"', match.group(2))
        return match.group(1) + body + match.group(3)

    return _ARTICLE.sub(article, page)


def harden_page(page: bytes, name: str, scan: PageScan | None = None) -> bytes:
    """One page with its CSP meta and focusable tables; UnsafeOutput if it carries a vector.

    `scan` is this very page's scan when an earlier build made it (see `harden_site`).
    """
    scan = scan or scan_page(page.decode("utf-8"))
    if scan.problems:
        raise UnsafeOutput(f"{name} would publish unsafe markup: " + "; ".join(scan.problems[:5]))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(scan.scripts)}">'
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        raise UnsafeOutput(f"{name} has no <head> to hold its Content-Security-Policy.")
    page = page[: anchor.end()] + b"\n    " + tag.encode("ascii") + page[anchor.end() :]
    return _focusable_tables(page)


def harden_site(site: Path, cache_dir: Path | None = None) -> int:
    """Harden every HTML page of a built site in place; returns how many pages it changed.

    Scanning is most of the work, and a page's scan depends only on its bytes and the code:
    with `cache_dir`, each scan is kept by that hash, so a build after an edit scans only
    the pages whose HTML changed. The folder keeps exactly this build's scans.
    """
    paths = sorted(site.rglob("*.html"))
    pages = [path.read_bytes() for path in paths]
    cache = ResultCache(cache_dir) if cache_dir is not None else None
    keys = [_scan_key(page) for page in pages] if cache is not None else [""] * len(pages)
    known = [cache.get(key) if cache is not None else None for key in keys]
    jobs = [
        (path, page, scan if isinstance(scan, PageScan) else None)
        for path, page, scan in zip(paths, pages, known, strict=True)
    ]
    # pages are independent; a worker's UnsafeOutput comes back and stops the build here
    scans = map_ordered(partial(_harden_file, site), jobs)
    if cache is not None:
        for key, scan, (_, _, old) in zip(keys, scans, jobs, strict=True):
            if old is None:
                cache.put(key, scan)
        cache.prune()
    log.debug("Hardened %d pages, %d scanned", len(pages), sum(j[2] is None for j in jobs))
    return len(pages)


def _scan_key(page: bytes) -> str:
    return hashlib.sha256(code_fingerprint().encode() + b"\0" + page).hexdigest()


def _harden_file(site: Path, job: tuple[Path, bytes, PageScan | None]) -> PageScan:
    path, page, scan = job
    scan = scan or scan_page(page.decode("utf-8"))
    path.write_bytes(harden_page(page, path.relative_to(site).as_posix(), scan))
    return scan
