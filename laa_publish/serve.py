"""`laa-publish serve`: generate with the pipeline, preview with the engine, again on change."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from laa_publish.exit_codes import EXIT_INVALID, EXIT_OK
from laa_publish.pipeline import BuildRefused, generate
from laa_publish.reporters import report
from laa_publish.write.preview import preview

log = logging.getLogger(__name__)
WATCHED = ("data", "content", "site_config", "mkdocs.yml")
"""What a partner edits; the generated folder is rewritten only by the regenerate step."""


def _generated(root: Path, work: Path, refused: str) -> bool:
    """Generate the Markdown; on invalid data, report the problems and say what happens now."""
    try:
        generate(root, work)
    except BuildRefused as problems:
        report(problems.issues, "text", sys.stderr)
        log.error("%s", refused)
        return False
    return True


def regenerate(root: Path, work: Path) -> bool:
    """Regenerate after an edit; on invalid data the preview keeps the last good pages."""
    return _generated(
        root, work, "The preview still shows the last valid data: fix the problems above."
    )


def serve(root: Path, *, port: int = 8000, work_dir: Path | None = None) -> int:
    """Serve on 127.0.0.1 until interrupted; returns an exit code."""
    root = root.resolve()
    work = (work_dir or root / ".laa-build").resolve()
    if not _generated(root, work, "The preview was not started: fix the problems above first."):
        return EXIT_INVALID
    watch = [root / name for name in WATCHED if (root / name).exists()]
    preview(work / "mkdocs.yml", lambda: regenerate(root, work), watch=watch, port=port)
    return EXIT_OK
