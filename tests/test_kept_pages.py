"""An indicator's files and area-page rows are kept by a key that changes with what they show.

Each case below changes one input of rendering (another indicator's definition, figures,
progress, comparators, revisions or file history; a partner, an area, an outcome, a story,
a commit) and renders every kept file of a sample of indicators again. Wherever a file's
key stayed the same, the file must have come out the same: otherwise a build after that
edit would publish a stale page.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, record_calls

from laa_publish.compute.audit import finish, prepare
from laa_publish.compute.progress import compute
from laa_publish.load.history import Commit, read_history
from laa_publish.model.site_paths import KINDS
from laa_publish.render import data_archives
from laa_publish.render.area_rows import AREA_ROWS, all_area_rows, indicator_rows
from laa_publish.render.context import Context, Rendered
from laa_publish.render.data_archives import packed
from laa_publish.render.kept_pages import (
    KeptFiles,
    file_key,
    indicator_key,
    render_alone,
    shared_digest,
)
from laa_publish.render.renderers import renderers
from laa_publish.render.zip_archive import Member, deflate
from laa_publish.result_cache import ResultCache
from laa_publish.validate.run import check

SHOWN = "NI-56"  # the page watched: CYP-4, beside NI-112
OTHER = "NI-112"  # the indicator each per-indicator case changes
KEPT = [kind for kind in KINDS if kind.kept]
Files = dict[tuple[str, str], tuple[str, object]]


@pytest.fixture(scope="module")
def base() -> Context:
    history = read_history(REPO)
    result = check(REPO, history)
    assert result.partnership is not None
    p = result.partnership
    audit = prepare(REPO, p, history)
    computed = compute(p)
    finish(audit, p, computed)
    return Context(p, computed, history, audit)


def _sample(ctx: Context) -> list[str]:
    outcome = ctx.p.indicators[SHOWN].outcome
    siblings = [i.id for i in ctx.p.outcome_indicators(outcome)]
    return sorted({*siblings, *sorted(ctx.p.indicators)[:3], SHOWN, OTHER})


def _files(ctx: Context, idents: list[str]) -> Files:
    """Each kept file of the sample: its key and what rendering it gives."""
    bound = renderers()
    shared = shared_digest(ctx, "code")
    files: Files = {}
    for kind in KEPT:
        for ident in idents:
            if ident in kind.key_list(ctx.p, ctx.audit.archives):
                key = file_key(indicator_key(ctx, shared, ident), kind.id)
                files[kind.id, ident] = (key, render_alone(bound[kind.id], ctx, ident))
    for ident in idents:  # its rows on the area pages, kept by the same inputs
        key = file_key(indicator_key(ctx, shared, ident), AREA_ROWS)
        files[AREA_ROWS, ident] = (key, indicator_rows(ctx, ident))
    return files


def _other_title(ctx: Context) -> None:
    ind = ctx.p.indicators[OTHER]
    ctx.p.indicators[OTHER] = dataclasses.replace(ind, title=ind.title + " (renamed)")


def _other_figure(ctx: Context) -> None:
    frame = ctx.computed.published[OTHER].copy()
    last = frame.index[frame["value"].notna()][-1]
    frame.loc[last, "value"] = float(frame.loc[last, "value"]) + 1.5
    ctx.computed.published[OTHER] = frame


def _other_progress(ctx: Context) -> None:
    progress = ctx.computed.progress[OTHER]
    place = ctx.place
    progress[place] = dataclasses.replace(progress[place], latest_value=123.4)


def _other_comparators(ctx: Context) -> None:
    frame = ctx.p.comparators[OTHER].copy()
    frame["value"] = frame["value"] + 1.0
    ctx.p.comparators[OTHER] = frame


def _other_revised(ctx: Context) -> None:
    frame = ctx.computed.published[OTHER]
    row = frame[frame["area"] == ctx.place].iloc[-1]
    ctx.audit.revised.add((OTHER, str(row["period"]), ctx.place, str(row["breakdown"])))
    ctx.computed.published[OTHER] = frame.assign(revised=frame.index == row.name)


def _other_history(ctx: Context) -> None:
    path = ctx.p.indicators[OTHER].data_path
    ctx.history.last_change[path] = Commit("f" * 40, "2031-01-02", 1924992000, "A. Nother")


def _partner_name(ctx: Context) -> None:
    owner = ctx.p.indicators[SHOWN].partner
    partner = ctx.p.partners[owner]
    ctx.p.partners[owner] = dataclasses.replace(partner, short_name="Renamed trust")


def _area_name(ctx: Context) -> None:
    area = ctx.p.areas[ctx.place]
    ctx.p.areas[ctx.place] = dataclasses.replace(area, name="Renamed place")


def _outcome_title(ctx: Context) -> None:
    outcome_id = ctx.p.indicators[SHOWN].outcome
    outcome = ctx.p.outcomes[outcome_id]
    ctx.p.outcomes[outcome_id] = dataclasses.replace(outcome, title="A renamed outcome")


def _story(ctx: Context) -> None:
    outcome_id = ctx.p.indicators[SHOWN].outcome
    if outcome_id in ctx.p.narratives:
        del ctx.p.narratives[outcome_id]
    else:
        ctx.p.narratives[outcome_id] = "A story."


def _commit_author(ctx: Context) -> None:
    for sha, commit in list(ctx.audit.commits.items()):
        ctx.audit.commits[sha] = dataclasses.replace(commit, author="Someone Else")


CASES: dict[str, Callable[[Context], None]] = {
    "another indicator's title": _other_title,
    "another indicator's figures": _other_figure,
    "another indicator's progress": _other_progress,
    "another indicator's comparators": _other_comparators,
    "another indicator's revised flags": _other_revised,
    "another indicator's file history": _other_history,
    "the owner's name": _partner_name,
    "the place's name": _area_name,
    "the outcome's title": _outcome_title,
    "the outcome's story": _story,
    "the commits' authors": _commit_author,
}


@pytest.fixture(scope="module")
def before(base: Context) -> Files:
    return _files(base, _sample(base))


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_file_whose_key_is_unchanged_is_unchanged(
    base: Context, before: Files, case: str
) -> None:
    idents = _sample(base)
    edited = copy.deepcopy(base)
    CASES[case](edited)
    after = _files(edited, idents)
    assert sorted(after) == sorted(before)
    stale = [f for f, kept in after.items() if kept[0] == before[f][0] and kept != before[f]]
    assert stale == [], f"{case}: kept by an unchanged key but rendered differently"
    changed = [f for f, (_, value) in after.items() if value != before[f][1]]
    assert changed, f"{case} changed none of the sample's files: the case tests nothing"


def test_a_second_render_takes_every_file_from_the_cache(
    base: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    idents = _sample(base)
    bound = renderers()
    kind = next(k for k in KEPT if k.id == "indicator")
    first = KeptFiles(base, ResultCache(tmp_path / "kept"), "code").render(
        kind.id, bound[kind.id], idents
    )
    puts = record_calls(monkeypatch, ResultCache, "put")
    cache = ResultCache(tmp_path / "kept")
    again = KeptFiles(base, cache, "code").render(kind.id, bound[kind.id], idents)
    assert again == first and puts == []
    assert len(cache.used) == len(idents)

    edited = copy.deepcopy(base)
    _other_title(edited)
    KeptFiles(edited, ResultCache(tmp_path / "kept"), "code").render(
        kind.id, bound[kind.id], idents
    )
    assert len(puts) == 1  # only the renamed indicator rendered again
    KeptFiles(base, ResultCache(tmp_path / "kept"), "new code").render(
        kind.id, bound[kind.id], idents
    )
    assert len(puts) == 1 + len(idents)  # new code: nothing reused


def test_a_download_keeps_its_compressed_copy_while_its_bytes_stay(
    base: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    files = {"downloads/a.csv": "x,y\n1,2\n", "downloads/b.csv": "x\n3\n"}
    paths = sorted(files)

    def pack(files: dict[str, str]) -> list[Member]:
        ctx = dataclasses.replace(base, kept=ResultCache(tmp_path / "kept"))
        return packed(ctx, Rendered(files=dict(files)), paths)

    first = pack(files)
    deflates = record_calls(monkeypatch, data_archives, "deflate")
    assert pack(files) == first and deflates == []
    edited = pack({**files, "downloads/b.csv": "x\n4\n"})
    assert [call[0] for call in deflates] == ["b.csv"]
    assert edited == [first[0], deflate("b.csv", b"x\n4\n")]


def test_area_pages_from_kept_rows_are_the_pages_made_row_by_row(
    base: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    render = renderers()["area"]
    codes = sorted(base.p.areas)
    assert base.area_rows is None
    alone = [render_alone(render, base, code) for code in codes]  # each row made for its page
    for fresh in (True, False):
        monkeypatch.setenv("LAA_WORKERS", "1")  # every put made here, where it is counted
        puts = record_calls(monkeypatch, ResultCache, "put")
        ctx = dataclasses.replace(base)
        ctx.area_rows = all_area_rows(ctx, KeptFiles(ctx, ResultCache(tmp_path / "kept"), "code"))
        assert [render_alone(render, ctx, code) for code in codes] == alone
        assert len(puts) == (len(base.p.indicators) if fresh else 0)
        monkeypatch.undo()


def test_a_damaged_kept_file_is_rendered_again(
    base: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAA_WORKERS", "1")
    idents = _sample(base)
    render = renderers()["indicator"]
    first = KeptFiles(base, ResultCache(tmp_path / "kept"), "code").render(
        "indicator", render, idents
    )
    for entry in (tmp_path / "kept").iterdir():
        entry.write_bytes(b"damaged")  # held, but unreadable: read in this process, then made
    again = KeptFiles(base, ResultCache(tmp_path / "kept"), "code").render(
        "indicator", render, idents
    )
    assert again == first
