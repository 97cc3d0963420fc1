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
from collections.abc import Iterable

from laa_publish.write.unchanged import code_fingerprint


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
