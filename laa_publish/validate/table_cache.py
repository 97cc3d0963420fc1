"""Each indicator's CSV checks kept between builds by the hash of exactly what they read.

Checking one indicator's observations, typing them and comparing them with their own
roll-up read the table as loaded (its path, header, cells, line numbers and the rows left
out for their shape), the indicator's definition, the area register and the settings,
and nothing else. So after one CSV edit only that table is checked again; every other
table's typed frame, issues and child totals come from the cache, as the checks gave them.
The key also stands for the typed frame and child totals when the figures are computed
(`compute.figure_cache`), so they need not be hashed again.
"""

from __future__ import annotations

import hashlib
import pickle

from laa_publish.frames import frame_digest
from laa_publish.load.csv_loader import CsvFile
from laa_publish.model.entities import Indicator, Partnership


def shared_digest(p: Partnership, salt: str) -> bytes:
    """What every table's checks read in common, and the code that checks them."""
    digest = hashlib.sha256(salt.encode() + b"\0")
    digest.update(pickle.dumps((p.areas, p.settings), protocol=pickle.HIGHEST_PROTOCOL))
    return digest.digest()


def table_key(shared: bytes, indicator: Indicator, table: CsvFile) -> str:
    """The key of one indicator's checked table.

    A table loaded from bytes is what the loader (part of the code) makes of those bytes at
    that path, so the bytes' hash stands for all of it; any other table is hashed whole.
    """
    digest = hashlib.sha256(shared)
    digest.update(pickle.dumps(indicator, protocol=pickle.HIGHEST_PROTOCOL))
    digest.update(pickle.dumps((table.path, table.source), protocol=5))
    if table.source:
        return digest.hexdigest()
    digest.update(pickle.dumps((table.columns, table.left_out), protocol=5))
    digest.update(repr((table.lines.dtype.str, table.lines.shape)).encode())
    digest.update(table.lines.tobytes())
    digest.update(frame_digest(table.frame))
    return digest.hexdigest()
