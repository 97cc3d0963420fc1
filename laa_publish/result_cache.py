"""A folder of results kept by the hash of what they depend on: one pickled file per key.

Used wherever a build can reuse an earlier build's work unchanged: each indicator's checked
table, computed figures, rendered files and area-page rows; each content file's checks; the
downloads' compressed copies; the engine's page conversions and themed pages; and the
hardening's page scans. Anything
unreadable counts as absent, and entries a build did not use are dropped, so a cache never
outgrows one site. The folder is the build's own work folder, never partner input.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
SUFFIX = ".page"
T = TypeVar("T")


class ResultCache:
    """A folder of pickled results, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def holds(self, key: str) -> bool:
        """Whether an entry is stored for `key` (readable or not: `get` tells)."""
        return self._path(key).is_file()

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

    def made(self, key: str, make: Callable[[], T], kind: type[T]) -> T:
        """The stored result for `key` when it is a `kind`; otherwise `make()`, then stored."""
        found = self.get(key)
        if isinstance(found, kind):
            return found
        value = make()
        self.put(key, value)
        return value

    def mark_used(self, keys: Iterable[str]) -> None:
        """Keep entries that forked workers read or wrote: their own marks stay in them."""
        self.used.update(keys)

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
