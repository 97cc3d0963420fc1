"""Write generated files only when their bytes change, and remove files no longer generated."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path


def sync_tree(target: Path, files: Mapping[str, bytes]) -> int:
    """Make `target` hold exactly `files`; untouched files keep their mtime. Returns writes."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, data in files.items():
        path = target / rel
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written += 1
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace `output` with `staging` so readers never see a half-written site."""
    output.parent.mkdir(parents=True, exist_ok=True)
    backup = output.with_name(f".{output.name}.previous")
    if backup.exists():
        shutil.rmtree(backup)
    if output.exists():
        output.rename(backup)
    try:
        staging.rename(output)
    except OSError:
        if backup.exists():
            backup.rename(output)
        raise
    if backup.exists():
        shutil.rmtree(backup)
