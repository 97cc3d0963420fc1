"""Reporters: compiler-style text, JSON for tools, and GitHub workflow annotations."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from laa_publish.issues import (
    Issue,
    choices_hint,
    closest,
    error,
    has_errors,
    quote,
    sorted_issues,
    warning,
)
from laa_publish.reporters import report, step_summary, summary_line, write_github, write_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")

ISSUES = [
    error(
        "csv-not-number",
        "data/partners/police/indicators/NI-116.csv",
        14,
        3,
        '"n/a" in column "value" is not a number.',
        'Leave the cell empty and set status to "not_available".',
    ),
    warning("file-unexpected", "data/partners/police/notes.txt", None, None, "Not published."),
    error("csv-missing-column", "data/x.csv", 1, None, "Missing column.", "Add it."),
]


class Tty(io.StringIO):
    """A stream that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


def text_report(issues: list[Issue], stream: io.StringIO | None = None) -> str:
    out = stream or io.StringIO()
    report(issues, "text", out)
    return out.getvalue()


class TestText:
    def test_compiler_style_lines_and_hint(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("NO_COLOR", raising=False)
        lines = text_report(ISSUES).splitlines()
        assert lines == [
            'data/partners/police/indicators/NI-116.csv:14:3: error[csv-not-number] "n/a" in '
            'column "value" is not a number.',
            '  hint: Leave the cell empty and set status to "not_available".',
            "data/partners/police/notes.txt: warning[file-unexpected] Not published.",
            "data/x.csv:1: error[csv-missing-column] Missing column.",
            "  hint: Add it.",
            "2 errors, 1 warning.",
        ]

    def test_no_colour_when_not_a_tty(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("NO_COLOR", raising=False)
        assert "\x1b[" not in text_report(ISSUES)

    def test_colour_on_a_tty_does_not_change_the_text(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("NO_COLOR", raising=False)
        coloured = text_report(ISSUES, Tty())
        assert "\x1b[" in coloured
        assert ANSI.sub("", coloured) == text_report(ISSUES)

    def test_no_color_variable_turns_colour_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NO_COLOR", "1")
        assert "\x1b[" not in text_report(ISSUES, Tty())

    def test_write_text_colour_flag(self) -> None:
        out = io.StringIO()
        write_text(ISSUES[:1], out, colour=True)
        assert "\x1b[31;1merror\x1b[0m[csv-not-number]" in out.getvalue()

    def test_no_problems(self) -> None:
        assert text_report([]) == "No problems found.\n"

    def test_summary_counts(self) -> None:
        assert summary_line(ISSUES[:1]) == "1 error, 0 warnings."
        assert summary_line(ISSUES[1:2]) == "0 errors, 1 warning."


class TestJson:
    def test_list_of_records_with_exact_keys(self) -> None:
        out = io.StringIO()
        report(ISSUES, "json", out)
        data = json.loads(out.getvalue())
        assert isinstance(data, list) and len(data) == 3
        for record in data:
            assert set(record) == {"code", "severity", "path", "line", "column", "message", "hint"}
        assert data[0] == {
            "code": "csv-not-number",
            "severity": "error",
            "path": "data/partners/police/indicators/NI-116.csv",
            "line": 14,
            "column": 3,
            "message": '"n/a" in column "value" is not a number.',
            "hint": 'Leave the cell empty and set status to "not_available".',
        }
        assert data[1]["severity"] == "warning"
        assert data[1]["line"] is None and data[1]["column"] is None

    def test_empty_list(self) -> None:
        out = io.StringIO()
        report([], "json", out)
        assert json.loads(out.getvalue()) == []

    def test_non_ascii_is_kept(self) -> None:
        out = io.StringIO()
        report([error("x", "a.yaml", 1, 1, "Café – “quoted”")], "json", out)
        assert "Café – “quoted”" in out.getvalue()


class TestGithub:
    def test_annotation_format(self) -> None:
        out = io.StringIO()
        write_github(ISSUES, out)
        lines = out.getvalue().splitlines()
        assert lines[0] == (
            "::error file=data/partners/police/indicators/NI-116.csv,line=14,col=3,"
            'title=csv-not-number::"n/a" in column "value" is not a number.%0A%0AHint: Leave the '
            'cell empty and set status to "not_available".'
        )
        assert lines[1] == (
            "::warning file=data/partners/police/notes.txt,title=file-unexpected::Not published."
        )
        assert lines[2].startswith("::error file=data/x.csv,line=1,title=csv-missing-column::")
        assert lines[-1] == "2 errors, 1 warning."

    def test_escaping_of_data_and_properties(self) -> None:
        issue = error(
            "code:with,comma",
            "data/odd,name:file%.csv",
            2,
            1,
            "100% wrong\r\nsecond line",
            "",
        )
        out = io.StringIO()
        write_github([issue], out)
        line = out.getvalue().splitlines()[0]
        assert line == (
            "::error file=data/odd%2Cname%3Afile%25.csv,line=2,col=1,"
            "title=code%3Awith%2Ccomma::100%25 wrong%0D%0Asecond line"
        )

    def test_message_colons_and_commas_are_not_escaped(self) -> None:
        out = io.StringIO()
        write_github([error("c", "a.csv", 1, 1, "a: b, c")], out)
        assert out.getvalue().splitlines()[0].endswith("::a: b, c")

    def test_step_summary_appended_when_set(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        summary = tmp_path / "summary.md"
        summary.write_text("earlier step\n", encoding="utf-8")
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
        report(ISSUES, "github", io.StringIO())
        report(ISSUES[:1], "github", io.StringIO())
        text = summary.read_text(encoding="utf-8")
        assert text.startswith("earlier step\n")
        assert text.count("## laa-publish validation") == 2
        assert "| `data/partners/police/indicators/NI-116.csv` | 14 |" in text
        assert "**error[csv-not-number]**" in text
        assert "2 errors, 1 warning." in text and "1 error, 0 warnings." in text

    def test_step_summary_escapes_table_pipes(self) -> None:
        text = step_summary([error("c", "a.csv", 3, 1, "a | b")])
        assert "a \\| b" in text

    def test_no_step_summary_when_unset(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        out = io.StringIO()
        report(ISSUES, "github", out)
        assert out.getvalue().startswith("::error ")


class TestIssueRecords:
    def test_sorted_issues_deduplicates_and_orders_by_position(self) -> None:
        a = error("x", "b.csv", 10, 2, "m")
        b = error("x", "b.csv", 9, 5, "m")
        c = warning("y", "a.yaml", None, None, "m")
        assert sorted_issues([a, b, a, c]) == [c, b, a]

    def test_has_errors_and_strict(self) -> None:
        warn = [warning("y", "a.yaml", 1, 1, "m")]
        assert not has_errors(warn)
        assert has_errors(warn, strict=True)
        assert has_errors([error("x", "a", 1, 1, "m")])
        assert not has_errors([], strict=True)

    def test_choices_hint(self) -> None:
        assert choices_hint("councl", ["police", "council"]) == (
            'Did you mean "council"? Valid values: "council", "police".'
        )
        assert choices_hint("zzz", ["police"]) == 'Valid values: "police".'
        assert choices_hint("anything", []) == "None are declared yet."
        many = [f"E0{n:07d}" for n in range(20)]
        assert "(20 in all)" in choices_hint("X", many)

    def test_closest_is_case_insensitive_and_prefix_aware(self) -> None:
        assert closest("e08000001", ["E08000001", "E07000001"]) == "E08000001"
        assert closest("not_av", ["final", "not_available"]) == "not_available"
        assert closest("qqqq", ["final"]) is None

    def test_quote_shortens_long_values(self) -> None:
        assert quote("abc") == '"abc"'
        long = quote("x" * 100)
        assert len(long) == 62 and long.endswith('…"')
