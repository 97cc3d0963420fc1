"""The import config: what an Open SDG repository does not say, and the defaults without it.

Open SDG has no partnership, no area hierarchy, no polarity, targets or baselines, and it
writes ``2019/20`` for academic and financial years alike. The optional config (YAML) says
these things; every key is optional, and the import reports each default it used::

    partnership:
      name: Bristol SDG Partnership      # the site's name (default: from the folder's name)
      place: Bristol                     # the place's name (default: the top area's name)
      core_team: "@bristol-sdg/core"     # default "@<slug>/core"
      contact: {name: City Office, email: city.office@bristol.gov.uk}
      agreement: {title: "One City Plan", start: 2019-01-01, end: 2030-12-31}
      site_url: https://example.github.io/sdg/        # optional
      repository_url: https://github.com/example/sdg  # optional
      licence: the Open Government Licence v3.0   # default: named from the LICENSE file
    partner:                             # the publishing body, the one partner
      id: bristol-city-council
      name: Bristol City Council
      short_name: Bristol City Council
      type: council                      # a partner type of partners.yaml (default other)
      team: "@bristol-sdg/data"
    place_area: {code: E06000023, name: Bristol}   # the whole place: empty GeoCode rows
    levels:                              # as in site_config/partnership.yaml, largest first;
      - id: city                         # 'from' says which geography each level holds:
        name: City                       # place, ward, local_authority, region or country
        plural: City                     # (default: the level's own id)
        from: [place]
      - id: ward
        name: Ward
        plural: Wards
        parent: city
        small_area: true
        from: [ward]
    geography_columns:                   # extra columns that name areas, and their geography
      Electoral ward: ward
    themes:                              # default: one theme per goal group (the five Ps)
      - id: people
        title: People
        goals: [1, 2, 3, 4, 5]
    slash_years: academic_year           # how 2019/20 is read by default: academic_year
                                         # (the default) or financial_year
    unit_multiplier: label               # label (default): keep the figures as published
                                         # and name the multiplier in the title; apply:
                                         # multiply the figures out
    translations: ../sdg-translations-en # default: beside the repository, or translations/
    lookup: ../ons_ward_lad_cty_2019.csv # the ONS ward to region lookup that names areas by
                                         # code (default: beside the repository or a folder
                                         # above it; without it, names come from the data)
    indicators:                          # by Open SDG id (3-d-2) or imported id (SDG-3-D-2-S1)
      11-1-1-c:
        polarity: higher_is_better       # default none: no direction is better
        slash_years: financial_year
        unit: percentage                 # overrides what the unit's label suggests
        unit_multiplier: apply
        decimals: 1                      # default: three significant digits of the typical
                                         # figure, never more places than given
        baseline: {period: 2017-18, value: 76.4}
        targets:
          - {period: 2024-25, value: 80, tolerance: 1}

An entry under an imported id (SDG-16-1-4-S2) replaces the file's entry (16-1-4) for that
indicator. Paths in the config are relative to the config file. A mistake in the config (an
unknown key, a value that is not one of the choices) stops the import before anything is
written, with one sentence saying what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from laa_publish.opensdg.summary import ImportFailed

PERIOD_READINGS = ("academic_year", "financial_year")
MULTIPLIER_MODES = ("label", "apply")
POLARITIES = ("higher_is_better", "lower_is_better", "none")
UNITS = ("percentage", "count", "rate", "currency", "ratio", "score", "days")
GEOGRAPHIES = ("place", "ward", "local_authority", "region", "country")
PARTNER_TYPES = (
    *("council", "police", "health", "fire", "education", "voluntary", "business"),
    *("probation", "housing", "employment", "other"),
)
_TOP_KEYS = {
    *("partnership", "partner", "place_area", "levels", "geography_columns", "themes"),
    *("slash_years", "unit_multiplier", "translations", "indicators", "lookup"),
}
PARTNERSHIP_KEYS = {
    *("name", "place", "core_team", "contact", "agreement", "site_url", "repository_url"),
    "licence",
}
PARTNER_KEYS = {"id", "name", "short_name", "type", "team", "website", "description"}
_INDICATOR_KEYS = {
    *("polarity", "slash_years", "unit", "unit_multiplier", "baseline", "targets"),
    "decimals",
}


@dataclass(frozen=True, slots=True)
class IndicatorSettings:
    """What the config says about one indicator: all optional."""

    polarity: str | None = None
    slash_years: str | None = None
    unit: str | None = None
    unit_multiplier: str | None = None
    decimals: int | None = None
    baseline: dict[str, Any] | None = None
    targets: tuple[dict[str, Any], ...] = ()


@dataclass(slots=True)
class ImportConfig:
    """The whole config, with what was given kept apart from the defaults."""

    partnership: dict[str, Any] = field(default_factory=dict)
    partner: dict[str, Any] = field(default_factory=dict)
    place_area: dict[str, Any] = field(default_factory=dict)
    levels: list[dict[str, Any]] | None = None
    geography_columns: dict[str, str] = field(default_factory=dict)
    themes: list[dict[str, Any]] | None = None
    slash_years: str = "academic_year"
    unit_multiplier: str = "label"
    translations: Path | None = None
    lookup: Path | None = None
    indicators: dict[str, IndicatorSettings] = field(default_factory=dict)
    given: frozenset[str] = frozenset()

    def indicator(self, *ids: str) -> IndicatorSettings:
        """The first indicator entry found under any of these ids (imported id first)."""
        for ident in ids:
            found = self.indicators.get(ident) or self.indicators.get(ident.upper())
            if found is not None:
                return found
        return IndicatorSettings()


def _known(entry: dict[str, Any], allowed: set[str], where: str) -> None:
    """Unknown keys stop the import: a misspelt key would otherwise be silently ignored."""
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ImportFailed(
            f"The config's {where} has unknown keys ({', '.join(unknown)}); "
            f"use {', '.join(sorted(allowed))}."
        )


def _choice(value: object, allowed: tuple[str, ...], where: str) -> str:
    """A value that must be one of a few words, or a sentence saying which."""
    if value not in allowed:
        raise ImportFailed(f"The config's {where} is {value!r}; write one of {', '.join(allowed)}.")
    return str(value)


def _mapping(value: object, where: str) -> dict[str, Any]:
    """A mapping with text keys, or a sentence saying the config's shape is wrong."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ImportFailed(f"The config's {where} must be a mapping of keys to values.")
    return {str(k): v for k, v in value.items()}


