"""The Partner guide's examples are validated once and cached, never served stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import materialise
from test_imports import import_graph, module_files

from laa_publish.catalogue import entries
from laa_publish.catalogue import examples as examples_module
from laa_publish.catalogue.examples import (
    CACHE_FILE,
    PACKAGE,
    VALIDATOR_SOURCES,
    common_examples,
    compute_common_examples,
    inputs_key,
    run_example,
)
from laa_publish.pipeline import generate

GOLDEN_GUIDE = Path(__file__).resolve().parent / "golden" / "base" / "pages" / "for-partners"


def _refuse_to_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any validation of a sandbox copy fail the test: the cache must answer instead."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the sandbox was validated although the cache was current")

    monkeypatch.setattr(examples_module, "check", refuse)


@pytest.fixture(scope="module")
def fresh() -> dict[str, tuple[object, ...]]:
    return dict(compute_common_examples())


def test_every_common_entry_is_computed_with_the_real_validator(
    fresh: dict[str, tuple[object, ...]],
) -> None:
    common = [e for e in entries() if e.common]
    assert list(fresh) == [e.code for e in common]
    for item in common:
        assert fresh[item.code] == tuple(run_example(item.wrong))
        assert item.code in {issue.code for issue in run_example(item.wrong)}


def test_cache_is_written_then_reused_without_validating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: dict[str, tuple[object, ...]]
) -> None:
    first = common_examples(tmp_path)
    assert dict(first) == fresh
    saved = json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))
    assert saved["key"] == inputs_key()
    _refuse_to_validate(monkeypatch)
    assert dict(common_examples(tmp_path)) == fresh


@pytest.mark.parametrize(
    "text",
    [
        "not json at all",
        '{"key": "0"}',
        "[]",
        None,  # the right key, but damaged records
    ],
    ids=["garbage", "stale-key", "wrong-shape", "damaged-records"],
)
def test_stale_or_damaged_cache_is_recomputed(
    tmp_path: Path, fresh: dict[str, tuple[object, ...]], text: str | None
) -> None:
    damaged = {"key": inputs_key(), "examples": {"csv-not-number": [{"code": "x", "line": "2"}]}}
    (tmp_path / CACHE_FILE).write_text(text or json.dumps(damaged), encoding="utf-8")
    assert dict(common_examples(tmp_path)) == fresh
    assert json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))["key"] == inputs_key()


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's sources copied, so a test may change one input and watch the key."""
    copy = tmp_path_factory.mktemp("package") / "laa_publish"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize(
    ("changed", "matters"),
    [
        ("catalogue/errors.yaml", True),
        ("catalogue/sandbox/data/partners/police/indicators/LOC-SSC-01.csv", True),
        ("validate/run.py", True),
        ("model/entities.py", True),
        ("load/csv_loader.py", True),
        ("schemas/indicator.schema.json", True),
        ("issues.py", True),
        ("render/pages/partner_guide.py", False),  # how the guide shows them, not what they say
        ("write/engine.py", False),
    ],
)
def test_key_follows_exactly_the_examples_inputs(
    package_copy: Path, changed: str, matters: bool
) -> None:
    before = inputs_key(package_copy)
    assert before == inputs_key(PACKAGE)
    target = package_copy / changed
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n")
        assert (inputs_key(package_copy) != before) is matters
    finally:
        target.write_bytes(original)
    assert inputs_key(package_copy) == before


def test_validator_sources_hold_everything_the_validator_imports() -> None:
    """VALIDATOR_SOURCES must cover every module the examples' output can come from."""
    graph = import_graph(PACKAGE)
    files = module_files(PACKAGE)
    reached, todo = set(), ["laa_publish.catalogue.examples"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(found.target for found in graph[module])
    outside = [
        module
        for module in sorted(reached)
        if files[module].relative_to(PACKAGE).parts[0] not in VALIDATOR_SOURCES
        and module != "laa_publish"
    ]
    assert outside == [], "add them to VALIDATOR_SOURCES in laa_publish/catalogue/examples.py"
    assert "laa_publish.validate.run" in reached  # the walk really followed the validator


def test_a_build_reuses_the_cache_and_the_guide_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = materialise(None, tmp_path / "repo")
    generate(root, tmp_path / "first")
    cache = tmp_path / "first" / "cache" / "catalogue" / CACHE_FILE
    assert cache.is_file()
    shutil.copytree(tmp_path / "first" / "cache", tmp_path / "second" / "cache")
    _refuse_to_validate(monkeypatch)
    generate(root, tmp_path / "second")
    for work in ("first", "second"):
        guide = tmp_path / work / "docs" / "for-partners" / "guide.md"
        assert guide.read_bytes() == (GOLDEN_GUIDE / "guide.md").read_bytes(), work
