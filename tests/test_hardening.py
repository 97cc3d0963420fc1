"""The built pages are locked down: CSP by hashes, no broken internal links, and an audit."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, record_calls
from hypothesis import given, settings
from hypothesis import strategies as st

from laa_publish.validate.run import check
from laa_publish.write import harden
from laa_publish.write.harden import (
    UnsafeOutput,
    _ContentScanner,
    harden_page,
    harden_site,
    may_carry_vectors,
    policy,
    scan_page,
    script_hash,
)

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<link rel="stylesheet" href="assets/main.css">
<script>var theme = "light";</script>
</head><body>
<header><a href="#main">Skip</a></header>
<article class="md-content__inner md-typeset">
<h1 id="main">Title</h1>
{content}
<table>
<tr><th>A</th></tr>
</table>
</article>
<script id="__config" type="application/json">{{"base": ".."}}</script>
<script src="assets/bundle.js"></script>
</body></html>
"""


def _directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in csp.split(";")) if d}


def _csp(html: str) -> str:
    meta = BeautifulSoup(html, "html.parser").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )
    assert meta is not None
    return str(meta["content"])


class TestHardenPage:
    def test_policy_comes_first_and_lists_each_inline_script_by_hash(self) -> None:
        html = harden_page(PAGE.format(content="<p>Text</p>").encode(), "x.html").decode()
        head = html[html.index("<head>") : html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<link")
        directives = _directives(_csp(html))
        assert script_hash('var theme = "light";') in directives["script-src"]
        assert script_hash('{"base": ".."}') in directives["script-src"]
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["img-src"] == ["'self'", "data:"]
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"):
            assert unsafe not in directives["script-src"]

    def test_hash_is_of_the_exact_script_text(self) -> None:
        text = '\n  var x = "é";\n'
        assert scan_page(f"<script>{text}</script>").scripts == [text]
        assert policy([text]).count("'sha256-") == 1

    def test_content_tables_become_focusable(self) -> None:
        html = harden_page(PAGE.format(content="<p>Text</p>").encode(), "x.html").decode()
        assert '<table tabindex="0">' in html

    def test_raw_html_tables_become_focusable_once(self) -> None:
        content = '<table data-search-exclude><tr><td>1</td></tr></table><table tabindex="-1">'
        content += "<tablet>"
        html = harden_page(PAGE.format(content=content).encode(), "x.html").decode()
        assert '<table tabindex="0" data-search-exclude>' in html
        assert '<table tabindex="-1">' in html and "<tablet>" in html  # left as written

    def test_json_ld_in_the_article_is_data_not_script(self) -> None:
        block = '<script type="application/ld+json">{"@type": "Dataset"}</script>'
        html = harden_page(PAGE.format(content=block).encode(), "x.html").decode()
        assert script_hash('{"@type": "Dataset"}') in _csp(html)

    @pytest.mark.parametrize(
        "content",
        [
            "<script>alert(1)</script>",
            '<script type="module">alert(1)</script>',
            '<script src="https://evil.example/x.js"></script>',
            '<img src="x" onerror="alert(1)">',
            '<svg onload="alert(1)"></svg>',
            '<a href="javascript:alert(1)">x</a>',
            '<a href=" JaVa&#x09;Script:alert(1)">x</a>',
            '<a href="data:text/html,<script>alert(1)</script>">x</a>',
            '<form action="javascript:alert(1)"></form>',
            '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
            '<object data="x.swf"></object>',
            '<embed src="x.swf">',
            '<base href="https://evil.example/">',
            '<meta http-equiv="refresh" content="0;url=https://evil.example">',
            '<link rel="stylesheet" href="https://evil.example/x.css">',
            "<style>body{display:none}</style>",
            "</article><script>alert(1)</script><article>",
        ],
    )
    def test_a_script_vector_in_the_content_stops_the_build(self, content: str) -> None:
        with pytest.raises(UnsafeOutput, match=r"x\.html would publish unsafe markup"):
            harden_page(PAGE.format(content=content).encode(), "x.html")

    @pytest.mark.parametrize(
        "where", ['<body onload="alert(1)">', '<meta http-equiv="refresh" content="0;url=/x">']
    )
    def test_handlers_and_redirects_are_refused_anywhere(self, where: str) -> None:
        page = PAGE.format(content="").replace("<body>", where)
        with pytest.raises(UnsafeOutput):
            harden_page(page.encode(), "x.html")

    def test_a_page_without_a_head_is_refused(self) -> None:
        with pytest.raises(UnsafeOutput, match="no <head>"):
            harden_page(b"<p>fragment</p>", "x.html")


@pytest.fixture(scope="module")
def pages(example_site: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(example_site).as_posix(): BeautifulSoup(
            p.read_text(encoding="utf-8"), "html.parser"
        )
        for p in sorted(example_site.rglob("*.html"))
    }


def test_a_later_build_scans_only_the_pages_whose_html_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = {f"p{n}.html": PAGE.format(content=f"<p>Page {n}</p>") for n in range(12)}

    def build(changed: dict[str, str]) -> dict[str, bytes]:
        site.mkdir(exist_ok=True)
        for name, text in {**pages, **changed}.items():
            (site / name).write_text(text)
        harden_site(site, cache)
        return {p.name: p.read_bytes() for p in sorted(site.iterdir())}

    calls = record_calls(monkeypatch, harden, "scan_page")
    monkeypatch.setenv("LAA_WORKERS", "1")
    first = build({})
    assert len(calls) == 12 and len(list(cache.iterdir())) == 12
    calls.clear()
    edited = build({"p3.html": PAGE.format(content="<p>Page 3, edited</p>")})
    assert len(calls) == 1 and "Page 3, edited" in calls[0][0]
    assert len(list(cache.iterdir())) == 12  # the old page 3's scan is dropped
    assert {k: v for k, v in edited.items() if k != "p3.html"} == {
        k: v for k, v in first.items() if k != "p3.html"
    }
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "p3.html").write_text(PAGE.format(content="<p>Page 3, edited</p>"))
    harden_site(fresh)
    assert (fresh / "p3.html").read_bytes() == edited["p3.html"]
    bad = PAGE.format(content='<p onclick="x()">Page 5</p>')
    with pytest.raises(UnsafeOutput):
        build({"p5.html": bad})
    with pytest.raises(UnsafeOutput):  # and again: a refused page is never remembered as safe
        build({"p5.html": bad})


