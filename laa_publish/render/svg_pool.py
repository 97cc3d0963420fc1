"""Turn Vega-Lite specs into SVG on every core, each spec at most once (cached by its hash).

vl-convert runs one chart at a time per process and holds the interpreter while it
works, so charts are shared out to worker processes that each keep one warm converter for
their whole share. Workers are fresh interpreters running this module (never forks: the
converter's threads do not survive a fork, and never ``multiprocessing`` spawns, which
re-import the caller's main script). Small batches stay in this process, where the
warm-up is paid only once.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from laa_publish import parallel

log = logging.getLogger(__name__)

# below this many uncached charts a second process costs more (start-up and warm-up,
# about 1 s) than it saves (about 50 ms a chart)
POOL_THRESHOLD = 24


def convert(spec_json: str) -> str:
    """Convert one spec, given as JSON text (cheap to send between processes)."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(spec_json)))


def workers_for(jobs: int, limit: int | None = None) -> int:
    """How many worker processes `jobs` uncached charts deserve (0: convert in this process)."""
    cores = limit if limit is not None else parallel.cores()
    if cores < 2 or jobs < POOL_THRESHOLD:
        return 0
    return min(cores, jobs)


def _cached(path: Path | None) -> str | None:
    if path is not None and path.is_file():
        return path.read_text(encoding="utf-8")
    return None


def _store(path: Path | None, svg: str) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(path)


def render_many(
    specs: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    cache_dir: Path | None,
    workers: int | None = None,
) -> list[str]:
    """SVG for each spec, in order; `keys` are the specs' hashes, naming their cache files."""
    out: dict[str, str] = {}
    todo: dict[str, str] = {}
    for spec, key in zip(specs, keys, strict=True):
        if key in out or key in todo:
            continue
        svg = _cached(cache_dir / f"{key}.svg" if cache_dir else None)
        if svg is not None:
            out[key] = svg
        else:
            todo[key] = json.dumps(spec)  # key order kept: it can order legends
    count = workers_for(len(todo), workers)
    log.debug(
        "%d charts: %d cached, %d to draw on %d workers", len(keys), len(out), len(todo), count
    )
    if count:
        for key, svg in zip(todo, _in_workers(list(todo.values()), count), strict=True):
            out[key] = svg
            _store(cache_dir / f"{key}.svg" if cache_dir else None, svg)
    else:
        for key, spec_json in todo.items():
            out[key] = convert(spec_json)
            _store(cache_dir / f"{key}.svg" if cache_dir else None, out[key])
    return [out[key] for key in keys]


def _in_workers(specs: list[str], count: int) -> list[str]:
    """Convert specs (JSON text) in `count` worker processes; SVG in the same order."""
    with tempfile.TemporaryDirectory(prefix="laa-charts-") as tmp:
        folder = Path(tmp)
        shares = [specs[i::count] for i in range(count)]  # round robin evens out chart sizes
        running = []
        for n, share in enumerate(shares):
            source, target = folder / f"in-{n}.json", folder / f"out-{n}.json"
            source.write_text(json.dumps(share), encoding="utf-8")
            command = [sys.executable, "-m", __name__, str(source), str(target)]
            running.append((subprocess.Popen(command), target))
        results = []
        for proc, target in running:
            if proc.wait() != 0:
                raise RuntimeError(f"A chart worker failed (exit code {proc.returncode}).")
            results.append(json.loads(target.read_text(encoding="utf-8")))
    svgs: list[str] = [""] * len(specs)
    for n, drawn in enumerate(results):
        svgs[n::count] = drawn
    return svgs


def main(argv: Sequence[str]) -> int:
    """Worker: read a JSON list of specs (as JSON text), write the list of their SVGs."""
    source, target = Path(argv[0]), Path(argv[1])
    specs = json.loads(source.read_text(encoding="utf-8"))
    target.write_text(json.dumps([convert(spec) for spec in specs]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
