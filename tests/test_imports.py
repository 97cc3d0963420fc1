"""The import graph follows the pipeline: no cycles, and no stage imports a later one.

Every import counts, also those inside functions and under TYPE_CHECKING: a lazy import is
still a dependency, and a lazy cycle still couples two modules both ways.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "laa_publish"
PACKAGE = PACKAGE_DIR.name

# The stages in the order the data flows, each with the modules and packages in it. A module
# may import from its own stage and from earlier ones, never from a later one.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",  # shared by every stage: problem records, reporters, workers, exit codes
        (
            "laa_publish",
            "laa_publish.exit_codes",
            "laa_publish.frames",
            # the boundaries file's name and size rule, and the geometry the importer and the
            # example generator share: read by the loader and the validator alike
            "laa_publish.geo",
            "laa_publish.issues",
            "laa_publish.parallel",
            "laa_publish.reporters",
            # results kept between builds: computed figures, converted pages, page scans
            "laa_publish.result_cache",
        ),
    ),
    ("load", ("laa_publish.load",)),
    ("model", ("laa_publish.model",)),  # built from the documents that passed their schema
    ("validate", ("laa_publish.validate",)),  # cross-file checks run on the model
    ("catalogue", ("laa_publish.catalogue",)),  # runs its examples through the validator
    ("compute", ("laa_publish.compute",)),
    ("render", ("laa_publish.render",)),
    ("write", ("laa_publish.write",)),
    ("pipeline", ("laa_publish.pipeline",)),
    (
        "commands",
        (
            "laa_publish.geo.importer",
            "laa_publish.opensdg",  # import opensdg: writes a partnership, then validates it
            "laa_publish.ownership",
            "laa_publish.scaffold",
            "laa_publish.serve",
        ),
    ),
    ("command line", ("laa_publish.cli", "laa_publish.__main__")),
)


@dataclass(frozen=True, slots=True)
class Import:
    """One import statement's target, where it was written."""

    source: str
    target: str
    line: int

    def where(self) -> str:
        return f"{self.source} line {self.line}: imports {self.target}"


def module_name(path: Path, package_dir: Path) -> str:
    """laa_publish/write/engine.py -> laa_publish.write.engine; a package's __init__ -> it."""
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_files(package_dir: Path) -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    files = sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)
    return {module_name(path, package_dir): path for path in files}


def _absolute(node: ast.ImportFrom, source: str, is_package: bool) -> str:
    """The module a `from ... import` reads from, with relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    base = source.split(".") if is_package else source.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(source: str, path: Path, modules: Iterable[str]) -> list[Import]:
    """Every import of one of `modules` anywhere in the file, top level or inside functions."""
    known = set(modules)
    root = source.split(".")[0]
    found: list[Import] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, source, path.name == "__init__.py")
            # `from pkg import name` imports the submodule pkg.name when there is one
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target not in known and target.startswith(root + "."):
                target = target.rpartition(".")[0]  # `import a.b.c` of a non-module name
            if target in known and target != source:
                found.append(Import(source, target, node.lineno))
    return sorted(set(found), key=lambda i: (i.line, i.target))


def import_graph(package_dir: Path) -> dict[str, list[Import]]:
    """Each module of the package, with its imports of the package's own modules."""
    files = module_files(package_dir)
    return {name: imports_of(name, path, files) for name, path in files.items()}


def _holds(member: str, module: str) -> bool:
    """Whether a stage table entry covers a module: itself, or a package above it."""
    if module == member:
        return True
    return "." in member and module.startswith(member + ".")  # the top package: only itself


def stage_of(module: str, stages: Sequence[tuple[str, Sequence[str]]]) -> int | None:
    """The index of the stage holding a module; the most specific entry wins."""
    matches = [
        (len(member), index)
        for index, (_, members) in enumerate(stages)
        for member in members
        if _holds(member, module)
    ]
    return max(matches)[1] if matches else None


