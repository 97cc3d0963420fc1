"""Built sites for auditors: [r] flags, the revisions log, embargo, archives, reproducibility."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from conftest import BASE, CliResult
from gitrepo import GitRepo, revision_history

from laa_publish.pipeline import build_site, generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One repository with three releases, built at its head (twice: once from a clone
    elsewhere) and as of May 2024."""
    tmp = tmp_path_factory.mktemp("audit")
    root = tmp / "repo"
    shas = revision_history(root, BASE)
    clone = GitRepo(tmp / "elsewhere" / "clone")  # the same commit, checked out somewhere else
    clone.git("pull", "-q", str(root), "main")
    sites = {}
    for name, source, as_of in (
        ("head", root, None),
        ("again", clone.root, None),
        ("may", root, "2024-05-31"),
    ):
        build_site(source, tmp / name / "site", work_dir=tmp / name / "work", as_of=as_of)
        sites[name] = tmp / name / "site"
    return {"root": root, "shas": shas, **sites}


def _soup(site: object, page: str) -> BeautifulSoup:
    assert isinstance(site, Path)
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def _rows(soup: BeautifulSoup, *first_headers: str) -> list[list[str]]:
    """The body rows (row headers too) of the first table whose headers start so."""
    for table in soup.find_all("table"):
        headers = [th.get_text(" ", strip=True) for th in table.find_all("th")]
        if headers[: len(first_headers)] == list(first_headers):
            return [
                [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
                for tr in table.find_all("tr")[1:]
            ]
    raise AssertionError(f"no table starting {first_headers!r}")


def _download(site: object, path: str) -> pd.DataFrame:
    assert isinstance(site, Path)
    return pd.read_csv(site / path, dtype=str, keep_default_na=False)


def test_exactly_the_revised_values_are_flagged(built: dict[str, object]) -> None:
    site = built["head"]
    assert isinstance(site, Path)
    flagged = set()
    for page in sorted([*site.glob("indicators/*.html"), *site.glob("areas/*.html")]):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tr in soup.find_all("tr"):
            # a row is named by its first cell, a row header where the table has them
            cells = [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
            if any(cell.endswith("[r]") for cell in cells[1:]):
                flagged.add((page.relative_to(site).as_posix(), cells[0].split(":")[0]))
        if any(key[0] == page.relative_to(site).as_posix() for key in flagged):
            assert "[r] revised" in _text(soup), f"{page} does not explain [r]"
    assert flagged == {
        ("indicators/LOC-SSC-01.html", "January to March 2024"),
        ("indicators/LOC-SSC-01.html", "North Testford"),
        ("indicators/LOC-SSC-01.html", "South Testford"),
        ("indicators/NI-116.html", "2023-24"),
        ("indicators/NI-116.html", "South Testford"),  # its latest value: 2024-25 is [c]
        # the city's row in "How each area has changed": LOC-SSC-01 2024-Q1 and NI-116 2023-24
        # (the districts' rows there share their names with the latest-value table's rows)
        ("indicators/LOC-SSC-01.html", "Testford"),
        ("indicators/NI-116.html", "Testford"),
        ("areas/E07000001.html", "LOC-SSC-01"),
        ("areas/E07000002.html", "LOC-SSC-01"),
        ("areas/E07000002.html", "NI-116"),
    }
    council = _download(site, "downloads/NI-116.csv")
    revised = council[council["revised"] == "true"]
    assert set(zip(revised["period"], revised["area_code"], strict=True)) == {
        ("2023-24", "E08000001"),
        ("2023-24", "E07000002"),
    }


def test_the_revisions_log_lists_each_revision_with_its_reason(built: dict[str, object]) -> None:
    rows = _rows(_soup(built["head"], "about/revisions.html"), "Indicator")
    found = {(r[0], r[1], r[2], r[3], r[4], r[7], r[8]) for r in rows}
    assert found == {
        (
            "LOC-SSC-01",
            "January to March 2024",
            "Testford",
            "158",
            "160",
            "Revision",
            "Late crime reports added.",
        ),
        (
            "LOC-SSC-01",
            "April to June 2024",
            "North Testford",
            "80",
            "82",
            "Correction",
            "Two crimes were recorded in the wrong district.",
        ),
        (
            "LOC-SSC-01",
            "April to June 2024",
            "South Testford",
            "75",
            "73",
            "Correction",
            "Two crimes were recorded in the wrong district.",
        ),
        (
            "NI-116",
            "2023-24",
            "Testford",
            "21.0%",
            "21.2%",
            "Revision",
            "Late returns from two schools.",
        ),
        (
            "NI-116",
            "2023-24",
            "South Testford",
            "16.5%",
            "17.0%",
            "Revision",
            "Late returns from two schools.",
        ),
    }
    assert {r[5] for r in rows} == {"8 August 2024 (2024-08)"}
    log = _text(_soup(built["head"], "about/revisions.html"))
    assert (
        "Each release was compared with the one before it: August 2024 release (8 August 2024) "
        "with May 2024 release (9 May 2024)."
    ) in log
    assert "5 values revised since the previous release, May 2024 release (9 May 2024)." in log
    assert {r[6] for r in rows} == {"Testshire Police", "Council"}
    log = _download(built["head"], "downloads/revisions.csv")
    assert len(log) == 5 and set(log["release"]) == {"2024-08"}
    indicator = _rows(_soup(built["head"], "indicators/NI-116.html"), "Period")
    assert indicator[1][:2] == ["2023-24", "21.2% [r]"]


def test_each_figure_names_its_source(built: dict[str, object]) -> None:
    shas = built["shas"]
    assert isinstance(shas, dict)
    rows = {r[0]: r for r in _rows(_soup(built["head"], "indicators/LOC-SSC-01.html"), "Period")}
    assert rows["April to June 2023"][4].endswith(f"10 April 2024, version {shas['a'][:7]}")
    assert rows["January to March 2024"][4].endswith(f"20 June 2024, version {shas['b'][:7]}")
    police = _download(built["head"], "downloads/LOC-SSC-01.csv")
    first = police[police["period"] == "2024-Q1"].iloc[0]
    commits = _download(built["head"], "downloads/commits.csv").set_index("commit")
    assert first["commit"] == shas["b"]  # the commits table gives its date and author once
    assert (commits.loc[shas["b"], "date"], commits.loc[shas["b"], "author"]) == (
        "2024-06-20",
        "Bo Police",
    )
    assert set(police["commit"]) - {""} <= set(commits.index)
    site = built["head"]
    assert isinstance(site, Path)
    package = json.loads((site / "datapackage.json").read_text())
    described = next(r for r in package["resources"] if r["path"] == "downloads/LOC-SSC-01.csv")
    assert "(partner id police)" in described["description"]
    page = _text(_soup(built["head"], "indicators/LOC-SSC-01.html"))
    assert "The data behind these figures last changed on 20 June 2024, by Bo Police" in page
    assert f"version {shas['b'][:10]} in the data's history" in page
    footer = _soup(built["head"], "index.html").select_one(".laa-build-info")
    assert footer is not None and shas["d"][:10] in footer.get_text()


def test_figures_after_the_release_are_held_back(built: dict[str, object]) -> None:
    rows = {r[0]: r for r in _rows(_soup(built["head"], "indicators/LOC-SSC-01.html"), "Period")}
    assert rows["July to September 2024"][1] == "150", "the revision waits for November's release"


def test_as_of_hides_a_future_release(built: dict[str, object]) -> None:
    rows = {r[0]: r for r in _rows(_soup(built["may"], "indicators/LOC-SSC-01.html"), "Period")}
    assert rows["January to March 2024"][1] == "158"
    assert "July to September 2024" not in rows
    upcoming = _rows(_soup(built["may"], "about/release-calendar.html"), "Date")
    assert upcoming[0][:2] == ["8 August 2024", "August 2024 release"]
    log = _text(_soup(built["may"], "about/revisions.html"))
    assert "There is no earlier release to compare with yet: the first release" in log
    assert "No published value has been revised" not in log, "nothing was compared"


def test_before_the_first_release_nothing_is_published(
    built: dict[str, object], tmp_path: Path
) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    generate(root, tmp_path, as_of="2024-04-30")
    download = (tmp_path / "docs" / "downloads" / "LOC-SSC-01.csv").read_text(encoding="utf-8")
    assert download.count("\n") == 1, "only the header row"
    assert "No release is due on or before 30 April 2024" in (
        tmp_path / "docs" / "about" / "release-calendar.md"
    ).read_text(encoding="utf-8")


def test_each_release_is_archived(built: dict[str, object]) -> None:
    site = built["head"]
    may = _download(site, "downloads/releases/2024-05/LOC-SSC-01.csv")
    august = _download(site, "downloads/releases/2024-08/LOC-SSC-01.csv")
    value = "value"
    assert may[may["period"] == "2024-Q1"][value].tolist() == ["158"]
    assert august[august["period"] == "2024-Q1"][value].tolist() == ["160"]
    assert august[august["revised"] == "true"]["period"].tolist() == [
        "2024-Q1",
        "2024-Q2",
        "2024-Q2",
    ]
    assert set(may["revised"]) == {"false"}
    downloads = _soup(site, "about/downloads.html")
    links = {a["href"] for a in downloads.find_all("a", href=True)}
    assert "../downloads/releases/2024-05/NI-116.csv" in links


def test_two_builds_are_byte_identical(built: dict[str, object]) -> None:
    first, second = built["head"], built["again"]
    assert isinstance(first, Path) and isinstance(second, Path)

    def files(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*"))
            if p.is_file()
        }

    a, b = files(first), files(second)
    assert sorted(a) == sorted(b)
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
    different = [path for path in a if a[path] != b[path]]
    assert different == []


def test_the_datapackage_describes_every_csv_with_its_hash(built: dict[str, object]) -> None:
    site = built["head"]
    assert isinstance(site, Path)
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"]: r for r in package["resources"]}
    published = {p.relative_to(site).as_posix() for p in site.rglob("*.csv")}
    zips = {p.relative_to(site).as_posix() for p in site.rglob("*.zip")}
    assert zips and set(listed) == published | zips
    for path, resource in listed.items():
        data = (site / path).read_bytes()
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}", path
        assert resource["bytes"] == len(data)
        if path in zips:
            assert resource["mediatype"] == "application/zip"
            continue
        header = pd.read_csv(io.BytesIO(data), nrows=0).columns.tolist()
        assert [f["name"] for f in resource["schema"]["fields"]] == header
    assert len({r["name"] for r in package["resources"]}) == len(listed)
    assert package["version"] == "2024-08"


def test_indicator_pages_carry_dataset_json_ld(built: dict[str, object]) -> None:
    soup = _soup(built["head"], "indicators/NI-116.html")
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    data = json.loads(blocks[0].string)
    assert data["@type"] == "Dataset" and data["identifier"] == "NI-116"
    assert data["distribution"][0]["contentUrl"].endswith("downloads/NI-116.csv")
    assert data["temporalCoverage"] == "2022-04-01/2025-03-31"
    assert data["version"] == "2024-08"


def test_the_benefits_page_has_the_sign_off_audit_trail(built: dict[str, object]) -> None:
    shas = built["shas"]
    assert isinstance(shas, dict)
    rows = _rows(_soup(built["head"], "partnership/benefits.html"), "Benefit", "Signed off by")
    assert rows == [
        [
            "BEN-POL-01",
            "Chief Finance Officer, Testshire Police",
            "12 May 2025",
            shas["b"][:10],
            "20 June 2024",
            "Bo Police",
        ]
    ]


def test_a_bad_as_of_date_is_a_usage_error(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("build", "--root", str(BASE), "--as-of", "2024-13-01")
    assert result.code == 2
    assert "is not a date written YYYY-MM-DD" in result.err


def test_a_later_as_of_publishes_the_next_release(built: dict[str, object], tmp_path: Path) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    generate(root, tmp_path, as_of="2024-12-01")
    page = (tmp_path / "docs" / "indicators" / "LOC-SSC-01.md").read_text(encoding="utf-8")
    assert '<th scope="row">July to September 2024</th><td align="right">151 [r]</td>' in page
    log = (tmp_path / "docs" / "about" / "revisions.md").read_text(encoding="utf-8")
    assert log.index("## November 2024 release") < log.index("## August 2024 release")
    assert "A late report." in log
