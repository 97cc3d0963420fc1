"""The engine is pinned: what is installed is what was tested, so builds cannot drift."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO / ".ci" / "constraints.txt"
# What write/engine_pages.py and the renderer rely on beyond their documented interfaces.
ENGINE = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def pins() -> dict[str, str]:
    """Each pinned package by its canonical name, with its exact version."""
    found: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line)
        assert match, f"{CONSTRAINTS.name}: not an exact pin: {line!r}"
        found[canonicalize_name(match[1])] = match[2]
    return found


def declared() -> list[Requirement]:
    """The runtime and test requirements pyproject.toml declares."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(text) for text in names]


def test_the_engine_is_pinned_and_installed_as_pinned() -> None:
    pinned = pins()
    for name in ENGINE:
        assert name in pinned, f"{name} is not pinned in {CONSTRAINTS.name}"
        assert metadata.version(name) == pinned[name], (
            f"{name} {metadata.version(name)} is installed, but {pinned[name]} was tested: "
            f"run bash .ci/setup, or update {CONSTRAINTS.name} after testing the new version"
        )


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_declared_requirement_is_pinned_within_its_range(requirement: Requirement) -> None:
    pinned = pins()
    name = canonicalize_name(requirement.name)
    assert name in pinned, f"{requirement.name} is declared in pyproject.toml but not pinned"
    assert requirement.specifier.contains(pinned[name], prereleases=True), (
        f"the pin {requirement.name}=={pinned[name]} is outside pyproject's {requirement}"
    )


def test_every_installed_pinned_package_has_its_pinned_version() -> None:
    differing = {
        name: (installed, version)
        for name, version in pins().items()
        if (installed := _installed(name)) is not None and installed != version
    }
    assert not differing, f"installed versions differ from the tested pins: {differing}"


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
