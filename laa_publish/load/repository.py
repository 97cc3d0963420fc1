"""Find and load every partnership file, keeping positions and collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from laa_publish.geo.budget import BOUNDARIES_FILE, TOPOJSON_FILE
from laa_publish.issues import Issue, error, warning
from laa_publish.load.boundaries import BoundaryDocument, load_boundaries_bytes
from laa_publish.load.csv_loader import CsvFile, load_csv_bytes
from laa_publish.load.paths import relative
from laa_publish.load.positions import YamlDocument
from laa_publish.load.yaml_loader import decode_text, load_yaml_bytes

SETTINGS_FILE = "site_config/partnership.yaml"
PARTNERS_FILE = "data/registers/partners.yaml"
AREAS_FILE = "data/registers/areas.yaml"
RELEASES_FILE = "site_config/releases.yaml"
OUTCOMES_DIR = "data/outcomes"
PARTNERS_DIR = "data/partners"
CONTENT_DIR = "content"
MAX_MARKDOWN_BYTES = 512 * 1024
PARTNER_FILES = {
    "framework.yaml": "framework",
    "budgets.yaml": "budgets",
    "benefits.yaml": "benefits",
}


@dataclass(slots=True)
class LoadedRepository:
    """Every file the build reads, parsed but not yet validated."""

    root: Path
    settings: YamlDocument | None = None
    partners: YamlDocument | None = None
    areas: YamlDocument | None = None
    releases: YamlDocument | None = None
    boundaries: BoundaryDocument | None = None
    outcomes: list[YamlDocument] = field(default_factory=list)
    indicators: list[YamlDocument] = field(default_factory=list)
    partner_files: list[YamlDocument] = field(default_factory=list)
    tables: dict[str, CsvFile] = field(default_factory=dict)
    markdown: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)

    def document(self, path: str) -> YamlDocument | None:
        """Look a YAML document up by its repository-relative path."""
        every = (self.settings, self.partners, self.areas, self.releases, *self.outcomes)
        every = (*every, *self.indicators)
        for doc in (*every, *self.partner_files):
            if doc is not None and doc.path == path:
                return doc
        return None


def _read(root: Path, path: Path, repo: LoadedRepository) -> bytes | None:
    rel = relative(root, path)
    if path.is_symlink():
        repo.issues.append(
            error(
                "file-symlink",
                rel,
                None,
                None,
                f"{rel!r} is a symbolic link; links are not followed.",
                "Replace the link with the real file.",
            )
        )
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        repo.issues.append(
            error(
                "file-unreadable",
                rel,
                None,
                None,
                f"The file cannot be read: {exc.strerror}.",
                "Check the file's permissions.",
            )
        )
        return None


def _load_yaml(root: Path, path: Path, kind: str, repo: LoadedRepository) -> YamlDocument | None:
    raw = _read(root, path, repo)
    if raw is None:
        return None
    rel = relative(root, path)
    doc, issues = load_yaml_bytes(raw, rel)
    repo.issues.extend(issues)
    if doc is not None:
        repo.kinds[rel] = kind
    else:
        repo.unreadable.add(rel)
    return doc


def _required(root: Path, rel: str, kind: str, repo: LoadedRepository) -> YamlDocument | None:
    path = root / rel
    if not path.exists() and not path.is_symlink():
        repo.issues.append(
            error(
                "file-missing",
                rel,
                None,
                None,
                f"The required file {rel!r} does not exist.",
                f"Create it from the documented template for the {kind} file.",
            )
        )
        return None
    return _load_yaml(root, path, kind, repo)


def _walk(folder: Path) -> list[Path]:
    """Every entry under a folder, sorted, without following symbolic links."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        found.append(entry)
        if entry.is_dir() and not entry.is_symlink():
            found.extend(_walk(entry))
    return found