def unplaced(graph: Mapping[str, object], stages: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Modules the stage table does not place, so no rule covers them."""
    return [module for module in sorted(graph) if stage_of(module, stages) is None]


def backward_imports(
    graph: Mapping[str, list[Import]], stages: Sequence[tuple[str, Sequence[str]]]
) -> list[str]:
    """Every import from an earlier stage into a later one, as a readable line."""
    problems = []
    for module in sorted(graph):
        own = stage_of(module, stages)
        for found in graph[module]:
            theirs = stage_of(found.target, stages)
            if own is not None and theirs is not None and theirs > own:
                problems.append(
                    f"{found.where()}, but stage {stages[own][0]!r} comes before "
                    f"stage {stages[theirs][0]!r}"
                )
    return problems


def cycles(graph: Mapping[str, list[Import]]) -> list[str]:
    """Each import cycle once, as the chain of imports that closes it (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for found in graph.get(module, []):
            if found.target not in index:
                visit(found.target)
                low[module] = min(low[module], low[found.target])
            elif found.target in on_stack:
                low[module] = min(low[module], index[found.target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [_cycle_text(graph, component) for component in sorted(components)]


def _cycle_text(graph: Mapping[str, list[Import]], component: list[str]) -> str:
    """One cycle through a strongly connected group, starting at its first module."""
    members = set(component)
    path, seen = [component[0]], {component[0]}
    steps: list[Import] = []
    while True:
        step = next(i for i in graph[path[-1]] if i.target in members)
        closing = [i for i in graph[path[-1]] if i.target == path[0]]
        if closing and len(path) > 1:
            steps.append(closing[0])
            break
        steps.append(step)
        if step.target in seen:
            break
        path.append(step.target)
        seen.add(step.target)
    return "import cycle: " + "; ".join(s.where() for s in steps)


# ---------------------------------------------------------------------------------------------
# The package itself
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> dict[str, list[Import]]:
    return import_graph(PACKAGE_DIR)


def test_every_module_has_a_stage(graph: dict[str, list[Import]]) -> None:
    assert unplaced(graph, STAGES) == [], "add these modules to STAGES in tests/test_imports.py"


def test_no_stage_imports_a_later_one(graph: dict[str, list[Import]]) -> None:
    assert backward_imports(graph, STAGES) == []


def test_the_package_has_no_import_cycle(graph: dict[str, list[Import]]) -> None:
    assert cycles(graph) == []


def test_stage_table_names_only_real_modules(graph: dict[str, list[Import]]) -> None:
    named = [member for _, members in STAGES for member in members]
    assert sorted(set(named)) == sorted(named), "a module is listed twice"
    assert [m for m in named if m not in graph] == []


# ---------------------------------------------------------------------------------------------
# The checks themselves, on a small package written for them
# ---------------------------------------------------------------------------------------------

TOY_STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("toy", "toy.common")),
    ("early", ("toy.early",)),
    ("late", ("toy.late", "toy.cli")),
)


def _toy(tmp_path: Path, files: Mapping[str, str]) -> dict[str, list[Import]]:
    package = tmp_path / "toy"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return import_graph(package)


def test_a_lazy_import_into_a_later_stage_is_named(tmp_path: Path) -> None:
    graph = _toy(
        tmp_path,
        {
            "common.py": "X = 1\n",
            "early/__init__.py": "",
            "early/step.py": """\
                from toy.common import X


                def run() -> None:
                    from toy.late.show import show
                    show(X)
                """,
            "late/__init__.py": "",
            "late/show.py": "from toy.early import step\n",
            "cli.py": "",
        },
    )
    assert backward_imports(graph, TOY_STAGES) == [
        "toy.early.step line 5: imports toy.late.show, but stage 'early' comes before stage 'late'"
    ]
    assert cycles(graph) == [
        "import cycle: toy.early.step line 5: imports toy.late.show; "
        "toy.late.show line 1: imports toy.early.step"
    ]


def test_a_cycle_inside_one_stage_and_a_relative_import_are_found(tmp_path: Path) -> None:
    graph = _toy(
        tmp_path,
        {
            "common.py": "from . import cli\n",
            "cli.py": "import toy.common as c\n",
            "early/__init__.py": "",
            "early/a.py": "from .b import B\nA = 1\n",
            "early/b.py": "def f():\n    from toy.early.a import A\nB = 2\n",
        },
    )
    assert backward_imports(graph, TOY_STAGES) == [
        "toy.common line 1: imports toy.cli, but stage 'base' comes before stage 'late'"
    ]
    assert cycles(graph) == [
        "import cycle: toy.cli line 1: imports toy.common; toy.common line 1: imports toy.cli",
        "import cycle: toy.early.a line 1: imports toy.early.b; "
        "toy.early.b line 2: imports toy.early.a",
    ]


def test_a_module_outside_the_table_is_reported(tmp_path: Path) -> None:
    graph = _toy(tmp_path, {"common.py": "", "extra.py": "", "early/__init__.py": ""})
    assert unplaced(graph, TOY_STAGES) == ["toy.extra"]
