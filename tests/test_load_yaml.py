"""The safe YAML loader: positions, YAML 1.2 scalars, and every kind of refused input."""

from __future__ import annotations

import textwrap
import time

import pytest
import yaml

from laa_publish.load import yaml_loader
from laa_publish.load.positions import Position
from laa_publish.load.yaml_loader import MAX_YAML_BYTES, load_yaml_bytes, load_yaml_text


def load(text: str):
    """Load dedented YAML that must be accepted; return the document."""
    doc, issues = load_yaml_text(textwrap.dedent(text), "data/x.yaml")
    assert issues == []
    assert doc is not None
    return doc


def refuse(text: str) -> tuple[str, int | None, int | None, str]:
    """Load dedented YAML that must be refused with exactly one issue; return its key fields."""
    doc, issues = load_yaml_text(textwrap.dedent(text), "data/x.yaml")
    assert doc is None
    assert len(issues) == 1, issues
    issue = issues[0]
    assert issue.path == "data/x.yaml"
    assert issue.hint
    return issue.code, issue.line, issue.column, issue.message


class TestPositions:
    def test_values_and_keys_are_positioned_one_based(self) -> None:
        doc = load(
            """\
            # comment line
            name: Testford
            agreement:
              start: 2023-04-01
            themes:
              - id: cyp
                title: Children
              - {id: safer, title: Safer}
            """
        )
        assert doc.positions[("name",)] == Position(2, 7)
        assert doc.key_positions[("name",)] == Position(2, 1)
        assert doc.positions[("agreement", "start")] == Position(4, 10)
        assert doc.key_positions[("agreement", "start")] == Position(4, 3)
        assert doc.positions[("themes", 0)] == Position(6, 5)
        assert doc.positions[("themes", 0, "title")] == Position(7, 12)
        assert doc.positions[("themes", 1, "title")] == Position(8, 24)

    def test_position_falls_back_to_nearest_ancestor(self) -> None:
        doc = load(
            """\
            contact:
              name: Team
            """
        )
        assert doc.line_col(("contact", "email")) == (2, 3)
        assert doc.key_position(("contact", "missing")) == Position(2, 3)

    def test_line_col_of_nothing_is_none(self) -> None:
        doc = load("a: 1\n")
        doc.positions.clear()
        assert doc.line_col(("a",)) == (None, None)


class TestScalars:
    def test_yaml_1_1_booleans_stay_text(self) -> None:
        doc = load(
            """\
            a: NO
            b: yes
            c: on
            d: Off
            e: y
            """
        )
        assert doc.data == {"a": "NO", "b": "yes", "c": "on", "d": "Off", "e": "y"}

    def test_only_true_and_false_are_booleans(self) -> None:
        doc = load("a: true\nb: False\nc: TRUE\nd: 'true'\n")
        assert doc.data == {"a": True, "b": False, "c": True, "d": "true"}

    def test_dates_and_periods_stay_text(self) -> None:
        doc = load("start: 2023-04-01\nperiod: 2024-25\nmonth: 2024-07\ntime: 12:30\n")
        assert doc.data == {
            "start": "2023-04-01",
            "period": "2024-25",
            "month": "2024-07",
            "time": "12:30",
        }
        assert all(isinstance(v, str) for v in doc.data.values())

    def test_numbers_and_nulls(self) -> None:
        doc = load("i: 2024\nf: 20.5\nn: -3\ne: 1e3\nz: ~\nempty:\nq: '12'\n")
        assert doc.data == {
            "i": 2024,
            "f": 20.5,
            "n": -3,
            "e": 1000.0,
            "z": None,
            "empty": None,
            "q": "12",
        }
        assert isinstance(doc.data["i"], int)
        assert isinstance(doc.data["q"], str)

    def test_yaml_1_1_number_forms_stay_text(self) -> None:
        doc = load("sexagesimal: 1:30\nunderscored: 1_000\n")
        assert doc.data == {"sexagesimal": "1:30", "underscored": "1_000"}

    def test_non_specific_tag_forces_text(self) -> None:
        assert load("a: ! 12\n").data == {"a": "12"}

    def test_str_tag_is_allowed(self) -> None:
        assert load("a: !!str 2024\n").data == {"a": "2024"}


