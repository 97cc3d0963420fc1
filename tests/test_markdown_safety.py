"""Partner Markdown is rendered as the site would render it, and anything unsafe is refused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from laa_publish.validate.markdown_safety import (
    DEFAULT_EXTENSIONS,
    ENGINE_EXTENSIONS,
    FORCED_OPTIONS,
    markdown_issues,
    site_extensions,
)

DEFAULTS = tuple(
    (name, dict(FORCED_OPTIONS.get(name, {})))
    for name in dict.fromkeys(ENGINE_EXTENSIONS + DEFAULT_EXTENSIONS)
)
WITH_ATTR_LIST = (*DEFAULTS, ("attr_list", {}))
PATH = "content/outcomes/CYP-1.md"


def problems(text: str, extensions=DEFAULTS) -> list[tuple[int | None, int | None, str]]:
    issues = list(markdown_issues(PATH, textwrap.dedent(text), extensions))
    assert all(i.code == "markdown-unsafe" and i.path == PATH and i.hint for i in issues)
    return [(i.line, i.column, i.message) for i in issues]


def lines(text: str, extensions=DEFAULTS) -> list[int | None]:
    return [line for line, _, _ in problems(text, extensions)]


class TestRefused:
    def test_script_element(self) -> None:
        found = problems(
            """\
            # Story

            Some text.

            <script>alert("x")</script>
            """
        )
        assert [(line, col) for line, col, _ in found] == [(5, 1)]
        assert "<script>" in found[0][2]

    @pytest.mark.parametrize(
        "html",
        [
            "<iframe src='https://example.org'></iframe>",
            "<img src=x onerror=alert(1)>",
            "<object data='x.swf'></object>",
            "<form action='https://evil.example'><input name=q></form>",
            "<style>body{display:none}</style>",
            "<svg onload=alert(1)></svg>",
        ],
    )
    def test_raw_html_elements(self, html: str) -> None:
        found = lines(f"Intro.\n\n{html}\n")
        assert found and set(found) == {3}

    def test_inline_html_inside_a_paragraph(self) -> None:
        found = problems("First line.\n\nText with <iframe src=x></iframe> inline.\n")
        assert [(line, col) for line, col, _ in found] == [(3, 11)]

    def test_event_handler_on_an_allowed_tag(self) -> None:
        found = problems('Para.\n\n<div onclick="steal()">Hi</div>\n')
        assert [(line, col) for line, col, _ in found] == [(3, 6)]
        assert "onclick" in found[0][2]

    @pytest.mark.parametrize(
        "html",
        [
            '<p style="position:fixed;top:0">x</p>',
            '<p style="text-align: center">x</p>',  # the site's CSP refuses every inline style
            '<p style="background:url(javascript:alert(1))">x</p>',
        ],
    )
    def test_every_style_attribute(self, html: str) -> None:
        assert lines(f"{html}\n") == [1]

    def test_attr_list_event_handler_when_enabled(self) -> None:
        text = """\
            # Title

            A paragraph.
            {onclick="alert(1)"}
            """
        found = problems(text, WITH_ATTR_LIST)
        assert [(line, col) for line, col, _ in found] == [(4, 2)]
        assert "onclick" in found[0][2]
        # without attr_list the braces are just text
        assert problems(text) == []

    def test_attr_list_on_a_link(self) -> None:
        assert lines("[x](https://example.org){onmouseover=alert(1)}\n", WITH_ATTR_LIST) == [1]

    @pytest.mark.parametrize(
        "target",
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "JAVASCRIPT:alert(1)",
            "<java script:alert(1)>",
            "&#106;avascript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "java&#10;script:alert(1)",
            "javascript&#58;alert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "DATA:text/html,<b>x</b>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ],
    )
    def test_dangerous_link_targets_on_their_own_line(self, target: str) -> None:
        text = f"# Title\n\nSafe text.\n\nRead [the report]({target}).\n"
        found = problems(text)
        assert len(found) == 1, found
        assert found[0][0] == 5
        assert "link target" in found[0][2]

    def test_reference_style_link(self) -> None:
        assert lines("Read [this][r].\n\n[r]: javascript:alert(1)\n") == [3]

    def test_html_comment(self) -> None:
        found = problems("Text.\n\n<!-- hidden note -->\n")
        assert [(line, col) for line, col, _ in found] == [(3, 1)]
        assert "comment" in found[0][2]

    def test_several_problems_each_reported(self) -> None:
        text = """\
            <script>x()</script>

            [a](javascript:void(0))

            <!-- c -->
            """
        assert sorted(lines(text)) == [1, 3, 5]


class TestAccepted:
    def test_plain_markdown(self) -> None:
        text = """\
            # Fewer children grow up in poverty

            Child poverty has **fallen**, but _not_ as fast as we hoped.

            > A quote from the annual report.

            1. First
            2. Second

            - A list item with `inline <code>`
            - Another

            An indented code block follows.

                <script>indented code is shown, not run</script>

            Term
            : Definition

            A footnote.[^1]

            [^1]: The note.

            *[LAA]: Local Area Agreement

            Less-than 3 < 5 and R&D are text.
            """
        assert problems(text) == []

    def test_tables(self) -> None:
        text = """\
            | Year    | Rate |
            |:--------|-----:|
            | 2022-23 | 22.0 |
            | 2023-24 | 21.0 |
            """
        assert problems(text) == []

    @pytest.mark.parametrize(
        "target",
        [
            "https://www.gov.uk/",
            "HTTPS://EXAMPLE.ORG/Path?q=a:b",
            "http://example.org",
            "mailto:team@example.org",
            "../indicators/NI-116.md",
            "pages/about.md#section",
            "#heading",
            "?view=table",
            "//example.org/protocol-relative",
            "reports/2024:summary.md",
        ],
    )
    def test_safe_links(self, target: str) -> None:
        assert problems(f"[link]({target})\n") == []

    def test_autolink(self) -> None:
        assert problems("<https://www.example.org/report>\n") == []

    def test_attr_list_classes_and_ids(self) -> None:
        text = "# Heading {#story .lead}\n\nText.\n{: .note }\n"
        assert problems(text, WITH_ATTR_LIST) == []

    def test_allowed_inline_html(self) -> None:
        assert problems("Some <strong>bold</strong> and <sub>2</sub> text.\n") == []


class TestSiteExtensions:
    def test_defaults_without_mkdocs_yml(self, tmp_path: Path) -> None:
        assert site_extensions(tmp_path / "mkdocs.yml") == DEFAULTS
        assert site_extensions(None) == DEFAULTS

    def test_reads_markdown_extensions_ignoring_python_tags(self, tmp_path: Path) -> None:
        config = tmp_path / "mkdocs.yml"
        config.write_text(
            textwrap.dedent(
                """\
                site_name: Test
                markdown_extensions:
                  - attr_list
                  - toc:
                      permalink: true
                  - pymdownx.superfences:
                      custom_fences:
                        - name: mermaid
                          format: !!python/name:pymdownx.superfences.fence_code_format
                """
            ),
            encoding="utf-8",
        )
        found = dict(site_extensions(config))
        assert set(found) == {"attr_list", "toc", "tables", "fenced_code", "pymdownx.superfences"}
        assert found["toc"] == {"permalink": True}

    def test_enabled_attr_list_changes_the_verdict(self, tmp_path: Path) -> None:
        config = tmp_path / "mkdocs.yml"
        config.write_text("markdown_extensions:\n  - attr_list\n", encoding="utf-8")
        text = "Para.\n{onclick=x}\n"
        assert list(markdown_issues(PATH, text, site_extensions(config)))
        assert not list(markdown_issues(PATH, text, DEFAULTS))

    def test_unloadable_extension_is_skipped(self) -> None:
        extensions = (*DEFAULTS, ("no_such_extension_anywhere", {}))
        assert problems("# Fine\n", extensions) == []
        assert lines("<script>x</script>\n", extensions) == [1]
