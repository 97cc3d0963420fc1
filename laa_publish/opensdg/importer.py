"""`laa-publish import opensdg`: an Open SDG data repository made into a partnership.

The import reads the repository as sdg-build does, checks every row once, and writes a
partnership that `laa-publish validate` accepts. Every row it reads is either written or
reported with its file, line and reason, and the two imports of one repository give the
same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from laa_publish.opensdg.areas import (
    AreaRegister,
    Geography,
    LevelPlan,
    find_lookup,
    load_lookup,
    plan_levels,
)
from laa_publish.opensdg.config import ImportConfig, IndicatorSettings, load_config
from laa_publish.opensdg.dimensions import Dimensions
from laa_publish.opensdg.indicators import Piece, base_id, make_pieces
from laa_publish.opensdg.metadata import IndicatorText, indicator_text, read_metadata
from laa_publish.opensdg.partnership import (
    outcome_documents,
    outcome_id,
    settings_document,
    settings_from,
    themes_for,
)
from laa_publish.opensdg.repository import Repository, open_repository
from laa_publish.opensdg.rows import Rows, area_keys, check_rows
from laa_publish.opensdg.summary import (
    ImportedIndicator,
    ImportFailed,
    ImportSummary,
    ReportedRow,
    SkippedFile,
)
from laa_publish.opensdg.table import (
    classify,
    group_codes,
    is_no_data,
    is_template,
    read_table,
    text_column,
)
from laa_publish.opensdg.translations import Translations, find_translations
from laa_publish.opensdg.writer import prepare, write_csv, write_text, yaml_text


@dataclass(slots=True)
class Work:
    """One Open SDG indicator on its way through the import."""

    ident: str
    name: str
    text: IndicatorText
    settings: IndicatorSettings
    rows: Rows | None = None
    empty_note: str = ""
    skip: str = ""
    pieces: list[Piece] = field(default_factory=list)


def _natural(ident: str) -> tuple[tuple[int, str], ...]:
    """1-2-1 before 10-1-1: numbers compared as numbers."""
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in re.split(r"[-.]", ident))


def _read(
    repo: Repository, config: ImportConfig, summary: ImportSummary, words: Translations
) -> list[Work]:
    """Every indicator's metadata and checked rows; templates and archived files set aside."""
    metas, problems = read_metadata(repo)
    summary.notes += problems
    for path in repo.archived:
        summary.skipped.append(SkippedFile(repo.relative(path), "archived"))
    for path, first in repo.repeated:
        why = f"the same indicator id as {repo.relative(first)}, which was imported"
        summary.skipped.append(SkippedFile(repo.relative(path), why))
    works: list[Work] = []
    for ident in sorted(set(repo.data) | set(metas), key=_natural):
        text = indicator_text(ident, metas.get(ident, {}), words)
        found = repo.data.get(ident)
        name = repo.relative(found) if found else f"(metadata only) {ident}"
        if text.archived or text.unpublished:
            why = "archived (its metadata says so)" if text.archived else "not published"
            summary.skipped.append(SkippedFile(name, why))
            continue
        work = Work(ident, name, text, config.indicator(base_id(ident), ident))
        if found is None:
            work.empty_note = (
                "non-statistical: a page without a chart"
                if text.non_statistical
                else "metadata only: no data file"
            )
        works.append(work)
    # serial on purpose: sending each file's checked rows back from a worker costs more
    # than checking them here
    done = [_check_file(work, repo, config) for work in works]
    kept: list[Work] = []
    for work in done:
        if work.skip:
            summary.skipped.append(SkippedFile(work.name, work.skip))
        else:
            kept.append(work)
    return kept


