"""The example generator (tools/example) reproduces the shipped example byte for byte.

So the example can be regenerated after a model change, and any difference shows up here.
The tools are run the way the docs say, ``python -m ...`` from the repository root: they
are packages of the repository, not installed with laa_publish.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from laa_publish.compute.progress import publishable
from laa_publish.validate.run import check

REPO = Path(__file__).resolve().parent.parent
FOLDERS = ("data", "content", "site_config")
# A figure with decimals as the narratives write it: 30.9, 0.48, 1,032.2 (not a year or "5").
QUOTED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d+(?!\d)")


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for folder in FOLDERS
        for p in (root / folder).rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example written by ``python -m tools.example`` into a temporary folder."""
    root = tmp_path_factory.mktemp("example")
    done = _python("-m", "tools.example", "--root", str(root))
    assert "WARNING" not in done.stderr
    return root


def test_generator_reproduces_the_committed_example(generated: Path) -> None:
    code = "from tools.example.dataset import HAND_KEPT; print(*HAND_KEPT)"
    hand_kept = _python("-c", code).stdout.split()
    assert "content/" in hand_kept

    def is_generated(path: str) -> bool:
        return not any(path == h or (h.endswith("/") and path.startswith(h)) for h in hand_kept)

    committed = {p for p in _files(REPO) if is_generated(p)}
    written = _files(generated)
    assert sorted(written - committed) == [], "written but not committed"
    assert sorted(committed - written) == [], "committed but not written"
    assert len(written) == 134
    different = [
        p for p in sorted(written) if (generated / p).read_bytes() != (REPO / p).read_bytes()
    ]
    assert different == []


def test_generated_outcomes_name_the_hand_kept_narratives(generated: Path) -> None:
    named = set()
    for outcome in sorted((generated / "data" / "outcomes").glob("*.yaml")):
        match = re.search(r"^narrative: (\S+)$", outcome.read_text(encoding="utf-8"), re.M)
        assert match, f"{outcome.name} names no narrative"
        named.add(match.group(1))
    kept = {p.relative_to(REPO).as_posix() for p in (REPO / "content" / "outcomes").glob("*.md")}
    assert named == kept
    assert len(named) == 16


def test_narratives_quote_only_figures_the_data_has() -> None:
    """content/ is hand-kept: after a model change this names the narratives to rewrite.

    Every figure with decimals that an outcome's narrative quotes must be one of its
    indicators' figures (values and intervals as submitted or rolled up, baselines and
    targets), written with the indicator's decimals. A single edited figure may happen to
    equal another of them; a model change moves most figures (drawn with another seed, 14
    of the 16 narratives fail), so it shows.
    """
    p = check(REPO).partnership
    assert p is not None
    stale: dict[str, list[str]] = {}
    for oid in sorted(p.outcomes):
        figures: set[str] = set()
        for indicator in p.outcome_indicators(oid):
            d = indicator.decimals
            rolled = publishable(p, indicator.id)
            assert rolled is not None
            for frame in (p.observations[indicator.id], rolled):
                for column in ("value", "lower_ci", "upper_ci"):
                    figures |= {f"{v:,.{d}f}" for v in frame[column].dropna()}
            fixed = [t.value for t in indicator.targets]
            fixed += [indicator.baseline.value] if indicator.baseline else []
            figures |= {f"{v:,.{d}f}" for v in fixed}
        text = (REPO / "content" / "outcomes" / f"{oid}.md").read_text(encoding="utf-8")
        quoted = QUOTED.findall(text)
        assert quoted or oid == "HCOP-2", f"{oid} quotes no figures"
        if missing := sorted(set(quoted) - figures):
            stale[oid] = missing
    assert stale == {}


def test_benchmark_generator_imports_as_a_package() -> None:
    usage = _python("-m", "benchmarks.synth", "--help").stdout
    assert "county" in usage and "national" in usage
