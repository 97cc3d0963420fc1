"""Each page kind's renderer, bound once by its page module and found by the render stage."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TypeVar

from laa_publish.model.site_paths import KINDS
from laa_publish.render.context import Context, Rendered

Renderer = Callable[[Context, str, Rendered], str | bytes]
"""Renders the file for one key (an outcome's id, an area's code; "" for a single page).

It returns the file's text, or bytes to publish as they are, and may queue charts on the
Rendered it is given; the files rendered before it are there too.
"""
R = TypeVar("R", bound=Renderer)
PAGES_PACKAGE = "laa_publish.render.pages"

_BOUND: dict[str, Renderer] = {}


class BindingError(LookupError):
    """A page kind has no renderer, two, or is not registered: a packaging bug."""


def renders(kind: str) -> Callable[[R], R]:
    """Bind the decorated function as the renderer of the registered page kind `kind`."""
    known = {k.id for k in KINDS}

    def bind(render: R) -> R:
        if kind not in known:
            raise BindingError(f"{kind!r} is not a page kind in laa_publish/model/site_paths.py")
        if kind in _BOUND and _BOUND[kind] is not render:
            raise BindingError(f"page kind {kind!r} has two renderers")
        _BOUND[kind] = render
        return render

    return bind


def renderers() -> dict[str, Renderer]:
    """Every page kind's renderer, after importing each page module so its bindings run."""
    package = importlib.import_module(PAGES_PACKAGE)
    for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
        importlib.import_module(f"{PAGES_PACKAGE}.{module}")
    missing = [k.id for k in KINDS if k.id not in _BOUND]
    if missing:
        raise BindingError(f"no renderer is bound to page kinds {missing}")
    return {k.id: _BOUND[k.id] for k in KINDS}