def _check_file(work: Work, repo: Repository, config: ImportConfig) -> Work:
    """One data file read and its rows checked, or the reason it is not data."""
    path = repo.data.get(work.ident)
    if path is None:
        return work
    try:
        table = read_table(path, work.name)
    except OSError as exc:
        work.skip = f"cannot be read ({exc.strerror or exc})"
        return work
    if is_template(table):
        work.skip = (
            "the Open SDG placeholder template (Year, Group, Value with groups A and B), "
            f"not data ({table.rows_read} rows)"
        )
        return work
    columns = classify(table, config.geography_columns)
    if is_no_data(table, columns.year, columns.value):
        first = str(table.frame[columns.year].iat[0]) if columns.year else ""
        work.empty_note = f'no figures: the file only says "{first}"'
        return work
    slash = work.settings.slash_years or config.slash_years
    work.rows = check_rows(table, columns, slash)
    if work.text.non_statistical and not work.rows.valid.any():
        work.empty_note = "non-statistical: a page without a chart"
    return work


def _resolve_areas(works: list[Work], register: AreaRegister) -> None:
    """Each row's area code, or the reason its area cannot be one of the register's."""
    for work in works:
        rows = work.rows
        if rows is None or "code" not in rows.frame:
            continue
        frame = rows.frame
        valid = rows.valid
        columns = [frame[c].to_numpy(dtype=object) for c in ("code", "gkind", "gname")]
        codes = group_codes([np.where(valid, col, "") for col in columns])
        firsts = np.unique(codes, return_index=True)[1]
        found: list[tuple[str | None, str, str]] = []
        for i in firsts.tolist():
            code, kind, name = (str(col[i]) for col in columns)
            if not valid[i]:
                found.append(("", "", ""))
                continue
            found.append(register.resolve(code, Geography(kind, name) if kind else None))
        area = np.array([f[0] or "" for f in found], dtype=object)[codes]
        reason = np.array([f[1] for f in found], dtype=object)[codes]
        detail = np.array([f[2] for f in found], dtype=object)[codes]
        frame["area"] = text_column(area, frame.index)
        for key in ("area-unknown", "area-outside"):
            rows.mark(reason == key, key, detail)


def _single_valued(works: list[Work], dims: Dimensions) -> set[str]:
    """Dimension ids that never have two values: their columns split files, as series do.

    A column with one value on every row of its file is not counted: it describes the
    whole file (make_pieces writes it into the definition), so it declares no value.
    """
    values: dict[str, set[str]] = {}
    for work in works:
        if work.rows is None or "ptype" not in work.rows.frame:
            continue  # a file without Year or Value has no rows to declare values from
        frame = work.rows.frame.loc[work.rows.valid]
        for col, ident in dims.ids_for(list(work.rows.columns.breakdowns)).items():
            labels = set(frame[col].unique())
            if len(labels) > 1:
                values.setdefault(ident, set()).update(labels - {""})
            else:
                values.setdefault(ident, set())
    return {ident for ident, labels in values.items() if len(labels) < 2}


def _contact(work: Work, settings_contact: dict[str, str], partner: str) -> dict[str, str]:
    """Who answers for an indicator: its first source and its contact address, where given."""
    name = work.text.source.split(",")[0].split(".")[0].strip()
    name = name if name and "Not stated" not in name else partner
    return {"name": name[:120], "email": work.text.email or settings_contact["email"]}


def _boundaries(repo: Repository, into: Path, summary: ImportSummary) -> None:
    """The repository's own ward boundaries, through `laa-publish boundaries import`."""
    from laa_publish.geo.importer import ImportFailed as BoundaryFailed
    from laa_publish.geo.importer import import_boundaries

    layers = repo.config.get("map_layers") or []
    candidates: list[tuple[Path, str | None]] = []
    for layer in layers if isinstance(layers, list) else []:
        if isinstance(layer, dict) and isinstance(layer.get("geojson_file"), str):
            file = str(layer["geojson_file"])
            if not file.startswith(("http://", "https://")) and (repo.root / file).is_file():
                prop = layer.get("id_property")
                candidates.append((repo.root / file, str(prop) if prop else None))
    if not candidates:
        candidates = [(p, None) for p in sorted((repo.root / "geojson").glob("*.geojson"))]
    for path, prop in candidates:
        try:
            report = import_boundaries(path, into, code_property=prop)
        except BoundaryFailed as exc:
            summary.boundaries.append(f"{repo.relative(path)} not used: {exc}")
            continue
        summary.boundaries.append(
            f"{repo.relative(path)}: kept {report.kept} areas, built {len(report.built)}, "
            f"{report.size:,} bytes"
        )
        return