def _indicator(ident: str, value: object) -> IndicatorSettings:
    """One indicator's entry checked key by key, so a typo is not silently ignored."""
    entry = _mapping(value, f"indicators.{ident}")
    unknown = sorted(set(entry) - _INDICATOR_KEYS)
    if unknown:
        raise ImportFailed(
            f"The config's indicators.{ident} has unknown keys ({', '.join(unknown)}); "
            f"use {', '.join(sorted(_INDICATOR_KEYS))}."
        )
    where = f"indicators.{ident}"
    targets = entry.get("targets") or []
    if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
        raise ImportFailed(f"The config's {where}.targets must be a list of mappings.")
    baseline = entry.get("baseline")
    if baseline is not None and not isinstance(baseline, dict):
        raise ImportFailed(f"The config's {where}.baseline must be a mapping.")
    decimals = entry.get("decimals")
    if decimals is not None and (not isinstance(decimals, int) or not 0 <= decimals <= 4):
        raise ImportFailed(f"The config's {where}.decimals must be a whole number from 0 to 4.")
    return IndicatorSettings(
        polarity=_choice(entry["polarity"], POLARITIES, f"{where}.polarity")
        if "polarity" in entry
        else None,
        slash_years=_choice(entry["slash_years"], PERIOD_READINGS, f"{where}.slash_years")
        if "slash_years" in entry
        else None,
        unit=_choice(entry["unit"], UNITS, f"{where}.unit") if "unit" in entry else None,
        unit_multiplier=_choice(
            entry["unit_multiplier"], MULTIPLIER_MODES, f"{where}.unit_multiplier"
        )
        if "unit_multiplier" in entry
        else None,
        decimals=decimals,
        baseline={str(k): _plain(v) for k, v in baseline.items()} if baseline else None,
        targets=tuple({str(k): _plain(v) for k, v in t.items()} for t in targets),
    )


