"""The ONS's full size (248 indicators, 165,000 rows) imports and reconciles.

How long it takes is measured by ``benchmarks/opensdg_run.py``, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from laa_publish.opensdg import run_import

synth = pytest.importorskip("benchmarks.opensdg_synth", reason="run from the repository root")


def test_full_size_repository_imports_and_reconciles(tmp_path: Path) -> None:
    """Every one of 165,000 rows is written or reported, from every one of 248 files."""
    rows = synth.write_repository(tmp_path / "ons-synthetic")
    summary = run_import(tmp_path / "ons-synthetic", tmp_path / "out", None)
    assert summary.rows_read == rows == 165_000
    assert summary.rows_read == summary.rows_written + summary.rows_reported
    assert len({i.source for i in summary.imported}) == 248
