"""The CSV loader: cells stay text, and every row keeps the source line a partner sees."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laa_publish.load.csv_loader import _arrow_frame, load_csv_bytes, load_csv_text, pandas_frame


def read(text: str):
    table, issues = load_csv_text(text, "data/x.csv")
    assert issues == [], issues
    assert table is not None
    return table


def rows(table) -> list[list[str]]:
    return table.frame.to_numpy().tolist()


def refused(text: str) -> list[tuple[str, int | None, int | None]]:
    table, issues = load_csv_text(text, "data/x.csv")
    assert table is None
    assert all(i.path == "data/x.csv" and i.hint for i in issues)
    return [(i.code, i.line, i.column) for i in issues]


# The same data with and without a double quote somewhere in the file: the loader has a fast
# path for files without quotes and an exact one for the rest; both must agree.
def both_paths(text: str) -> list[str]:
    return [text, text.replace("note\n", '"note"\n', 1)]


class TestLines:
    @pytest.mark.parametrize(
        "text",
        both_paths("period,area,value,note\n2023,A,1,\n\n\n2024,A,2,\n\n2025,A,3,\n"),
    )
    def test_blank_lines_are_skipped_but_counted(self, text: str) -> None:
        table = read(text)
        assert rows(table) == [
            ["2023", "A", "1", ""],
            ["2024", "A", "2", ""],
            ["2025", "A", "3", ""],
        ]
        assert table.lines.tolist() == [2, 5, 7]

    @pytest.mark.parametrize(
        "text", both_paths("period,area,value,note\n2023,A,1,\n,,,\n  , ,  ,\n2024,A,2,\n")
    )
    def test_rows_of_empty_cells_are_blank(self, text: str) -> None:
        table = read(text)
        assert table.lines.tolist() == [2, 5]

    @pytest.mark.parametrize("ending", ["\n", "\r\n"])
    def test_blank_rows_wider_than_the_header_are_skipped(self, ending: str) -> None:
        text = ending.join(["period,area,value", "2023,A,1", ",,,,", "", "2024,A,2", ""])
        table = read(text)
        assert rows(table) == [["2023", "A", "1"], ["2024", "A", "2"]]
        assert table.lines.tolist() == [2, 5]

    def test_crlf_line_endings(self) -> None:
        table = read("period,area,value\r\n2023,A,1\r\n\r\n2024,A,2\r\n")
        assert rows(table) == [["2023", "A", "1"], ["2024", "A", "2"]]
        assert table.lines.tolist() == [2, 4]

    def test_quoted_newlines_keep_following_lines_right(self) -> None:
        text = (
            "period,area,value,note\n"
            '2023,A,1,"first line\nsecond line\nthird line"\n'
            '2024,A,2,"a, b"\n'
            '2025,A,3,"say ""hi"""\n'
        )
        table = read(text)
        assert rows(table) == [
            ["2023", "A", "1", "first line\nsecond line\nthird line"],
            ["2024", "A", "2", "a, b"],
            ["2025", "A", "3", 'say "hi"'],
        ]
        assert table.lines.tolist() == [2, 5, 6]

    def test_no_final_newline(self) -> None:
        table = read("period,area,value\n2023,A,1")
        assert table.lines.tolist() == [2]

    def test_header_only(self) -> None:
        table = read("period,area,value\n")
        assert table.columns == ["period", "area", "value"]
        assert table.frame.empty
        assert list(table.frame.columns) == ["period", "area", "value"]

    def test_cells_stay_text(self) -> None:
        table = read("period,area,value\n2024,E05000001,007\n2024-25,NA,1e3\n")
        assert rows(table) == [["2024", "E05000001", "007"], ["2024-25", "NA", "1e3"]]

    def test_column_number_is_one_based(self) -> None:
        table = read("period,area,value\n2024,A,1\n")
        assert table.column_number("period") == 1
        assert table.column_number("value") == 3
        assert table.column_number("missing") is None


def kept(text: str) -> tuple[list[list[str]], list[int], list[tuple[str, int | None, int | None]]]:
    """The rows a file with badly shaped rows still gives, their lines, and the rows left out."""
    table, issues = load_csv_text(text, "data/x.csv")
    assert issues == [], issues
    assert table is not None
    assert all(i.path == "data/x.csv" and i.hint for i in table.left_out)
    return rows(table), table.lines.tolist(), [(i.code, i.line, i.column) for i in table.left_out]


