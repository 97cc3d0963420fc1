"""`laa-publish new`: templates whose only problems are their placeholders, list every allowed
value, never overwrite."""

from __future__ import annotations

import csv
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE, CliResult, materialise

from laa_publish import scaffold
from laa_publish.cli import EXIT_OK, EXIT_USAGE
from laa_publish.model.entities import OBSERVATION_STATUSES
from laa_publish.model.periods import PERIOD_TYPES, period_ordinal
from laa_publish.validate.placeholders import (
    EXAMPLE_ROW,
    GUIDANCE,
    PLACEHOLDER,
    PLACEHOLDER_EMAIL,
)
from laa_publish.validate.run import check

SCHEMAS = Path(__file__).resolve().parent.parent / "laa_publish" / "schemas"
POLICE = "data/partners/police/indicators"
Run = Callable[..., CliResult]


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _issues(root: Path) -> list[tuple[str, str, str]]:
    """Issues the new files brought: the base fixture's own (it should have none) are ignored."""
    before = {(i.path, i.code, i.message) for i in check(BASE).issues}
    return [
        (i.path, i.code, i.message)
        for i in check(root).issues
        if (i.path, i.code, i.message) not in before
    ]


def _fill(root: Path, *paths: str) -> None:
    """Do what the next steps ask: replace each placeholder, delete the example row and the
    guidance boxes."""
    for rel in paths:
        path = root / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [
            line.replace(f"{PLACEHOLDER} with", "Written by the partner about")
            for line in lines
            if EXAMPLE_ROW not in line and not line.startswith(">")
        ]
        path.write_text("".join(lines).replace(PLACEHOLDER_EMAIL, "team@example.org"), "utf-8")


def _placeholders(root: Path) -> list[tuple[str, int | None, str]]:
    """Where validate finds placeholders: (path, line, code)."""
    return [
        (i.path, i.line, i.code)
        for i in check(root).issues
        if i.code in ("placeholder-value", "placeholder-text", "csv-example-row")
    ]


