"""Where an Open SDG repository keeps its data and metadata, read as its config_data.yml says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from laa_publish.opensdg.summary import ImportFailed

CONFIG_FILE = "config_data.yml"
DEFAULT_DATA = "data/*-*.csv"
DEFAULT_META = "meta/*-*.md"
ARCHIVE_WORDS = ("archive", "archived")


@dataclass(frozen=True, slots=True)
class MetaInput:
    """One metadata input, in the order sdg-build reads them: later inputs win."""

    kind: str  # "yaml_md" or "csv"
    pattern: str
    mapping: Path | None = None


@dataclass(slots=True)
class Repository:
    """The repository's data files by indicator id, and its metadata inputs in order."""

    root: Path
    data: dict[str, Path] = field(default_factory=dict)
    archived: list[Path] = field(default_factory=list)
    repeated: list[tuple[Path, Path]] = field(default_factory=list)  # (file, the one kept)
    meta_inputs: list[MetaInput] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)

    def relative(self, path: Path) -> str:
        """A path as the report names it: relative to the repository, with slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def indicator_id(path: Path) -> str:
    """The indicator id sdg-build takes from a file name: indicator_1-1-1.csv gives 1-1-1."""
    stem = path.stem
    stem = stem.removeprefix("indicator_")
    return stem.split(" ")[0].replace(".", "-").strip("-")


def _read_config(root: Path) -> dict[str, Any]:
    """config_data.yml, or nothing: sdg-build then uses its defaults."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportFailed(f"{path} cannot be read as YAML ({type(exc).__name__}).") from exc
    return data if isinstance(data, dict) else {}


def _inputs(config: dict[str, Any]) -> tuple[list[str], list[MetaInput], str]:
    """Data patterns and metadata inputs, in order, as config_data.yml lists them."""
    src = str(config.get("src_dir") or "").strip("/")
    prefix = f"{src}/" if src else ""
    inputs = config.get("inputs")
    if not isinstance(inputs, list) or not inputs:
        return [prefix + DEFAULT_DATA], [MetaInput("yaml_md", prefix + DEFAULT_META)], prefix
    data: list[str] = []
    meta: list[MetaInput] = []
    for entry in inputs:
        if not isinstance(entry, dict):
            continue
        kind = str(entry.get("class") or "")
        pattern = str(entry.get("path_pattern") or "")
        if kind == "InputCsvData" and pattern:
            data.append(prefix + pattern)
        elif kind in ("InputYamlMdMeta", "InputYamlMeta") and pattern:
            meta.append(MetaInput("yaml_md", prefix + pattern))
        elif kind in ("InputCsvMeta", "InputCSVMeta") and pattern:
            mapping = entry.get("metadata_mapping")
            meta.append(MetaInput("csv", prefix + pattern, Path(str(mapping)) if mapping else None))
    return data or [prefix + DEFAULT_DATA], meta, prefix


def _archived(path: Path, root: Path) -> bool:
    """Files in an archive folder, or named archived, are kept out of the site."""
    parts = [p.lower() for p in path.relative_to(root).parts[:-1]]
    return any(p in ARCHIVE_WORDS for p in parts) or bool(
        re.search(r"(^|[_-])archived?([_-]|$)", path.stem.lower())
    )


def open_repository(root: Path) -> Repository:
    """Find the data files and metadata inputs, or say in one sentence why there are none."""
    if not root.is_dir():
        raise ImportFailed(f"{root} is not a folder: name an Open SDG data repository.")
    root = root.resolve()
    config = _read_config(root)
    patterns, meta, prefix = _inputs(config)
    repo = Repository(root, config=config)
    repo.meta_inputs = [
        MetaInput(m.kind, m.pattern, (root / prefix / m.mapping) if m.mapping else None)
        for m in meta
    ]
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            if not path.is_file():
                continue
            if _archived(path, root):
                repo.archived.append(path)
                continue
            kept = repo.data.setdefault(indicator_id(path), path)
            if kept != path:
                repo.repeated.append((path, kept))
    # archived data kept in a subfolder of the data folder is not matched by the patterns
    for folder in sorted({(root / p).parent for p in patterns}):
        for path in sorted(folder.rglob("*.csv")) if folder.is_dir() else []:
            known = path in repo.data.values() or path in repo.archived
            if not known and _archived(path, root):
                repo.archived.append(path)
    if not repo.data and not any(any(root.glob(m.pattern)) for m in repo.meta_inputs):
        raise ImportFailed(
            f"{root} has no Open SDG data files ({', '.join(patterns)}) and no metadata; "
            "is it an Open SDG data repository?"
        )
    return repo