class TestRefused:
    def test_alias_bomb_is_refused_fast_at_the_first_anchor(self) -> None:
        lol = ", ".join(['"lol"'] * 9)
        lines = [f"a: &a [{lol}]"]
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
            refs = ", ".join([f"*{prev}"] * 9)
            lines.append(f"{name}: &{name} [{refs}]")
        bomb = "\n".join(lines) + "\n"
        started = time.perf_counter()
        doc, issues = load_yaml_text(bomb, "bomb.yaml")
        elapsed = time.perf_counter() - started
        assert elapsed < 0.5
        assert doc is None
        assert [(i.code, i.line, i.column) for i in issues] == [("yaml-alias", 1, 4)]
        assert '"a"' in issues[0].message

    def test_alias_without_anchor_is_refused_at_the_alias(self) -> None:
        code, line, column, message = refuse(
            """\
            a: 1
            b: *missing
            """
        )
        assert (code, line, column) == ("yaml-alias", 2, 4)
        assert '"missing"' in message

    def test_anchor_on_a_mapping_is_refused(self) -> None:
        code, line, column, _ = refuse(
            """\
            base: &defaults
              unit: count
            """
        )
        assert (code, line, column) == ("yaml-alias", 1, 7)

    def test_merge_key_is_refused(self) -> None:
        code, line, _, _ = refuse(
            """\
            a: &x {unit: count}
            b:
              <<: *x
            """
        )
        assert (code, line) == ("yaml-alias", 1)

    def test_duplicate_key_names_the_first_line(self) -> None:
        code, line, column, message = refuse(
            """\
            id: NI-116
            unit: count
            title: Children
            unit: percentage
            """
        )
        assert (code, line, column) == ("yaml-duplicate-key", 4, 1)
        assert '"unit"' in message
        assert "line 2" in message

    def test_duplicate_key_in_nested_mapping(self) -> None:
        code, line, column, _ = refuse(
            """\
            targets:
              - period: 2024-25
                value: 1
                period: 2025-26
            """
        )
        assert (code, line, column) == ("yaml-duplicate-key", 4, 5)

    def test_same_key_in_sibling_mappings_is_fine(self) -> None:
        doc = load("a:\n  x: 1\nb:\n  x: 2\n")
        assert doc.data == {"a": {"x": 1}, "b": {"x": 2}}

    @pytest.mark.parametrize(
        "text",
        [
            "a: !!python/object/apply:os.system ['echo hi']\n",
            "a: !custom value\n",
            "a: !!int '3'\n",
            "a: !!binary aGVsbG8=\n",
        ],
    )
    def test_tags_are_refused_at_the_tagged_node(self, text: str) -> None:
        code, line, column, _ = refuse(text)
        assert (code, line, column) == ("yaml-tag", 1, 4)

    def test_second_document_is_refused_at_its_marker(self) -> None:
        code, line, column, message = refuse(
            """\
            ---
            a: 1
            ---
            b: 2
            """
        )
        assert (code, line, column) == ("yaml-syntax", 3, 1)
        assert "more than one" in message

    def test_single_explicit_document_is_fine(self) -> None:
        assert load("---\na: 1\n...\n").data == {"a": 1}

    def test_complex_key_is_refused(self) -> None:
        code, line, _, _ = refuse("? [a, b]\n: 1\n")
        assert (code, line) == ("yaml-syntax", 1)

    def test_syntax_error_is_positioned(self) -> None:
        code, line, column, message = refuse(
            """\
            id: NI-116
            title: [unclosed
            unit: count
            """
        )
        assert (code, line, column) == ("yaml-syntax", 2, 8)
        assert message == (
            'The "[" opened at line 2, column 8 is never closed; the parser gave up at line 3, '
            "column 5."
        )

    def test_bad_indentation_points_at_the_line(self) -> None:
        code, line, _, _ = refuse("a:\n  b: 1\n c: 2\n")
        assert (code, line) == ("yaml-syntax", 3)

    def test_tab_indentation_is_a_syntax_error(self) -> None:
        code, line, _, _ = refuse("a:\n\tb: 1\n")
        assert (code, line) == ("yaml-syntax", 2)

    @pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
    def test_empty_file(self, text: str) -> None:
        doc, issues = load_yaml_text(text, "data/x.yaml")
        assert doc is None
        assert [(i.code, i.line, i.column) for i in issues] == [("yaml-empty", 1, 1)]


