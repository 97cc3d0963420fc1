"""The error catalogue lists exactly the codes the code can emit, and its examples really work."""

from __future__ import annotations

import ast
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from laa_publish.catalogue import Entry, Example, codes, entries, entry
from laa_publish.catalogue.examples import SANDBOX, apply_example
from laa_publish.issues import Issue, Severity
from laa_publish.validate.run import check

PACKAGE = Path(__file__).resolve().parent.parent / "laa_publish"

# Every way an Issue comes into being: the callable's name, the position of its code argument,
# the position of its severity argument (None when the callable fixes it) and its default.
EMITTERS: dict[str, tuple[int, int | None, Severity | None]] = {
    "error": (0, None, Severity.ERROR),
    "warning": (0, None, Severity.WARNING),
    "unknown": (0, None, Severity.ERROR),
    "YamlRefused": (0, None, Severity.ERROR),
    "Issue": (0, 1, None),
    "flag": (2, 5, Severity.ERROR),  # _Checker.flag(mask, column, code, message, hint, severity)
    "_located": (1, None, Severity.ERROR),  # validate/boundaries.py: an error at a JSON path
}
ATTRIBUTE_EMITTERS = frozenset({"flag"})  # called as c.flag(...); log.error(...) is not an emitter

# The only places a code may be passed on as a variable: wrappers whose own callers are scanned.
PASS_THROUGH = frozenset(
    {
        ("issues.py", "error", "code"),
        ("issues.py", "warning", "code"),
        ("validate/references.py", "unknown", "code"),
        ("validate/observations.py", "flag", "code"),
        ("validate/boundaries.py", "_located", "code"),
        ("load/yaml_loader.py", "load_yaml_text", "refused.code"),
        # replays the issues an identical earlier build reported, codes and all
        ("write/unchanged.py", "previous_build", "item['code']"),
        # reads back the validator's messages for the catalogue's examples from the cache
        ("catalogue/examples.py", "_issue", "str(data['code'])"),
    }
)
SEVERITY_PASS_THROUGH = frozenset({("validate/observations.py", "flag", "severity")})

# Codes whose examples cannot be run on the sandbox, and why.
EXEMPT = {
    "ownership-violation": "reported by check-ownership on a git range, not by validate; "
    "tests/test_check_ownership.py covers it",
    "codeowners-outdated": "reported by codeowners --check, not by validate; "
    "tests/test_codeowners.py covers it",
    "file-too-large": "needs a YAML file over 2 MB or a CSV file over 256 MB; "
    "tests/test_load_yaml.py checks the size cap",
    "file-unreadable": "needs a file its reader may not open, but the tests may run as root, "
    "who can open any file",
    "schema-invalid": "the fallback for JSON Schema keywords that the shipped schemas do not "
    "use, so no data file can reach it",
    "revision-no-reason": "compares a file with an earlier release read from git, but the "
    "sandbox is not a git repository; tests/test_revisions.py covers it",
    "boundary-too-large": "needs a boundaries file over its size budget (50 KB and 5 KB an "
    "area); tests/test_boundaries.py checks the cap",
    "release-commit": "checks a release's commit against the git history, which the sandbox "
    "lacks; tests/test_revisions.py covers it",
}

# Codes a wrong example may bring along, because the validator really reports them together.
CASCADES = {
    "file-symlink": {"data-missing"},  # the indicator's CSV is the refused link
    "schema-duplicate-item": {"unknown-outcome"},  # an outcome that fails its schema is unknown
    "unknown-outcome": {"outcome-no-indicators"},  # the outcome the indicator left behind
    "id-mismatch": {"data-missing", "file-unexpected"},  # the CSV is looked up by the new id
    "comparator-area-code": {"comparator-no-values"},  # the file has no rows for the new id
    # the area whose feature is broken, mistyped or taken is left without a boundary
    "boundary-format": {"boundary-missing-area"},
    "boundary-unknown-area": {"boundary-missing-area"},
    "boundary-duplicate-area": {"boundary-missing-area"},
}


