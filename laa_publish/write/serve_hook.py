"""MkDocs hook used only by `laa-publish serve`: regenerate pages before each rebuild."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def on_pre_build(config: Any) -> None:
    """Re-run validation and rendering so edits to data show up in the preview."""
    from laa_publish.write.serve import regenerate

    root, work = os.environ.get("LAA_PUBLISH_ROOT"), os.environ.get("LAA_PUBLISH_WORK")
    if root and work:
        regenerate(Path(root), Path(work))
