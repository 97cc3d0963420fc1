"""The For partners pages: the Data errors page, the Partner guide and the published schemas."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from conftest import materialise

from laa_publish.catalogue import Entry, Example, codes, entries, entry
from laa_publish.catalogue.examples import run_example
from laa_publish.compute.progress import compute
from laa_publish.issues import Severity
from laa_publish.load.history import History
from laa_publish.model.entities import OBSERVATION_STATUSES
from laa_publish.model.site_paths import (
    DATA_ERRORS,
    PARTNER_GUIDE,
    SCHEMA_DIR,
    SCHEMAS_PAGE,
    published_pages,
)
from laa_publish.pipeline import generate
from laa_publish.render.context import Rendered
from laa_publish.render.pages.data_errors import entry_markdown
from laa_publish.render.pages.partner_guide import (
    SAMPLE_CODE,
    STATUS_MEANINGS,
    TemplateError,
    common_entries,
    fill,
    new_period_example,
    report_text,
)
from laa_publish.render.site import render_site
from laa_publish.render.text import fenced
from laa_publish.validate.run import check


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = materialise(None, tmp_path_factory.mktemp("partner-pages") / "repo")
    result = check(root)
    assert result.partnership is not None
    return render_site(result.partnership, compute(result.partnership), History())


def _html(text: str) -> str:
    """Render as the site engine does: MkDocs always adds toc, tables and fenced_code."""
    return markdown.markdown(text, extensions=["toc", "tables", "fenced_code", "sane_lists"])


def test_for_partners_pages_are_in_the_nav_and_published(rendered: Rendered) -> None:
    section = next(item["For partners"] for item in rendered.nav if "For partners" in item)
    assert section == [
        {"Partner guide": PARTNER_GUIDE},
        {"Data errors": DATA_ERRORS},
        {"Data file schemas": SCHEMAS_PAGE},
    ]
    for page in (PARTNER_GUIDE, DATA_ERRORS, SCHEMAS_PAGE):
        assert page in rendered.files


def test_data_errors_page_has_a_section_anchored_at_each_code(rendered: Rendered) -> None:
    html = _html(rendered.files[DATA_ERRORS])
    anchors = set(re.findall(r'<h3 id="([^"]+)"', html))
    assert anchors == set(codes())
    for item in entries():
        assert f'href="#{item.code}"' in html


def test_catalogue_text_is_escaped_or_fenced() -> None:
    hostile = Entry(
        code="test-code",
        severity=Severity.ERROR,
        group="Test",
        title="<script>alert(1)</script>",
        meaning="[link](javascript:alert(1)) *bold*",
        fix="<img src=x onerror=alert(1)>",
        wrong=Example("a.yaml", "show", "```\n<script>x</script>\n````\n", "yaml", note="<b>"),
        right=Example("a.yaml", "show", "ok: true\n", "yaml"),
    )
    html = _html(entry_markdown(hostile))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html  # the example survives, literally
    assert html.count("<pre>") == 2


def test_fence_is_longer_than_any_backtick_run() -> None:
    assert fenced("a ```` b\n", "yaml").startswith("`````yaml\n")
    assert fenced("plain", "c$sv") == "```csv\nplain\n```"


def test_guide_shows_the_validators_real_output(rendered: Rendered) -> None:
    guide = rendered.files[PARTNER_GUIDE]
    assert len(common_entries()) >= 6
    for item in common_entries():
        assert report_text(run_example(item.wrong)) in guide, item.code
        assert f"{DATA_ERRORS.rsplit('/', 1)[-1]}#{item.code}" in guide
    assert "{{" not in guide and "}}" not in guide


def test_guide_sample_message_is_a_positioned_error() -> None:
    item = entry(SAMPLE_CODE)
    assert item.common and item.severity is Severity.ERROR
    issue = run_example(item.wrong)[0]
    assert (issue.code, issue.line is not None, issue.column is not None) == (
        SAMPLE_CODE,
        True,
        True,
    )


def test_guide_explains_every_status() -> None:
    assert set(STATUS_MEANINGS) == set(OBSERVATION_STATUSES)


def test_guide_new_period_example_is_valid() -> None:
    before, after = new_period_example()
    assert after.text.startswith(before.text) and after.text.count("\n") == (
        before.text.count("\n") + 1
    )
    assert run_example(after) == []


def test_fill_refuses_missing_and_unused_values() -> None:
    assert fill("a {{ x }} b", {"x": "1"}) == "a 1 b"
    with pytest.raises(TemplateError):
        fill("a {{ x }}", {})
    with pytest.raises(TemplateError):
        fill("a", {"x": "1"})


def test_schemas_page_links_every_published_schema(rendered: Rendered) -> None:
    page = rendered.files[SCHEMAS_PAGE]
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        assert f"(../schemas/v1/{schema.name})" in page
    assert "yaml-language-server: $schema=" in page
    assert "redhat.vscode-yaml" in page


def test_schemas_are_published_byte_for_byte(tmp_path: Path) -> None:
    root = materialise(None, tmp_path / "repo")
    generate(root, tmp_path / "work")
    published = tmp_path / "work" / "docs" / "schemas" / "v1"
    sources = sorted(SCHEMA_DIR.glob("*.schema.json"))
    assert sorted(p.name for p in published.iterdir()) == [s.name for s in sources]
    for source in sources:
        assert (published / source.name).read_bytes() == source.read_bytes()


def test_partners_may_link_to_the_new_pages(tmp_path: Path) -> None:
    result = check(materialise(None, tmp_path / "repo"))
    assert result.partnership is not None
    pages = published_pages(result.partnership)
    assert {PARTNER_GUIDE, DATA_ERRORS, SCHEMAS_PAGE} <= pages
    assert "schemas/v1/indicator.schema.json" in pages
