"""Remember each page's conversion by the hash of what it depends on, so an edit converts few.

Converting a page's Markdown to HTML (and indexing it for search) is most of the engine's
time, and it depends only on the page's own source, the engine settings, the set of files
its links may point to, and the code that runs. Those are hashed into the page's key; a
build takes the result of every page whose key it has seen and converts only the rest.
Anything unreadable in the cache counts as absent, and entries no build used are dropped,
so the cache never outgrows one site.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from laa_publish.write.unchanged import code_fingerprint

log = logging.getLogger(__name__)
SUFFIX = ".page"


def context_key(config_bytes: bytes, files: Iterable[tuple[str, str]]) -> str:
    """What every page's conversion shares: settings, the files links resolve to, the code."""
    digest = hashlib.sha256(code_fingerprint().encode() + b"\0" + config_bytes + b"\0")
    for src_uri, url in sorted(files):
        digest.update(f"{src_uri}\0{url}\n".encode())
    return digest.hexdigest()


def page_key(context: str, src_uri: str, source: bytes) -> str:
    """One page's key: the shared context, where the page is, and its source."""
    digest = hashlib.sha256(f"{context}\0{src_uri}\0".encode())
    digest.update(source)
    return digest.hexdigest()


class PageCache:
    """A folder of pickled page results, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str) -> Any | None:
        """The stored result for `key`, or None when absent or unreadable."""
        self.used.add(key)
        try:
            return pickle.loads(self._path(key).read_bytes())  # our own work folder, not input
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a damaged entry is only a miss
            log.debug("dropping an unreadable cached page %s: %s", key, exc)
            self._path(key).unlink(missing_ok=True)
            return None

    def put(self, key: str, value: Any) -> None:
        """Store a result, written whole or not at all."""
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(name, self._path(key))

    def prune(self) -> int:
        """Drop every entry this build did not use; how many were dropped."""
        if not self.folder.is_dir():
            return 0
        dropped = 0
        for path in self.folder.iterdir():
            if path.name.removesuffix(SUFFIX) not in self.used or not path.name.endswith(SUFFIX):
                path.unlink(missing_ok=True)
                dropped += 1
        return dropped
