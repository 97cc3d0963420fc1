"""Time every stage of a laa-publish build, with its peak memory, at the benchmark sizes.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.run example
    .venv/bin/python -m benchmarks.run county --data /tmp/laa-county --json county.json
    .venv/bin/python -m benchmarks.run national --data /tmp/laa-national --stop-after compute
    .venv/bin/python -m benchmarks.run --smoke

What one run measures, each in a fresh child process:

1. **cold build**: ``laa_publish.pipeline.build_site`` with an empty work folder, split
   into its stages (load and validate; compute; render Markdown; render charts; write the
   generated folder; the static-site engine), each with its wall time, CPU time and peak
   resident memory (the kernel's high-water mark, reset at the start of each stage);
2. **plain engine**: ``mkdocs build`` of the generated ``.laa-build/mkdocs.yml`` alone, so
   laa-publish's overhead is measured against the engine in the same run;
3. **warm rebuilds**: the same build again with nothing changed, then after editing one
   indicator's CSV (the latest figure of one neighbourhood and its parents);
4. **YAML load**: every YAML file through laa-publish's position-keeping loader, against
   libyaml's bare ``CSafeLoader``;
5. **validation of 1 million rows** (``--validate-rows``): a CSV of 7 columns with 0.1% bad
   cells, checked by ``load_csv_bytes`` and ``check_observations``; every error must come
   back with the exact line and column of the bad cell.

The input data is never changed in place: the example is copied to a temporary folder
first, and a synthetic folder's edited CSV is restored afterwards. Build output goes to a
temporary folder unless ``--keep`` names one. ``--commit REV`` measures ``laa_publish`` as
committed at REV (extracted with ``git archive``), and ``--code DIR`` another copy of the
package, so that a measurement is not disturbed by edits in the working tree.

Wall times depend on what else the machine is doing; each stage's CPU time (user plus
system, all threads) is reported beside it, and is the figure to compare between runs on a
shared machine. ``--profile DIR`` writes one profile per stage (cProfile with a CPU clock,
or ``--profiler pyinstrument``); ``profile_report.py`` summarises the cProfile files.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

LOG = logging.getLogger("bench")
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
STAGES = (
    "history",
    "load_validate",
    "provenance",
    "compute",
    "render_markdown",
    "render_charts",
    "write",
    "engine",
    "harden",
)
STAGE_TITLES = {
    "startup": "start-up (imports)",
    "history": "read git history",
    "load_validate": "load and validate",
    "provenance": "provenance (figures' commits)",
    "compute": "compute",
    "render_markdown": "render Markdown",
    "render_charts": "render charts",
    "write": "write generated folder",
    "engine": "static-site engine (in build)",
    "harden": "harden the built site",
}
OUR_STAGES = tuple(s for s in STAGES if s != "engine")
# The pipeline function whose call starts each stage; a missing one is skipped, so the
# runner measures older and newer pipelines alike. (name, stage, only its first call)
STAGE_ENTRIES = (
    ("read_history", "history", True),
    ("check", "load_validate", False),
    ("prepare", "provenance", False),
    ("compute", "compute", False),
    ("render_site", "render_markdown", False),
    ("render_svgs", "render_charts", True),
    ("sync_tree", "write", True),
    ("run_mkdocs", "engine", False),
    ("harden_site", "harden", False),
)
EXAMPLE_INPUTS = ("site_config", "data", "content", "mkdocs.yml")


# --------------------------------------------------------------------------------------------
# Memory and CPU of this process
# --------------------------------------------------------------------------------------------


def _status_kib(field_name: str) -> int:
    text = Path("/proc/self/status").read_text()
    found = re.search(rf"^{field_name}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) for this process; False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def cpu_seconds() -> float:
    """User plus system CPU time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@dataclass
class Stage:
    """One measured stage."""

    name: str
    seconds: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0
    rss_start_mb: float = 0.0
    calls: int = 0


