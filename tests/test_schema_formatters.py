"""Each JSON Schema keyword's formatter turns one jsonschema error into the partner's issue."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from laa_publish.issues import Issue, Severity
from laa_publish.load.positions import YamlDocument
from laa_publish.load.yaml_loader import load_yaml_text
from laa_publish.validate.schema import (
    FORMATTERS,
    SCHEMA_NAMES,
    error_issues,
    load_schema,
)

YAML_BOOL_HINT = ' YAML reads true/false as yes-or-no values: put quotes around it, e.g. "true".'


def checked(schema: dict[str, Any], text: str) -> tuple[YamlDocument, list[ValidationError]]:
    """A YAML document and every error jsonschema finds in it against `schema`."""
    doc, problems = load_yaml_text(textwrap.dedent(text), "doc.yaml")
    assert problems == [] and doc is not None
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return doc, list(validator.iter_errors(doc.data))


def formatted(schema: dict[str, Any], text: str, keyword: str) -> list[Issue]:
    """Feed the document's only error, raised by `keyword`, through that keyword's formatter."""
    doc, errors = checked(schema, text)
    assert [e.validator for e in errors] == [keyword]
    found = list(FORMATTERS[keyword](doc, errors[0]))
    assert all(i.severity is Severity.ERROR and i.path == "doc.yaml" for i in found)
    return found


def summary(issue: Issue) -> tuple[str, int | None, int | None, str, str]:
    return (issue.code, issue.line, issue.column, issue.message, issue.hint)


def one(
    schema: dict[str, Any], text: str, keyword: str
) -> tuple[str, int | None, int | None, str, str]:
    found = formatted(schema, text, keyword)
    assert len(found) == 1, found
    return summary(found[0])


def prop(name: str, subschema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {name: subschema}}


@pytest.mark.parametrize(
    "key",
    [
        "is a required property",  # the words jsonschema's message wraps around the key
        "partner's name",  # repr() quotes this one with double quotes
        'the "lead" partner',
        "'quoted'",
    ],
)
def test_required_names_the_key_from_the_schema_not_the_message(key: str) -> None:
    schema = {
        "type": "object",
        "required": [key],
        "properties": {key: {"description": "Who is named."}},
    }
    assert one(schema, "other: 1\n", "required") == (
        "schema-required",
        1,
        1,
        f'Required key "{key}" is missing at the top of the file.',
        f"Add '{key}: …'. Who is named.",
    )


def test_required_in_a_list_entry_without_a_description() -> None:
    schema = {
        "type": "object",
        "properties": {"people": {"type": "array", "items": {"required": ["email"]}}},
    }
    text = """\
        people:
          - email: a@example.org
          - name: B
        """
    assert one(schema, text, "required") == (
        "schema-required",
        3,
        5,
        'Required key "email" is missing in entry 2 of "people".',
        "Add 'email: …'.",
    )


def test_every_missing_key_is_reported_once() -> None:
    """jsonschema raises one error per missing key; each key still gets exactly one issue."""
    keys = ["it's", 'say "hi"', "present"]
    schema = prop("contact", {"type": "object", "required": keys})
    doc, errors = checked(schema, "contact:\n  present: yes\n")
    assert [e.validator for e in errors] == ["required", "required"]
    assert [summary(i) for i in error_issues(doc, errors)] == [
        (
            "schema-required",
            2,
            3,
            f'Required key "{key}" is missing in "contact".',
            f"Add '{key}: …'.",
        )
        for key in keys[:2]
    ]


def test_dependent_required() -> None:
    schema = {"type": "object", "dependentRequired": {"end": ["start", "is a dependency of"]}}
    doc, errors = checked(schema, "end: 2024-03-31\n")
    assert [e.validator for e in errors] == ["dependentRequired", "dependentRequired"]
    assert [summary(i) for i in error_issues(doc, errors)] == [
        (
            "schema-required",
            1,
            1,
            f'Key "{key}" is required when "end" is given, but is missing from the file.',
            f"Add '{key}: …', or remove 'end'.",
        )
        for key in ("start", "is a dependency of")
    ]


def test_unknown_keys_each_at_their_own_key() -> None:
    schema = {
        "type": "object",
        "properties": {"colour": {}, "size": {}},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
    }
    text = """\
        colour: red
        color: blue
        x-note: allowed by the pattern
        "Additional properties are not allowed ('a' was unexpected)": 1
        """
    found = [summary(i) for i in formatted(schema, text, "additionalProperties")]
    assert found == [
        (
            "schema-unknown-key",
            4,
            1,
            "Unknown key \"Additional properties are not allowed ('a' was unexpected)\".",
            "Allowed keys here: colour, size.",
        ),
        (
            "schema-unknown-key",
            2,
            1,
            'Unknown key "color".',
            'Did you mean "colour"? Allowed keys here: colour, size.',
        ),
    ]


def test_enum_lists_the_values_with_a_guess() -> None:
    schema = prop("unit", {"enum": ["percentage", "count"]})
    assert one(schema, "unit: percent\n", "enum") == (
        "schema-enum",
        1,
        7,
        '"unit" is text "percent", which is not an allowed value.',
        'Did you mean "percentage"? Valid values: "count", "percentage".',
    )


def test_const() -> None:
    schema = prop("kind", {"const": "rate", "description": "Always a rate."})
    assert one(schema, "kind: ratio\n", "const") == (
        "schema-enum",
        1,
        7,
        '"kind" is text "ratio"; expected "rate".',
        "Always a rate.",
    )


def test_type_explains_yaml_true_false() -> None:
    schema = prop("title", {"type": "string", "description": "The title."})
    assert one(schema, "title: true\n", "type") == (
        "schema-type",
        1,
        8,
        '"title" should be text, but it is true/false value true.',
        "The title." + YAML_BOOL_HINT,
    )


def test_type_with_several_types_in_a_list_entry() -> None:
    schema = prop("codes", {"type": "array", "items": {"type": ["string", "integer"]}})
    assert one(schema, "codes:\n  - a\n  - [1]\n", "type") == (
        "schema-type",
        3,
        5,
        'Entry 2 of "codes" should be text or a whole number, but it is a list.',
        "",
    )


def test_pattern_without_a_description_shows_the_pattern() -> None:
    schema = prop("id", {"type": "string", "pattern": "^[A-Z]+$"})
    assert one(schema, "id: abc\n", "pattern") == (
        "schema-pattern",
        1,
        5,
        '"id" is text "abc", which is not in the expected format.',
        "Expected the pattern ^[A-Z]+$.",
    )


def test_format_without_a_description_names_the_format() -> None:
    schema = prop("day", {"type": "string", "format": "date"})
    assert one(schema, "day: 2021-02-30\n", "format") == (
        "schema-format",
        1,
        6,
        '"day" is text "2021-02-30", which is not in the expected format.',
        "Expected a valid date.",
    )


@pytest.mark.parametrize(
    ("keyword", "bound", "words"),
    [
        ("minimum", 10, "at least 10"),
        ("maximum", 1, "at most 1"),
        ("exclusiveMinimum", 5, "more than 5"),
        ("exclusiveMaximum", 5, "less than 5"),
    ],
)
def test_range(keyword: str, bound: int, words: str) -> None:
    schema = prop("n", {"type": "number", keyword: bound, "description": "A count."})
    assert one(schema, "n: 5\n", keyword) == (
        "schema-range",
        1,
        4,
        f'"n" is number 5; it must be {words}.',
        "A count.",
    )


def test_empty_text() -> None:
    schema = prop("name", {"type": "string", "minLength": 1})
    assert one(schema, "name: ''\n", "minLength") == (
        "schema-empty",
        1,
        7,
        '"name" is empty.',
        "Fill it in.",
    )


def test_text_shorter_than_its_minimum() -> None:
    schema = prop("code", {"type": "string", "minLength": 3, "description": "Three letters."})
    assert one(schema, "code: ab\n", "minLength") == (
        "schema-empty",
        1,
        7,
        '"code" is text "ab"; it needs at least 3 characters.',
        "Three letters.",
    )


def test_empty_list() -> None:
    schema = prop("values", {"type": "array", "minItems": 2, "description": "The values."})
    assert one(schema, "values: []\n", "minItems") == (
        "schema-empty",
        1,
        9,
        '"values" is empty.',
        "The values.",
    )


def test_list_shorter_than_its_minimum_is_not_called_empty() -> None:
    schema = prop("values", {"type": "array", "minItems": 2, "description": "The values."})
    assert one(schema, "values: [a]\n", "minItems") == (
        "schema-empty",
        1,
        9,
        '"values" has 1 entry; it needs at least 2.',
        "The values.",
    )


def test_unique_items() -> None:
    schema = prop("tags", {"type": "array", "uniqueItems": True})
    assert one(schema, "tags: [a, b, a]\n", "uniqueItems") == (
        "schema-duplicate-item",
        1,
        7,
        '"tags" lists the same item more than once.',
        "Remove the repeated entry.",
    )


def test_a_keyword_without_a_formatter_quotes_jsonschema() -> None:
    schema = prop("title", {"type": "string", "maxLength": 3, "description": "Short."})
    doc, errors = checked(schema, "title: abcd\n")
    assert "maxLength" not in FORMATTERS
    assert [summary(i) for i in error_issues(doc, errors)] == [
        ("schema-invalid", 1, 8, "\"title\" is not valid: 'abcd' is too long.", "Short.")
    ]


def test_any_of_required_alternatives_read_as_one_issue() -> None:
    schema = {"type": "object", "anyOf": [{"required": ["pooled"]}, {"required": ["this or that"]}]}
    doc, errors = checked(schema, "year: 2024\n")
    assert [summary(i) for i in error_issues(doc, errors)] == [
        (
            "schema-required",
            1,
            1,
            'The file needs at least one of "pooled" or "this or that".',
            'Add "pooled", "this or that" (any one will do).',
        )
    ]


def test_any_of_other_alternatives_report_each_failure() -> None:
    schema = prop("v", {"anyOf": [{"type": "integer"}, {"enum": ["x", "y"]}]})
    doc, errors = checked(schema, "v: z\n")
    assert [(i.code, i.line, i.column) for i in error_issues(doc, errors)] == [
        ("schema-type", 1, 4),
        ("schema-enum", 1, 4),
    ]


APPLICATORS = {"properties", "items", "anyOf", "if", "then", "additionalProperties"}
ANNOTATIONS = {"$schema", "$id", "title", "description"}


def _keywords(schema: object) -> set[str]:
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for sub in schema.get("properties", {}).values():
        found |= _keywords(sub)
    for key in ("items", "if", "then", "additionalProperties"):
        found |= _keywords(schema.get(key))
    for sub in schema.get("anyOf", []):
        found |= _keywords(sub)
    return found


def test_every_keyword_of_the_shipped_schemas_has_a_formatter() -> None:
    """So no shipped schema reaches the schema-invalid fallback (the catalogue exempts it)."""
    used = set().union(*(_keywords(load_schema(n)) for n in SCHEMA_NAMES))
    assert "required" in used and "minItems" in used
    checked_by = used - APPLICATORS - ANNOTATIONS
    assert sorted(checked_by - set(FORMATTERS)) == []
