"""Time an Open SDG repository's move to laa-publish: import, validate and a complete site.

Issue 14 compares laa-publish with sdg-build 2.3.0's check and data build on the same
repository (Bristol full: 43.5 s; ONS full: 61.6 s, on a 2-core machine). This runs each
of laa-publish's steps as its own command, as a publisher would, and prints their wall and
CPU times and the total::

    .venv/bin/python -m benchmarks.opensdg_run ../shared/realdata/opensdg-sample/bristol
    .venv/bin/python -m benchmarks.opensdg_run --synthetic      # the ONS's full size
    .venv/bin/python -m benchmarks.opensdg_run PATH --config FILE --json out.json
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.opensdg_synth import write_repository
from benchmarks.run import machine

log = logging.getLogger("benchmarks.opensdg_run")
SDG_BUILD = {"bristol": 43.5, "ons": 61.6}  # check plus data build, seconds, from the issue


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step(name: str, args: list[str]) -> dict[str, Any]:
    """Run one laa-publish command; its wall and CPU time, and whether it succeeded."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "laa_publish", *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    result = {"step": name, "wall_s": round(wall, 2), "cpu_s": round(_children_cpu() - cpu, 2)}
    result["exit"] = proc.returncode
    result["tail"] = (proc.stdout + proc.stderr).strip().splitlines()[-12:]
    return result


def measure(source: Path, work: Path, config: Path | None) -> dict[str, Any]:
    """Import `source` into `work`, validate it, and build its site; every step timed."""
    into = work / "partnership"
    args = ["import", "opensdg", str(source), "--into", str(into)]
    args += ["--config", str(config)] if config else []
    steps = [step("import", args)]
    steps.append(step("validate", ["validate", "--root", str(into)]))
    steps.append(step("build", ["build", "--root", str(into), "--output", str(work / "site")]))
    total = sum(s["wall_s"] for s in steps)
    return {"source": str(source), "machine": machine(), "steps": steps, "total_s": total}


def report(run: dict[str, Any]) -> str:
    """The figures as a small table, with sdg-build's for the same repository where known."""
    lines = [f"{run['source']} on {run['machine']}", ""]
    lines += ["| step | wall | CPU | exit |", "| :-- | --: | --: | --: |"]
    for s in run["steps"]:
        lines.append(f"| {s['step']} | {s['wall_s']:.1f} s | {s['cpu_s']:.1f} s | {s['exit']} |")
    lines.append(f"| **total** | **{run['total_s']:.1f} s** | | |")
    name = Path(run["source"]).name
    if name in SDG_BUILD:
        lines.append(f"\nsdg-build check and data build (issue 14): {SDG_BUILD[name]} s")
    for s in run["steps"]:
        if s["exit"]:
            lines += ["", f"{s['step']} failed:", *s["tail"]]
    return "\n".join(lines)


def main() -> int:
    """Measure a repository, or the synthetic one of the ONS's full size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, nargs="?")
    parser.add_argument("--synthetic", action="store_true", help="248 indicators, 165,000 rows")
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.synthetic and args.source is None:
        parser.error("name a repository, or give --synthetic")
    with tempfile.TemporaryDirectory(prefix="laa-opensdg-") as tmp:
        source = args.source
        if args.synthetic:
            source = Path(tmp) / "ons-synthetic"
            write_repository(source)
        run = measure(source, Path(tmp), args.config)
    log.info("%s", report(run))
    if args.json:
        args.json.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    return 0 if all(s["exit"] == 0 for s in run["steps"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