class TestRagged:
    @pytest.mark.parametrize("text", both_paths("period,area,value,note\n2023,A,1,\n2024,A\n"))
    def test_short_row_is_left_out_and_the_rest_kept(self, text: str) -> None:
        found, lines, left_out = kept(text)
        assert found == [["2023", "A", "1", ""]]
        assert lines == [2]
        assert left_out == [("csv-syntax", 3, 3)]

    @pytest.mark.parametrize(
        "text", both_paths("period,area,value,note\n2023,A,1,2,x\n2024,A,1,\n")
    )
    def test_long_first_row_is_not_read_as_an_index(self, text: str) -> None:
        table, issues = load_csv_text(text, "data/x.csv")
        assert issues == [] and table is not None
        assert rows(table) == [["2024", "A", "1", ""]]
        assert [(i.code, i.line, i.column) for i in table.left_out] == [("csv-syntax", 2, 5)]
        message = table.left_out[0].message
        assert "5 cells" in message and "4 columns" in message and "left out" in message
        assert "extra comma" in table.left_out[0].hint

    @pytest.mark.parametrize(
        "text",
        both_paths("period,area,value,note\n2023,A\n2024,A,1,\n\n2025,A,1,000,\n2026,B,2,\n"),
    )
    def test_every_ragged_row_is_reported_and_every_other_row_kept(self, text: str) -> None:
        found, lines, left_out = kept(text)
        assert found == [["2024", "A", "1", ""], ["2026", "B", "2", ""]]
        assert lines == [3, 6]
        assert left_out == [("csv-syntax", 2, 3), ("csv-syntax", 5, 5)]

    @pytest.mark.parametrize("ending", ["\n", "\r\n"])
    def test_lines_stay_right_around_many_bad_rows(self, ending: str) -> None:
        body = [f"{2000 + n},A,{n}" if n % 3 else f"{2000 + n},A,{n},x" for n in range(30)]
        text = ending.join(["period,area,value", *body, ",,", "", "2099,Z,9"]) + ending
        found, lines, left_out = kept(text)
        assert [row[0] for row in found] == [f"{2000 + n}" for n in range(30) if n % 3] + ["2099"]
        assert lines == [n + 2 for n in range(30) if n % 3] + [34]
        assert [line for _, line, _ in left_out] == [n + 2 for n in range(30) if not n % 3]
        assert {column for _, _, column in left_out} == {4}

    def test_a_file_of_only_bad_rows_keeps_its_header(self) -> None:
        found, lines, left_out = kept("period,area,value\n2023,A\n2024\n")
        assert (found, lines) == ([], [])
        assert [line for _, line, _ in left_out] == [2, 3]

    def test_unclosed_quote_points_at_its_row(self) -> None:
        text = 'period,area,value,note\n2023,A,1,\n2024,A,2,"open\n2025,A,3,\n2026,A,4,\n'
        table, issues = load_csv_text(text, "data/x.csv")
        assert table is None
        assert [(i.code, i.line) for i in issues] == [("csv-syntax", 3)]
        assert "quote" in issues[0].hint


class TestDelimiter:
    @pytest.mark.parametrize(
        ("text", "name"),
        [
            (
                "period;area;value;status;note\n2023-24;E1;3,92;final;\n2024-25;E1;4;;\n",
                "semicolons",
            ),
            ('"period";"area";"value"\n2023;E1;1\n', "semicolons"),
            ("period\tarea\tvalue\n2023\tE1\t1\n", "tabs"),
        ],
    )
    def test_another_separator_is_one_error_naming_cause_and_fix(
        self, text: str, name: str
    ) -> None:
        table, issues = load_csv_text(text, "data/x.csv")
        assert table is None
        assert [(i.code, i.line, i.column) for i in issues] == [("csv-delimiter", 1, 1)]
        assert f"saved with {name}" in issues[0].message
        assert "CSV UTF-8 (Comma delimited)" in issues[0].hint
        if name == "semicolons":
            assert "regional settings" in issues[0].message
            assert "List separator" in issues[0].hint

    @pytest.mark.parametrize(
        "text",
        [
            "period,area,value,note\n2023,A,1,a; b\n",  # a semicolon in a note
            "note;remark\n1\n",  # no column of ours: an unknown column, as before
            "period\n2023\n",
        ],
    )
    def test_commas_or_unknown_names_are_not_taken_for_another_separator(self, text: str) -> None:
        _, issues = load_csv_text(text, "data/x.csv")
        assert "csv-delimiter" not in [i.code for i in issues]


