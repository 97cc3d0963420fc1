"""Read the example's data tables (YAML and CSV files in ``tables/``)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

TABLES = Path(__file__).resolve().parent / "tables"


def read_yaml(name: str) -> Any:
    """One YAML table, loaded safely (anchors and aliases resolved)."""
    with (TABLES / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_csv(name: str) -> list[dict[str, str]]:
    """One CSV table as rows of text, in file order."""
    with (TABLES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> int | float:
    """A CSV number as it was written: an int unless it has a decimal point."""
    return float(text) if "." in text or "e" in text.lower() else int(text)
