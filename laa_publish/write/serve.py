"""Local preview: generate, then let MkDocs serve with reload, regenerating on data changes."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import yaml

from laa_publish.pipeline import BuildRefused, generate
from laa_publish.reporters import report

log = logging.getLogger(__name__)
HOOK = Path(__file__).resolve().parent / "serve_hook.py"
WATCHED = ("data", "content", "site_config", "mkdocs.yml")


def regenerate(root: Path, work: Path) -> bool:
    """Regenerate the Markdown; on invalid data, report and keep the last good pages."""
    try:
        generate(root, work)
    except BuildRefused as refused:
        report(refused.issues, "text", sys.stderr)
        log.error("The preview still shows the last valid data: fix the problems above.")
        return False
    return True


def serve(root: Path, *, port: int = 8000, work_dir: Path | None = None) -> int:
    """Serve on 127.0.0.1 until interrupted; returns an exit code."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    work = (work_dir or root / ".laa-build").resolve()
    if not regenerate(root, work):
        return 1
    config_path = work / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [str(HOOK)]
    serve_config = work / "mkdocs.serve.yml"
    serve_config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    os.environ["LAA_PUBLISH_ROOT"] = str(root.resolve())
    os.environ["LAA_PUBLISH_WORK"] = str(work)
    watch = [str(root / name) for name in WATCHED if (root / name).exists()]
    log.info("Serving the preview on http://127.0.0.1:%d/ (Ctrl+C to stop)", port)
    mkdocs_serve(
        config_file=str(serve_config),
        livereload=True,
        watch=watch,
        dev_addr=f"127.0.0.1:{port}",
    )
    return 0
