"""Areas from GeoCode and the geography columns: codes, names, levels and parents.

Open SDG names a row's area by ``GeoCode`` and by geography columns (``Ward``, ``Region``,
``Local authority``…); an empty one means the whole place. The finest geography column
filled in wins: some ONS local-authority rows carry their region's code (ONS 11-6-1), and
then the area is the authority, found by name, with the region as its parent.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from laa_publish.opensdg.summary import ImportFailed

LOOKUP_FILE = "ons_ward_lad_cty_2019.csv"
RANK = {"ward": 0, "local_authority": 1, "region": 2, "country": 3}
GEOGRAPHY_COLUMNS = {
    "ward": "ward",
    "electoral ward": "ward",
    "local authority": "local_authority",
    "local authority district": "local_authority",
    "unitary authority": "local_authority",
    "welsh unitary authority": "local_authority",
    "scottish council area": "local_authority",
    "council area": "local_authority",
    "waste collection authority": "local_authority",
    "county": "local_authority",
    "region": "region",
    "country": "country",
}
CODE_COLUMNS = ("geocode", "geo code", "geography code", "area code")
COUNTRIES = {
    "K02000001": "United Kingdom",
    "K03000001": "Great Britain",
    "K04000001": "England and Wales",
    "E92000001": "England",
    "W92000004": "Wales",
    "S92000003": "Scotland",
    "N92000002": "Northern Ireland",
}
REGIONS = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}
# Entities whose every code is known here: another code with one of these prefixes is wrong.
CLOSED = {code[:3] for code in (*COUNTRIES, *REGIONS)}
PREFIX_KIND = {
    **dict.fromkeys(("E05", "W05", "S13", "N08"), "ward"),
    **dict.fromkeys(("E06", "E07", "E08", "E09", "E10", "W06", "S12", "N09"), "local_authority"),
    "E12": "region",
    **dict.fromkeys(("K02", "K03", "K04", "E92", "W92", "S92", "N92"), "country"),
}
COUNTRY_OF = {"E": "E92000001", "W": "W92000004", "S": "S92000003", "N": "N92000002"}
GSS = re.compile(r"^[EWSNK]\d{8}$")
_SUFFIXES = re.compile(
    r"\b(metropolitan borough council|metropolitan district council|borough council|"
    r"city council|county council|district council|council|mbc|mdc|lb|ua|cc|dc|bc|city)$"
)
_PREFIXES = re.compile(
    r"^(london borough of|royal borough of|city and county of|county of|city of|council of the)\b"
)


def normalise_name(name: str) -> str:
    """A name reduced for matching: "Barnsley MBC" and "Barnsley" both give "barnsley"."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r",\s*(city|county) of$", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for _ in range(2):
        text = _SUFFIXES.sub("", text).strip()
        text = _PREFIXES.sub("", text).strip()
    return text


def _plain(name: str) -> str:
    """A name compared exactly, case and punctuation aside: "City of London" is not "London"."""
    return " ".join(re.findall(r"[a-z0-9]+", name.lower().replace("&", " and ")))


def tidy_place_name(name: str) -> str:
    """ONS's "Bristol, City of" as people write it: "Bristol"."""
    return re.sub(r",\s*(City|County) of$", "", name.strip())


