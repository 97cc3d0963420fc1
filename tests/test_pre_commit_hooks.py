"""`.pre-commit-hooks.yaml`: a partner repository can run the validator as a pre-commit hook."""

from __future__ import annotations

import re
from pathlib import Path

from laa_publish.cli import build_parser
from laa_publish.load.yaml_loader import load_yaml_text

HOOKS = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"


def test_hook_parses_and_runs_an_existing_command(tmp_path: Path) -> None:
    doc, issues = load_yaml_text(HOOKS.read_text(encoding="utf-8"), HOOKS.name)
    assert doc is not None and not issues, issues
    [hook] = doc.data
    assert hook["id"] == "laa-publish-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    program, *args = hook["entry"].split()
    assert program == "laa-publish"
    assert build_parser().parse_args([*args, "--root", str(tmp_path)]).command == "validate"
    files = re.compile(hook["files"])
    assert files.search("data/partners/police/indicators/LOC-SSC-01.csv")
    assert files.search("content/outcomes/SSC-1.md")
    assert files.search("site_config/partnership.yaml")
    assert not files.search("laa_publish/cli.py")