@dataclass
class Scan:
    """Codes and severities found in the package, and calls whose code could not be read."""

    severities: dict[str, set[Severity]] = field(default_factory=lambda: defaultdict(set))
    hidden: list[str] = field(default_factory=list)
    pass_through_used: set[tuple[str, str, str]] = field(default_factory=set)


def _literals(node: ast.expr, local: dict[str, list[ast.expr]]) -> list[str] | None:
    """The string constants an argument can evaluate to, or None if it is not that simple.

    A constant, a conditional between constants, or a local name that is only ever assigned
    such values in the same function (and is not one of its parameters).
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body, local), _literals(node.orelse, local)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Name) and local.get(node.id):
        values = [_literals(value, {}) for value in local[node.id]]
        if all(v is not None for v in values):
            return [text for v in values if v is not None for text in v]
    return None


def _assignments(function: ast.FunctionDef) -> dict[str, list[ast.expr]]:
    """Simple `name = value` assignments in a function; parameters are never resolved."""
    found: dict[str, list[ast.expr]] = defaultdict(list)
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id].append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr, ast.For)):
            target = node.target
            if isinstance(target, ast.Name):
                found[target.id].append(ast.Name("<not literal>"))
    args = function.args
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
        if arg is not None:
            found.pop(arg.arg, None)
    return found


def _argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _severity(node: ast.expr | None, default: Severity | None) -> Severity | str | None:
    if node is None:
        return default
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Severity"
    ):
        return Severity[node.attr]
    return ast.unparse(node)


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, scan: Scan) -> None:
        self.module = module
        self.scan = scan
        self.functions: list[str] = []
        self.locals: list[dict[str, list[ast.expr]]] = [{}]

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.locals.append(_assignments(node))
        self.generic_visit(node)
        self.locals.pop()
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _where(self, node: ast.AST) -> str:
        return f"{self.module}:{getattr(node, 'lineno', '?')}"

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute) and func.attr in ATTRIBUTE_EMITTERS:
            name = func.attr
        else:
            if any(k.arg == "code" for k in node.keywords) and ast.unparse(func).endswith(
                "replace"
            ):
                self.scan.hidden.append(f"{self._where(node)}: replace(..., code=...)")
            return
        if name not in EMITTERS:
            return
        code_at, severity_at, default = EMITTERS[name]
        code_arg = _argument(node, code_at, "code")
        function = self.functions[-1] if self.functions else "<module>"
        if code_arg is None:
            self.scan.hidden.append(f"{self._where(node)}: {name}() without a code")
            return
        found = _literals(code_arg, self.locals[-1])
        if found is None:
            key = (self.module, function, ast.unparse(code_arg))
            if key in PASS_THROUGH:
                self.scan.pass_through_used.add(key)
            else:
                self.scan.hidden.append(
                    f"{self._where(node)}: {name}({ast.unparse(code_arg)}, …) in {function}()"
                )
            return
        severity_arg = _argument(node, severity_at, "severity") if severity_at is not None else None
        severity = _severity(severity_arg, default)
        if not isinstance(severity, Severity):
            if (self.module, function, str(severity)) not in SEVERITY_PASS_THROUGH:
                self.scan.hidden.append(f"{self._where(node)}: severity {severity} is not literal")
            return
        for code in found:
            self.scan.severities[code].add(severity)


def scan_package() -> Scan:
    """Read every module of the package and collect the problem codes it can emit."""
    scan = Scan()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        _Visitor(module, scan).visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return scan


@pytest.fixture(scope="module")
def scan() -> Scan:
    return scan_package()


def test_every_issue_code_in_the_code_is_a_literal(scan: Scan) -> None:
    assert scan.hidden == [], (
        "A problem code is passed as a variable, so the catalogue test cannot see it. Pass the "
        "code as a string literal, or register a new wrapper in PASS_THROUGH."
    )
    assert scan.pass_through_used == PASS_THROUGH, "PASS_THROUGH names a wrapper that is gone"


def test_catalogue_lists_exactly_the_emitted_codes(scan: Scan) -> None:
    emitted = set(scan.severities)
    assert sorted(emitted - codes()) == [], "codes the code emits but the catalogue lacks"
    assert sorted(codes() - emitted) == [], "codes the catalogue lists but nothing emits"


def test_catalogue_severities_match_the_code(scan: Scan) -> None:
    both = {Severity.ERROR, Severity.WARNING}
    wrong = {
        e.code: sorted(scan.severities[e.code])
        for e in entries()
        if scan.severities[e.code] != (both if e.warning_when else {e.severity})
        or (e.warning_when and e.severity is not Severity.ERROR)
    }
    assert wrong == {}, "severity differs from the code's; use warning_when for mixed codes"


def test_catalogue_entries_are_complete() -> None:
    for item in entries():
        assert item.title[0].isupper() and not item.title.endswith("."), item.code
        assert item.meaning.endswith(".") and item.fix.endswith("."), item.code
        assert "`" not in item.meaning + item.fix + item.title, item.code
    assert entry("csv-not-number").common


def test_sandbox_is_valid() -> None:
    assert check(SANDBOX).issues == []


def test_exemptions_are_catalogued_and_only_illustrate() -> None:
    assert set(EXEMPT) <= codes()
    assert set(CASCADES) <= codes() - set(EXEMPT)
    for code in EXEMPT:
        item = entry(code)
        assert (item.wrong.action, item.right.action) == ("show", "show"), code
        assert not item.common, code


def _runnable() -> list[Entry]:
    return [e for e in entries() if e.code not in EXEMPT]


def test_most_codes_have_executable_examples() -> None:
    assert len(_runnable()) >= 0.9 * len(entries())


class Workspace:
    """One copy of the sandbox shared by the examples; each run puts back the file it changed.

    The same apply_example and check that the Partner guide uses, without a fresh copy per run.
    """

    def __init__(self, root: Path) -> None:
        shutil.copytree(SANDBOX, root, ignore=shutil.ignore_patterns("README.md"))
        self.root = root

    def run(self, example: Example) -> list[Issue]:
        try:
            apply_example(example, self.root)
            return check(self.root).issues
        finally:
            target, original = self.root / example.file, SANDBOX / example.file
            target.unlink(missing_ok=True)
            if original.is_file():
                shutil.copyfile(original, target)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("catalogue") / "repo")


def _unchanged(example: Example) -> bool:
    """True when applying the example leaves the sandbox as it is (already known to be clean)."""
    if example.action == "show":
        return True
    if example.action == "edit":
        return example.text == example.replaces
    original = SANDBOX / example.file
    return (
        example.action == "write"
        and original.is_file()
        and original.read_bytes() == example.text.encode(example.encoding)
    )


@pytest.mark.parametrize("item", _runnable(), ids=lambda e: e.code)
def test_wrong_example_emits_its_code(item: Entry, workspace: Workspace) -> None:
    issues = workspace.run(item.wrong)
    found = {(i.code, i.severity) for i in issues}
    assert (item.code, item.severity) in found, [i.to_dict() for i in issues]
    extra = {i.code for i in issues} - {item.code} - CASCADES.get(item.code, set())
    assert extra == set(), [i.to_dict() for i in issues]


@pytest.mark.parametrize(
    "item", [e for e in _runnable() if not _unchanged(e.right)], ids=lambda e: e.code
)
def test_right_example_is_clean(item: Entry, workspace: Workspace) -> None:
    issues = workspace.run(item.right)
    assert issues == [], [i.to_dict() for i in issues]


def test_workspace_is_restored_after_each_example(workspace: Workspace) -> None:
    workspace.run(entry("file-symlink").wrong)
    workspace.run(entry("file-missing").wrong)
    assert check(workspace.root).issues == []