class StageClock:
    """Marks stage boundaries: each mark closes the running stage and opens the next.

    Peak memory is the process's VmHWM since the stage began (reset with clear_refs), so it
    is the true high-water mark of that stage, not of the whole run.
    """

    def __init__(
        self,
        result_path: Path | None,
        profile_dir: Path | None = None,
        profiler: str = "cprofile",
    ) -> None:
        self.stages: dict[str, Stage] = {}
        self.current: Stage | None = None
        self.t0 = 0.0
        self.cpu0 = 0.0
        self.result_path = result_path
        self.extra: dict[str, Any] = {}
        self.resettable = reset_peak()
        self.profile_dir = profile_dir
        self.profiler_kind = profiler
        self.profiler: Any = None

    def mark(self, name: str | None) -> None:
        """Close the running stage; open `name` (None just closes)."""
        now, cpu = time.perf_counter(), cpu_seconds()
        if self.current is not None:
            self.current.seconds += now - self.t0
            self.current.cpu += cpu - self.cpu0
            self.current.peak_mb = max(self.current.peak_mb, _status_kib("VmHWM") / 1024)
            self._stop_profile(self.current.name)
        self.current = None
        if name is not None:
            reset_peak()
            stage = self.stages.setdefault(
                name, Stage(name, rss_start_mb=_status_kib("VmRSS") / 1024)
            )
            stage.calls += 1
            self.current = stage
            self._start_profile()
            self.t0, self.cpu0 = time.perf_counter(), cpu_seconds()
        self.save()

    def _start_profile(self) -> None:
        if self.profile_dir is None:
            return
        if self.profiler_kind == "pyinstrument":
            from pyinstrument import Profiler  # optional: pip install pyinstrument

            self.profiler = Profiler(interval=0.002)
            self.profiler.start()
            return
        import cProfile

        # CPU time, not wall time: other processes on the machine must not skew the shares
        self.profiler = cProfile.Profile(time.process_time)
        self.profiler.enable()

    def _stop_profile(self, name: str) -> None:
        if self.profiler is None or self.profile_dir is None:
            return
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        if self.profiler_kind == "pyinstrument":
            self.profiler.stop()
            text = self.profiler.output_text(unicode=False, color=False, show_all=False)
            (self.profile_dir / f"{name}.txt").write_text(text)
            self.profiler = None
            return
        self.profiler.disable()
        path = self.profile_dir / f"{name}.prof"
        if path.exists():  # a stage entered twice: keep both
            path = self.profile_dir / f"{name}-{int(time.time() * 1000)}.prof"
        self.profiler.dump_stats(str(path))
        self.profiler = None

    def save(self) -> None:
        """Write what is known so far, so a run killed by its timeout still reports."""
        if self.result_path is None:
            return
        data = {
            "stages": {k: asdict(v) for k, v in self.stages.items()},
            "peak_reset": self.resettable,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            **self.extra,
        }
        tmp = self.result_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1))
        tmp.replace(self.result_path)


# --------------------------------------------------------------------------------------------
# Child: one build, with stage marks wrapped around the pipeline's own calls
# --------------------------------------------------------------------------------------------


class StopBuild(Exception):
    """Raised at the start of the stage after --stop-after."""


def use_code(code: str | None) -> None:
    """Import laa_publish from `code` instead of the editable install."""
    if not code:
        return
    sys.meta_path[:] = [
        f for f in sys.meta_path if not str(getattr(f, "__module__", "")).startswith("__editable__")
    ]
    sys.path.insert(0, code)


def _wrap(module: Any, name: str, before: Callable[[], None], once: bool = False) -> None:
    """Call `before` when module.name is called (only the first time with once=True)."""
    original = getattr(module, name, None)
    if original is None:
        LOG.info("pipeline.%s not found: no stage starts there", name)
        return
    fired = False

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal fired
        if not (once and fired):
            fired = True
            before()
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


def child_build(args: argparse.Namespace) -> int:
    """Run one build in this process, marking each stage; results go to --result."""
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    use_code(args.code)
    clock = StageClock(
        Path(args.result), Path(args.profile) if args.profile else None, args.profiler
    )
    import laa_publish
    import laa_publish.pipeline as pipeline

    startup = Stage("startup", time.perf_counter() - t0, cpu_seconds() - cpu0)
    startup.peak_mb = _status_kib("VmHWM") / 1024
    clock.stages["startup"] = startup
    clock.extra["code"] = str(next(iter(laa_publish.__path__)))
    order = list(STAGES)
    stop = args.stop_after

    def enter(stage: str) -> Callable[[], None]:
        def go() -> None:
            if stop and order.index(stage) > order.index(stop):
                clock.mark(None)
                raise StopBuild(stage)
            clock.mark(stage)

        return go

    for function, stage, once in STAGE_ENTRIES:
        _wrap(pipeline, function, enter(stage), once=once)
    root, work, output = Path(args.root), Path(args.work), Path(args.output)
    logging.getLogger("laa_publish").setLevel(logging.ERROR)
    try:
        if stop and order.index(stop) < order.index("engine"):
            result = pipeline.generate(root.resolve(), work.resolve())
        else:
            result = pipeline.build_site(root, output, work_dir=work)
        clock.mark(None)
        clock.extra["pipeline_timings"] = dict(result.timings)
        clock.extra["pages"] = result.pages
        clock.extra["issues"] = len(result.issues)
    except StopBuild as stopped:
        clock.extra["stopped_before"] = str(stopped)
    clock.extra["total_seconds"] = time.perf_counter() - t0
    clock.extra["total_cpu"] = cpu_seconds() - cpu0
    clock.save()
    return 0


# --------------------------------------------------------------------------------------------
# Child: YAML load times
# --------------------------------------------------------------------------------------------