class TestBytes:
    def test_bom_is_ignored(self) -> None:
        doc, issues = load_yaml_bytes(b"\xef\xbb\xbfa: 1\n", "x.yaml")
        assert issues == []
        assert doc is not None and doc.data == {"a": 1}
        assert doc.positions[("a",)] == Position(1, 4)

    def test_utf8_text_is_read(self) -> None:
        doc, issues = load_yaml_bytes("name: Café – Ōtautahi\n".encode(), "x.yaml")
        assert issues == []
        assert doc is not None and doc.data == {"name": "Café – Ōtautahi"}

    def test_bad_utf8_is_positioned(self) -> None:
        doc, issues = load_yaml_bytes(b"id: X-1\ntitle: Caf\xe9\n", "x.yaml")
        assert doc is None
        assert [(i.code, i.line, i.column) for i in issues] == [("file-encoding", 2, 11)]
        assert "0xe9" in issues[0].message
        assert "UTF-8" in issues[0].hint

    def test_bad_utf8_column_counts_characters_not_bytes(self) -> None:
        # "é" is two bytes but one character, so the bad byte is the fifth character (not sixth).
        _, issues = load_yaml_bytes("a: é".encode() + b"\xff\n", "x.yaml")
        assert [(i.line, i.column) for i in issues] == [(1, 5)]
        assert "0xff" in issues[0].message

    def test_bad_utf8_after_bom_reports_the_bad_byte(self) -> None:
        _, issues = load_yaml_bytes(b"\xef\xbb\xbfa: \xff\n", "x.yaml")
        assert [(i.code, i.line, i.column) for i in issues] == [("file-encoding", 1, 4)]
        assert "0xff" in issues[0].message

    def test_crlf_line_endings_count_lines_once(self) -> None:
        _, issues = load_yaml_bytes(b"a: 1\r\nb: 2\r\nc: \x80\r\n", "x.yaml")
        assert [(i.line, i.column) for i in issues] == [(3, 4)]

    def test_nul_byte_is_refused(self) -> None:
        doc, issues = load_yaml_bytes(b"a: 1\nb: x\x00y\n", "x.yaml")
        assert doc is None
        assert [(i.code, i.line, i.column) for i in issues] == [("file-encoding", 2, 5)]

    def test_size_cap(self) -> None:
        raw = b"a: " + b"x" * MAX_YAML_BYTES
        started = time.perf_counter()
        doc, issues = load_yaml_bytes(raw, "big.yaml")
        assert time.perf_counter() - started < 0.5
        assert doc is None
        assert [(i.code, i.line, i.column) for i in issues] == [("file-too-large", None, None)]
        assert f"{MAX_YAML_BYTES:,}" in issues[0].message

    def test_file_at_the_cap_is_read(self) -> None:
        body = b"a: " + b"x" * (MAX_YAML_BYTES - 4) + b"\n"
        assert len(body) == MAX_YAML_BYTES
        doc, issues = load_yaml_bytes(body, "big.yaml")
        assert issues == []
        assert doc is not None


