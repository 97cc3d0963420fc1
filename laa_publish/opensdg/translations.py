"""Translation keys such as ``global_indicators.1-1-1-title`` turned into English text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_.-]+$")
SHARED_FOLDER = "sdg-translations-en"


@dataclass(slots=True)
class Translations:
    """Every English string found, keyed ``<file stem>.<key>`` as Open SDG keys them."""

    texts: dict[str, str] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)

    def add_folder(self, folder: Path) -> None:
        """Read a folder of YAML files (or its ``en/`` subfolder); later folders win."""
        english = folder / "en"
        folder = english if english.is_dir() else folder
        files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
        if not files:
            return
        self.folders.append(folder)
        for path in files:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                continue  # a broken translation file leaves its keys untranslated
            if isinstance(data, dict):
                for key, value in data.items():
                    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                        self.texts[f"{path.stem}.{key}"] = str(value).strip()

    def resolve(self, text: object) -> str | None:
        """The text a key stands for, the text itself when it is not a key, None if unknown."""
        if text is None:
            return None
        value = str(text).strip()
        if not value:
            return None
        if _KEY.match(value) and " " not in value:
            return self.texts.get(value)
        return value


def find_translations(source: Path, given: Path | None) -> Translations:
    """The shared sdg-translations beside the repository, then the repository's own."""
    found = Translations()
    candidates = [given] if given is not None else [source.parent / SHARED_FOLDER]
    for folder in candidates:
        if folder is not None and folder.is_dir():
            found.add_folder(folder)
    own = source / "translations"
    if own.is_dir():
        found.add_folder(own)
    return found
