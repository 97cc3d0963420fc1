"""The generated mkdocs.yml: the root settings plus site name, navigation and folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from laa_publish.load.history import Commit
from laa_publish.model.entities import Settings
from laa_publish.model.periods import date_words
from laa_publish.render.text import theme_text
from laa_publish.validate.markdown_safety import force_engine_options

ROOT_CONFIG = "mkdocs.yml"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
OVERRIDES = TEMPLATES / "overrides"
DEFAULT_CONFIG = TEMPLATES / "mkdocs.yml"
STYLESHEET = "assets/laa.css"


def root_settings(root: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml, or laa-publish's defaults where it has none."""
    path = root / ROOT_CONFIG
    if not path.is_file():
        path = DEFAULT_CONFIG
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def engine_config(
    root: Path,
    settings: Settings,
    nav: list[Any],
    commit: Commit | None,
    unlisted: list[str] | None = None,
) -> dict[str, Any]:
    """Merge the repository's mkdocs.yml with what the build generates."""
    config = root_settings(root)
    # The theme prints both raw, even inside attributes, so they are made plain text.
    config["site_name"] = theme_text(config.get("site_name") or settings.name)
    if settings.site_url:
        config.setdefault("site_url", settings.site_url)
    config["site_description"] = theme_text(
        config.get("site_description") or settings.agreement_title
    )
    config.setdefault(
        "copyright",
        f"{settings.name}. Data published under {settings.licence}.",
    )
    config["docs_dir"] = "docs"
    # pages link to each other's .html files in raw HTML tables, JSON-LD and the footer, which
    # the engine does not rewrite; .html files also work when the site is opened from disk
    config["use_directory_urls"] = False
    theme = config.setdefault("theme", {"name": "material"})
    theme["custom_dir"] = "overrides"
    theme["font"] = False  # web fonts would come from another host
    styles = config.setdefault("extra_css", [])
    if STYLESHEET not in styles:  # badges, tables and focus rings need it on every site
        styles.append(STYLESHEET)
    for key in ("repo_url", "repo_name", "edit_uri"):
        config.pop(key, None)  # Material would fetch repository facts from another host
    config["nav"] = nav
    if unlisted:  # pages reached by links only: built, searchable, just not in the menu
        config["not_in_nav"] = "\n".join(unlisted)
    config["markdown_extensions"] = force_engine_options(config.get("markdown_extensions") or [])
    extra = config.setdefault("extra", {})
    extra["laa"] = {
        "commit": commit.sha if commit else None,
        "commit_date": date_words(commit.day) if commit else None,
        "footer_links": [
            {"title": "How progress is judged", "page": "about/method.html"},
            {"title": "Data downloads", "page": "about/downloads.html"},
            {"title": "Accessibility statement", "page": "about/accessibility.html"},
        ],
    }
    return config


def override_files(root: Path, custom_dir: str | None) -> dict[str, bytes]:
    """laa-publish's theme overrides, then the partnership's own on top (same path wins)."""
    files: dict[str, bytes] = {}
    sources = [OVERRIDES]
    if custom_dir and (root / custom_dir).is_dir():
        sources.append(root / custom_dir)
    for source in sources:
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.name != "README.md":
                files[path.relative_to(source).as_posix()] = path.read_bytes()
    return files


def root_custom_dir(root: Path) -> str | None:
    """The custom_dir named in the repository's mkdocs.yml, if any."""
    value = (root_settings(root).get("theme") or {}).get("custom_dir")
    return str(value) if value else None


def write_engine_config(config: dict[str, Any], target: Path) -> bytes:
    """Serialise the config deterministically."""
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")
