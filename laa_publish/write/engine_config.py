"""The generated mkdocs.yml: the root settings plus site name, navigation and folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from laa_publish.model.entities import Settings

ROOT_CONFIG = "mkdocs.yml"


def engine_config(root: Path, settings: Settings, nav: list[Any]) -> dict[str, Any]:
    """Merge the repository's mkdocs.yml with what the build generates."""
    path = root / ROOT_CONFIG
    config: dict[str, Any] = {}
    if path.is_file():
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    config.setdefault("site_name", settings.name)
    if settings.site_url:
        config.setdefault("site_url", settings.site_url)
    config.setdefault("site_description", settings.agreement_title)
    config.setdefault(
        "copyright",
        f"{settings.name}. Data published under the Open Government Licence v3.0.",
    )
    config["docs_dir"] = "docs"
    theme = config.setdefault("theme", {"name": "material"})
    custom = theme.get("custom_dir")
    if custom and (root / custom).is_dir():
        theme["custom_dir"] = str((root / custom).resolve())
    else:
        theme.pop("custom_dir", None)
    for key in ("repo_url", "repo_name", "edit_uri"):
        config.pop(key, None)  # Material would fetch repository facts from another host
    config["nav"] = nav
    return config


def write_engine_config(config: dict[str, Any], target: Path) -> bytes:
    """Serialise the config deterministically."""
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")