def child_yaml(args: argparse.Namespace) -> int:
    """Load every YAML file under the root with laa-publish's loader and with CSafeLoader."""
    use_code(args.code)
    import yaml

    from laa_publish.load.yaml_loader import load_yaml_bytes

    root = Path(args.root)
    files = sorted(
        p
        for folder in ("site_config", "data")
        for p in (root / folder).rglob("*.yaml")
        if p.is_file()
    )
    blobs = [(str(p.relative_to(root)), p.read_bytes()) for p in files]
    size = sum(len(b) for _, b in blobs)
    t = time.perf_counter()
    for rel, raw in blobs:
        load_yaml_bytes(raw, rel)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for _, raw in blobs:
        yaml.load(raw, Loader=yaml.CSafeLoader)
    bare = time.perf_counter() - t
    largest = max(blobs, key=lambda b: len(b[1]))
    t = time.perf_counter()
    load_yaml_bytes(largest[1], largest[0])
    largest_s = time.perf_counter() - t
    out = {
        "files": len(blobs),
        "bytes": size,
        "laa_loader_seconds": ours,
        "csafe_seconds": bare,
        "largest_file": largest[0],
        "largest_bytes": len(largest[1]),
        "largest_seconds": largest_s,
    }
    Path(args.result).write_text(json.dumps(out, indent=1))
    return 0


# --------------------------------------------------------------------------------------------
# Child: validating a million rows
# --------------------------------------------------------------------------------------------

BAD_KINDS = (
    # (column, bad text, expected code); {n} is the bad row's serial number
    ("period", "2019-13", "csv-bad-period"),
    ("area", "E09{n:06d}", "csv-unknown-area"),
    ("value", "12.5%", "csv-not-number"),
    ("denominator", "0", "csv-out-of-range"),
    ("status", "finalised", "csv-bad-status"),
    ("value", "", "csv-missing-value"),
    ("period", "<the previous row's period and area>", "csv-duplicate-row"),
)
VALIDATE_COLUMNS = ("period", "area", "value", "numerator", "denominator", "status", "note")


