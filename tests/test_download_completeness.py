"""Every row a partner submitted is in its download, told apart by every key column."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest
from conftest import FIXTURES, REPO, materialise
from rendering import Site, render_repository


@pytest.fixture(scope="module", params=["breakdowns", "example"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A fixture partnership with breakdown columns, and the shipped example (with releases)."""
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "example":
        return render_repository(REPO, tmp / "cache")
    root = materialise(FIXTURES / "valid" / "partnership-files", tmp / "repo")
    return render_repository(root, tmp / "cache")


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = [row for row in reader if any((cell or "").strip() for cell in row.values())]
    return list(reader.fieldnames or []), rows


def _submitted(site: Site, path: str) -> str:
    """An observations file as the shown release published it (the working tree without one)."""
    release = site.audit.current
    if release is None or release.commit is None:
        return (site.root / path).read_text(encoding="utf-8-sig")
    shown = subprocess.run(
        ["git", "-C", str(site.root), "show", f"{release.commit}:{path}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.stdout if shown.returncode == 0 else ""


def test_the_cases_have_breakdowns_to_lose(site: Site) -> None:
    assert any(ind.breakdowns for ind in site.p.indicators.values())


def test_every_submitted_row_is_in_the_download_with_all_its_key_columns(site: Site) -> None:
    checked = 0
    for ident, indicator in sorted(site.p.indicators.items()):
        header, published = _rows(site.rendered.files[f"downloads/{ident}.csv"])
        dims = list(indicator.breakdowns)
        assert [c for c in header if c in dims] == dims, f"{ident}: breakdown columns missing"
        keys = [(r["period"], r["area_code"], *(r[d] for d in dims)) for r in published]
        assert len(keys) == len(set(keys)), f"{ident}: rows in its download cannot be told apart"
        _, submitted = _rows(_submitted(site, indicator.data_path))
        for row in submitted:
            key = (row["period"].strip(), row["area"].strip())
            key += tuple((row.get(d) or "").strip() for d in dims)
            assert key in set(keys), f"{ident}: submitted row {key} is not in its download"
            checked += 1
    assert checked > 0


def test_release_archives_keep_the_breakdown_columns_too(site: Site) -> None:
    for path, text in site.rendered.files.items():
        if path.startswith("downloads/releases/"):
            indicator = site.p.indicators[path.removesuffix(".csv").rsplit("/", 1)[-1]]
            header, _ = _rows(text)
            assert [c for c in header if c in indicator.breakdowns] == list(indicator.breakdowns)


def test_the_datapackage_lists_every_column_as_written(site: Site) -> None:
    package = json.loads(site.rendered.files["datapackage.json"])
    resources = {r["path"]: r for r in package["resources"]}
    for path, text in site.rendered.files.items():
        if path.startswith("downloads/") and path.endswith(".csv"):
            header, _ = _rows(text)
            fields = resources[path]["schema"]["fields"]
            assert [f["name"] for f in fields] == header, path
    for ident, indicator in site.p.indicators.items():
        fields = {f["name"]: f for f in resources[f"downloads/{ident}.csv"]["schema"]["fields"]}
        for dim in indicator.breakdowns:
            declared = site.p.settings.dimension(dim)
            assert declared is not None
            assert fields[dim]["constraints"]["enum"] == [v.code for v in declared.values]