def run_import(
    source: Path, into: Path, config: Path | None, translations: Path | None = None
) -> ImportSummary:
    """Import the repository at `source` into a new partnership at `into`."""
    cfg = load_config(config)
    repo = open_repository(source)
    prepare(into)  # before any work: a folder that is not ours is refused at once
    words = find_translations(repo.root, translations or cfg.translations)
    lookup_path = find_lookup(repo.root, cfg.lookup)
    lookup = load_lookup(lookup_path)
    summary = ImportSummary(str(source), str(into))
    works = _read(repo, cfg, summary, words)
    keys: set[tuple[str, Geography | None]] = set()
    for work in works:
        if work.rows is not None:
            keys |= area_keys(work.rows)
    plan = plan_levels(keys, lookup, cfg.levels, cfg.place_area)
    register = AreaRegister(lookup, plan)
    _resolve_areas(works, register)
    dims = Dimensions()
    single = _single_valued(works, dims)
    for work in works:
        rows = work.rows
        if rows is None:
            work.pieces = [
                Piece(base_id(work.ident), work.name, work.text, work.settings, work.text.title)
            ]
            continue
        ids = dims.ids_for(list(rows.columns.breakdowns))
        demoted = {col for col, ident in ids.items() if ident in single}
        pieces, late = make_pieces(
            rows, work.ident, work.text, work.settings, dims, demoted, cfg.unit_multiplier
        )
        for piece in pieces:  # an entry for the imported id wins over the file's
            own = cfg.indicators.get(piece.id)
            if own is not None and piece.id != base_id(work.ident):
                piece.settings = own
                piece.unit = own.unit or piece.unit
        work.pieces = pieces
        for line, reason, detail in late:
            summary.reported.append(ReportedRow(rows.table.name, line, reason, detail))
    try:
        _write(repo, into, cfg, register, dims, works, summary, words)
    except OSError as exc:
        raise ImportFailed(f"{into} cannot be written: {exc.strerror or exc}.") from exc
    _boundaries(repo, into, summary)
    summary.defaults += _defaults(cfg, plan, words, lookup_path)
    return summary


