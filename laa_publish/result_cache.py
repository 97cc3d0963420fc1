"""A folder of results kept by the hash of what they depend on: one pickled file per key.

Used wherever a build can reuse an earlier build's work unchanged: the engine's page
conversions, the hardening's page scans and each indicator's computed figures. Anything
unreadable counts as absent, and entries a build did not use are dropped, so a cache never
outgrows one site. The folder is the build's own work folder, never partner input.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SUFFIX = ".page"


class ResultCache:
    """A folder of pickled results, one file per key."""

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
            log.debug("dropping an unreadable cached result %s: %s", key, exc)
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
