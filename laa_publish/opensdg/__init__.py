"""Import an Open SDG data repository as a complete laa-publish partnership."""

from laa_publish.opensdg.importer import run_import
from laa_publish.opensdg.summary import ImportFailed, ImportSummary, ReportedRow

__all__ = ["ImportFailed", "ImportSummary", "ReportedRow", "run_import"]
