"""Time `laa-publish serve`'s rebuild after one CSV edit, step by step, as the preview runs it.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.preview --data /tmp/laa-county-maps [--json preview.json]

The data folder is copied to a temporary folder first. In one process, as the preview's
server does, it times:

1. **the first preview**: ``serve.regenerate`` (the pipeline's ``generate``), then the
   preview's engine build (``preview_build``: the preview's site URL, every core, its own
   page cache);
2. **the rebuild after one edit**: ``benchmarks.run.edit_one_csv`` changes one indicator's
   latest figures, then the same two steps again.

Each step's wall and CPU seconds are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.run import cpu_seconds, edit_one_csv, machine
from laa_publish.serve import regenerate
from laa_publish.write.engine_anchors import quick_anchor_ids
from laa_publish.write.preview import preview_build, preview_cache, preview_config

log = logging.getLogger("benchmarks.preview")
PORT = 8000


def _timed(step: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one step (CPU of this process and its finished children)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    step()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def _round(root: Path, work: Path, site: Path) -> dict[str, tuple[float, float]]:
    """One preview round: regenerate, then the engine, each timed."""
    config_file = work / "mkdocs.yml"
    figures = {"regenerate": _timed(lambda: regenerate(root, work))}
    config = preview_config(config_file, site, PORT)
    figures["engine"] = _timed(lambda: preview_build(config, preview_cache(config_file)))
    return figures


def measure(data: Path) -> dict[str, object]:
    """The first preview and the rebuild after one edit, on a copy of `data`."""
    with tempfile.TemporaryDirectory(prefix="laa-preview-bench-") as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(data, root, symlinks=True)
        work, site = Path(tmp) / "work", Path(tmp) / "site"
        with quick_anchor_ids():
            first = _round(root, work, site)
            _, _, change = edit_one_csv(root)
            again = _round(root, work, site)
    return {
        "machine": machine(),
        "data": str(data),
        "edit": change,
        "first": first,
        "edit_rebuild": again,
    }


def report(figures: dict[str, object]) -> str:
    """The figures as a Markdown table."""
    lines = [
        f"Machine: {figures['machine']}. Data: {figures['data']}. Edit: {figures['edit']}.",
        "",
        "| preview | regenerate wall / CPU s | engine wall / CPU s | total wall s |",
        "|---|---:|---:|---:|",
    ]
    for label, key in (("first preview", "first"), ("rebuild after one edit", "edit_rebuild")):
        steps = figures[key]
        assert isinstance(steps, dict)
        (rw, rc), (ew, ec) = steps["regenerate"], steps["engine"]
        lines.append(f"| {label} | {rw:.1f} / {rc:.1f} | {ew:.1f} / {ec:.1f} | {rw + ew:.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a partnership folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    figures = measure(args.data.resolve())
    sys.stdout.write(report(figures) + "\n")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
