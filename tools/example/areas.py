"""Area registers: the Brackenford example's (tables/areas.yaml, wards.csv) or synthetic ones."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tools.example.model import CITY, SEED, Area
from tools.example.tables import number, read_csv, read_yaml

_AREAS = read_yaml("areas.yaml")
_WARDS = read_csv("wards.csv")
DISTRICTS: tuple[str, ...] = tuple(d["code"] for d in _AREAS["districts"])
CLUSTER_OF: dict[str, str] = {w["code"]: w["school_cluster"] for w in _WARDS}
# Abolished neighbourhood -> the current ones it joined, with the share of each that was its.
SPLIT_INTO: dict[str, tuple[tuple[str, float], ...]] = {
    a["code"]: tuple(a["split_into"].items()) for a in _AREAS["abolished"]
}


def district_of(areas: Sequence[Area]) -> dict[str, list[Area]]:
    """Current neighbourhoods grouped by their district code."""
    out: dict[str, list[Area]] = {}
    for a in areas:
        if a.level == "neighbourhood" and a.valid_to is None and a.parent:
            out.setdefault(a.parent, []).append(a)
    return out


def brackenford_areas() -> list[Area]:
    """The area register: city, districts, neighbourhoods (one abolished) and clusters."""
    city = _AREAS["city"]
    areas = [Area(city["code"], city["name"], "city")]
    areas += [Area(d["code"], d["name"], "district", city["code"]) for d in _AREAS["districts"]]
    for w in _WARDS:
        areas.append(
            Area(
                w["code"],
                w["name"],
                "neighbourhood",
                w["district"],
                population=int(w["population"]),
                deprivation=number(w["deprivation"]),
                growth=number(w["growth"]),
            )
        )
    for a in _AREAS["abolished"]:
        areas.append(
            Area(
                a["code"],
                a["name"],
                "neighbourhood",
                a["district"],
                valid_to=a["valid_to"],
                comment=a["comment"],
            )
        )
    areas += [
        Area(c["code"], c["name"], "school_cluster", city["code"], overlaps=tuple(c["overlaps"]))
        for c in _AREAS["school_clusters"]
    ]
    return areas


def synthetic_areas(
    districts: int, per_district: int, seed: int = SEED, city: str = CITY
) -> list[Area]:
    """A city with `districts` districts of `per_district` neighbourhoods each.

    Deprivation runs from the most deprived first district to the least deprived
    last one, with some spread inside each district, like the example city.
    """
    rng = np.random.default_rng([seed, districts, per_district])
    out = [Area(city, "Synthetic city", "city")]
    serial = 1
    for d in range(districts):
        code = f"SYN-D-{d + 1:03d}"
        out.append(Area(code, f"District {d + 1}", "district", city))
        centre = 1.2 - 2.4 * d / max(1, districts - 1)
        for _ in range(per_district):
            out.append(
                Area(
                    f"E05{900000 + serial:06d}",
                    f"Neighbourhood {serial}",
                    "neighbourhood",
                    code,
                    population=int(rng.integers(12000, 24000)),
                    deprivation=round(centre + float(rng.normal(0.0, 0.35)), 2),
                )
            )
            serial += 1
    return out
