"""Summarise the per-stage profiles written by ``run.py --profile DIR``.

Usage::

    .venv/bin/python benchmarks/profile_report.py /tmp/prof/county [--top 15]

For each stage file (``load_validate.prof``, ``compute.prof``…) it prints the stage's
total CPU time, then the laa_publish functions with the largest cumulative share (where the
time goes in our code, including what they call) and the functions anywhere with the
largest own time (what is actually executing). Shares are of the stage's CPU time: the
profiles are taken with a CPU clock, so other load on the machine does not skew them.
"""

from __future__ import annotations

import argparse
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path

ORDER = ("load_validate", "compute", "render_markdown", "render_charts", "write", "engine")


def _where(func: tuple[str, int, str]) -> str:
    path, line, name = func
    if "laa_publish/" in path:
        path = "laa_publish/" + path.split("laa_publish/", 1)[1]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif path == "~":
        return name
    return f"{path}:{line}({name})"


def summarise(path: Path, top: int) -> str:
    """The tables for one stage's profile."""
    stats = pstats.Stats(str(path))
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = [f"### {path.stem}: {total:,.1f} s CPU", ""]
    ours = [
        (ct, tt, calls, func)
        for func, (_, calls, tt, ct, _) in raw.items()
        if "laa_publish/" in func[0]
    ]
    ours.sort(reverse=True)
    lines += [
        "| laa_publish function (cumulative) | calls | cum s | share |",
        "|---|---:|---:|---:|",
    ]
    for ct, _, calls, func in ours[:top]:
        lines.append(f"| `{_where(func)}` | {calls:,} | {ct:,.1f} | {ct / total:.0%} |")
    own = sorted(((tt, calls, func) for func, (_, calls, tt, _, _) in raw.items()), reverse=True)
    lines += ["", "| function (own time) | calls | own s | share |", "|---|---:|---:|---:|"]
    for tt, calls, func in own[:top]:
        lines.append(f"| `{_where(func)}` | {calls:,} | {tt:,.1f} | {tt / total:.0%} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Summarise per-stage cProfile files.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    files = sorted(
        args.folder.glob("*.prof"),
        key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.name),
    )
    for path in files:
        sys.stdout.write(summarise(path, args.top) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
