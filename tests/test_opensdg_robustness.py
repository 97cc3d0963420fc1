"""Data files as spreadsheets and scripts really write them import as cleanly as plain ones.

A byte-order mark, ``\\r\\r\\n`` line ends, a newline inside a quoted cell, a blank first
line, trailing spaces in numbers and ``n/a``: each is tested on the real sample file that has
it (skipped when the shared data is absent) and on a small synthetic file.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from laa_publish.opensdg import ImportSummary, run_import
from laa_publish.opensdg.table import read_table

SAMPLE = Path(__file__).resolve().parents[2] / "shared/realdata/opensdg-sample"
TINY = Path(__file__).resolve().parent / "fixtures/opensdg/tiny"
needs_sample = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the shared real data is absent")
PLAIN = "Year,Group,GeoCode,Value\n2019,Walk,,12.5\n2020,Walk,,13\n2020,Cycle,,4\n"


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _import_bytes(
    tmp_path: Path, name: str, raw: bytes
) -> tuple[list[dict[str, str]], ImportSummary]:
    """Import the tiny repository with one more data file holding these bytes."""
    repo = tmp_path / name / "repo"
    shutil.copytree(TINY, repo)
    (repo / "data/indicator_7-1-1.csv").write_bytes(raw)
    summary = run_import(repo, tmp_path / name / "out", None)
    assert summary.rows_read == summary.rows_written + summary.rows_reported
    (written,) = (tmp_path / name / "out/data/partners").glob("*/indicators/SDG-7-1-1.csv")
    return _csv(written), summary


@pytest.mark.parametrize(
    ("case", "raw"),
    [
        ("bom", b"\xef\xbb\xbf" + PLAIN.encode()),
        ("crcrlf", PLAIN.replace("\n", "\r\r\n").encode()),
        ("crlf", PLAIN.replace("\n", "\r\n").encode()),
        ("blank-first-line", b"\n" + PLAIN.encode()),
        ("trailing-spaces", PLAIN.replace("12.5", "12.5 ").replace(",13", ", 13 ").encode()),
        ("quoted-newline", PLAIN.replace("Cycle", '"Cycle\n"').encode()),
        ("windows-1252", PLAIN.replace("Walk", "Walk £").encode("cp1252")),
    ],
)
def test_awkward_bytes_give_the_same_figures_as_plain_ones(
    tmp_path: Path, case: str, raw: bytes
) -> None:
    """Whatever the bytes, the figures written are the plain file's."""
    plain, _ = _import_bytes(tmp_path, "plain", PLAIN.encode())
    awkward, summary = _import_bytes(tmp_path, case, raw)
    values = [(r["period"], r["value"]) for r in awkward]
    assert values == [(r["period"], r["value"]) for r in plain]
    assert not [r for r in summary.reported if "7-1-1" in r.file]


def test_na_and_a_missing_value_are_not_available_rows(tmp_path: Path) -> None:
    """n/a is a row with no figure, status not_available, and a note saying what it was."""
    rows, _ = _import_bytes(tmp_path, "na", (PLAIN + "2021,Walk,,n/a\n2021,Cycle,,\n").encode())
    assert {r["period"]: r["status"] for r in rows if r["period"] == "2021"} == {
        "2021": "not_available"
    }
    assert sorted(r["note"] for r in rows if r["period"] == "2021") == ["", "n/a in the source"]
    assert all(r["value"] == "" for r in rows if r["period"] == "2021")


def test_line_numbers_count_every_physical_line(tmp_path: Path) -> None:
    """A blank first line and a newline inside a quoted cell both move later rows down."""
    path = tmp_path / "indicator_1-1-1.csv"
    path.write_bytes(b'\r\nYear,Group,Value\r\r\n2019,"two\nlines",1\r\r\n2020,A,2\r\r\n')
    table = read_table(path, "data/indicator_1-1-1.csv")
    assert table.lines.tolist() == [3, 5]
    assert table.frame["Group"].tolist() == ["two\nlines", "A"]


def test_rows_of_the_wrong_width_and_empty_rows_are_kept_aside(tmp_path: Path) -> None:
    """Neither is dropped: both are counted as read and reported at their line."""
    rows, summary = _import_bytes(tmp_path, "shape", (PLAIN + "2021,Walk,1\n,,,\n").encode())
    reasons = {(r.line, r.reason) for r in summary.reported if "7-1-1" in r.file}
    assert reasons == {(5, "row-shape"), (6, "empty-row")}
    assert len(rows) == 3


@needs_sample
def test_bristol_byte_order_mark_header_is_read() -> None:
    """Bristol 14-4-1-a starts with a byte-order mark: its first column is still Year."""
    path = SAMPLE / "bristol/data/indicator_14-4-1-a.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = read_table(path, "data/indicator_14-4-1-a.csv")
    assert table.columns[0] == "Year"
    assert table.lines[0] == 2


@needs_sample
def test_bristol_crcrlf_line_ends_keep_their_line_numbers() -> None:
    """Bristol 16-1-4 ends its lines in \\r\\r\\n: one line each, 148 rows on lines 2 to 149."""
    path = SAMPLE / "bristol/data/indicator_16-1-4.csv"
    assert b"\r\r\n" in path.read_bytes()
    table = read_table(path, "data/indicator_16-1-4.csv")
    assert table.lines.tolist() == list(range(2, 150))
    assert not table.misshapen and not table.empty


@needs_sample
def test_bristol_newline_inside_a_quoted_cell(tmp_path: Path) -> None:
    """Bristol 9-1-2's cycling rows hold a newline in the Group cell: one row each, one label."""
    path = SAMPLE / "bristol/data/indicator_9-1-2.csv"
    table = read_table(path, "data/indicator_9-1-2.csv")
    assert len(table.frame) == 18
    cycling = table.frame["Group"].str.startswith("Proportion of population who cycle")
    assert table.lines[cycling.to_numpy()].tolist()[:2] == [11, 13]


@needs_sample
def test_ons_blank_first_line() -> None:
    """ONS 3-3-5 starts with a blank line: the header is line 2 and the first row line 3."""
    table = read_table(SAMPLE / "ons/data/indicator_3-3-5.csv", "data/indicator_3-3-5.csv")
    assert table.columns[0] == "Year"
    assert table.lines[0] == 3


def test_a_file_without_a_value_column_is_reported_row_by_row(tmp_path: Path) -> None:
    """Its rows cannot be figures: each is reported, and the indicator keeps its metadata."""
    rows, summary = _import_bytes(tmp_path, "novalue", b"Year,Group\n2019,A\n2020,A\n")
    assert rows == []
    reported = [(r.line, r.reason) for r in summary.reported if "7-1-1" in r.file]
    assert reported == [(2, "no-column"), (3, "no-column")]