def _write(
    repo: Repository,
    into: Path,
    cfg: ImportConfig,
    register: AreaRegister,
    dims: Dimensions,
    works: list[Work],
    summary: ImportSummary,
    words: Translations,
) -> None:
    """Write the partnership: indicators first, then the registers that name what they use."""
    settings = settings_from(cfg, repo.root, register.plan)
    partner = str(settings.partner["id"])
    goals = sorted({work.text.goal for work in works}, key=_natural)
    themes, theme_of = themes_for(cfg, goals)
    folder = into / "data/partners" / partner / "indicators"
    folder.mkdir(parents=True, exist_ok=True)
    for work in works:
        if work.rows is not None:
            summary.rows_read += work.rows.table.rows_read
            _report(work.rows, summary)
        if len(work.pieces) > 1:
            summary.split[work.name] = [p.id for p in work.pieces]
        for piece in work.pieces:
            contact = _contact(work, settings.contact, str(settings.partner["name"]))
            doc = piece.yaml(partner, outcome_id(work.text.goal), contact)
            write_text(folder / f"{piece.id}.yaml", yaml_text(doc, "indicator.schema.json", 4))
            write_csv(folder / f"{piece.id}.csv", piece.figures)
            summary.rows_written += len(piece.figures)
            notes = [work.empty_note] if work.empty_note else []
            if work.rows is not None and not len(piece.figures) and work.rows.table.rows_read:
                notes.append("no figures: every row of the file was reported")
            note = "; ".join([*notes, *piece.notes])
            summary.imported.append(
                ImportedIndicator(piece.id, work.name, piece.title, len(piece.figures), note)
            )
    declared = dims.declarations()
    settings_doc = settings_document(settings, register.plan, themes, declared)
    write_text(
        into / "site_config/partnership.yaml",
        yaml_text(settings_doc, "partnership.schema.json", 1),
    )
    partners_doc = {"partners": [settings.partner]}
    write_text(
        into / "data/registers/partners.yaml", yaml_text(partners_doc, "partners.schema.json", 2)
    )
    areas = register.entries()
    comment = "Open SDG does not say when an area began, so no valid_from is given."
    write_text(
        into / "data/registers/areas.yaml",
        yaml_text({"areas": areas}, "areas.schema.json", 2, comment),
    )
    for ident, doc, story in outcome_documents(goals, theme_of, partner, words):
        write_text(into / f"data/outcomes/{ident}.yaml", yaml_text(doc, "outcome.schema.json", 2))
        write_text(into / f"content/outcomes/{ident}.md", f"## About this goal\n\n{story}")
    _home_page(into, str(settings.partner["name"]), settings.links["licence"])
    summary.defaults = settings.defaults
    summary.notes.append(
        f"levels: {register.plan.names()}; the whole place is {register.plan.place_code} "
        f"({register.plan.place_name}); {len(areas)} areas"
    )
    summary.notes.append(f"dimensions: {len(declared)} declared")


def _home_page(into: Path, publisher: str, licence: str) -> None:
    """The home page's introduction says where the figures came from, and under what licence."""
    intro = (
        f"The figures on this site were imported from {publisher}'s Open SDG data "
        f"repository, with their notes and sources as published there, under {licence}."
    )
    write_text(into / "content/index.md", intro + "\n")


def _report(rows: Rows, summary: ImportSummary) -> None:
    """The rows checked and not written, with the file's misshapen and empty rows."""
    name = rows.table.name
    for line, cells in rows.table.misshapen:
        width = len(rows.table.columns)
        summary.reported.append(
            ReportedRow(name, line, "row-shape", f"{cells} cells, but the header has {width}")
        )
    for line in rows.table.empty:
        summary.reported.append(ReportedRow(name, line, "empty-row", "every cell is empty"))
    hit = np.flatnonzero(~rows.valid)
    lines = rows.frame["line"].to_numpy()
    for i in hit.tolist():
        summary.reported.append(
            ReportedRow(name, int(lines[i]), str(rows.reason[i]), str(rows.detail[i]))
        )


def _defaults(
    cfg: ImportConfig, plan: LevelPlan, words: Translations, lookup_path: Path | None
) -> list[str]:
    """Each default the import used because the config did not say, in the report's words."""
    out: list[str] = []
    if "levels" not in cfg.given:
        out.append(f"levels {plan.names()} ({plan.profile} levels, from the area codes)")
    if "place_area" not in cfg.given:
        out.append(f"whole place {plan.place_code} ({plan.place_name})")
    if "themes" not in cfg.given:
        out.append("one theme per goal group (people, prosperity, planet, peace, partnership)")
    if "slash_years" not in cfg.given:
        out.append(f"years written like 2019/20 read as {cfg.slash_years.replace('_', ' ')}s")
    if "unit_multiplier" not in cfg.given:
        out.append("unit multipliers kept in the title, figures as published (label)")
    if not cfg.indicators:
        out.append("polarity none for every indicator; no baselines or targets")
    if "translations" not in cfg.given:
        found = ", ".join(str(f) for f in words.folders) or "none found"
        out.append(f"translations: {found}")
    out.append(f"area names: {lookup_path}" if lookup_path else "area names: no ONS lookup found")
    return out
