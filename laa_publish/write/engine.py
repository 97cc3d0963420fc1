"""Run the static-site engine (Material for MkDocs) on the generated folder."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from laa_publish.write.engine_anchors import quick_anchor_ids
from laa_publish.write.engine_pages import pages_on_every_core
from laa_publish.write.engine_templates import templates_on_every_core
from laa_publish.write.raw_blocks import raw_blocks_set_aside

log = logging.getLogger(__name__)


class EngineFailed(Exception):
    """The engine refused the generated Markdown (for example a broken link in strict mode)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def source_date_epoch(timestamp: int | None) -> Iterator[None]:
    """Pin the engine's notion of 'now' to the commit time, for byte-identical output."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if timestamp is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(timestamp)
    elif previous is None:
        os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def templated(cache_dir: Path) -> Path:
    """Where the pages' themed HTML is kept, beside their conversions in `cache_dir`."""
    return cache_dir.with_name(f"{cache_dir.name}-templated")


@contextmanager
def on_every_core(config: Any, cache_dir: Path | None = None) -> Iterator[None]:
    """Within this block MkDocs builds as it would, faster: raw blocks set aside, pages
    converted and templates rendered on every core, conversions kept in `cache_dir`."""
    with (
        raw_blocks_set_aside(config),
        pages_on_every_core(config, cache_dir),
        templates_on_every_core(config, templated(cache_dir) if cache_dir else None),
    ):
        yield


def run_mkdocs(
    config_file: Path, site_dir: Path, timestamp: int | None, cache_dir: Path | None = None
) -> None:
    """Build with MkDocs in strict mode; any engine warning fails the build.

    `cache_dir` keeps each page's conversion for the next build (see `page_cache`).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(collector)
    try:
        with source_date_epoch(timestamp):
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            with quick_anchor_ids(), on_every_core(config, cache_dir):
                build(config)
    except MkDocsException as exc:
        detail = "; ".join(collector.messages) or str(exc)
        raise EngineFailed(f"The site engine failed: {detail}") from exc
    finally:
        mk_log.removeHandler(collector)
