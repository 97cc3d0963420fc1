"""The example generator (tools/example) reproduces the shipped example byte for byte.

So the example can be regenerated after a model change, and any difference shows up here.
The tools are run the way the docs say, ``python -m ...`` from the repository root: they
are packages of the repository, not installed with laa_publish.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from laa_publish.compute.progress import publishable, status_against
from laa_publish.model.entities import Partnership
from laa_publish.validate.run import check

REPO = Path(__file__).resolve().parent.parent
FOLDERS = ("data", "content", "site_config")
# Renders the narratives, and templates given as a JSON list on stdin, against the generated
# dataset; prints what the narratives quote and each template's text or refusal.
RENDER = """
import dataclasses, json, sys
from tools.example.areas import brackenford_areas
from tools.example.dataset import generate
from tools.example.figures import Figures
from tools.example.render_narratives import render_narratives
from tools.example.templates import TemplateError, render
data = generate(brackenford_areas())
quotes = render_narratives(data)[1]
functions = Figures(data).functions()
results = []
for text in json.load(sys.stdin):
    try:
        results.append(["written", render(text, functions, "test.md")])
    except TemplateError as error:
        results.append(["refused", str(error)])
print(json.dumps({"quotes": [dataclasses.asdict(q) for q in quotes], "results": results}))
"""


def _python(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _render(*templates: str) -> tuple[list[dict[str, str]], list[list[str]]]:
    """The figures the narratives quote, and each template rendered or refused."""
    out = json.loads(_python("-c", RENDER, stdin=json.dumps(templates)).stdout)
    return out["quotes"], out["results"]


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for folder in FOLDERS
        for p in (root / folder).rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example written by ``python -m tools.example`` into a temporary folder."""
    root = tmp_path_factory.mktemp("example")
    done = _python("-m", "tools.example", "--root", str(root))
    assert "WARNING" not in done.stderr
    return root


def test_generator_reproduces_the_committed_example(generated: Path) -> None:
    code = "from tools.example.dataset import HAND_KEPT; print(*HAND_KEPT)"
    hand_kept = _python("-c", code).stdout.split()
    assert not any(h.startswith("content") for h in hand_kept)

    def is_generated(path: str) -> bool:
        return not any(path == h or (h.endswith("/") and path.startswith(h)) for h in hand_kept)

    committed = {p for p in _files(REPO) if is_generated(p)}
    written = _files(generated)
    assert sorted(written - committed) == [], "written but not committed"
    assert sorted(committed - written) == [], "committed but not written"
    assert len(written) == 170
    different = [
        p for p in sorted(written) if (generated / p).read_bytes() != (REPO / p).read_bytes()
    ]
    assert different == []


def test_generated_outcomes_name_the_generated_narratives(generated: Path) -> None:
    named = set()
    for outcome in sorted((generated / "data" / "outcomes").glob("*.yaml")):
        match = re.search(r"^narrative: (\S+)$", outcome.read_text(encoding="utf-8"), re.M)
        assert match, f"{outcome.name} names no narrative"
        named.add(match.group(1))
    written = {p.relative_to(generated).as_posix() for p in generated.glob("content/outcomes/*")}
    assert named == written
    assert len(named) == 16


@pytest.fixture(scope="module")
def site(generated: Path) -> Partnership:
    """The generated example as laa-publish loads it."""
    p = check(generated).partnership
    assert p is not None
    return p


def _published(p: Partnership, indicator: str, period: str, area: str) -> pd.Series:
    rolled = publishable(p, indicator)
    assert rolled is not None
    rows = rolled[
        (rolled["period"] == period) & (rolled["area"] == area) & (rolled["breakdown"] == "")
    ]
    assert len(rows) == 1, (indicator, period, area)
    row: pd.Series = rows.iloc[0]
    return row