class TestHeader:
    def test_duplicate_header(self) -> None:
        table, issues = load_csv_text("period,area,value,area\n2024,A,1,B\n", "data/x.csv")
        assert table is None
        assert [(i.code, i.line, i.column) for i in issues] == [("csv-header", 1, 4)]
        assert '"area"' in issues[0].message
        assert "column 2" in issues[0].message

    def test_empty_header_cell(self) -> None:
        assert refused("period,,value\n2024,A,1\n") == [("csv-header", 1, 2)]

    def test_every_header_problem_is_reported(self) -> None:
        assert refused("period,,value,period,\n") == [
            ("csv-header", 1, 2),
            ("csv-header", 1, 4),
            ("csv-header", 1, 5),
        ]

    def test_line_break_inside_a_quoted_header_cell_is_an_error_not_a_crash(self) -> None:
        table, issues = load_csv_text('period,area,"val\nue",note\n2024,A,1,\n', "data/x.csv")
        assert table is None
        assert [(i.code, i.line) for i in issues] == [("csv-syntax", 1)]
        assert "stray line break" in issues[0].hint

    @pytest.mark.parametrize("text", ["", "\n", "  \n\n"])
    def test_empty_file(self, text: str) -> None:
        assert refused(text) == [("csv-empty", 1, 1)]


class TestBytes:
    def test_bom_is_removed_from_the_first_column(self) -> None:
        table, issues = load_csv_bytes(b"\xef\xbb\xbfperiod,area,value\n2024,A,1\n", "x.csv")
        assert issues == []
        assert table is not None
        assert table.columns == ["period", "area", "value"]
        assert table.column_number("period") == 1

    def test_latin1_byte_is_positioned(self) -> None:
        table, issues = load_csv_bytes(b"period,area,value,note\n2024,A,1,Caf\xe9\n", "x.csv")
        assert table is None
        assert [(i.code, i.line, i.column) for i in issues] == [("file-encoding", 2, 13)]

    def test_utf8_is_read(self) -> None:
        table, issues = load_csv_bytes("period,area,value,note\n2024,A,1,Café\n".encode(), "x.csv")
        assert issues == []
        assert table is not None and rows(table)[0][3] == "Café"

    def test_utf16_is_refused_as_not_utf8(self) -> None:
        table, issues = load_csv_bytes("period,area,value\n".encode("utf-16"), "x.csv")
        assert table is None
        assert [i.code for i in issues] == ["file-encoding"]


@pytest.mark.parametrize(
    "text",
    [
        "period,area,value\n2024,E1,1.5\n2025,E2, 2 \n",
        "period,area,value\r\n2024,E1,1.5\r\n2025,E2,x\r\n",
        "period,area,value\n2024,E1,1.5\n,,\n2025,E2,\n",
        "period,area,value,note\n2024,E1,1,Café – naïve ✓\n2025,E1,2,",
        "period,area,value\n",
    ],
)
def test_fast_reader_gives_what_pandas_gives(text: str) -> None:
    header = text.split("\n", 1)[0].rstrip("\r").split(",")
    fast = _arrow_frame(text.encode(), header)
    slow = pandas_frame(text)
    assert fast is not None
    assert fast.equals(slow) and list(fast.dtypes) == list(slow.dtypes)
    table, issues = load_csv_text(text, "x.csv")
    assert issues == [] and table is not None


@settings(max_examples=int(os.environ.get("LAA_FUZZ_EXAMPLES", "200")), deadline=None)
@given(
    st.lists(st.lists(st.text(alphabet="ab1 \r", max_size=3), min_size=0, max_size=5), max_size=12),
    st.sampled_from(["\n", "\r\n"]),
)
def test_fast_and_exact_readers_agree_on_rows_of_any_shape(
    body: list[list[str]], ending: str
) -> None:
    """Files without quotes skip the csv module even with bad rows; the result is the same."""
    lines = ["a,b,c", *(",".join(row) for row in body)]
    text = ending.join(lines) + ending
    fast, _ = load_csv_text(text, "x.csv")
    exact, _ = load_csv_text(text.replace("a,b,c", '"a",b,c', 1), "x.csv")
    assert fast is not None and exact is not None
    assert rows(fast) == rows(exact)
    assert fast.lines.tolist() == exact.lines.tolist()
    assert fast.left_out == exact.left_out


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_blank_lines_between_rows_keep_every_row_at_its_line(end: str) -> None:
    text = end.join(["period,area,value", "2024,E1,1", "", "2025,E1,2", ",,", " , , ", "2026,E1,3"])
    table, issues = load_csv_text(text + end, "x.csv")
    assert issues == [] and table is not None
    assert rows(table) == [["2024", "E1", "1"], ["2025", "E1", "2"], ["2026", "E1", "3"]]
    assert table.lines.tolist() == [2, 4, 7]
    assert table.left_out == []
