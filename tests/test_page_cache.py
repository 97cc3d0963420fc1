"""Pages converted once are reused by later builds, and a build after an edit equals a cold one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.pipeline import build_site
from laa_publish.result_cache import SUFFIX, ResultCache
from laa_publish.write.page_cache import context_key, page_key

EDITED = "data/partners/police/indicators/LOC-SSC-01.csv"


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_a_key_changes_with_the_source_the_place_the_settings_and_the_files() -> None:
    files = [("a.md", "a.html"), ("b.md", "b.html")]
    context = context_key(b"site_name: T\n", files)
    key = page_key(context, "a.md", b"# A\n")
    assert key == page_key(context_key(b"site_name: T\n", reversed(files)), "a.md", b"# A\n")
    assert key != page_key(context, "a.md", b"# A.\n")
    assert key != page_key(context, "b.md", b"# A\n")
    assert key != page_key(context_key(b"site_name: U\n", files), "a.md", b"# A\n")
    assert key != page_key(context_key(b"site_name: T\n", files[:1]), "a.md", b"# A\n")


def test_a_damaged_entry_is_a_miss_and_unused_entries_are_pruned(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "pages")
    cache.put("kept", {"content": "<p>x</p>"})
    cache.put("old", 1)
    (tmp_path / "pages" / f"damaged{SUFFIX}").write_bytes(b"not a pickle")
    (tmp_path / "pages" / "stray.tmp").write_bytes(b"half written")
    later = ResultCache(tmp_path / "pages")
    assert later.holds("kept") and later.holds("damaged") and not later.holds("absent")
    assert later.get("kept") == {"content": "<p>x</p>"}
    assert later.get("damaged") is None
    assert later.get("absent") is None
    assert not (tmp_path / "pages" / f"damaged{SUFFIX}").exists()  # dropped when read
    assert not later.holds("damaged")
    assert later.prune() == 2  # the unused entry and the half-written file
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [f"kept{SUFFIX}"]


@pytest.mark.slow
def test_a_build_after_an_edit_converts_few_pages_and_equals_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = materialise(None, tmp_path / "repo")
    work = tmp_path / "work"
    build_site(root, tmp_path / "first", work_dir=work)
    kept = {name: work / "cache" / name for name in ("pages", "pages-templated")}
    counts = {name: len(list(folder.iterdir())) for name, folder in kept.items()}
    assert counts["pages"] == counts["pages-templated"] > 0  # every page, in both
    csv = root / EDITED
    csv.write_text(csv.read_text().replace("2024-Q2,E07000002,75,", "2024-Q2,E07000002,71,"))

    made: dict[str, list[str]] = {name: [] for name in kept}
    put = ResultCache.put

    def counting(self: ResultCache, key: str, value: object) -> None:
        made.setdefault(self.folder.name, []).append(key)
        put(self, key, value)

    monkeypatch.setattr(ResultCache, "put", counting)
    monkeypatch.setenv("LAA_WORKERS", "1")  # every page made here, where it is counted
    build_site(root, tmp_path / "warm", work_dir=work)
    monkeypatch.setattr(ResultCache, "put", put)
    for name, folder in kept.items():
        pages = counts[name]
        assert 0 < len(made[name]) < pages / 2, f"{name}: {len(made[name])} of {pages} again"
        assert len(list(folder.iterdir())) == pages  # old versions pruned

    build_site(root, tmp_path / "cold", work_dir=tmp_path / "fresh")
    warm, cold = _tree(tmp_path / "warm"), _tree(tmp_path / "cold")
    assert warm == cold
    assert warm != _tree(tmp_path / "first")  # the edit did reach the site
