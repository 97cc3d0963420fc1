"""Files of the partnership written byte for byte the same for the same import."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from laa_publish.opensdg.summary import ImportFailed

MARKER = "# Imported from an Open SDG data repository by laa-publish import opensdg."
GENERATED = ("data", "content", "site_config/partnership.yaml")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, no aliases (the loader refuses them), long text as literal blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never write an alias: the partnership loader refuses them."""
        return True


def _text(dumper: _Dumper, data: str) -> yaml.ScalarNode:
    """Paragraphs as a literal block, which reads as the text does."""
    if "\n" in data and not any(line != line.rstrip() for line in data.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _text)


def yaml_text(data: dict[str, Any], schema: str, depth: int, comment: str = "") -> str:
    """A YAML file with its schema line, the import marker and an optional comment."""
    head = f"# yaml-language-server: $schema={'../' * depth}laa_publish/schemas/{schema}\n"
    head += f"{MARKER}\n"
    if comment:
        head += "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, indent=2
    )
    return head + "\n" + body


def prepare(into: Path) -> None:
    """An empty folder, or one holding only an earlier import, whose files are replaced."""
    if into.exists() and not into.is_dir():
        raise ImportFailed(f"{into} is a file; name a folder to import into.")
    if into.is_dir() and any(into.iterdir()):
        settings = into / "site_config/partnership.yaml"
        try:
            earlier = MARKER in settings.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            earlier = False
        if not earlier:
            raise ImportFailed(
                f"{into} is not empty and does not hold an earlier Open SDG import; "
                "import into a new folder."
            )
        for name in GENERATED:
            target = into / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    into.mkdir(parents=True, exist_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix line ends, making the folder first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """A CSV with a header, no index, Unix line ends and every cell as text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, frame.to_csv(index=False, lineterminator="\n"))
