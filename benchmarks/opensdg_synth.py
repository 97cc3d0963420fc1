"""A synthetic Open SDG data repository of the ONS's full size, for timing the importer.

The ONS's repository has 248 indicators and about 165,000 rows. This one has the same counts
and the column variety of the real files (``../shared/realdata/opensdg-sample/ons``): series
and units columns, up to three breakdown columns, country, region and local-authority rows
keyed by real ONS codes, observation statuses, unit multipliers, calendar, financial and
academic years and quarters, and a few one-line "no data" placeholders. It is deterministic:
the same seed writes the same bytes.

    python -m benchmarks.opensdg_synth --out DIR [--indicators 248] [--rows 165000]
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger("benchmarks.opensdg_synth")

LOOKUP = Path(__file__).resolve().parents[2] / "shared/realdata/ons_ward_lad_cty_2019.csv"
ENGLAND = ("E92000001", "England")
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "Sex": ("Female", "Male"),
    "Age": ("16 to 24", "25 to 49", "50 to 64", "65 and over"),
    "Ethnic group": ("White", "Mixed", "Asian", "Black", "Other"),
    "Deprivation decile": tuple(f"Decile {d}" for d in range(1, 11)),
    "Disability status": ("Disabled", "Non-disabled"),
    "Urban or rural": ("Urban", "Rural"),
}
UNITS = ("Percentage (%)", "Rate per 100,000 population", "Number", "Pounds (£)")
STATUSES = ("Normal value", "Normal value", "Normal value", "Estimated value", "Provisional")
PERIOD_FORMS = ("calendar", "calendar", "calendar", "financial", "academic", "quarter")
PLACEHOLDERS = 6  # one-line "no data" files, as the ONS keeps for unreported indicators


@dataclass(frozen=True, slots=True)
class Geography:
    """The real regions and local authorities of England, from the ONS lookup."""

    regions: tuple[tuple[str, str], ...]
    authorities: tuple[tuple[str, str, str], ...]  # code, name, region code


def geography() -> Geography:
    """England's regions and local authorities, or a made-up set when the lookup is absent."""
    regions: dict[str, str] = {}
    authorities: dict[str, tuple[str, str]] = {}
    if LOOKUP.is_file():
        with LOOKUP.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                region = row.get("RGN19CD") or ""
                lad = row.get("LAD19CD") or ""
                if region.startswith("E12") and lad.startswith("E"):
                    regions[region] = row.get("RGN19NM") or region
                    authorities[lad] = (row.get("LAD19NM") or lad, region)
    if not regions:  # the shared data is missing: nine regions of 35 authorities each
        for r in range(9):
            regions[f"E1200000{r + 1}"] = f"Region {r + 1}"
            for a in range(35):
                authorities[f"E0{6 + a % 4}000{r * 35 + a:03d}"] = (
                    f"Authority {r * 35 + a}",
                    f"E1200000{r + 1}",
                )
    return Geography(
        tuple(sorted(regions.items())),
        tuple((code, name, region) for code, (name, region) in sorted(authorities.items())),
    )


def _periods(form: str, count: int, start: int) -> list[str]:
    """`count` consecutive periods written the way Open SDG files write them."""
    if form == "quarter":
        return [f"{start + q // 4} Q{q % 4 + 1}" for q in range(count)]
    years = range(start, start + count)
    if form == "financial":
        return [f"{y}-{(y + 1) % 100:02d}" for y in years]
    if form == "academic":
        return [f"{y}/{(y + 1) % 100:02d}" for y in years]
    return [str(y) for y in years]


def _row_counts(rng: np.random.Generator, indicators: int, rows: int) -> list[int]:
    """Skewed sizes, as the real ones are: most files small, a few with thousands of rows."""
    weights = rng.lognormal(mean=0.0, sigma=1.3, size=indicators)
    counts = np.maximum(3, np.floor(weights / weights.sum() * rows)).astype(int)
    counts[int(np.argmax(counts))] += rows - int(counts.sum())  # exact total
    return [int(c) for c in counts]


def _geos(rng: np.random.Generator, geo: Geography, depth: int) -> list[tuple[str, str, str]]:
    """(GeoCode, Region, Local authority) cells: England, then regions, then authorities."""
    out = [(ENGLAND[0], "", "")]
    if depth >= 1:
        out += [(code, name, "") for code, name in geo.regions]
    if depth >= 2:
        names = dict(geo.regions)
        picked = rng.choice(len(geo.authorities), size=min(60, len(geo.authorities)), replace=False)
        for i in sorted(picked.tolist()):
            code, name, region = geo.authorities[i]
            out.append((code, names[region], name))
    return out


