"""The audit trail of benefit sign-offs: the commit that recorded each sign-off as it stands."""

from __future__ import annotations

import json
from pathlib import Path

from laa_publish.load.history import Commit, History
from laa_publish.load.versions import lineage, read_blobs
from laa_publish.load.yaml_loader import load_yaml_bytes
from laa_publish.model.entities import Partnership


def _sign_offs(data: bytes, path: str) -> dict[str, str]:
    """Benefit id → its sign_off block as canonical JSON, for one version of a benefits file."""
    doc, _ = load_yaml_bytes(data, path)
    benefits = doc.data.get("benefits") if doc is not None and isinstance(doc.data, dict) else None
    found: dict[str, str] = {}
    for item in benefits if isinstance(benefits, list) else []:
        if isinstance(item, dict) and isinstance(item.get("sign_off"), dict):
            found[str(item.get("id"))] = json.dumps(item["sign_off"], sort_keys=True, default=str)
    return found


def sign_off_commits(root: Path, p: Partnership, history: History) -> dict[str, Commit]:
    """For each signed-off benefit, the main-line commit that introduced its sign-off block.

    Versions are read oldest first; a sign-off whose content later changes is dated from the
    commit that made the change, so the trail always names the commit behind what is shown.
    """
    if not history.complete:
        return {}
    commits = {c.sha: c for c in history.chain}
    paths = sorted({b.source for b in p.benefits.values() if b.sign_off is not None})
    versions = {path: lineage(history, path) for path in paths}
    blobs = read_blobs(root, [c.blob for cs in versions.values() for c in cs if c.blob])
    found: dict[str, Commit] = {}
    for path, changes in versions.items():
        seen: dict[str, tuple[str, str]] = {}
        for change in changes:
            data = blobs.get(change.blob or "")
            if data is None:
                continue
            current = _sign_offs(data, path)
            seen = {
                ident: seen[ident]
                if ident in seen and seen[ident][0] == text
                else (text, change.commit)
                for ident, text in current.items()
            }
        for ident, (_, sha) in seen.items():
            if ident in p.benefits and sha in commits:
                found[ident] = commits[sha]
    return found
