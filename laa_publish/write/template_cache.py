"""The keys of each page's themed HTML: the hash of everything the theme's render reads.

Material's templates read the page (its converted content, table of contents, metadata,
title and place), the whole navigation (every title and address, for the menu and the
previous and next links), the settings, the theme's overrides and the build date. Those
are hashed, with the code and the engine's versions, so that a page whose key an earlier
build saw would come out of the templates byte for byte as that build wrote it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from laa_publish.write.unchanged import code_fingerprint


def _nav_lines(items: Iterable[Any], depth: int = 0) -> Iterable[str]:
    """The navigation as the menu shows it: each item's kind, title and address, in order."""
    for item in items:
        url = getattr(item, "url", None)
        yield f"{depth}\0{type(item).__name__}\0{item.title}\0{url}\n"
        yield from _nav_lines(getattr(item, "children", None) or (), depth + 1)


def _toc_lines(items: Iterable[Any], depth: int = 0) -> Iterable[str]:
    """A page's table of contents: each anchor's level, id and title, in order."""
    for item in items:
        yield f"{depth}\0{item.level}\0{item.id}\0{item.title}\n"
        yield from _toc_lines(item.children, depth + 1)


def _overrides(config: Any) -> Iterable[bytes]:
    """Every file of the theme's custom folder, by its path within it."""
    custom = config.theme.custom_dir
    if not custom:
        return
    folder = Path(custom)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes()


def site_template_digest(config: Any, nav: Any, doc_files: Iterable[Any]) -> bytes:
    """What every page's render reads in common: settings, overrides, navigation, date, code."""
    digest = hashlib.sha256(code_fingerprint().encode() + b"\0")
    digest.update(Path(config.config_file_path).read_bytes() + b"\0")
    digest.update(f"{config.site_url}\0{os.environ.get('SOURCE_DATE_EPOCH')}\0".encode())
    for part in _overrides(config):
        digest.update(hashlib.sha256(part).digest())
    homepage = nav.homepage.url if nav.homepage is not None else None
    digest.update(f"home\0{homepage}\n".encode())
    for line in _nav_lines(nav.items):
        digest.update(line.encode())
    for file in doc_files:
        title = file.page.title if file.page is not None else None
        digest.update(f"{file.src_uri}\0{file.url}\0{title}\n".encode())
    return digest.digest()


def page_template_key(site: bytes, page: Any, excluded: bool) -> str:
    """One page's key: the shared digest, then the page as the templates read it."""
    digest = hashlib.sha256(site)
    fixed = (page.file.src_uri, page.file.dest_uri, page.url, page.title, excluded)
    digest.update(repr(fixed).encode() + b"\0")
    digest.update(json.dumps(page.meta, sort_keys=True, default=repr).encode() + b"\0")
    for line in _toc_lines(page.toc):
        digest.update(line.encode())
    digest.update(b"\0" + (page.content or "").encode())
    return digest.hexdigest()
