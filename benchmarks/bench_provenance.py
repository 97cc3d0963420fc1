"""Benchmark: the commit behind every figure, for a 100,000-row CSV with 200 commits.

Builds a throwaway repository with ``git fast-import`` (fast, and no working copies on
disk): one indicator CSV of ``--rows`` rows, then ``--commits`` commits that each revise
``--edits`` values at random and now and then append a period. Then it times:

- ``cold``: reading the history and replaying every commit, with no cache;
- ``warm``: the same with the cache a previous build left in the work folder;
- ``one new commit``: a further commit, resumed from the cache.

and checks that the attribution agrees with a brute-force reading of the file at each
commit. Run it from the repository root::

    .venv/bin/python benchmarks/bench_provenance.py [--rows 100000] [--commits 200]

Results go to standard output as a Markdown table, for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from laa_publish.compute.provenance import walk_files
from laa_publish.load.history import read_history

LOG = logging.getLogger("bench_provenance")
PATH = "data/partners/police/indicators/NI-BENCH.csv"
HEADER = "period,area,sex,value,numerator,denominator,status,note\n"
EPOCH = 1_704_067_200  # 2024-01-01, so the benchmark never depends on the clock


def _rows(count: int, rng: random.Random) -> list[list[str]]:
    """Believable rows: quarters × areas × sex, with counts and rates."""
    areas = [f"E0500{i:04d}" for i in range(1000)]
    rows: list[list[str]] = []
    year = 2000
    while len(rows) < count:
        for quarter in range(1, 5):
            for area in areas:
                for sex in ("", "F", "M"):
                    denominator = rng.randint(2000, 9000)
                    numerator = rng.randint(0, denominator // 10)
                    value = f"{numerator / denominator * 1000:.1f}"
                    rows.append(
                        [
                            f"{year}-Q{quarter}",
                            area,
                            sex,
                            value,
                            str(numerator),
                            str(denominator),
                            "final",
                            "",
                        ]
                    )
                    if len(rows) == count:
                        return rows
        year += 1
    return rows


def _text(rows: list[list[str]]) -> bytes:
    return (HEADER + "".join(",".join(r) + "\n" for r in rows)).encode()


def make_repository(root: Path, rows: int, commits: int, edits: int, seed: int = 7) -> None:
    """A repository whose CSV is created and then revised by `commits` - 1 commits."""
    rng = random.Random(seed)
    table = _rows(rows, rng)
    stream: list[bytes] = []
    for n in range(commits):
        if n:
            for i in rng.sample(range(len(table)), edits):
                table[i][3] = f"{float(table[i][3]) + rng.choice((-0.3, 0.2, 0.5)):.1f}"
                table[i][6] = rng.choice(("final", "provisional"))
            if n % 50 == 0:
                table.append([f"2099-Q{n // 50}", "E05000000", "", "1.0", "1", "1000", "final", ""])
        data = _text(table)
        message = f"commit {n}".encode()
        author = f"Analyst {n % 5} <analyst{n % 5}@example.org> {EPOCH + n * 86400} +0000"
        stream += [
            b"commit refs/heads/main\n",
            f"author {author}\ncommitter {author}\n".encode(),
            b"data %d\n%s\n" % (len(message), message),
            f"M 100644 inline {PATH}\n".encode(),
            b"data %d\n" % len(data),
            data,
            b"\n",
        ]
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"],
        input=b"".join(stream),
        check=True,
        env=env,
    )
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "main"], check=True, env=env)


def _add_commit(root: Path, seed: int = 11) -> None:
    """One more commit revising a few values, as a partner's next pull request would."""
    rng = random.Random(seed)
    path = root / PATH
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in rng.sample(range(1, len(lines)), 20):
        cells = lines[i].rstrip("\n").split(",")
        cells[3] = f"{float(cells[3]) + 0.1:.1f}"
        lines[i] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Analyst",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "Analyst",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": f"{EPOCH + 400 * 86400} +0000",
        "GIT_COMMITTER_DATE": f"{EPOCH + 400 * 86400} +0000",
    }
    subprocess.run(["git", "-C", str(root), "commit", "-qam", "one more"], check=True, env=env)


def _cpu() -> float:
    """CPU seconds used so far by this process and the git processes it waited for."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(root: Path, cache: Path | None) -> tuple[float, float, int]:
    """Wall and CPU seconds to read the history and attribute every figure, and how many."""
    start, cpu = time.perf_counter(), _cpu()
    history = read_history(root)
    files = walk_files(root, history, [PATH], cache)
    snapshot = files[PATH].at(history.index(), history.chain[-1].sha)
    return time.perf_counter() - start, _cpu() - cpu, len(snapshot)


def _check(root: Path) -> None:
    """Brute force: replay every version in full and compare with the walk (slow, small runs)."""
    history = read_history(root)
    files = walk_files(root, history, [PATH], None)
    shas = [c.sha for c in history.chain]
    previous: dict[str, str] = {}
    expected: dict[str, str] = {}
    for sha in shas:
        text = subprocess.run(
            ["git", "-C", str(root), "show", f"{sha}:{PATH}"], capture_output=True, check=True
        ).stdout.decode()
        current = {}
        for line in text.splitlines()[1:]:
            c = line.split(",")
            current[f"{c[0]}\x1f{c[1]}\x1f{'sex=' + c[2] if c[2] else ''}"] = (
                f"{float(c[3])}|{c[6]}"
            )
        for key, state in current.items():
            if previous.get(key) != state:
                expected[key] = sha
        previous = current
    snapshot = files[PATH].at(history.index(), shas[-1])
    found = dict(zip(snapshot.index, snapshot["commit"], strict=True))
    if found != expected:
        raise SystemExit("the walk disagrees with a brute-force replay")
    LOG.info("checked against a brute-force replay: %d figures agree", len(found))


def main() -> int:
    parser = argparse.ArgumentParser(description="Provenance benchmark.")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--edits", type=int, default=50, help="values revised per commit")
    parser.add_argument("--check", action="store_true", help="also compare with brute force")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("laa_publish").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="laa-bench-provenance-") as tmp:
        root, cache = Path(tmp) / "repo", Path(tmp) / "cache"
        start = time.perf_counter()
        make_repository(root, args.rows, args.commits, args.edits)
        LOG.info("repository made in %.1f s", time.perf_counter() - start)
        if args.check:
            _check(root)
        cold = _timed(root, cache)
        warm = _timed(root, cache)
        _add_commit(root)
        incremental = _timed(root, cache)
    figures = cold[2]
    rows = [
        ("cold (no cache)", cold),
        ("warm (cache, nothing new)", warm),
        ("one new commit (cache resumed)", incremental),
    ]
    load = os.getloadavg()[0]
    out = [
        f"{args.rows:,} rows, {args.commits} commits, {args.edits} values revised per commit; "
        f"{figures:,} figures attributed. Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, git {_git_version()}; load average {load:.1f} when it ended.",
        "",
        "| Run | Wall seconds | CPU seconds (Python and git) |",
        "| :-- | --: | --: |",
        *(f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu, _) in rows),
        "",
    ]
    sys.stdout.write("\n".join(out))
    return 0


def _git_version() -> str:
    done = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().removeprefix("git version ")


if __name__ == "__main__":
    sys.exit(main())