def _table(
    rng: np.random.Generator, geo: Geography, wanted: int
) -> tuple[list[str], list[list[str]]]:
    """One indicator's CSV: header and rows, with unique keys, `wanted` rows long."""
    series = [f"Series {chr(65 + s)}" for s in range(int(rng.integers(1, 4)))]
    units = [str(u) for u in rng.choice(UNITS, size=int(rng.integers(1, 3)), replace=False)]
    dims = [
        str(d) for d in rng.choice(list(BREAKDOWNS), size=int(rng.integers(0, 4)), replace=False)
    ]
    depth = int(rng.integers(0, 3))
    geos = _geos(rng, geo, depth)
    cells: list[tuple[str, ...]] = [()]
    for dim in dims:  # the all-people row, then each value of one dimension at a time
        cells = [*cells, *((dim, value) for value in BREAKDOWNS[dim])]
    per_period = len(series) * len(units) * len(cells) * len(geos)
    periods = _periods(str(rng.choice(PERIOD_FORMS)), max(1, -(-wanted // per_period)), 2000)
    multiplier = "Units" if rng.random() < 0.8 else "Thousands"
    header = ["Year", "Series", *dims]
    header += ["Region", "Local authority"] if depth else []
    header += ["Units", "Unit multiplier", "Observation status", "GeoCode", "Value"]
    rows: list[list[str]] = []
    values = rng.gamma(4.0, 12.0, size=wanted)
    for period in periods:
        for s in series:
            for unit in units:
                for cell in cells:
                    for code, region, authority in geos:
                        if len(rows) == wanted:
                            return header, rows
                        row = [period, s]
                        row += [cell[1] if cell and cell[0] == d else "" for d in dims]
                        row += [region, authority] if depth else []
                        value = f"{values[len(rows)]:.2f}"
                        status = str(STATUSES[len(rows) % len(STATUSES)])
                        row += [unit, multiplier, status, code if code != ENGLAND[0] else "", value]
                        rows.append(row)
    return header, rows


def _meta(ident: str, goal: int, title: str, unit: str) -> str:
    """An Open SDG metadata file: YAML front matter, as the ONS keeps them in meta/."""
    return (
        "---\n"
        f"indicator_name: {title}\n"
        f"indicator_number: {ident.replace('-', '.')}\n"
        f"target_name: Target {goal}\n"
        "reporting_status: complete\n"
        "data_non_statistical: false\n"
        f"computation_units: {unit}\n"
        "source_organisation_1: Office for National Statistics\n"
        "source_url_1: https://www.ons.gov.uk/\n"
        "national_geographical_coverage: England\n"
        "---\n"
    )


def write_repository(out: Path, indicators: int = 248, rows: int = 165_000, seed: int = 7) -> int:
    """Write the repository into `out`; return the number of data rows written."""
    rng = np.random.default_rng(seed)
    geo = geography()
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "meta").mkdir(parents=True, exist_ok=True)
    (out / "config_data.yml").write_text(
        "languages:\n  - en\nsrc_dir: ''\nsite_dir: _site\n", encoding="utf-8"
    )
    (out / "LICENSE").write_text("Open Government Licence v3.0 (synthetic data)\n", "utf-8")
    counts = _row_counts(rng, indicators - PLACEHOLDERS, rows)
    written = 0
    for n in range(indicators):
        goal = n % 17 + 1
        ident = f"{goal}-{n // 17 + 1}-{n % 3 + 1}"
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if n < PLACEHOLDERS:
            writer.writerows([["Year", "Value"], ["There is no data for this indicator yet", ""]])
            unit = ""
        else:
            header, table = _table(rng, geo, counts[n - PLACEHOLDERS])
            writer.writerow(header)
            writer.writerows(table)
            written += len(table)
            unit = table[0][header.index("Units")]
        (out / "data" / f"indicator_{ident}.csv").write_text(buffer.getvalue(), "utf-8")
        title = f"Synthetic indicator {ident.replace('-', '.')}"
        (out / "meta" / f"{ident}.md").write_text(_meta(ident, goal, title, unit), "utf-8")
    return written


def main() -> int:
    """Write a repository where asked, and say how big it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--indicators", type=int, default=248)
    parser.add_argument("--rows", type=int, default=165_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    written = write_repository(args.out, args.indicators, args.rows, args.seed)
    log.info("wrote %s indicators and %s rows into %s", args.indicators, f"{written:,}", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