@pytest.mark.slow
def test_every_page_carries_a_policy_allowing_its_inline_scripts_by_hash(
    pages: dict[str, BeautifulSoup],
) -> None:
    assert len(pages) > 100
    for rel, soup in pages.items():
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, rel
        head = soup.find("head")
        first = head.find(["script", "link", "style", "meta"], attrs={"charset": False})
        assert first is metas[0], f"{rel}: the policy must precede what it governs"
        script_src = _directives(metas[0]["content"])["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        for script in soup.find_all("script", src=False):
            assert script_hash(script.string or "") in script_src, rel


@pytest.mark.slow
def test_no_inline_style_that_the_policy_would_block(pages: dict[str, BeautifulSoup]) -> None:
    """style-src is 'self' only, so an inline style would be dropped and logged."""
    for rel, soup in pages.items():
        assert soup.find("style") is None, rel
        assert soup.find(style=True) is None, rel


@pytest.mark.slow
def test_no_internal_link_is_broken(pages: dict[str, BeautifulSoup], example_site: Path) -> None:
    settings = check(REPO).partnership.settings  # type: ignore[union-attr]
    prefix = urlsplit(settings.site_url or "/").path.rstrip("/") + "/"
    ids: dict[str, set[str]] = {}

    def anchors(rel: str) -> set[str]:
        if rel not in ids:
            soup = pages[rel]
            ids[rel] = {str(e["id"]) for e in soup.find_all(id=True)}
            ids[rel] |= {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}
        return ids[rel]

    broken = []
    checked = 0
    for rel, soup in pages.items():
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = urlsplit(str(element[attribute]))
                if url.scheme or url.netloc:
                    continue
                path = unquote(url.path)
                if path.startswith("/"):
                    target = path[len(prefix) :] if path.startswith(prefix) else "//outside"
                elif path:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
                else:
                    target = rel
                if target.endswith("/") or target == ".":
                    target = posixpath.join(target, "index.html")
                checked += 1
                if not (example_site / target).is_file() or (
                    url.fragment
                    and target in pages
                    and unquote(url.fragment) not in anchors(target)
                ):
                    broken.append((rel, element[attribute]))
    assert checked > 5000
    assert broken == []


# Fragments that make tags, quotes, comments, entities, handlers and script URLs meet in every
# order: the quick pass must call for the full parse whenever the full parse finds anything.
_PIECES = [
    "<a", "<img", "<svg", "<b", "<script", '<script type="application/ld+json">', "</script>",
    "<iframe", "<style", "<!--", "-->", ">", "/", "/>", " ", "\t", "\n", '"', "'", "=",
    "==", "on", "onerror", "ONLOAD", "x", "href", "src", "title", "srcdoc", "data", ":",
    "javascript:", "java\tscript:", "&#106;", "&#x3a;", "&colon;", "vbscript:", "<",
    "</a>", "text on a line", "&amp;", "&lt;", "</", "<!", "<?", "</a x=", "</script>",
    "\u00a0", "alt", "aria-label", "on track",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_quick_pass_never_misses_what_the_full_parse_finds(pieces: list[str]) -> None:
    article = "<article>" + "".join(pieces) + "</article>"
    full = _ContentScanner(1)
    full.feed(article)
    full.close()
    if full.problems:
        assert may_carry_vectors(article), (article, full.problems)


def test_the_quick_pass_lets_plain_generated_markup_through() -> None:
    article = (
        '<article><table><tr id="trend-E1"><th scope="row"><a href="../areas/E1.html">On '
        'the river</a></th><td><span class="laa-status laa-status--on-track">On track</span>'
        '</td></tr></table><p>Based on data: the figures</p><script type="application/ld+json">'
        '{"name": "Crime on the river"}</script><img src="c.svg" alt="Crime fell; on track">'
        '<svg role="img" aria-label="Visits on the rise"></svg></article>'
    )
    assert not may_carry_vectors(article)
    for vector in (
        '<a href="x" onclick="y">',
        "<a/onclick=y>",
        '<a href=" JaVa&#x09;Script:alert(1)">',
        '<script type="application/ld+json" src="x.js">',
        '<a title="<b>" onmouseover=x>',
        "<iframe srcdoc=x>",
        '<!-- <a title=" --><img src=x onerror=y>" -->',
        '</a title=" x"><img onerror=y>',
        '<script type="application/ld+json"><b onclick=x></script>',
    ):
        assert may_carry_vectors(article.replace("<table>", vector + "<table>")), vector