def _load_partner_folders(root: Path, repo: LoadedRepository) -> None:
    for entry in _walk(root / PARTNERS_DIR):
        rel = relative(root, entry)
        parts = entry.relative_to(root / PARTNERS_DIR).parts
        if entry.is_symlink():
            _read(root, entry, repo)
            continue
        if entry.is_dir():
            continue
        if entry.name.startswith(".") or entry.suffix.lower() == ".md":
            continue
        if len(parts) == 3 and parts[1] == "indicators" and entry.suffix == ".yaml":
            doc = _load_yaml(root, entry, "indicator", repo)
            if doc is not None:
                repo.indicators.append(doc)
        elif len(parts) == 2 and entry.name in PARTNER_FILES:
            doc = _load_yaml(root, entry, PARTNER_FILES[entry.name], repo)
            if doc is not None:
                repo.partner_files.append(doc)
        elif len(parts) == 3 and parts[1] == "indicators" and entry.suffix == ".csv":
            raw = _read(root, entry, repo)
            if raw is not None:
                table, issues = load_csv_bytes(raw, rel)
                repo.issues.extend(issues)
                if table is not None:
                    repo.tables[rel] = table
                else:
                    repo.unreadable.add(rel)
        else:
            repo.issues.append(
                warning(
                    "file-unexpected",
                    rel,
                    None,
                    None,
                    f"{rel!r} is not a file laa-publish reads, so it will not be published.",
                    "Indicator files go in data/partners/<partner>/indicators/ as <ID>.yaml "
                    "and <ID>.csv (lower-case extensions); a partner's folder may also hold "
                    + ", ".join(sorted(PARTNER_FILES))
                    + ".",
                )
            )


def _load_markdown(root: Path, repo: LoadedRepository) -> None:
    for entry in _walk(root / CONTENT_DIR):
        if entry.is_dir() or entry.suffix != ".md":
            if entry.is_symlink():
                _read(root, entry, repo)
            continue
        raw = _read(root, entry, repo)
        if raw is None:
            continue
        rel = relative(root, entry)
        text, issues = decode_text(raw, rel, MAX_MARKDOWN_BYTES)
        repo.issues.extend(issues)
        if text is not None:
            repo.markdown[rel] = text


def _load_boundaries(root: Path, repo: LoadedRepository) -> None:
    """The optional boundaries file: GeoJSON, or TopoJSON when that is what the place keeps."""
    for rel in (BOUNDARIES_FILE, TOPOJSON_FILE):
        path = root / rel
        if not path.exists() and not path.is_symlink():
            continue
        if repo.boundaries is not None:
            repo.issues.append(
                error(
                    "boundary-format",
                    rel,
                    None,
                    None,
                    f"Both {BOUNDARIES_FILE!r} and {rel!r} exist; a place keeps one.",
                    "Delete the one that is out of date.",
                )
            )
            continue
        raw = _read(root, path, repo)
        if raw is None:
            continue
        doc, issues = load_boundaries_bytes(raw, rel)
        repo.issues.extend(issues)
        repo.boundaries = doc
        if doc is None:
            repo.unreadable.add(rel)


def load_repository(root: Path) -> LoadedRepository:
    """Load the settings, registers, outcomes, indicators, observations and narratives."""
    root = root.resolve()
    repo = LoadedRepository(root=root)
    repo.settings = _required(root, SETTINGS_FILE, "partnership settings", repo)
    repo.partners = _required(root, PARTNERS_FILE, "partner register", repo)
    repo.areas = _required(root, AREAS_FILE, "area register", repo)
    _load_boundaries(root, repo)
    releases = root / RELEASES_FILE
    if releases.exists() or releases.is_symlink():
        repo.releases = _load_yaml(root, releases, "release calendar", repo)
    for entry in _walk(root / OUTCOMES_DIR):
        if entry.suffix == ".yaml" or entry.is_symlink():
            doc = _load_yaml(root, entry, "outcome", repo)
            if doc is not None:
                repo.outcomes.append(doc)
    _load_partner_folders(root, repo)
    _load_markdown(root, repo)
    return repo