@dataclass(slots=True)
class Lookup:
    """The ONS ward, local authority, county, region and country lookup, by code and by name."""

    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    path: Path | None = None

    def add(self, code: str, name: str, kind: str, parent: str | None, within: str = "") -> None:
        """Register one area; the first registration of a code wins."""
        if not code or code in self.kinds:
            return
        self.names[code] = name
        self.kinds[code] = kind
        if parent:
            self.parents[code] = parent
        norm = normalise_name(name)
        self.by_name.setdefault((kind, f"{within}|{norm}" if kind == "ward" else norm), code)

    def kind_of(self, code: str) -> str | None:
        """What kind of area a code is: from the lookup, else from its GSS prefix."""
        return self.kinds.get(code) or PREFIX_KIND.get(code[:3])

    def exists(self, code: str) -> bool:
        """False only for codes known to be wrong: not GSS-shaped, or unknown in a closed set."""
        if not GSS.match(code):
            return False
        return code[:3] not in CLOSED or code in COUNTRIES or code in REGIONS

    def find(self, kind: str, name: str, within: str = "") -> str | None:
        """The code of an area of this kind with this name (a ward within its authority)."""
        norm = normalise_name(name)
        if kind == "ward":
            return self.by_name.get((kind, f"{within}|{norm}"))
        return self.by_name.get((kind, norm))

    def ancestors(self, code: str) -> list[str]:
        """The areas above a code, nearest first, ending at its country."""
        out: list[str] = []
        current = code
        while current in self.parents and len(out) < 6:
            current = self.parents[current]
            if current in out:
                break
            out.append(current)
        country = COUNTRY_OF.get(code[:1]) if GSS.match(code) else None
        if country and country not in out and self.kind_of(code) != "country":
            out.append(country)
        return out


def load_lookup(path: Path | None) -> Lookup:
    """The built-in countries and regions, and the ONS lookup file when there is one."""
    lookup = Lookup(path=path)
    for code, name in COUNTRIES.items():
        lookup.add(code, name, "country", None)
    for code, name in REGIONS.items():
        lookup.add(code, name, "region", "E92000001")
    lookup.by_name.setdefault(("region", "east"), "E12000006")
    lookup.by_name.setdefault(("region", "yorkshire and the humber"), "E12000003")
    if path is None:
        return lookup
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"The ONS lookup {path} cannot be read ({type(exc).__name__}).") from exc
    for row in csv.DictReader(io.StringIO(text, newline="")):
        ward, lad = row.get("WD19CD") or "", row.get("LAD19CD") or ""
        county, region = row.get("CTY19CD") or "", row.get("RGN19CD") or ""
        upper = region or row.get("CTRY19CD") or ""
        lookup.add(lad, tidy_place_name(row.get("LAD19NM") or lad), "local_authority", upper)
        if county:
            lookup.add(county, row.get("CTY19NM") or county, "local_authority", upper)
        lookup.add(ward, row.get("WD19NM") or ward, "ward", lad, within=lad)
    return lookup


def find_lookup(source: Path, given: Path | None) -> Path | None:
    """The lookup named in the config, or one beside the repository or a folder above it."""
    if given is not None:
        return given
    for folder in (source, *list(source.resolve().parents)[:3]):
        candidate = folder / LOOKUP_FILE
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True, slots=True)
class Geography:
    """The finest geography column filled in on a row: its kind and the name it holds."""

    kind: str
    name: str


@dataclass(slots=True)
class LevelPlan:
    """The partnership's levels, which kind of area each holds, and the whole place."""

    levels: list[dict[str, object]]
    level_of: dict[str, str]  # area kind (place, ward, local_authority…) to level id
    place_code: str
    place_name: str
    profile: str  # "city", "national" or "config"

    def parents_of(self, level: str) -> tuple[str, ...]:
        """The parent levels a level declares."""
        for entry in self.levels:
            if entry["id"] == level:
                parent = entry.get("parent")
                if isinstance(parent, str):
                    return (parent,)
                return tuple(str(p) for p in parent) if isinstance(parent, list) else ()
        return ()

    def names(self) -> str:
        """The level ids in order, for the report."""
        return ", ".join(str(e["id"]) for e in self.levels)