def write_validation_case(folder: Path, rows: int, bad_share: float = 0.001) -> list[tuple]:
    """A tiny partnership with one monthly indicator of `rows` rows; return the bad cells.

    The rows go to ``big.csv`` beside the partnership; the kinds of bad cell cycle through
    ``BAD_KINDS``, one of them a row pasted twice.

    Areas: one county, 100 districts and enough neighbourhoods for `rows` distinct
    (period, area) pairs over 100 months. Only neighbourhood rows are written, so no
    roll-up check adds issues of its own. Every 1/bad_share-th row gets one bad cell.
    """
    import numpy as np
    import pandas as pd

    from benchmarks import synth

    months = 100
    leaves = -(-rows // months)
    per_district = -(-leaves // 100)
    root_code = "E10000001"
    area_lines = [
        "areas:",
        f"  - code: {root_code}",
        "    name: Benchshire",
        "    level: county",
        "    valid_from: 2009-04-01",
    ]
    codes = []
    for d in range(100):
        dcode = f"E07001{d:03d}"
        area_lines += [
            f"  - code: {dcode}",
            f"    name: District {d + 1}",
            "    level: district",
            f"    parent: {root_code}",
            "    valid_from: 2009-04-01",
        ]
        for k in range(per_district):
            code = f"E05{d:03d}{k:04d}"
            codes.append(code)
            area_lines += [
                f"  - code: {code}",
                f"    name: Ward {d + 1}-{k + 1}",
                "    level: neighbourhood",
                f"    parent: {dcode}",
                "    valid_from: 2009-04-01",
            ]
    codes = codes[:leaves]
    files = {
        "site_config/partnership.yaml": (
            "name: Bench Partnership\nplace: Benchshire\n"
            f"place_area: {root_code}\nagreement:\n  title: Bench agreement\n"
            "  start: 2023-04-01\n  end: 2027-03-31\ncore_team: '@bench/core'\n"
            "contact:\n  name: Core team\n  email: core@bench.example\n"
            "themes:\n  - id: theme\n    title: Theme\n    description: A theme.\n"
        ),
        "data/registers/partners.yaml": (
            "partners:\n  - id: bench\n    name: Bench Council\n    short_name: Bench\n"
            "    type: council\n    team: '@bench/bench'\n"
        ),
        "data/registers/areas.yaml": "\n".join(area_lines) + "\n",
        "data/outcomes/OUT-1.yaml": (
            "id: OUT-1\ntitle: An outcome\ntheme: theme\nlead_partner: bench\n"
            "narrative: content/outcomes/OUT-1.md\nsummary: One outcome.\n"
        ),
        "content/outcomes/OUT-1.md": "## What the data shows\n\nFigures.\n",
        "data/partners/bench/indicators/BIG-1.yaml": (
            "id: BIG-1\ntitle: A big indicator\noutcome: OUT-1\npartner: bench\n"
            "definition: Rows.\nsource: Bench.\nmethodology: Count.\nlimitations: None.\n"
            "contact:\n  name: A Person\n  email: a.person@bench.example\n"
            "unit: rate\nrate_per: 1000\ndecimals: 2\npolarity: lower_is_better\n"
            "frequency: monthly\nperiod_type: month\naggregation: rate\n"
        ),
    }
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    rng = np.random.default_rng(7)
    labels = [f"{2015 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    period = np.tile(np.asarray(labels, dtype=object), leaves)[:rows]
    area = np.repeat(np.asarray(codes, dtype=object), months)[:rows]
    den = rng.integers(2000, 20000, rows)
    num = rng.binomial(den, 0.004)
    frame = {
        "period": period.copy(),
        "area": area.copy(),
        "value": synth.fixed(np.round(num / den * 1000, 2), 2),
        "numerator": num.astype(str).astype(object),
        "denominator": den.astype(str).astype(object),
        "status": np.full(rows, "final", dtype=object),
        "note": np.full(rows, "", dtype=object),
    }
    step = round(1 / bad_share)
    bad = []
    for i, row in enumerate(range(step // 2, rows, step)):
        column, text, code = BAD_KINDS[i % len(BAD_KINDS)]
        if code == "csv-duplicate-row":  # a row pasted twice
            frame["period"][row] = frame["period"][row - 1]
            frame["area"][row] = frame["area"][row - 1]
        else:
            frame[column][row] = text.format(n=i)
        bad.append((row + 2, VALIDATE_COLUMNS.index(column) + 1, code))
    pd.DataFrame(frame).to_csv(folder / "big.csv", index=False, lineterminator="\n")
    for line, _, code in bad:  # the same file without the pasted rows
        if code == "csv-duplicate-row":
            frame["period"][line - 2] = period[line - 2]
            frame["area"][line - 2] = area[line - 2]
    pd.DataFrame(frame).to_csv(folder / "big-nodup.csv", index=False, lineterminator="\n")
    return bad


def child_validate(args: argparse.Namespace) -> int:
    """Time reading and checking the big CSV, and check every error's position.

    The model (indicator, areas, settings) comes from ``check`` on the folder with a small
    valid CSV; the big CSV then goes through exactly what ``check`` runs for each table:
    ``load_csv_bytes`` and ``check_observations``. Finally the whole ``check`` is run with
    the big CSV in place, as ``laa-publish validate`` would.
    """
    use_code(args.code)
    folder = Path(args.root)
    bad = {tuple(b) for b in json.loads((folder / "bad.json").read_text())}
    from laa_publish.load.csv_loader import load_csv_bytes
    from laa_publish.validate.observations import check_observations
    from laa_publish.validate.run import check

    target = folder / "data/partners/bench/indicators/BIG-1.csv"
    big = (folder / "big.csv").read_bytes()
    lines = big.split(b"\n")
    target.write_bytes(b"\n".join(lines[:4]) + b"\n")
    t = time.perf_counter()
    small = check(folder)
    setup = time.perf_counter() - t
    p = small.partnership
    assert p is not None, [i.to_dict() for i in small.issues[:5]]
    rel = str(target.relative_to(folder))
    reset_peak()
    t = time.perf_counter()
    table, _ = load_csv_bytes(big, rel)
    load_s = time.perf_counter() - t
    assert table is not None
    t = time.perf_counter()
    _, issues = check_observations(p.indicators["BIG-1"], table, p.areas, p.settings)
    check_s = time.perf_counter() - t
    peak = _status_kib("VmHWM") / 1024
    nodup = (folder / "big-nodup.csv").read_bytes()
    t = time.perf_counter()
    table2, _ = load_csv_bytes(nodup, rel)
    assert table2 is not None
    _, issues2 = check_observations(p.indicators["BIG-1"], table2, p.areas, p.settings)
    nodup_s = time.perf_counter() - t
    wanted2 = {b for b in bad if b[2] != "csv-duplicate-row"}
    got2 = {(i.line, i.column, i.code) for i in issues2 if str(i.severity) == "error"}
    errors = {(i.line, i.column, i.code) for i in issues if str(i.severity) == "error"}
    out: dict[str, Any] = {
        "rows": len(table.frame),
        "bad_rows": len(bad),
        "model_setup_seconds": setup,
        "load_csv_seconds": load_s,
        "check_seconds": check_s,
        "validate_seconds": load_s + check_s,
        "errors": len(errors),
        "issues": len(issues),
        "missing": len(bad - errors),
        "unexpected": len(errors - bad),
        "every_error_positioned": bad == errors
        and all(i.line is not None and i.column is not None for i in issues),
        "peak_mb": peak,
        "without_duplicates_seconds": nodup_s,
        "without_duplicates_positioned": wanted2 == got2,
        "examples": [i.to_dict() for i in issues[:2]],
        "unexpected_examples": [
            i.to_dict() for i in issues if (i.line, i.column, i.code) not in bad
        ][:3],
    }
    target.write_bytes(big)
    t = time.perf_counter()
    try:
        whole = check(folder)
        out["whole_check_issues"] = len(whole.issues)
    except Exception as exc:  # noqa: BLE001 - a crash in the validator is itself a finding
        out["whole_check_error"] = f"{type(exc).__name__}: {exc}"
    out["whole_check_seconds"] = time.perf_counter() - t
    Path(args.result).write_text(json.dumps(out, indent=1, default=str))
    return 0


# --------------------------------------------------------------------------------------------
# Parent: orchestration
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    """Everything one run measured."""

    size: str
    data: str
    commit: str
    date: str
    machine: str
    cold: dict[str, Any] = field(default_factory=dict)
    plain_engine: dict[str, Any] = field(default_factory=dict)
    warm_noop: dict[str, Any] = field(default_factory=dict)
    warm_edit: dict[str, Any] = field(default_factory=dict)
    yaml: dict[str, Any] = field(default_factory=dict)
    validate: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _env(code: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The child runs as ``-m benchmarks.run``, so it must find this repository's packages.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def run_child(
    kind: str, extra: Sequence[str], result: Path, code: str | None, timeout: float | None
) -> tuple[dict[str, Any], float, float, bool]:
    """Run a `_child kind` process with a timeout: (its JSON, wall s, child max RSS MB, done)."""
    cmd = [PYTHON, "-m", "benchmarks.run", "_child", kind, "--result", str(result), *extra]
    if code:
        cmd += ["--code", code]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=_env(code))
    done = True
    try:
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                done = False
                break
            time.sleep(0.05)
    except KeyboardInterrupt:
        proc.kill()
        raise
    wall = time.perf_counter() - start
    data = json.loads(result.read_text()) if result.is_file() else {}
    if proc.returncode and done:
        data["failed"] = proc.returncode
    return data, wall, usage.ru_maxrss / 1024, done


def plain_mkdocs(work: Path, site: Path, timeout: float | None) -> dict[str, Any]:
    """A bare `mkdocs build` of the generated folder, in its own process."""
    mkdocs = Path(PYTHON).parent / "mkdocs"
    env = _env(None)
    env["SOURCE_DATE_EPOCH"] = (work / "source-date-epoch").read_text().strip() or "0"
    cmd = [str(mkdocs), "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    try:
        _, status, usage = os.wait4(proc.pid, 0) if timeout is None else _wait(proc, timeout)
    except TimeoutError:
        return {"timeout": timeout}
    return {
        "command": " ".join(cmd),
        "seconds": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "exit": os.waitstatus_to_exitcode(status),
    }


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, Any]:
    deadline = time.perf_counter() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise TimeoutError
        time.sleep(0.05)


def tree_size(path: Path) -> tuple[int, int]:
    """(files, bytes) under a folder."""
    files = total = 0
    for p in path.rglob("*"):
        if p.is_file():
            files += 1
            total += p.stat().st_size
    return files, total


def site_parts(site: Path) -> dict[str, Any]:
    """Where a built site's bytes go: downloads, area pages, the search index, the largest page."""
    pages = sorted(site.rglob("*.html"))
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in pages]
    largest = max(sizes, default=(0, ""), key=lambda s: (s[0], s[1]))
    index = site / "search" / "search_index.json"
    return {
        "downloads_bytes": tree_size(site / "downloads")[1],
        "area_pages_bytes": sum(p.stat().st_size for p in (site / "areas").glob("*.html")),
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
        "largest_page": largest[1],
        "largest_page_bytes": largest[0],
    }


def edit_one_csv(root: Path) -> tuple[Path, bytes, str]:
    """Revise one indicator's latest figure for a neighbourhood and its parents, in place.

    Picks a count indicator (aggregation ``sum``) with neighbourhood rows and adds 3 to one
    neighbourhood's latest value and to the district and place rows of the same period, so
    the file stays consistent. Falls back to adding a note to the last row. Returns the
    path, its original bytes (to restore) and what was changed.
    """
    import yaml

    areas_doc = yaml.load(
        (root / "data/registers/areas.yaml").read_bytes(), Loader=yaml.CSafeLoader
    )
    areas = {a["code"]: a for a in areas_doc["areas"]}
    candidates = sorted((root / "data" / "partners").glob("*/indicators/*.yaml"))
    for meta_path in candidates:
        meta = yaml.load(meta_path.read_bytes(), Loader=yaml.CSafeLoader)
        path = meta_path.with_suffix(".csv")
        if meta.get("aggregation") != "sum" or meta.get("breakdowns") or not path.is_file():
            continue
        original = path.read_bytes()
        rows = list(csv.reader(io.StringIO(original.decode("utf-8"))))
        header, body = rows[0], rows[1:]
        col = {name: i for i, name in enumerate(header)}
        latest = max(r[col["period"]] for r in body)
        here = [r for r in body if r[col["period"]] == latest]
        leaf = next(
            (
                r
                for r in here
                if areas.get(r[col["area"]], {}).get("level") == "neighbourhood"
                and r[col["value"]] not in ("", "0")
            ),
            None,
        )
        if leaf is None:
            continue
        chain = [leaf[col["area"]]]
        while areas.get(chain[-1], {}).get("parent"):
            chain.append(areas[chain[-1]]["parent"])
        for r in here:
            if r[col["area"]] in chain and r[col["value"]] != "":
                r[col["value"]] = str(int(float(r[col["value"]])) + 3)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *body])
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return path, original, f"+3 to {latest} in {', '.join(chain)} of {meta['id']}"
    path = sorted((root / "data" / "partners").glob("*/indicators/*.csv"))[0]
    original = path.read_bytes()
    text = original.decode("utf-8").rstrip("\n")
    head, _, last = text.rpartition("\n")
    cells = next(csv.reader([last]))
    cells[-1] = "Revised"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    path.write_text(head + "\n" + buffer.getvalue(), encoding="utf-8")
    return path, original, f"note added to the last row of {path.name}"


def commit_id() -> str:
    """The short commit of the repository, marked dirty when laa_publish has local edits."""
    try:
        sha = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "laa_publish"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+dirty" if dirty else "")


def machine() -> str:
    """CPU model, cores and memory, and the load at the start."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = _meminfo_gib()
    load = os.getloadavg()[0]
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB, load {load:.2f} at start"


def _meminfo_gib() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


@contextlib.contextmanager
def scratch(keep: Path | None) -> Iterator[Path]:
    """A scratch folder, removed afterwards unless it was given."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    folder = Path(tempfile.mkdtemp(prefix="laa-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def prepare_data(args: argparse.Namespace, tmp: Path) -> Path:
    """The partnership to build: a copy of the example, or a generated synthetic folder."""
    if args.size == "example":
        root = tmp / "example"
        if not root.exists():
            for name in EXAMPLE_INPUTS:
                source = REPO / name
                if source.is_dir():
                    shutil.copytree(source, root / name)
                else:
                    root.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, root / name)
        return root
    if args.data and (Path(args.data) / "data").is_dir():
        return Path(args.data)
    from benchmarks import synth

    root = Path(args.data) if args.data else tmp / args.size
    root = synth.prepare_output(root, args.size, force=False)
    synth.write_partnership(synth.size_spec(args.size), root)
    return root


