"""The zip of all data and each partner's zip: complete, self-describing and reproducible."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from rendering import Site, render_repository

from laa_publish.model.site_paths import ALL_DATA_ZIP, partner_page, partner_zip
from laa_publish.render.zip_archive import DOS_EPOCH, Member, deflate, dos_time, zip_bytes


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The shipped example, rendered as the build renders it."""
    return render_repository(REPO, tmp_path_factory.mktemp("zips") / "cache")


def _open(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None, "a member's CRC does not match its contents"
    return archive


def _csvs(site: Site) -> dict[str, bytes]:
    return {
        path: text.encode("utf-8")
        for path, text in site.rendered.files.items()
        if path.startswith("downloads/") and path.endswith(".csv")
    }


# the format, on its own


def test_an_archive_reads_back_exactly_with_every_member_dated_and_ordered() -> None:
    files = {"d/b.csv": b"x,y\r\n1,2\r\n" * 50, "d/a.csv": b"", "d/\u00e9t\u00e9.csv": b"z\r\n"}
    members = [deflate(name, content) for name, content in files.items()]
    when = 1_764_900_000  # 2025-12-05 02:00:00 UTC
    archive = _open(zip_bytes(members, when))
    assert archive.namelist() == list(files), "members stay in the order given"
    for info in archive.infolist():
        assert archive.read(info) == files[info.filename]
        assert info.date_time == time.gmtime(when)[:6]
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.external_attr >> 16 == 0o100644
    assert archive.getinfo("d/\u00e9t\u00e9.csv").flag_bits & 0x800, "non-ASCII names are UTF-8"


def test_the_same_members_give_the_same_bytes_and_a_new_time_changes_them() -> None:
    members = [deflate("a/x.csv", b"1,2\r\n" * 100)]
    assert zip_bytes(members, 1_700_000_000) == zip_bytes(list(members), 1_700_000_000)
    assert zip_bytes(members, 1_700_000_000) != zip_bytes(members, 1_700_000_100)


def test_no_commit_or_a_time_before_1980_is_dated_at_the_format_s_epoch() -> None:
    assert dos_time(None) == dos_time(0) == dos_time(DOS_EPOCH) == (0, (1 << 5) | 1)
    assert dos_time(DOS_EPOCH + 3) == (1, (1 << 5) | 1), "seconds are kept in twos"


def test_an_empty_archive_is_still_a_valid_zip() -> None:
    data = zip_bytes([], None)
    assert _open(data).namelist() == []
    assert data == struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("name", ["/etc/x.csv", "a/../../x.csv", "..", "a\\b.csv"])
def test_a_member_name_cannot_leave_the_archive_s_folder(name: str) -> None:
    with pytest.raises(ValueError, match="relative member name"):
        deflate(name, b"")


def test_more_members_than_the_format_can_list_are_refused() -> None:
    member = Member("a.csv", 0, 0, "", b"\x03\x00")
    with pytest.raises(ValueError, match="more than one zip archive can list"):
        zip_bytes([member] * 0x10000, None)


# the example's archives


def test_all_data_holds_every_csv_on_the_site_byte_for_byte(site: Site) -> None:
    archive = _open(site.rendered.copies[ALL_DATA_ZIP])
    csvs = _csvs(site)
    assert any("/releases/" in path for path in csvs), "earlier releases are in the example"
    expected = {f"all-data/{p.removeprefix('downloads/')}": data for p, data in csvs.items()}
    names = archive.namelist()
    assert names[0] == "all-data/datapackage.json"
    assert names[1:] == sorted(expected)
    for name, data in expected.items():
        assert archive.read(name) == data, name


def test_each_partner_s_zip_holds_exactly_the_indicators_it_reports(site: Site) -> None:
    reporting = sorted({ind.partner for ind in site.p.indicators.values()})
    assert len(reporting) >= 5
    csvs = _csvs(site)
    for ident in reporting:
        archive = _open(site.rendered.copies[partner_zip(ident)])
        held = {n.removeprefix(f"{ident}/") for n in archive.namelist()}
        owned = {i for i, ind in site.p.indicators.items() if ind.partner == ident}
        assert "datapackage.json" in held
        assert "commits.csv" in held  # what each figure's commit column refers to
        indicators = {n for n in held if n.endswith(".csv") and "-comparators" not in n}
        assert indicators - {"commits.csv"} == {f"{i}.csv" for i in owned}
        with_comparators = {i for i in owned if f"downloads/{i}-comparators.csv" in csvs}
        assert {n for n in held if n.endswith("-comparators.csv")} == {
            f"{i}-comparators.csv" for i in with_comparators
        }
        for name in held - {"datapackage.json"}:
            assert archive.read(f"{ident}/{name}") == csvs[f"downloads/{name}"]


def test_some_partner_zip_carries_comparators(site: Site) -> None:
    names = [
        name
        for path, data in site.rendered.copies.items()
        if path.startswith("downloads/partners/")
        for name in _open(data).namelist()
    ]
    assert any(name.endswith("-comparators.csv") for name in names)


def test_each_zip_describes_its_files_with_true_hashes_and_columns(site: Site) -> None:
    head = site.history.head
    assert head is not None
    for path, data in sorted(site.rendered.copies.items()):
        if not path.endswith(".zip"):
            continue
        archive = _open(data)
        root = archive.namelist()[0].split("/")[0]
        package = json.loads(archive.read(f"{root}/datapackage.json"))
        listed = {r["path"]: r for r in package["resources"]}
        assert sorted(f"{root}/{p}" for p in listed) == sorted(archive.namelist()[1:]), path
        for member, described in listed.items():
            content = archive.read(f"{root}/{member}")
            assert described["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}"
            assert described["bytes"] == len(content)
            header = content.split(b"\r\n", 1)[0].decode("utf-8").split(",")
            assert [f["name"] for f in described["schema"]["fields"]] == header
        assert package["sources"] == [{"title": f"git commit {head.sha}"}]


def test_every_member_is_dated_by_the_built_commit_not_the_clock(site: Site) -> None:
    head = site.history.head
    assert head is not None
    stamp = time.gmtime(head.timestamp)[:6]
    for path, data in site.rendered.copies.items():
        if path.endswith(".zip"):
            dates = {
                (*info.date_time[:5], info.date_time[5] // 2) for info in _open(data).infolist()
            }
            assert dates == {(*stamp[:5], stamp[5] // 2)}, path


def test_the_site_s_datapackage_lists_each_zip_with_its_hash(site: Site) -> None:
    package = json.loads(site.rendered.files["datapackage.json"])
    zips = {r["path"]: r for r in package["resources"] if r["path"].endswith(".zip")}
    expected = {p: d for p, d in site.rendered.copies.items() if p.endswith(".zip")}
    assert set(zips) == set(expected)
    for path, resource in zips.items():
        assert resource["hash"] == f"sha256:{hashlib.sha256(expected[path]).hexdigest()}"
        assert resource["bytes"] == len(expected[path])
        assert resource["mediatype"] == "application/zip"
    assert package["profile"] == "data-package"


def test_the_downloads_page_and_each_partner_page_link_their_zips(site: Site) -> None:
    downloads = site.rendered.files["about/downloads.md"]
    assert "(../downloads/all-data.zip)" in downloads
    for ident in {ind.partner for ind in site.p.indicators.values()}:
        assert f"(../downloads/partners/{ident}.zip)" in downloads
        page = site.rendered.files[partner_page(ident)]
        assert f"(../downloads/partners/{ident}.zip)" in page
        assert "(../downloads/all-data.zip)" in page


@pytest.mark.slow
def test_the_example_s_zips_are_byte_identical_across_two_builds(
    site: Site, example_site: Path
) -> None:
    zips = {p: d for p, d in site.rendered.copies.items() if p.endswith(".zip")}
    assert len(zips) >= 6
    for path, data in zips.items():
        assert (example_site / path).read_bytes() == data, path
    links = BeautifulSoup(
        (example_site / "about" / "downloads.html").read_text(encoding="utf-8"), "html.parser"
    ).find_all("a", href=True)
    assert "../downloads/all-data.zip" in {a["href"] for a in links}
