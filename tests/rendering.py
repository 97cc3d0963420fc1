"""A repository rendered exactly as the build renders it, for tests that inspect the output."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from laa_publish.compute.audit import Audit, finish, prepare
from laa_publish.compute.progress import Computed, compute
from laa_publish.load.history import History, read_history
from laa_publish.model.entities import Partnership
from laa_publish.render.context import Rendered
from laa_publish.render.site import render_site
from laa_publish.validate.run import check


class Site(NamedTuple):
    """One repository rendered as a build renders it."""

    root: Path
    p: Partnership
    audit: Audit
    rendered: Rendered
    computed: Computed
    history: History


def render_repository(root: Path, cache: Path) -> Site:
    """Validate, compute and render `root`, keeping provenance caches under `cache`."""
    history = read_history(root)
    result = check(root, history)
    assert result.partnership is not None, result.issues
    p = result.partnership
    audit = prepare(root, p, history, cache=cache)
    computed = compute(p)
    finish(audit, p, computed)
    return Site(root, p, audit, render_site(p, computed, history, audit), computed, history)