def _plain(value: object) -> object:
    """Dates and other YAML types as the text a partnership file would hold."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    return str(value)


def _levels(value: object) -> list[dict[str, Any]]:
    """Levels as partnership.yaml declares them, each with the geographies it holds."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise ImportFailed("The config's levels must be a list of levels, largest first.")
    out = []
    for entry in value:
        level = {str(k): v for k, v in entry.items()}
        if not isinstance(level.get("id"), str) or not re.fullmatch(
            r"[a-z][a-z0-9_]*", level["id"]
        ):
            raise ImportFailed("Every level in the config needs an id of lower-case letters.")
        sources = level.get("from", [level["id"]])
        sources = [sources] if isinstance(sources, str) else sources
        for source in sources:
            _choice(source, GEOGRAPHIES, f"levels.{level['id']}.from")
        level["from"] = list(sources)
        level.setdefault("name", level["id"].replace("_", " ").capitalize())
        level.setdefault("plural", level["name"])
        out.append(level)
    return out


def load_config(path: Path | None) -> ImportConfig:
    """Read and check the config; no path gives the documented defaults."""
    if path is None:
        return ImportConfig()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ImportFailed(f"The config {path} cannot be read: {exc.strerror or exc}.") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"The config {path} is not valid YAML ({type(exc).__name__}).") from exc
    top = _mapping(data, "top level")
    unknown = sorted(set(top) - _TOP_KEYS)
    if unknown:
        raise ImportFailed(
            f"The config {path} has unknown keys ({', '.join(unknown)}); "
            f"use {', '.join(sorted(_TOP_KEYS))}."
        )
    config = ImportConfig(given=frozenset(k for k, v in top.items() if v is not None))
    config.partnership = {
        k: _plain(v) if not isinstance(v, dict) else {str(a): _plain(b) for a, b in v.items()}
        for k, v in _mapping(top.get("partnership"), "partnership").items()
    }
    config.partner = {k: _plain(v) for k, v in _mapping(top.get("partner"), "partner").items()}
    _known(config.partnership, PARTNERSHIP_KEYS, "partnership")
    _known(config.partner, PARTNER_KEYS, "partner")
    if "type" in config.partner:
        _choice(config.partner["type"], PARTNER_TYPES, "partner.type")
    config.place_area = {
        k: _plain(v) for k, v in _mapping(top.get("place_area"), "place_area").items()
    }
    _known(config.place_area, {"code", "name"}, "place_area")
    if top.get("levels") is not None:
        config.levels = _levels(top["levels"])
    for column, geography in _mapping(top.get("geography_columns"), "geography_columns").items():
        config.geography_columns[column] = _choice(
            geography, GEOGRAPHIES[1:], f"geography_columns.{column}"
        )
    if top.get("themes") is not None:
        themes = top["themes"]
        if not isinstance(themes, list) or not all(isinstance(t, dict) for t in themes):
            raise ImportFailed("The config's themes must be a list of themes with goals.")
        config.themes = [{str(k): v for k, v in t.items()} for t in themes]
    if "slash_years" in top:
        config.slash_years = _choice(top["slash_years"], PERIOD_READINGS, "slash_years")
    if "unit_multiplier" in top:
        config.unit_multiplier = _choice(
            top["unit_multiplier"], MULTIPLIER_MODES, "unit_multiplier"
        )
    if top.get("translations"):
        config.translations = (path.parent / str(top["translations"])).resolve()
    if top.get("lookup"):
        config.lookup = (path.parent / str(top["lookup"])).resolve()
        if not config.lookup.is_file():
            raise ImportFailed(f"The config's lookup {config.lookup} is not a file.")
    for ident, entry in _mapping(top.get("indicators"), "indicators").items():
        config.indicators[ident] = _indicator(ident, entry)
    return config
