"""JSON Schema errors become positioned issues with a code, a message and a helpful hint."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import BASE

from laa_publish.issues import Issue, Severity
from laa_publish.load.yaml_loader import load_yaml_text
from laa_publish.validate.schema import SCHEMA_DIR, SCHEMA_NAMES, load_schema, schema_issues

INDICATOR = (BASE / "data/partners/city-council/indicators/NI-116.yaml").read_text(encoding="utf-8")
PARTNERS = (BASE / "data/registers/partners.yaml").read_text(encoding="utf-8")


def issues_for(text: str, schema: str) -> list[Issue]:
    doc, problems = load_yaml_text(textwrap.dedent(text), "doc.yaml")
    assert problems == [] and doc is not None
    found = schema_issues(doc, schema)
    assert all(i.severity is Severity.ERROR and i.path == "doc.yaml" for i in found)
    return found


def only(text: str, schema: str) -> Issue:
    found = issues_for(text, schema)
    assert len(found) == 1, found
    return found[0]


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line containing `fragment`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(hits) == 1, fragment
    return hits[0]


def test_every_schema_is_valid_json_with_descriptions() -> None:
    for name in SCHEMA_NAMES:
        schema = load_schema(name)
        assert schema["$schema"].endswith("2020-12/schema")
        assert schema["description"]
        for key, prop in schema["properties"].items():
            assert prop.get("description"), f"{name}.{key} has no description"
    assert {p.name for p in SCHEMA_DIR.glob("*.schema.json")} == {
        f"{n}.schema.json" for n in SCHEMA_NAMES
    }
    json.loads((SCHEMA_DIR / "indicator.schema.json").read_text(encoding="utf-8"))


def test_base_documents_pass() -> None:
    assert issues_for(INDICATOR, "indicator") == []
    assert issues_for(PARTNERS, "partners") == []


def test_required_key_is_reported_at_its_mapping_with_its_description() -> None:
    text = edit(INDICATOR, "polarity: lower_is_better\n", "")
    issue = only(text, "indicator")
    assert issue.code == "schema-required"
    assert (issue.line, issue.column) == (2, 1)
    assert '"polarity"' in issue.message
    assert "Add 'polarity: …'" in issue.hint
    assert "direction" in issue.hint


def test_required_key_in_nested_mapping() -> None:
    text = edit(INDICATOR, "  email: research@testford.example.org\n", "")
    issue = only(text, "indicator")
    assert issue.code == "schema-required"
    assert (issue.line, issue.column) == (line_of(text, "name: Research team"), 3)
    assert '"email"' in issue.message and '"contact"' in issue.message


def test_unknown_key_suggests_the_nearest_allowed_key() -> None:
    text = edit(INDICATOR, "polarity:", "polarty:")
    found = {i.code: i for i in issues_for(text, "indicator")}
    assert set(found) == {"schema-unknown-key", "schema-required"}
    issue = found["schema-unknown-key"]
    assert (issue.line, issue.column) == (line_of(text, "polarty:"), 1)
    assert '"polarty"' in issue.message
    assert issue.hint.startswith('Did you mean "polarity"?')
    assert "aggregation, baseline" in issue.hint


def test_every_unknown_key_in_one_mapping_is_reported() -> None:
    text = edit(INDICATOR, "unit: percentage\n", "unit: percentage\nunits: x\ncolour: red\n")
    found = sorted((i.line, i.message) for i in issues_for(text, "indicator"))
    assert found == [
        (line_of(text, "units: x"), 'Unknown key "units".'),
        (line_of(text, "colour: red"), 'Unknown key "colour".'),
    ]


def test_unknown_key_without_a_close_match_lists_allowed_keys() -> None:
    issue = only(
        """\
        areas:
          - code: E08000001
            name: Testford
            level: city
            valid_from: 2009-04-01
            population: 300000
        """,
        "areas",
    )
    assert issue.code == "schema-unknown-key"
    assert (issue.line, issue.column) == (6, 5)
    assert not issue.hint.startswith("Did you mean")
    assert "code, level, name, overlaps, parent, valid_from, valid_to" in issue.hint


def test_enum_lists_valid_values_and_did_you_mean() -> None:
    text = edit(INDICATOR, "unit: percentage", "unit: percent")
    issue = only(text, "indicator")
    assert issue.code == "schema-enum"
    assert (issue.line, issue.column) == (line_of(text, "unit: percent"), 7)
    assert '"percent"' in issue.message
    assert issue.hint.startswith('Did you mean "percentage"?')
    for unit in ("count", "rate", "currency", "ratio", "score", "days"):
        assert f'"{unit}"' in issue.hint


def test_enum_with_a_number_lists_values_without_a_guess() -> None:
    text = edit(PARTNERS, "type: police", "type: 7")
    issue = only(text, "partners")
    assert issue.code == "schema-enum"
    assert (issue.line, issue.column) == (line_of(text, "type: 7"), 11)
    assert "number 7" in issue.message
    assert not issue.hint.startswith("Did you mean")
    assert '"police"' in issue.hint


def test_type_error_explains_true_false() -> None:
    text = edit(INDICATOR, "title: Children in poverty", "title: true")
    issue = only(text, "indicator")
    assert issue.code == "schema-type"
    assert (issue.line, issue.column) == (line_of(text, "title: true"), 8)
    assert "should be text" in issue.message
    assert "put quotes around it" in issue.hint


def test_type_error_for_quoted_number() -> None:
    text = edit(INDICATOR, "  value: 22.0", '  value: "22.0"')
    issue = only(text, "indicator")
    assert issue.code == "schema-type"
    assert (issue.line, issue.column) == (line_of(text, 'value: "22.0"'), 10)
    assert "a number" in issue.message and '"22.0"' in issue.message


def test_yes_no_stay_text_so_they_pass_as_strings() -> None:
    text = edit(
        INDICATOR,
        "limitations: Published about 18 months after the period ends.",
        "limitations: NO",
    )
    assert issues_for(text, "indicator") == []


def test_pattern_error_uses_the_field_description_as_hint() -> None:
    text = edit(INDICATOR, "partner: city-council", "partner: City Council")
    issue = only(text, "indicator")
    assert issue.code == "schema-pattern"
    assert (issue.line, issue.column) == (line_of(text, "partner: City Council"), 10)
    assert '"City Council"' in issue.message
    assert "lower-case" in issue.hint or "folder" in issue.hint


def test_format_error_for_impossible_date() -> None:
    issue = only(
        """\
        areas:
          - code: E08000001
            name: Testford
            level: city
            valid_from: 2009-02-30
        """,
        "areas",
    )
    assert issue.code == "schema-format"
    assert (issue.line, issue.column) == (5, 17)
    assert "YYYY-MM-DD" in issue.hint


def test_range_errors() -> None:
    text = edit(INDICATOR, "decimals: 1", "decimals: 7")
    text = edit(text, "tolerance: 1.0", "tolerance: -0.5")
    found = sorted(issues_for(text, "indicator"), key=lambda i: i.line or 0)
    assert [(i.code, i.line) for i in found] == [
        ("schema-range", line_of(text, "decimals: 7")),
        ("schema-range", line_of(text, "tolerance: -0.5")),
    ]
    assert "at most 4" in found[0].message
    assert "at least 0" in found[1].message


def test_empty_text_and_empty_list() -> None:
    text = edit(
        INDICATOR, "source: HMRC and DWP children in low income families statistics.", 'source: ""'
    )
    issue = only(text, "indicator")
    assert issue.code == "schema-empty"
    assert issue.line == line_of(text, 'source: ""')
    register = only("partners: []\n", "partners")
    assert (register.code, register.line, register.column) == ("schema-empty", 1, 11)


def test_duplicate_list_item() -> None:
    issue = only(
        """\
        id: CYP-1
        title: Fewer children grow up in poverty
        theme: children-young-people
        lead_partner: city-council
        contributing_partners: [police, health, police]
        narrative: content/outcomes/CYP-1.md
        summary: Child poverty limits life chances.
        """,
        "outcome",
    )
    assert (issue.code, issue.line, issue.column) == ("schema-duplicate-item", 5, 24)


def test_rate_unit_requires_rate_per() -> None:
    text = edit(INDICATOR, "unit: percentage", "unit: rate")
    issue = only(text, "indicator")
    assert issue.code == "schema-required"
    assert '"rate_per"' in issue.message


def test_whole_document_of_the_wrong_type() -> None:
    issue = only("- just\n- a list\n", "outcome")
    assert (issue.code, issue.line, issue.column) == ("schema-type", 1, 1)
    assert "The file" in issue.message


@pytest.mark.parametrize("schema", SCHEMA_NAMES)
def test_every_schema_refuses_an_empty_mapping(schema: str) -> None:
    found = issues_for("{}\n", schema)
    assert found
    assert {i.code for i in found} == {"schema-required"}