def test_narratives_quote_the_figures_the_site_publishes(site: Partnership) -> None:
    """Every figure a narrative quotes is the site's own: shown, not suppressed, as written.

    Values are checked against the rolled-up, disclosure-controlled figures the site
    publishes (so secondary suppression counts too), baselines and targets against the
    indicator's, and statuses against the site's progress method.
    """
    quotes, _ = _render()
    wrong = []
    for q in quotes:
        indicator = site.indicators[q["indicator"]]
        d = indicator.decimals
        if q["kind"] == "baseline":
            assert indicator.baseline is not None
            shown = f"{indicator.baseline.value:,.{d}f}"
            assert (indicator.baseline.period, indicator.baseline.area) == (q["period"], q["area"])
        elif q["kind"] == "target":
            target = next(
                t for t in indicator.targets if (t.period, t.area) == (q["period"], q["area"])
            )
            shown = f"{target.value:,.{d}f}"
        else:
            row = _published(site, q["indicator"], q["period"], q["area"])
            assert row["status"] != "suppressed", f"{q} quotes a suppressed figure"
            if q["kind"] == "status":
                target = next(
                    t for t in indicator.targets if (t.period, t.area) == (q["period"], q["area"])
                )
                shown = status_against(row["value"], target, indicator).replace("_", " ")
            else:
                shown = f"{row['value']:,.{d}f}"
        if shown != q["text"]:
            wrong.append((q, shown))
    assert wrong == []
    kinds = {q["kind"] for q in quotes}
    assert kinds == {"value", "baseline", "target", "status"}
    quoted = {site.indicators[q["indicator"]].outcome for q in quotes}
    assert quoted == set(site.outcomes)


def test_a_template_may_not_quote_a_figure_the_site_suppresses(site: Partnership) -> None:
    """The site's suppressed cells, primary and secondary, are refused; a published one is not."""
    rolled = publishable(site, "NI-15")
    assert rolled is not None
    latest = rolled[(rolled["period"] == rolled["period"].max()) & (rolled["breakdown"] == "")]
    cells = {
        reason: latest[latest["suppression"] == reason].iloc[0]
        for reason in ("primary", "secondary", "")
    }
    names = {a.code: a.name for a in site.areas.values()}
    templates = [
        f'{{{{ value("NI-15", "{row["period"]}", "{names[row["area"]]}") }}}}'
        for row in cells.values()
    ]
    templates.append('Lowest: {{ ranking("NI-15", "neighbourhood", "lowest") }}.')
    _, results = _render(*templates)
    primary, secondary, shown, lowest = results
    assert primary[0] == "refused" and "below the disclosure threshold of 5" in primary[1]
    assert secondary[0] == "refused" and "cannot be worked out" in secondary[1]
    assert shown == ["written", f"{cells[''].value:,.2f}"]
    assert lowest[0] == "refused" and "do not quote it" in lowest[1]


def test_the_template_language_runs_no_code_of_its_own() -> None:
    _, results = _render(
        '{{ __import__("os") }}',
        '{{ len("x").__class__ }}',
        "{{ value.__globals__ }}",
        '{{ open("x") }}',
        '{{ value("NI-15", *["latest"]) }}',
        "{{ 1 + 1 }}",
        'Text {{ value("NI-15") }',
        '{{ value("NO-SUCH") }}',
    )
    assert [r[0] for r in results] == ["refused"] * 8
    assert "unknown function '__import__'" in results[0][1]
    assert "is not allowed" in results[1][1] and "is not allowed" in results[2][1]
    assert "unknown function 'open'" in results[3][1]
    assert "is not allowed" in results[5][1]
    assert "unclosed" in results[6][1]
    assert "there is no indicator 'NO-SUCH'" in results[7][1]
    assert all(r[1].startswith("test.md:1: ") for r in results)


def test_benchmark_generator_imports_as_a_package() -> None:
    usage = _python("-m", "benchmarks.synth", "--help").stdout
    assert "county" in usage and "national" in usage
