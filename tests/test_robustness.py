"""Property tests: whatever bytes or structures a partner commits, validation answers with issues.

The loaders and the full `check()` must never raise: a crash would give a partner a traceback
instead of a positioned problem. Examples are kept few so the suite stays fast.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, materialise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laa_publish.compute.progress import compute
from laa_publish.issues import Issue, has_errors
from laa_publish.load.csv_loader import load_csv_bytes
from laa_publish.load.history import History
from laa_publish.load.yaml_loader import load_yaml_bytes
from laa_publish.render.site import render_site
from laa_publish.validate.run import check

FAST = settings(
    max_examples=int(os.environ.get("LAA_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CHECKED = settings(
    max_examples=int(os.environ.get("LAA_FUZZ_EXAMPLES", "15")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", "2024-25", "E08000001", "NO", "1e999", "-0", "0x1F", "2024-13", "~"]),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)
yaml_specials = st.sampled_from(
    ["&a ", "*a", "!!python/object:os.system ", "<<: ", "---\n", "? ", "{", "[", "'", '"', "\t"]
)


def _assert_issues(issues: object) -> None:
    assert isinstance(issues, list)
    assert all(isinstance(issue, Issue) for issue in issues)


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


class TestLoaders:
    @FAST
    @given(st.binary(max_size=400))
    def test_yaml_loader_takes_any_bytes(self, raw: bytes) -> None:
        doc, issues = load_yaml_bytes(raw, "data/outcomes/X.yaml")
        _assert_issues(issues)
        assert (doc is None) == bool(issues)

    @FAST
    @given(structures, st.lists(st.tuples(st.integers(0, 400), yaml_specials), max_size=3))
    def test_yaml_loader_takes_any_structure_with_yaml_specials(
        self, data: Any, inserts: list[tuple[int, str]]
    ) -> None:
        text = _dump(data).decode("utf-8")
        for at, special in inserts:
            text = text[:at] + special + text[at:]
        _, issues = load_yaml_bytes(text.encode("utf-8"), "data/outcomes/X.yaml")
        _assert_issues(issues)

    @FAST
    @given(st.integers(min_value=1, max_value=3000))
    def test_deep_nesting_is_an_issue_not_a_crash(self, depth: int) -> None:
        for text in ("a: " + "[" * depth + "]" * depth, "a: " + "{b: " * depth + "}" * depth):
            _, issues = load_yaml_bytes(text.encode(), "data/outcomes/X.yaml")
            _assert_issues(issues)

    @pytest.mark.parametrize("depth", [33, 500, 900, 999])
    @pytest.mark.parametrize("style", ["flow", "block"])
    def test_deep_nesting_is_refused_with_a_position(self, depth: int, style: str) -> None:
        if style == "flow":
            text = "a: " + "[" * depth + "]" * depth
        else:
            text = (
                "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "x"
            )
        doc, issues = load_yaml_bytes(text.encode(), "data/outcomes/X.yaml")
        assert doc is None
        assert [(i.code, bool(i.line and i.column)) for i in issues] == [("yaml-syntax", True)]

    @FAST
    @given(st.binary(max_size=400))
    def test_csv_loader_takes_any_bytes(self, raw: bytes) -> None:
        table, issues = load_csv_bytes(raw, "data/partners/p/indicators/X.csv")
        _assert_issues(issues)
        assert (table is None) == bool(issues)

    @FAST
    @given(st.lists(st.lists(st.text(max_size=8), max_size=6), max_size=8))
    def test_csv_loader_takes_any_table(self, rows: list[list[str]]) -> None:
        table, issues = load_csv_bytes(_csv(rows), "data/partners/p/indicators/X.csv")
        _assert_issues(issues)
        if table is not None:
            assert len(table.frame) == len(table.lines)


# The files of the base partnership a fuzzed copy replaces, one at a time.
YAML_FILES = [
    "site_config/partnership.yaml",
    "data/registers/partners.yaml",
    "data/registers/areas.yaml",
    "data/outcomes/CYP-1.yaml",
    "data/partners/city-council/indicators/NI-116.yaml",
    "data/partners/police/benefits.yaml",
    "data/partners/police/budgets.yaml",
    "data/partners/police/framework.yaml",
]
CSV_FILE = "data/partners/city-council/indicators/NI-116.csv"
EXTRA = FIXTURES / "valid" / "partnership-files"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the base partnership (with budgets, benefits and frameworks) for all examples."""
    root = materialise(EXTRA, tmp_path_factory.mktemp("fuzz") / "repo")
    yield root
    shutil.rmtree(root)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node in parsed YAML, the root included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replace(copy[head], tuple(rest), value)
    return copy


def _check_never_raises(root: Path, rel: str, content: bytes) -> None:
    """Swap one file for `content`, run every check, and render when it is valid."""
    target = root / rel
    original = target.read_bytes()
    try:
        target.write_bytes(content)
        result = check(root)
        _assert_issues(result.issues)
        if result.partnership is not None and not has_errors(result.issues):
            render_site(result.partnership, compute(result.partnership), History())
    finally:
        target.write_bytes(original)


class TestWholeCheck:
    @CHECKED
    @given(st.sampled_from(YAML_FILES), st.data())
    def test_a_mutated_yaml_file_gives_issues(self, repo: Path, rel: str, data: Any) -> None:
        parsed = yaml.safe_load((repo / rel).read_text(encoding="utf-8"))
        path = data.draw(st.sampled_from(_paths(parsed)), label="path")
        value = data.draw(structures, label="value")
        _check_never_raises(repo, rel, _dump(_replace(parsed, path, value)))

    @CHECKED
    @given(st.sampled_from(YAML_FILES), st.binary(max_size=300))
    def test_arbitrary_bytes_in_a_yaml_file_give_issues(
        self, repo: Path, rel: str, raw: bytes
    ) -> None:
        _check_never_raises(repo, rel, raw)

    @CHECKED
    @given(st.data())
    def test_a_mutated_csv_gives_issues(self, repo: Path, data: Any) -> None:
        rows = list(csv.reader(io.StringIO((repo / CSV_FILE).read_text(encoding="utf-8"))))
        cells = st.one_of(
            st.text(max_size=10),
            st.sampled_from(["", "nan", "inf", "-inf", "1e308", "1e-320", "0", "-1", "9" * 40]),
            st.sampled_from(["final", "provisional", "suppressed", "not_available", "E99999999"]),
        )
        for _ in range(data.draw(st.integers(1, 6), label="edits")):
            row = data.draw(st.integers(0, len(rows) - 1), label="row")
            col = data.draw(st.integers(0, len(rows[row])), label="column")
            value = data.draw(cells, label="cell")
            if col == len(rows[row]):
                rows[row].append(value)
            else:
                rows[row][col] = value
        _check_never_raises(repo, CSV_FILE, _csv(rows))

    @CHECKED
    @given(st.text(max_size=300))
    def test_any_narrative_text_gives_issues(self, repo: Path, text: str) -> None:
        _check_never_raises(repo, "content/outcomes/CYP-1.md", text.encode("utf-8", "replace"))
