"""Read observation CSVs as text, remembering the source line of every row."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from laa_publish.frames import small_pages
from laa_publish.issues import Issue, error, quote
from laa_publish.load.yaml_loader import decode_text

MAX_CSV_BYTES = 256 * 1024 * 1024
TEXT_TYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # what read_csv(dtype=str) gives
# Arrow's default allocator (mimalloc) asks for transparent huge pages; a page's first touch
# then costs milliseconds on a virtual machine whose free memory went back to the host, more
# than reading a million rows. The system allocator's small pages cost little either way.
ARROW_POOL = pa.system_memory_pool()
REQUIRED_COLUMNS = ("period", "area", "value")
# Separators spreadsheets write instead of commas, and why a partner's file has them.
OTHER_DELIMITERS = {
    ";": (
        "semicolons",
        "as Excel does in some regional settings (where a comma is the decimal point)",
    ),
    "\t": ("tabs", 'as a spreadsheet does when saving as "Text (Tab delimited)"'),
}


@dataclass(slots=True)
class CsvFile:
    """A CSV file's cells as text, with each data row's 1-based source line.

    Rows with more or fewer cells than the header are left out of the frame, so every other
    row can still be checked; `left_out` says which and why, for the checks to report.
    """

    path: str
    frame: pd.DataFrame
    columns: list[str]
    lines: np.ndarray
    left_out: list[Issue] = field(default_factory=list)
    # the hash of the bytes it was loaded from, which decide all of the above: "" if none
    source: str = ""

    def column_number(self, name: str) -> int | None:
        """The 1-based position of a column, as a spreadsheet user would count it."""
        return self.columns.index(name) + 1 if name in self.columns else None


def _header_issues(path: str, header: list[str]) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name.strip():
            issues.append(
                error(
                    "csv-header",
                    path,
                    1,
                    number,
                    f"Column {number} has no name in the header row.",
                    "Give every column a name, or delete the empty column.",
                )
            )
        elif name in seen:
            issues.append(
                error(
                    "csv-header",
                    path,
                    1,
                    number,
                    f"Column {quote(name)} appears twice (first as column {seen[name]}).",
                    "Each column name may appear only once in the header row.",
                )
            )
        else:
            seen[name] = number
    return issues


def shape_issue(path: str, line: int, cells: int, width: int) -> Issue:
    """A row with more or fewer cells than the header: said at its line, with both counts."""
    if cells > width:
        hint = (
            "Check for an extra comma: put double quotes around text that contains a comma, "
            'e.g. "Leeds, West", and write numbers without thousands separators (1520, not '
            "1,520)."
        )
    else:
        hint = "Check for a missing comma: a row needs a cell for every column, even an empty one."
    return error(
        "csv-syntax",
        path,
        line,
        min(cells, width) + 1,
        f"Row has {cells} cells but the header has {width} columns, so the row was left out "
        "of the other checks.",
        hint,
    )


def _slow_read(text: str, path: str) -> tuple[list[list[str]], list[int], list[Issue], list[Issue]]:
    """Read row by row with the csv module: exact lines for quoted newlines and ragged rows.

    Returns the rows, their lines, the rows left out for their shape, and any problem that
    stops the file being read at all (an unclosed quote).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    left_out: list[Issue] = []
    issues: list[Issue] = []
    width: int | None = None
    start = 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if width is None:
                width = len(row)
                rows.append(row)
                lines.append(line)
                continue
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != width:
                left_out.append(shape_issue(path, line, len(row), width))
                continue
            rows.append(row)
            lines.append(line)
    except csv.Error as exc:
        issues.append(
            error(
                "csv-syntax",
                path,
                start,
                None,
                f"The CSV cannot be read: {exc}.",
                "Check that every opening double quote has a closing one.",
            )
        )
    return rows, lines, left_out, issues