# libyaml's parser and PyYAML's own (used without libyaml) word their errors differently but
# give the same marks; the loader's messages are built from the marks, so both must agree.
LOADERS = [yaml.CSafeLoader, yaml.SafeLoader]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    monkeypatch.setattr(yaml_loader, "_LOADER", request.param)
    return request.param


class TestWhereTheMistakeBegan:
    """An unclosed bracket or quote is reported where it opened, not where the parser gave up."""

    def issue(self, text: str) -> tuple[int | None, int | None, str, str]:
        doc, issues = load_yaml_text(textwrap.dedent(text), "data/x.yaml")
        assert doc is None and [i.code for i in issues] == ["yaml-syntax"], issues
        return issues[0].line, issues[0].column, issues[0].message, issues[0].hint

    def test_unclosed_list(self, loader: type) -> None:
        line, column, message, hint = self.issue(
            """\
            id: CYP-1
            contributing_partners: [jobcentre, vcs

            narrative: content/outcomes/CYP-1.md
            summary: Text.
            """
        )
        assert (line, column) == (2, 24)
        assert message == (
            'The "[" opened at line 2, column 24 is never closed; the parser gave up at line 4, '
            "column 10."
        )
        assert '"]"' in hint

    def test_unclosed_mapping(self, loader: type) -> None:
        line, column, message, hint = self.issue("a: 1\ncontact: {name: A, email: a@b.org\nb: 2\n")
        assert (line, column) == (2, 10)
        assert message.startswith('The "{" opened at line 2, column 10 is never closed')
        assert '"}"' in hint

    @pytest.mark.parametrize("quote", ['"', "'"])
    def test_quote_never_closed_before_the_end(self, loader: type, quote: str) -> None:
        line, column, message, hint = self.issue(f"a: 1\ntitle: {quote}Fewer children\nb: 2\n")
        assert (line, column) == (2, 8)
        assert message.endswith(
            "opened at line 2, column 8 is never closed; the parser gave up at line 4, column 1."
        )
        assert quote in hint

    def test_quote_that_runs_on_to_the_next_quote(self, loader: type) -> None:
        line, column, message, hint = self.issue(
            """\
            id: CYP-1
            title: "Fewer children
            theme: children-young-people
            narrative: "content/outcomes/CYP-1.md"
            summary: Text.
            """
        )
        assert (line, column) == (2, 8)
        assert "opened at line 2, column 8 runs on" in message
        assert "gave up at line 4, column 13" in message
        assert "closing" in hint

    def test_text_after_a_closing_quote(self, loader: type) -> None:
        line, column, message, hint = self.issue("id: X\ntitle: 'Children's centres'\n")
        assert (line, column) == (2, 18)
        assert message == "Text follows the closing ' of the value that begins at line 2, column 8."
        assert "''" in hint

    def test_block_that_does_not_line_up_names_where_it_began(self, loader: type) -> None:
        line, column, message, _ = self.issue("partners:\n  - id: a\n    name: A\n   - id: b\n")
        assert (line, column) == (4, 4)
        assert message == "Line 4 does not line up with the list that begins at line 2, column 3."

    def test_text_block_indented_less(self, loader: type) -> None:
        line, column, message, _ = self.issue(
            "id: X\nsummary: >-\n  Some text\n more text\nnext: 1\n"
        )
        assert (line, column) == (4, 2)
        assert message == (
            "Line 4 is indented less than the text block (>) that begins at line 2, column 10."
        )

    def test_other_errors_stay_where_the_parser_stopped(self, loader: type) -> None:
        line, column, message, _ = self.issue("a: b: c\n")
        assert (line, column) == (1, 5)
        assert message.startswith("The YAML cannot be read: mapping values are not allowed")

    def test_a_valid_multi_line_quote_is_not_blamed(self, loader: type) -> None:
        line, _, message, _ = self.issue('a: "one\n  two"\nb: [x\n')
        assert line == 3
        assert message.startswith('The "[" opened at line 3')
