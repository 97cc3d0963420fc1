"""Golden snapshots of the generated Markdown and chart specs for the base fixture.

After an intended change, regenerate with LAA_UPDATE_GOLDENS=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.compute.progress import compute
from laa_publish.load.history import History
from laa_publish.render.site import render_site
from laa_publish.validate.run import check

GOLDEN = Path(__file__).resolve().parent / "golden" / "base"
UPDATE = os.environ.get("LAA_UPDATE_GOLDENS") == "1"


def _generated(tmp_path: Path) -> dict[str, str]:
    root = materialise(None, tmp_path / "repo")
    result = check(root)
    assert result.partnership is not None, result.issues
    rendered = render_site(result.partnership, compute(result.partnership), History())
    files = {f"pages/{path}": text for path, text in rendered.files.items()}
    for job in rendered.charts:
        name = job.path.removeprefix("charts/").removesuffix(".svg")
        files[f"charts/{name}.vl.json"] = json.dumps(job.spec, indent=2, sort_keys=True) + "\n"
    files["nav.json"] = json.dumps(rendered.nav, indent=2) + "\n"
    return files


def test_generated_files_match_goldens(tmp_path: Path) -> None:
    files = _generated(tmp_path)
    if UPDATE:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, text in files.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        pytest.skip("goldens updated")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(files) == sorted(expected), "a generated file was added or removed"
    for path in sorted(files):
        assert files[path] == expected[path], f"{path} differs from its golden copy"


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    assert _generated(tmp_path / "a") == _generated(tmp_path / "b")