def export_commit(rev: str, target: Path) -> str:
    """Extract laa_publish as it is at commit `rev` into `target`; return the short sha."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", rev],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", sha, "laa_publish"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return sha


def measure(args: argparse.Namespace) -> Run:
    """Run every measurement the arguments ask for."""
    run = Run(
        size=args.size,
        data="",
        commit=commit_id() if not args.code else f"{commit_id()} (code from {args.code})",
        date=time.strftime("%Y-%m-%d %H:%M %Z"),
        machine=machine(),
    )
    with scratch(Path(args.keep) if args.keep else None) as tmp:
        if args.commit:
            args.code = str(tmp / "code")
            run.commit = f"{export_commit(args.commit, Path(args.code))} (git archive)"
        root = prepare_data(args, tmp)
        run.data = str(root)
        work, site = tmp / "work", tmp / "site"
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        build_args = ["--root", str(root), "--work", str(work), "--output", str(site)]
        if args.stop_after:
            build_args += ["--stop-after", args.stop_after]
        if args.profile:
            build_args += ["--profile", str(Path(args.profile).resolve())]
            build_args += ["--profiler", args.profiler]
        built = False
        if not args.no_build:
            LOG.info("cold build of %s (%s)", args.size, root)
            cold, wall, maxrss, done = run_child(
                "build", build_args, tmp / "cold.json", args.code, args.timeout
            )
            cold.update(wall_seconds=wall, child_max_rss_mb=maxrss, completed=done)
            run.cold = cold
            if not done:
                run.notes.append(f"cold build killed after the {args.timeout:.0f} s timeout")
            built = done and not args.stop_after and not cold.get("failed")
        if built:
            md_files, md_bytes = tree_size(work / "docs")
            site_files, site_bytes = tree_size(site)
            pages = sum(1 for _ in (work / "docs").rglob("*.md"))
            charts = sum(1 for _ in (work / "docs").rglob("*.svg"))
            svg_bytes = sum(p.stat().st_size for p in (work / "docs").rglob("*.svg"))
            run.site = {
                "pages": pages,
                "charts": charts,
                "svg_bytes": svg_bytes,
                "docs_files": md_files,
                "docs_bytes": md_bytes,
                "site_files": site_files,
                "site_bytes": site_bytes,
                **site_parts(site),
            }
        if built and not args.no_plain:
            LOG.info("plain mkdocs build of the generated folder")
            run.plain_engine = plain_mkdocs(work, tmp / "plain-site", args.timeout)
        if built and not args.no_warm and not args.no_noop:
            LOG.info("warm rebuild, nothing changed")
            warm, wall, maxrss, done = run_child(
                "build", build_args, tmp / "warm.json", args.code, args.timeout
            )
            warm.update(wall_seconds=wall, child_max_rss_mb=maxrss, completed=done)
            run.warm_noop = warm
        if built and not args.no_warm:
            path, original, change = edit_one_csv(root)
            LOG.info("warm rebuild after editing %s: %s", path.name, change)
            try:
                edit, wall, maxrss, done = run_child(
                    "build", build_args, tmp / "edit.json", args.code, args.timeout
                )
            finally:
                path.write_bytes(original)
            edit.update(wall_seconds=wall, child_max_rss_mb=maxrss, completed=done, change=change)
            run.warm_edit = edit
        if not args.no_yaml:
            run.yaml, _, _, _ = run_child(
                "yaml", ["--root", str(root)], tmp / "yaml.json", args.code, args.timeout
            )
        if args.validate_rows:
            case = tmp / "validate-case"
            shutil.rmtree(case, ignore_errors=True)
            t = time.perf_counter()
            bad = write_validation_case(case, args.validate_rows)
            (case / "bad.json").write_text(json.dumps(bad))
            LOG.info(
                "wrote %d rows to validate in %.1f s", args.validate_rows, time.perf_counter() - t
            )
            run.validate, _, _, _ = run_child(
                "validate", ["--root", str(case)], tmp / "validate.json", args.code, args.timeout
            )
    return run


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def _mb(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _s(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def report(run: Run) -> str:
    """The figures as a Markdown table."""
    lines = [
        f"## {run.size}: commit {run.commit}, {run.date}",
        "",
        f"Machine: {run.machine}. Data: {run.data}.",
        "",
        "| stage | wall s | CPU s | CPU/wall | peak RSS MB |",
        "|---|---:|---:|---:|---:|",
    ]
    stages = run.cold.get("stages", {})
    ours = ours_cpu = 0.0
    for name in ("startup", *STAGES):
        st = stages.get(name)
        if not st:
            continue
        if name in OUR_STAGES:
            ours += st["seconds"]
            ours_cpu += st["cpu"]
        ratio = st["cpu"] / st["seconds"] if st["seconds"] else 0.0
        lines.append(
            f"| {STAGE_TITLES[name]} | {_s(st['seconds'])} | {_s(st['cpu'])} | {ratio:.2f} | "
            f"{_mb(st['peak_mb'])} |"
        )
    lines.append(
        f"| **total (child process, wall)** | {_s(run.cold.get('total_seconds'))} | "
        f"{_s(run.cold.get('total_cpu'))} | | {_mb(run.cold.get('child_max_rss_mb'))} |"
    )
    if run.cold.get("stopped_before"):
        lines.append(f"| (stopped before {run.cold['stopped_before']}) | | | | |")
    lines.append("")
    extra = ["| figure | value |", "|---|---|"]
    extra.append(
        f"| laa-publish's own stages (all but the engine) | {ours:,.1f} s wall, "
        f"{ours_cpu:,.1f} s CPU |"
    )
    plain = run.plain_engine
    if plain.get("seconds"):
        extra.append(
            f"| plain `mkdocs build` of the generated folder | {plain['seconds']:,.1f} s wall, "
            f"{plain['cpu']:,.1f} s CPU, peak {plain['peak_mb']:,.0f} MB |"
        )
        extra.append(
            f"| our stages / plain engine | {ours / plain['seconds']:.2f} by wall time, "
            f"{ours_cpu / max(plain['cpu'], 1e-9):.2f} by CPU time |"
        )
    if run.site:
        s = run.site
        extra.append(
            f"| pages / charts | {s['pages']:,} / {s['charts']:,} "
            f"(SVG {s['svg_bytes'] / 1e6:,.1f} MB) |"
        )
        extra.append(
            f"| generated folder / built site | {s['docs_bytes'] / 1e6:,.1f} MB / "
            f"{s['site_bytes'] / 1e6:,.1f} MB ({s['site_files']:,} files) |"
        )
        if "search_index_bytes" in s:
            extra.append(
                f"| of the site: downloads / area pages / search index | "
                f"{s['downloads_bytes'] / 1e6:,.1f} MB / {s['area_pages_bytes'] / 1e6:,.1f} MB / "
                f"{s['search_index_bytes'] / 1e6:,.2f} MB |"
            )
            extra.append(
                f"| largest page | {s['largest_page']}, {s['largest_page_bytes'] / 1e6:,.2f} MB |"
            )
    for label, warm in (
        ("warm rebuild, no change", run.warm_noop),
        ("warm rebuild after one CSV edit", run.warm_edit),
    ):
        if warm.get("total_seconds"):
            st = warm.get("stages", {})
            parts = ", ".join(
                f"{k} {v['seconds']:.1f}/{v['cpu']:.1f}" for k, v in st.items() if k != "startup"
            )
            extra.append(
                f"| {label} | {warm['total_seconds']:,.1f} s wall, "
                f"{warm.get('total_cpu', 0):,.1f} s CPU (stage wall/CPU: {parts}) |"
            )
    if run.yaml:
        y = run.yaml
        extra.append(
            f"| YAML load ({y['files']} files, {y['bytes'] / 1e6:.2f} MB) | "
            f"{y['laa_loader_seconds']:.2f} s with laa-publish's loader, "
            f"{y['csafe_seconds']:.2f} s with bare CSafeLoader; largest "
            f"{y['largest_file']} ({y['largest_bytes'] / 1e6:.2f} MB) "
            f"{y['largest_seconds']:.2f} s |"
        )
    if run.validate.get("rows"):
        v = run.validate
        whole = v.get("whole_check_error") or f"{v.get('whole_check_issues')} issues"
        extra.append(
            f"| validate {v['rows']:,} rows, {v['bad_rows']:,} bad | "
            f"{v['validate_seconds']:.2f} s (read {v['load_csv_seconds']:.2f} + checks "
            f"{v['check_seconds']:.2f}); whole `check` {v['whole_check_seconds']:.1f} s "
            f"({whole}); "
            f"errors at the exact line and column: {v['every_error_positioned']} "
            f"({v['missing']} missing, {v['unexpected']} unexpected); peak {v['peak_mb']:,.0f} MB |"
        )
        extra.append(
            f"| same rows without the pasted (duplicate) rows | "
            f"{v['without_duplicates_seconds']:.2f} s (read + checks); positions exact: "
            f"{v['without_duplicates_positioned']} |"
        )
    for note in run.notes:
        extra.append(f"| note | {note} |")
    return "\n".join(lines + extra) + "\n"


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def _child_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run _child")
    parser.add_argument("kind", choices=("build", "yaml", "validate"))
    parser.add_argument("--result", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--work")
    parser.add_argument("--output")
    parser.add_argument("--stop-after", choices=STAGES)
    parser.add_argument("--profile")
    parser.add_argument("--profiler", default="cprofile", choices=("cprofile", "pyinstrument"))
    parser.add_argument("--code")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    return {"build": child_build, "yaml": child_yaml, "validate": child_validate}[args.kind](args)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_child"]:
        return _child_main(argv[1:])
    parser = argparse.ArgumentParser(description="Time each stage of a laa-publish build.")
    parser.add_argument("size", nargs="?", choices=("example", "county", "national"))
    parser.add_argument("--smoke", action="store_true", help="the example size, quickly (CI)")
    parser.add_argument("--data", help="an existing generated folder (or where to generate)")
    parser.add_argument("--keep", help="keep work, site and copies in this folder")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    parser.add_argument("--stop-after", choices=STAGES, help="stop the build after this stage")
    parser.add_argument("--timeout", type=float, help="seconds allowed for each child process")
    parser.add_argument("--no-build", action="store_true", help="skip the builds")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs build")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm rebuilds")
    parser.add_argument(
        "--no-noop", action="store_true", help="skip the warm rebuild with nothing changed"
    )
    parser.add_argument("--no-yaml", action="store_true", help="skip the YAML load timing")
    parser.add_argument(
        "--validate-rows", type=int, default=0, help="also validate a CSV of this many rows"
    )
    parser.add_argument("--profile", help="write a profile of each stage into this folder")
    parser.add_argument(
        "--profiler",
        default="cprofile",
        choices=("cprofile", "pyinstrument"),
        help="cprofile (CPU clock, exact calls, slow) or pyinstrument (sampling, installed "
        "separately)",
    )
    parser.add_argument("--code", help="import laa_publish from this folder")
    parser.add_argument(
        "--commit", help="measure laa_publish as committed at this revision (e.g. HEAD)"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.size = "example"
        args.no_warm = True
        args.validate_rows = args.validate_rows or 20_000
    if not args.size:
        parser.error("give a size, or --smoke")
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    run = measure(args)
    sys.stdout.write(report(run))
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(run), indent=1, default=str))
    failed = run.cold.get("failed") or run.validate.get("failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