CITY_LEVELS: list[dict[str, object]] = [
    {"id": "city", "name": "City", "plural": "City", "geographic": True, "small_area": False},
    {
        "id": "ward",
        "name": "Ward",
        "plural": "Wards",
        "parent": "city",
        "geographic": True,
        "small_area": True,
    },
]
NATIONAL_LEVELS: list[dict[str, object]] = [
    {"id": "country", "name": "Country", "plural": "Countries", "geographic": True},
    {"id": "region", "name": "Region", "plural": "Regions", "parent": "country"},
    {
        "id": "local_authority",
        "name": "Local authority",
        "plural": "Local authorities",
        "parent": ["region", "country"],
    },
]
NATIONAL_WARDS: dict[str, object] = {
    "id": "ward",
    "name": "Ward",
    "plural": "Wards",
    # a ward the lookup does not know hangs from its country, found from its code
    "parent": ["local_authority", "region", "country"],
    "small_area": True,
}


def _with_flags(levels: list[dict[str, object]]) -> list[dict[str, object]]:
    """Every level with geographic and small_area written out, as the brief's layout shows."""
    out = []
    for level in levels:
        entry = dict(level)
        entry.setdefault("geographic", True)
        entry.setdefault("small_area", False)
        out.append(entry)
    return out


def plan_levels(
    keys: set[tuple[str, Geography | None]],
    lookup: Lookup,
    levels: list[dict[str, object]] | None,
    place: dict[str, object],
) -> LevelPlan:
    """The levels to declare: the config's, else a city and its wards, else the nation's."""
    codes = {code for code, _ in keys if code and lookup.exists(code)}
    finest = {geo.kind for _, geo in keys if geo is not None}
    authorities: set[str] = set()
    for code in codes:
        kind = lookup.kind_of(code)
        if kind == "ward":
            authorities.add(lookup.parents.get(code, "?"))
        elif kind == "local_authority":
            authorities.add(code)
        else:
            authorities.add("*")
    code = str(place.get("code") or "")
    if levels is not None:
        level_of: dict[str, str] = {}
        for entry in levels:
            sources = entry.get("from", [entry["id"]])
            for source in sources if isinstance(sources, list) else [sources]:
                level_of.setdefault(str(source), str(entry["id"]))
        written = [{k: v for k, v in e.items() if k != "from"} for e in levels]
        if "place" not in level_of:
            level_of["place"] = str(written[0]["id"])
        profile = "config"
        default_code = next(iter(authorities)) if len(authorities) == 1 else "PLACE"
    elif not finest - {"ward"} and len(authorities) == 1 and not authorities & {"?", "*"}:
        written, level_of = _with_flags(CITY_LEVELS), {"place": "city", "ward": "ward"}
        profile, default_code = "city", next(iter(authorities))
    elif not codes and not finest:
        written, level_of = _with_flags(CITY_LEVELS), {"place": "city", "ward": "ward"}
        profile, default_code = "city", "PLACE"
    else:
        written = _with_flags(NATIONAL_LEVELS)
        level_of = {k: k for k in ("country", "region", "local_authority")}
        level_of["place"] = "country"
        if "ward" in finest or any(lookup.kind_of(c) == "ward" for c in codes):
            written.append(_with_flags([NATIONAL_WARDS])[0])
            level_of["ward"] = "ward"
        profile, default_code = "national", "K02000001"
    code = code or default_code
    name = str(place.get("name") or lookup.names.get(code) or code)
    return LevelPlan(written, level_of, code, tidy_place_name(name), profile)


def local_code(kind: str, name: str) -> str:
    """A register code for an area without a GSS code: LA-BARNSLEY, WARD-ASHLEY…"""
    prefix = {"ward": "WARD", "local_authority": "LA", "region": "REGION"}.get(kind, "AREA")
    words = re.findall(r"[A-Z0-9]+", name.upper().replace("&", " AND "))
    return "-".join([prefix, *words]) if words else prefix


