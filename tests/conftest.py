"""Shared fixtures: fixture-folder partnerships copied into tmp_path, and the CLI run in-process."""

from __future__ import annotations

import dataclasses
import os
import shutil
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import settings

from laa_publish.cli import main
from laa_publish.issues import Issue
from laa_publish.load.csv_loader import CsvFile, load_csv_text
from laa_publish.model.entities import Area, Baseline, Indicator, Target
from laa_publish.validate.markdown_safety import site_extensions

# Tests write only to temporary folders, so Hypothesis keeps no example database in the
# working directory; under CI its examples are derandomised so a run is repeatable.
settings.register_profile("laa", database=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("laa")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
CONTROL_FILES = frozenset({"expected.txt", "delete.txt"})

Key = tuple[str, int | None, int | None, str]


def materialise(case: Path | None, dest: Path) -> Path:
    """Copy the base partnership to `dest`, overlay a case's files and apply its delete.txt."""
    shutil.copytree(BASE, dest)
    if case is None:
        return dest
    for source in sorted(case.rglob("*")):
        rel = source.relative_to(case)
        if source.is_dir() or rel.as_posix() in CONTROL_FILES:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    deletions = case / "delete.txt"
    if deletions.is_file():
        for line in deletions.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                (dest / line.strip()).unlink()
    return dest


def parse_expected(text: str) -> set[Key]:
    """Read `path:line:column:code` lines; `-` stands for a missing line or column."""
    keys: set[Key] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        path, row, col, code = line.rsplit(":", 3)
        keys.add((path, None if row == "-" else int(row), None if col == "-" else int(col), code))
    return keys


def issue_keys(issues: Sequence[Issue]) -> set[Key]:
    """The projection of issues that fixture cases assert on."""
    return {(i.path, i.line, i.column, i.code) for i in issues}


# Whether the test being set up or run is marked slow; the engine guard below reads it.
_RUNNING_SLOW_TEST = {"slow": True}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Note the marker before any fixture of this test (module-scoped ones too) is set up."""
    _RUNNING_SLOW_TEST["slow"] = item.get_closest_marker("slow") is not None


@pytest.fixture(scope="session", autouse=True)
def _whole_site_builds_are_marked_slow() -> Iterator[None]:
    """Keep `pytest -m "not slow"` a real fast subset: a test that runs the engine is slow."""
    import mkdocs.commands.build as engine_build

    real = engine_build.build

    def guarded(*args: object, **kwargs: object) -> object:
        if not _RUNNING_SLOW_TEST["slow"]:
            raise AssertionError(
                "this test builds a whole site with the engine: mark it @pytest.mark.slow"
            )
        return real(*args, **kwargs)  # type: ignore[arg-type]

    engine_build.build = guarded  # type: ignore[assignment]
    yield
    engine_build.build = real


@pytest.fixture(autouse=True)
def _fresh_extension_cache() -> Iterator[None]:
    """site_extensions caches by path; tests rewrite mkdocs.yml, so start each test clean."""
    site_extensions.cache_clear()
    yield
    site_extensions.cache_clear()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example partnership, built (and hardened) once for the whole session."""
    from laa_publish.pipeline import build_site

    out = tmp_path_factory.mktemp("example")
    build_site(REPO, out / "site", work_dir=out / "work")
    return out / "site"


RepoFactory = Callable[..., Path]


@pytest.fixture
def minimal_repo(tmp_path: Path) -> RepoFactory:
    """Factory: a copy of the base partnership in tmp_path, with files replaced or deleted.

    `files` maps repository-relative paths to text (dedented); `delete` lists paths to remove.
    """
    counter = iter(range(1000))

    def make(files: Mapping[str, str] | None = None, delete: Sequence[str] = ()) -> Path:
        root = materialise(None, tmp_path / f"repo{next(counter)}")
        for rel, text in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        for rel in delete:
            (root / rel).unlink()
        return root

    return make


class CliResult(NamedTuple):
    """What one in-process run of the command line produced."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `laa-publish` in-process and capture its exit code and output."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse reports usage errors this way
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


AREAS: dict[str, Area] = {
    "E08000001": Area("E08000001", "Testford", "city", None, (), "2009-04-01", None),
    "E07000001": Area("E07000001", "North", "district", "E08000001", (), "2009-04-01", None),
    "E07000002": Area("E07000002", "South", "district", "E08000001", (), "2009-04-01", None),
    "E05000001": Area(
        "E05000001", "Riverside", "neighbourhood", "E07000001", (), "2009-04-01", "2024-03-31"
    ),
    "E05000009": Area(
        "E05000009", "Riverside New", "neighbourhood", "E07000001", (), "2024-04-01", None
    ),
}

_INDICATOR = Indicator(
    id="TST-01",
    title="Test indicator",
    national_indicator=None,
    outcome="CYP-1",
    partner="city-council",
    definition="d",
    source="s",
    methodology="m",
    limitations="l",
    contact_name="c",
    contact_email="c@example.org",
    unit="count",
    rate_per=None,
    decimals=1,
    polarity="higher_is_better",
    frequency="annual",
    period_type="financial_year",
    aggregation="none",
    baseline=None,
    targets=(),
    data_path="data/partners/city-council/indicators/TST-01.csv",
    source_path="data/partners/city-council/indicators/TST-01.yaml",
)


def make_indicator(**changes: object) -> Indicator:
    """A valid indicator with some fields replaced."""
    return dataclasses.replace(_INDICATOR, **changes)  # type: ignore[arg-type]


def target(period: str, value: float, tolerance: float, area: str = "E08000001") -> Target:
    """A target, city-wide by default."""
    return Target(period, value, tolerance, area)


def baseline(period: str, value: float, area: str = "E08000001") -> Baseline:
    """A baseline, city-wide by default."""
    return Baseline(period, value, area)


def csv_table(text: str, path: str = "obs.csv") -> CsvFile:
    """Load dedented CSV text, failing the test if it cannot be read."""
    table, issues = load_csv_text(textwrap.dedent(text), path)
    assert table is not None, issues
    assert issues == []
    return table


def record_calls(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str
) -> list[tuple[Any, ...]]:
    """Wrap `owner.name` so each call's positional arguments are recorded, then passed on."""
    calls: list[tuple[Any, ...]] = []
    real = getattr(owner, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls
