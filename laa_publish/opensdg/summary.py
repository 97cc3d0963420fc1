"""What an Open SDG import did: counts that reconcile, and every row it could not write."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from laa_publish.render.text import counted


class ImportFailed(Exception):
    """The repository cannot be imported at all; the message says why in one sentence."""


# Why a row was not written, as the report's headings say it, in the report's order.
REASONS: dict[str, str] = {
    "row-shape": "row with more or fewer cells than the header",
    "empty-row": "row with no cells filled in",
    "no-column": "file without a Year or Value column",
    "duplicate": "duplicate key",
    "period": "period it cannot represent",
    "area-unknown": "area code that does not exist",
    "area-outside": "area outside the place's declared levels",
    "status-contradicts": "status that contradicts its value",
    "not-a-number": "value that is not a number",
}


@dataclass(frozen=True, slots=True, order=True)
class ReportedRow:
    """One source row that was not written: where it is and why."""

    file: str
    line: int
    reason: str  # a key of REASONS
    detail: str

    def text(self) -> str:
        """The row as one report line: file:line: reason: detail."""
        return f"{self.file}:{self.line}: {REASONS[self.reason]}: {self.detail}"


@dataclass(frozen=True, slots=True)
class ImportedIndicator:
    """One indicator written, with the file it came from and how many rows it holds."""

    id: str
    source: str
    title: str
    rows: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A data file that was not imported, and why."""

    file: str
    reason: str


@dataclass(slots=True)
class ImportSummary:
    """Everything the import did, in counts and lines a person can check."""

    source: str
    into: str
    rows_read: int = 0
    rows_written: int = 0
    reported: list[ReportedRow] = field(default_factory=list)
    imported: list[ImportedIndicator] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    split: dict[str, list[str]] = field(default_factory=dict)
    defaults: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    boundaries: list[str] = field(default_factory=list)

    @property
    def rows_reported(self) -> int:
        """How many source rows were reported instead of written."""
        return len(self.reported)

    @property
    def by_reason(self) -> dict[str, int]:
        """Reported rows counted by reason, in the report's order of reasons."""
        counts = Counter(r.reason for r in self.reported)
        return {key: counts[key] for key in REASONS if counts[key]}

    @property
    def grouped(self) -> dict[str, list[ReportedRow]]:
        """Reported rows by reason, each group in file and line order."""
        out: dict[str, list[ReportedRow]] = {}
        for row in sorted(self.reported):
            out.setdefault(row.reason, []).append(row)
        return {key: out[key] for key in REASONS if key in out}

    @property
    def reconciles(self) -> bool:
        """Every row read was either written or reported."""
        return self.rows_read == self.rows_written + self.rows_reported

    def lines(self) -> list[str]:
        """The human report, the same for the same input."""
        out = [f"Imported the Open SDG repository {self.source} into {self.into}."]
        if self.defaults:
            out.append("No config was given for these, so the import used its defaults:")
            out += [f"  - {d}" for d in self.defaults]
        splits = len(self.split)
        out.append(
            f"Indicators: {len(self.imported)} imported "
            f"({counted(splits, 'file', 'files')} split), "
            f"{counted(len(self.skipped), 'file', 'files')} skipped."
        )
        for ind in sorted(self.imported, key=lambda i: i.id):
            extra = f"; {ind.note}" if ind.note else ""
            count = f"{ind.rows} row{'s' if ind.rows != 1 else ''}"
            out.append(f"  imported {ind.id} from {ind.source}: {count}{extra}")
        for source, ids in sorted(self.split.items()):
            out.append(f"  split {source} -> {', '.join(ids)}")
        for skip in sorted(self.skipped, key=lambda s: s.file):
            out.append(f"  skipped {skip.file}: {skip.reason}")
        out += [f"  note: {n}" for n in self.notes]
        out += [f"  boundaries: {b}" for b in self.boundaries]
        out.append(
            f"Rows: {self.rows_read} read, {self.rows_written} written, "
            f"{self.rows_reported} reported "
            f"({'reconciled' if self.reconciles else 'DOES NOT RECONCILE'}); the rows of "
            "skipped files and of files that only say there is no data are not counted."
        )
        if self.reported:
            out.append("Reported rows by reason:")
            out += [f"  {REASONS[k]}: {n}" for k, n in self.by_reason.items()]
            for key, rows in self.grouped.items():
                count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
                out.append(f"{REASONS[key].capitalize()} ({count}):")
                out += [f"  {r.text()}" for r in rows]
        return out
