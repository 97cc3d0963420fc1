"""Each indicator's computed figures kept by the hash of exactly what computing them reads.

An indicator's published figures and progress depend on its own definition and
observations (and any totals given for its children), on the area register and on the
partnership's settings; nothing another indicator holds enters them. Observations checked
from a kept table are stood for by that table's key, which decides them. So after one CSV edit
only that indicator is computed again, and the rest come from the cache.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence

from laa_publish.frames import frame_digest
from laa_publish.model.entities import Partnership


def figure_keys(p: Partnership, idents: Sequence[str], salt: str) -> list[str]:
    """One key per indicator: the shared inputs and the code (`salt`), then its own."""
    shared = hashlib.sha256(salt.encode() + b"\0")
    shared.update(pickle.dumps((p.areas, p.settings), protocol=pickle.HIGHEST_PROTOCOL))
    keys = []
    for ident in idents:
        digest = shared.copy()
        digest.update(pickle.dumps(p.indicators[ident], protocol=pickle.HIGHEST_PROTOCOL))
        checked = p.observation_keys.get(ident)
        if checked is not None:  # the checked table's key decides both frames
            digest.update(b"checked\0" + checked.encode())
        else:
            digest.update(frame_digest(p.observations.get(ident)))
            digest.update(frame_digest(p.child_totals.get(ident)))
        keys.append(digest.hexdigest())
    return keys