# Line breaks other than \n and \r\n that str.splitlines() honours, as UTF-8 bytes.
_ODD_BREAK_BYTES = (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")
_ODD_BREAK_SEQUENCES = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")  # never in ASCII


def _odd_breaks(data: bytes) -> bool:
    """Whether the text has a line break other than \n or \r\n (each test runs in C)."""
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return True
    if any(b in data for b in _ODD_BREAK_BYTES):
        return True
    return not data.isascii() and any(b in data for b in _ODD_BREAK_SEQUENCES)


def _line_commas(data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each line's start and end offsets in `data` and its number of commas, all in C.

    Commas are counted per line by binary search over their positions (a Python loop over
    two million lines takes seconds).
    """
    raw = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(raw == ord("\n"))
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(raw)]))
    where = np.flatnonzero(raw == ord(","))
    per_line = np.searchsorted(where, ends) - np.searchsorted(where, starts)
    return starts, ends, per_line


def _shape(text: str, data: bytes, commas: int) -> tuple[bool, bool]:
    """(ragged, even): ragged when an unquoted, non-blank line has a different number of
    cells from the header; even when every line but a final empty one has exactly as many.

    `data` is the text as UTF-8; text with unusual line breaks takes the plain, exact loop.
    """
    if _odd_breaks(data):
        ragged = any(
            line.count(",") != commas and line.replace(",", "").strip()
            for line in text.splitlines()
        )
        return ragged, False
    starts, ends, per_line = _line_commas(data)
    odd = np.flatnonzero(per_line != commas).tolist()
    ragged = any(data[starts[i] : ends[i]].replace(b",", b"").strip() for i in odd)
    final_empty = bool(odd) and odd == [len(starts) - 1] and starts[-1] == len(data)
    return ragged, not odd or final_empty


def _without_ragged(data: bytes, path: str, width: int) -> tuple[bytes, np.ndarray, list[Issue]]:
    """Text without quotes or unusual line breaks, less every line of the wrong shape.

    Returns the remaining text (every line now has the header's number of cells), the source
    line of each data line kept, and an issue for each non-blank line taken out. Only the
    lines taken out are visited in Python.
    """
    starts, ends, per_line = _line_commas(data)
    odd = np.flatnonzero(per_line != width - 1).tolist()
    pieces: list[bytes] = []
    left_out: list[Issue] = []
    at = 0
    for i in odd:
        if data[starts[i] : ends[i]].replace(b",", b"").strip():
            left_out.append(shape_issue(path, i + 1, int(per_line[i]) + 1, width))
        pieces.append(data[at : starts[i]])
        at = int(starts[i + 1]) if i + 1 < len(starts) else len(data)
    pieces.append(data[at:])
    keep = np.ones(len(starts), dtype=bool)
    keep[odd] = False
    keep[0] = False  # the header
    if starts[-1] == len(data):
        keep[-1] = False  # after a final line break there is no row
    return b"".join(pieces), np.flatnonzero(keep).astype(np.int64) + 1, left_out


def _arrow_frame(data: bytes, header: list[str]) -> pd.DataFrame | None:
    """Read text without quotes or uneven lines with Arrow's parser, on every core.

    About five times faster than pandas' C parser for a million rows, and the same strings:
    no quoting, no trimming, no missing values. None when Arrow will not take the text.
    Cells are read as large strings, the type pandas keeps, so no column is copied to
    convert it; buffers come from the system allocator (see `ARROW_POOL`).
    """
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            parse_options=pacsv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            memory_pool=ARROW_POOL,
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.column_names != header:
        return None
    return table.to_pandas(types_mapper={pa.large_string(): TEXT_TYPE}.get)


def pandas_frame(text: str) -> pd.DataFrame:
    """Every cell as text, blank lines kept as rows: pandas' C parser, for any simple CSV."""
    return pd.read_csv(
        io.StringIO(text),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
    )


def _delimiter_issue(path: str, header_line: str) -> Issue | None:
    """A header with no comma that splits into our columns on another separator."""
    if "," in header_line:
        return None
    for separator, (name, why) in OTHER_DELIMITERS.items():
        names = [cell.strip().strip('"') for cell in header_line.split(separator)]
        if len(names) > 1 and any(n in REQUIRED_COLUMNS for n in names):
            fix = (
                'Open the file in your spreadsheet and save it again as "CSV UTF-8 (Comma '
                'delimited)", then check in a text editor that commas separate the cells.'
            )
            if separator == ";":
                fix += (
                    " If Excel still writes semicolons, it is using your region's list "
                    "separator: change it to a comma (Windows: Control Panel > Region > "
                    "Additional settings > List separator), or save from LibreOffice Calc "
                    'with "Edit filter settings" and a comma as the field delimiter. Write '
                    "decimals with a point, like 12.5."
                )
            return error(
                "csv-delimiter",
                path,
                1,
                1,
                f"The file was saved with {name} between the cells, not commas, {why}, so "
                f"its {len(names)} columns read as one.",
                fix,
            )
    return None


def _blank_candidates(first: pd.Series) -> np.ndarray:
    """Rows whose first cell is empty or only whitespace: the only rows that can be blank."""
    try:
        cells = pa.chunked_array(pa.array(first.array))
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return (first.str.strip() == "").to_numpy(dtype=bool, na_value=False)
    # utf8_is_space is true for non-empty, all-whitespace text, with str.strip's whitespace
    empty = pc.or_(pc.equal(pc.utf8_length(cells), 0), pc.utf8_is_space(cells))
    return np.asarray(pc.fill_null(empty, False).to_numpy(zero_copy_only=False), dtype=bool)


def _drop_blank(frame: pd.DataFrame, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows whose cells are all blank are skipped (their lines still count)."""
    # only rows whose first cell is blank can be blank rows: test the rest on those alone
    candidates = _blank_candidates(frame.iloc[:, 0])
    if not candidates.any():
        return frame, lines
    maybe = frame[candidates]
    blank = pd.Series(False, index=frame.index)
    blank[maybe.index] = (maybe.apply(lambda column: column.str.strip()) == "").all(axis=1)
    if not blank.any():
        return frame, lines
    keep = ~blank.to_numpy()
    return frame[keep].reset_index(drop=True), lines[keep]


def _plain_frame(data: bytes, header: list[str]) -> pd.DataFrame | None:
    """The whole text read by Arrow when it has no quotes, odd line breaks or ragged rows.

    Arrow refuses a row with the wrong number of cells and reads an empty line as a row of
    empty cells, so when it succeeds data row i is source line i + 2, and only blank rows
    (dropped after) need a second look. None sends the text to the exact, slower readers.
    """
    if b'"' in data or _odd_breaks(data):
        return None
    frame = _arrow_frame(data, header)
    rows = data.count(b"\n") - (1 if data.endswith(b"\n") else 0)
    if frame is None or frame.empty or len(frame) != rows:
        return None
    return frame


def load_csv_text(text: str, path: str) -> tuple[CsvFile | None, list[Issue]]:
    """Parse CSV text into a frame of strings, with exact positions for later checks.

    Problems with the whole file (no header, another separator, an unclosed quote) are
    returned as issues with no table; rows of the wrong shape are left out of the table and
    listed in its `left_out`, so the rest of the file is still checked.
    """
    return _load(text, None, path)


def _load(text: str, utf8: bytes | None, path: str) -> tuple[CsvFile | None, list[Issue]]:
    """load_csv_text, given the text's UTF-8 bytes too when the caller already has them."""
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return None, [
            error(
                "csv-empty",
                path,
                1,
                1,
                "The CSV file is empty.",
                "Start with the header row: period,area,value,status,note.",
            )
        ]
    end = text.find("\n")  # the header alone, without copying the rest of the text
    header_line = (text if end < 0 else text[:end]).rstrip("\r")
    other = _delimiter_issue(path, header_line)
    if other is not None:
        return None, [other]
    try:
        header = next(csv.reader([header_line], strict=True))
    except csv.Error as exc:
        return None, [
            error(
                "csv-syntax",
                path,
                1,
                None,
                f"The header row cannot be read: {exc}.",
                "Save the file again as 'CSV UTF-8': the header row holds a stray line break.",
            )
        ]
    issues = _header_issues(path, header)
    if issues:
        return None, issues
    data = text.encode("utf-8") if utf8 is None else utf8
    plain = _plain_frame(data, header)
    if plain is not None:
        kept_rows, numbers = _drop_blank(plain, np.arange(2, len(plain) + 2, dtype=np.int64))
        return CsvFile(path, kept_rows, header, numbers), []
    ragged, even = _shape(text, data, header_line.count(","))
    quoted = b'"' in data
    if not quoted and not even and not _odd_breaks(data):
        # blank lines or rows of the wrong shape: take those lines out, then read the rest
        kept, lines, left_out = _without_ragged(data, path, len(header))
        frame = _arrow_frame(kept, header)
        if frame is not None and not frame.empty and len(frame) == len(lines):
            frame, lines = _drop_blank(frame, lines)
            return CsvFile(path, frame, header, lines, left_out), []
    simple = not quoted and not ragged
    frame = _arrow_frame(data, header) if simple and even else None
    if simple and frame is None:
        try:
            frame = pandas_frame(text)
        except (pd.errors.ParserError, ValueError):
            simple = False
        # a blank row wider than the header makes pandas read the first column as an index
        simple = simple and frame is not None and isinstance(frame.index, pd.RangeIndex)
    if simple and frame is not None and not frame.empty:
        frame, lines = _drop_blank(frame, np.arange(2, len(frame) + 2, dtype=np.int64))
        return CsvFile(path, frame, header, lines), []
    rows, line_list, left_out, issues = _slow_read(text, path)
    if issues:
        return None, issues
    frame = (
        pd.DataFrame(rows[1:], columns=header, dtype=str)
        if len(rows) > 1
        else (pd.DataFrame({name: pd.Series(dtype=str) for name in header}))
    )
    lines = np.asarray(line_list[1:], dtype=np.int64)
    return CsvFile(path, frame, header, lines, left_out), []


def load_csv_bytes(raw: bytes, path: str) -> tuple[CsvFile | None, list[Issue]]:
    """Load CSV bytes with the size cap and encoding check applied first."""
    text, issues = decode_text(raw, path, MAX_CSV_BYTES)
    if text is None:
        return None, issues
    with small_pages():
        # the bytes decoded without error, so they are the text's UTF-8: no need to encode
        table, found = _load(text, raw.removeprefix(codecs.BOM_UTF8), path)
    if table is not None:
        table.source = hashlib.sha256(raw).hexdigest()
    return table, found