@dataclass(slots=True)
class AreaRegister:
    """The areas the import has met, with their levels and parents, and why others were not."""

    lookup: Lookup
    plan: LevelPlan
    areas: dict[str, dict[str, str]] = field(default_factory=dict)
    hints: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """The whole place is always registered: empty GeoCodes name it."""
        self.areas[self.plan.place_code] = {
            "code": self.plan.place_code,
            "name": self.plan.place_name,
            "level": self.plan.level_of["place"],
        }

    def resolve(self, geocode: str, geo: Geography | None) -> tuple[str | None, str, str]:
        """The register code for a row's area, or None with the reason key and its words."""
        place = self.plan.place_code
        if not geocode and geo is None:
            return place, "", ""
        hint: str | None = None
        if geocode:
            if not self.lookup.exists(geocode) and geocode != place:
                return None, "area-unknown", f"GeoCode {geocode} is not an area code that exists"
            kind = self.lookup.kind_of(geocode)
            same = geo is not None and _plain(geo.name) == _plain(
                self.lookup.names.get(geocode, "")
            )
            if geo is not None and kind in RANK and RANK[kind] > RANK[geo.kind] and not same:
                within = geocode if geo.kind == "ward" else ""
                code = self.lookup.find(geo.kind, geo.name, within) or local_code(
                    geo.kind, geo.name
                )
                hint, kind, name = geocode, geo.kind, geo.name
            else:
                code, name = geocode, geo.name if geo is not None else ""
                kind = kind or (geo.kind if geo is not None else None)
        else:
            assert geo is not None
            within = place if geo.kind == "ward" else ""
            code = self.lookup.find(geo.kind, geo.name, within) or local_code(geo.kind, geo.name)
            kind, name = geo.kind, geo.name
        if code == place:
            return place, "", ""
        level = self.plan.level_of.get(kind or "")
        label = f"{code} ({name or self.lookup.names.get(code, 'unnamed')})"
        if level is None:
            return (
                None,
                "area-outside",
                (
                    f"area {label} is a {(kind or 'unknown kind').replace('_', ' ')}, and no "
                    f"declared level ({self.plan.names()}) holds it"
                ),
            )
        above = [hint, *self.lookup.ancestors(hint)] if hint else self.lookup.ancestors(code)
        if not self._inside(code, above):
            return None, "area-outside", f"area {label} is not part of {self.plan.place_name}"
        self._add(code, name, level, above)
        return code, "", ""

    def _inside(self, code: str, above: list[str]) -> bool:
        """Whether an area lies in the whole place, as far as the codes tell."""
        place = self.plan.place_code
        nations = {"K02000001": "EWSNK", "K03000001": "EWS", "K04000001": "EW"}
        within = {"K03000001": ("K03000001", "K04000001"), "K04000001": ("K04000001",)}
        if place in nations:
            return not GSS.match(code) or code[0] in nations[place] or code in within.get(place, ())
        if self.lookup.kind_of(place) == "country":
            return not GSS.match(code) or code[0] == place[0]
        return place in above or code not in self.lookup.kinds

    def _add(self, code: str, name: str, level: str, above: list[str]) -> None:
        """Register an area under the nearest area above it at a parent level, and that one."""
        if code in self.areas:
            return
        shown = (self.lookup.names.get(code) or name or code).replace("<", "‹").replace(">", "›")
        entry = {"code": code, "name": shown, "level": level}
        self.areas[code] = entry
        wanted = self.plan.parents_of(level)
        if not wanted:
            return
        for up in above:
            kind = "place" if up == self.plan.place_code else self.lookup.kind_of(up)
            up_level = self.plan.level_of.get(kind or "")
            if up == self.plan.place_code:
                up_level = self.plan.level_of["place"]
            if up_level in wanted:
                entry["parent"] = up
                rest = above[above.index(up) + 1 :]
                self._add(up, self.lookup.names.get(up, up), up_level, rest)
                return
        if self.plan.level_of["place"] in wanted:
            entry["parent"] = self.plan.place_code

    def entries(self) -> list[dict[str, str]]:
        """The register's areas, the place first, then by level order and code."""
        order = {str(e["id"]): i for i, e in enumerate(self.plan.levels)}
        place = self.plan.place_code
        return sorted(
            self.areas.values(),
            key=lambda a: (a["code"] != place, order.get(a["level"], 99), a["code"]),
        )