def _line_of(path: Path, start: str) -> int:
    """The 1-based line of the first line that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


def _comments(path: Path) -> str:
    return "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return materialise(None, tmp_path / "repo")


def test_new_indicator_has_only_its_placeholders_until_they_are_filled(
    run_cli: Run, root: Path
) -> None:
    result = run_cli(
        "new", "indicator", "--outcome", "SSC-1", "--partner", "police", "--root", str(root)
    )
    assert result.code == EXIT_OK, result
    yaml_file, csv_file = root / POLICE / "LOC-SSC-02.yaml", root / POLICE / "LOC-SSC-02.csv"
    assert yaml_file.is_file() and csv_file.is_file()
    assert yaml_file.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../../../laa_publish/schemas/indicator.schema.json"
    )
    assert f"Created {POLICE}/LOC-SSC-02.yaml\n" in result.out
    assert f"Created {POLICE}/LOC-SSC-02.csv\n" in result.out
    assert "Next steps:" in result.out and "laa-publish validate" in result.out
    yaml_rel, csv_rel = f"{POLICE}/LOC-SSC-02.yaml", f"{POLICE}/LOC-SSC-02.csv"
    keys = ("title:", "definition:", "source:", "methodology:", "limitations:", "  name:")
    expected = [(yaml_rel, _line_of(yaml_file, key), "placeholder-value") for key in keys]
    expected.append((yaml_rel, _line_of(yaml_file, "  email:"), "placeholder-value"))
    expected.append((csv_rel, 2, "csv-example-row"))
    assert sorted(_placeholders(root)) == sorted(expected)
    assert {code for _, code, _ in _issues(root)} == {"placeholder-value", "csv-example-row"}
    _fill(root, yaml_rel, csv_rel)
    assert _issues(root) == []


def test_schema_line_resolves_to_the_schema(run_cli: Run, root: Path) -> None:
    assert (
        run_cli(
            "new", "indicator", "--outcome", "CYP-1", "--partner", "police", "--root", str(root)
        ).code
        == 0
    )
    assert (
        run_cli(
            "new",
            "outcome",
            "--theme",
            "safer-stronger",
            "--lead-partner",
            "police",
            "--root",
            str(root),
        ).code
        == 0
    )
    for rel in (f"{POLICE}/LOC-CYP-01.yaml", "data/outcomes/SSC-2.yaml"):
        first = (root / rel).read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        resolved = Path(os.path.normpath((root / rel).parent / target))
        assert resolved == root / "laa_publish/schemas" / resolved.name, first
        assert (SCHEMAS / resolved.name).is_file(), first


def test_csv_example_row_is_for_the_whole_place_and_marked(run_cli: Run, root: Path) -> None:
    run_cli(
        "new", "indicator", "--outcome", "CYP-1", "--partner", "city-council", "--root", str(root)
    )
    path = root / "data/partners/city-council/indicators/LOC-CYP-01.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 1
    assert rows[0]["area"] == "E08000001"
    assert rows[0]["period"] == "2023-24", "the period the agreement starts in"
    assert "EXAMPLE" in rows[0]["note"] and "delete" in rows[0]["note"]


@pytest.mark.parametrize("period_type", sorted(PERIOD_TYPES))
def test_every_period_type_validates(run_cli: Run, root: Path, period_type: str) -> None:
    result = run_cli(
        "new",
        "indicator",
        "--outcome",
        "SSC-1",
        "--partner",
        "police",
        "--period-type",
        period_type,
        "--id",
        "LOC-TEST-01",
        "--root",
        str(root),
    )
    assert result.code == EXIT_OK, result
    text = (root / POLICE / "LOC-TEST-01.yaml").read_text(encoding="utf-8")
    assert f"\nperiod_type: {period_type}\n" in text
    row = (root / POLICE / "LOC-TEST-01.csv").read_text(encoding="utf-8").splitlines()[1]
    assert period_ordinal(row.split(",")[0], period_type) is not None
    (root / POLICE / "LOC-TEST-01.csv").write_text(
        "period,area,value,numerator,denominator,status,note\n"
        + row.replace(row.rsplit(",", 1)[1], "A real note"),
        encoding="utf-8",
    )
    _fill(root, f"{POLICE}/LOC-TEST-01.yaml")
    assert _issues(root) == [], "the example row is valid apart from its note"


def test_period_type_choices_are_the_schemas(run_cli: Run, root: Path) -> None:
    result = run_cli(
        "new",
        "indicator",
        "--outcome",
        "SSC-1",
        "--partner",
        "police",
        "--period-type",
        "quater",
        "--root",
        str(root),
    )
    assert result.code == EXIT_USAGE
    for name in _schema("indicator")["properties"]["period_type"]["enum"]:
        assert name in result.err
    assert not (root / POLICE / "LOC-SSC-02.yaml").exists()


def test_commented_examples_are_valid_when_uncommented(run_cli: Run, root: Path) -> None:
    run_cli("new", "indicator", "--outcome", "SSC-1", "--partner", "police", "--root", str(root))
    path = root / POLICE / "LOC-SSC-02.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('# national_indicator: "NI 116"', 'national_indicator: "NI 116"')
    text = re.sub(
        r"#   - period: (.*)\n#     value: (.*)\n#     tolerance: (.*)\ntargets: \[\]",
        r"targets:\n  - period: \1\n    value: \2\n    tolerance: \3",
        text,
    )
    assert "targets:\n  - period:" in text
    path.write_text(text, encoding="utf-8")
    _fill(root, f"{POLICE}/LOC-SSC-02.yaml", f"{POLICE}/LOC-SSC-02.csv")
    assert _issues(root) == []


def test_indicator_comments_list_every_schema_value(run_cli: Run, root: Path) -> None:
    run_cli("new", "indicator", "--outcome", "SSC-1", "--partner", "police", "--root", str(root))
    comments = _comments(root / POLICE / "LOC-SSC-02.yaml")
    properties = _schema("indicator")["properties"]
    enums = {key: spec["enum"] for key, spec in properties.items() if "enum" in spec}
    assert set(enums) >= {"unit", "polarity", "frequency", "period_type", "aggregation"}
    for key, values in enums.items():
        assert f"# {key}:" in comments
        for value in values:
            assert re.search(rf"^#\s+- {value}(:|$)", comments, re.MULTILINE), (key, value)
    for status in OBSERVATION_STATUSES:
        assert re.search(rf"^#\s+- {status}:", comments, re.MULTILINE), status
    for kind in PERIOD_TYPES.values():
        assert f"written like {kind.example}" in comments
    decimals = properties["decimals"]
    assert f"from {decimals['minimum']} to {decimals['maximum']}" in comments
    for key in properties:
        assert f"# {key}:" in comments, f"no comment explains {key!r}"


def test_new_outcome_validates_and_clears_once_it_has_an_indicator(
    run_cli: Run, root: Path
) -> None:
    result = run_cli(
        "new",
        "outcome",
        "--theme",
        "children-young-people",
        "--lead-partner",
        "city-council",
        "--root",
        str(root),
    )
    assert result.code == EXIT_OK, result
    yaml_file, md_file = root / "data/outcomes/CYP-2.yaml", root / "content/outcomes/CYP-2.md"
    assert yaml_file.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../laa_publish/schemas/outcome.schema.json"
    )
    headings = re.findall(r"^## (.+)$", md_file.read_text(encoding="utf-8"), re.MULTILINE)
    assert headings == [
        "What the data shows",
        "The story behind the curve",
        "Who is working on it",
        "What works",
        "What happens next",
    ]
    assert "Created data/outcomes/CYP-2.yaml\n" in result.out
    assert "Created content/outcomes/CYP-2.md\n" in result.out
    assert "laa-publish new indicator --outcome CYP-2 --partner city-council" in result.out
    md_rel = "content/outcomes/CYP-2.md"
    markdown = md_file.read_text(encoding="utf-8").splitlines()
    expected = [
        (md_rel, n, "placeholder-text")
        for n, line in enumerate(markdown, start=1)
        if GUIDANCE in line or f"{PLACEHOLDER} with" in line
    ]
    assert len(expected) == 10, "five guidance boxes and five placeholder paragraphs"
    expected += [
        ("data/outcomes/CYP-2.yaml", _line_of(yaml_file, key), "placeholder-value")
        for key in ("title:", "summary:")
    ]
    assert sorted(_placeholders(root)) == sorted(expected)
    _fill(root, "data/outcomes/CYP-2.yaml", md_rel)
    assert [code for _, code, _ in _issues(root)] == ["outcome-no-indicators"]
    assert (
        run_cli(
            "new",
            "indicator",
            "--outcome",
            "CYP-2",
            "--partner",
            "city-council",
            "--root",
            str(root),
        ).code
        == 0
    )
    assert (root / "data/partners/city-council/indicators/LOC-CYP-01.yaml").is_file()
    indicator = "data/partners/city-council/indicators/LOC-CYP-01"
    _fill(root, f"{indicator}.yaml", f"{indicator}.csv")
    assert _issues(root) == []


def test_outcome_comments_list_themes_and_partners(run_cli: Run, root: Path) -> None:
    run_cli(
        "new",
        "outcome",
        "--theme",
        "safer-stronger",
        "--lead-partner",
        "police",
        "--root",
        str(root),
    )
    comments = _comments(root / "data/outcomes/SSC-2.yaml")
    for value in ("children-young-people", "safer-stronger", "city-council", "police"):
        assert re.search(rf"^#\s+- {value}:", comments, re.MULTILINE), value
    for key in _schema("outcome")["properties"]:
        assert f"# {key}:" in comments, key


def test_outcome_in_a_theme_with_no_outcomes_gets_a_prefix_from_its_words(
    run_cli: Run, root: Path
) -> None:
    settings = root / "site_config/partnership.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "  - id: healthier-older\n    title: Healthier communities and older people\n",
        encoding="utf-8",
    )
    result = run_cli(
        "new",
        "outcome",
        "--theme",
        "healthier-older",
        "--lead-partner",
        "police",
        "--root",
        str(root),
    )
    assert result.code == EXIT_OK, result
    assert (root / "data/outcomes/HO-1.yaml").is_file()
    assert "priority: 1\n" in (root / "data/outcomes/HO-1.yaml").read_text(encoding="utf-8")


def test_explicit_id_and_title(run_cli: Run, root: Path) -> None:
    result = run_cli(
        "new",
        "outcome",
        "--theme",
        "safer-stronger",
        "--lead-partner",
        "police",
        "--id",
        "SSC-9",
        "--title",
        'Fewer "repeat" victims: a safer city',
        "--root",
        str(root),
    )
    assert result.code == EXIT_OK, result
    partnership = check(root).partnership
    assert partnership is not None
    assert partnership.outcomes["SSC-9"].title == 'Fewer "repeat" victims: a safer city'


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("indicator", "--outcome", "SSC-1", "--partner", "polise"), 'Did you mean "police"?'),
        (("indicator", "--outcome", "SSC-2", "--partner", "police"), 'Did you mean "SSC-1"?'),
        (
            ("outcome", "--theme", "safer-stronge", "--lead-partner", "police"),
            'Did you mean "safer-stronger"?',
        ),
        (
            ("outcome", "--theme", "safer-stronger", "--lead-partner", "city-concil"),
            'Did you mean "city-council"?',
        ),
    ],
)
def test_unknown_names_exit_2_with_a_suggestion(
    run_cli: Run, root: Path, caplog: pytest.LogCaptureFixture, args: tuple[str, ...], said: str
) -> None:
    before = sorted(p for p in root.rglob("*"))
    with caplog.at_level(logging.ERROR):
        result = run_cli("new", *args, "--root", str(root))
    assert result.code == EXIT_USAGE
    assert said in caplog.text
    assert "Nothing was written" in caplog.text
    assert sorted(p for p in root.rglob("*")) == before


@pytest.mark.parametrize(
    "args",
    [
        ("indicator", "--outcome", "SSC-1", "--partner", "police", "--id", "loc-ssc-02"),
        ("indicator", "--outcome", "SSC-1", "--partner", "police", "--id", "../NI-1"),
        ("outcome", "--theme", "safer-stronger", "--lead-partner", "police", "--id", "SSC 2"),
        ("outcome", "--theme", "safer-stronger", "--lead-partner", "police", "--title", "<b>x</b>"),
        ("indicator", "--outcome", "SSC-1", "--partner", "police", "--title", "two\nlines"),
    ],
)
def test_ids_and_titles_must_fit_the_schema(
    run_cli: Run, root: Path, caplog: pytest.LogCaptureFixture, args: tuple[str, ...]
) -> None:
    before = sorted(p for p in root.rglob("*"))
    with caplog.at_level(logging.ERROR):
        assert run_cli("new", *args, "--root", str(root)).code == EXIT_USAGE
    assert "is not allowed" in caplog.text
    assert sorted(p for p in root.rglob("*")) == before


def test_never_overwrites(run_cli: Run, root: Path, caplog: pytest.LogCaptureFixture) -> None:
    existing = root / POLICE / "LOC-SSC-01.yaml"
    original = existing.read_bytes()
    with caplog.at_level(logging.ERROR):
        result = run_cli(
            "new",
            "indicator",
            "--outcome",
            "SSC-1",
            "--partner",
            "police",
            "--id",
            "LOC-SSC-01",
            "--root",
            str(root),
        )
    assert result.code == EXIT_USAGE
    assert f"Refusing to overwrite {POLICE}/LOC-SSC-01.yaml" in caplog.text
    assert existing.read_bytes() == original
    narrative_only = root / "content/outcomes/SSC-5.md"
    narrative_only.write_text("## Draft\n", encoding="utf-8")
    result = run_cli(
        "new",
        "outcome",
        "--theme",
        "safer-stronger",
        "--lead-partner",
        "police",
        "--id",
        "SSC-5",
        "--root",
        str(root),
    )
    assert result.code == EXIT_USAGE
    assert narrative_only.read_text(encoding="utf-8") == "## Draft\n"
    assert not (root / "data/outcomes/SSC-5.yaml").exists()


def test_an_id_used_by_another_partner_is_refused(
    run_cli: Run, root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        result = run_cli(
            "new",
            "indicator",
            "--outcome",
            "CYP-1",
            "--partner",
            "city-council",
            "--id",
            "LOC-SSC-01",
            "--root",
            str(root),
        )
    assert result.code == EXIT_USAGE
    assert "already used" in caplog.text
    assert not (root / "data/partners/city-council/indicators/LOC-SSC-01.yaml").exists()


def test_next_free_ids_follow_the_numbering(run_cli: Run, root: Path) -> None:
    (root / POLICE / "LOC-SSC-07.yaml").write_text("id: [broken\n", encoding="utf-8")
    result = run_cli(
        "new", "indicator", "--outcome", "SSC-1", "--partner", "police", "--root", str(root)
    )
    assert result.code == EXIT_OK
    assert (root / POLICE / "LOC-SSC-08.yaml").is_file(), "a broken file still holds its id"
    run_cli(
        "new",
        "outcome",
        "--theme",
        "safer-stronger",
        "--lead-partner",
        "police",
        "--root",
        str(root),
    )
    run_cli(
        "new",
        "outcome",
        "--theme",
        "safer-stronger",
        "--lead-partner",
        "police",
        "--root",
        str(root),
    )
    assert (root / "data/outcomes/SSC-2.yaml").is_file()
    assert (root / "data/outcomes/SSC-3.yaml").is_file()
    assert "priority: 3\n" in (root / "data/outcomes/SSC-3.yaml").read_text(encoding="utf-8")


def test_refuses_when_the_registers_are_invalid(
    run_cli: Run, root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (root / "data/registers/partners.yaml").write_text("partners: 3\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        result = run_cli(
            "new", "indicator", "--outcome", "SSC-1", "--partner", "police", "--root", str(root)
        )
    assert result.code == EXIT_USAGE
    assert "laa-publish validate" in caplog.text
    assert not (root / POLICE / "LOC-SSC-02.yaml").exists()


def test_a_file_that_appears_meanwhile_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold, "_refuse_existing", lambda root, paths: None)
    (tmp_path / "b.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldRefused, match=r"b\.md"):
        scaffold._write(tmp_path, {"a.yaml": "new\n", "b.md": "new\n"})
    assert not (tmp_path / "a.yaml").exists()
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "mine\n"


def test_the_templates_take_every_marker_from_the_check() -> None:
    """The markers are defined once: a template that spelt one out could drift from the check."""
    for path in sorted((scaffold.PACKAGE / "templates" / "new").iterdir()):
        text = path.read_text(encoding="utf-8")
        for marker in (PLACEHOLDER, PLACEHOLDER_EMAIL, EXAMPLE_ROW, GUIDANCE):
            assert marker not in text, (path.name, marker)
