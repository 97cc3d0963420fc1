"""Check each YAML document against its JSON Schema, positioning every error at its node."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from laa_publish.issues import Issue, choices_hint, closest, error, quote
from laa_publish.load.positions import YamlDocument

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_NAMES = (
    "partnership",
    "partners",
    "areas",
    "outcome",
    "indicator",
    "framework",
    "budgets",
    "benefits",
    "releases",
)
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping of keys to values",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}
_BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "more than",
    "exclusiveMaximum": "less than",
}
# jsonschema raises one error per missing key for these keywords, each carrying the same
# data; their formatters read every missing key from that data, so one error is enough.
_ONE_ERROR_PER_KEY = frozenset({"required", "dependentRequired"})

Formatter = Callable[[YamlDocument, ValidationError], Iterator[Issue]]


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Read a packaged JSON Schema by its short name."""
    text = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def validator(name: str) -> Draft202012Validator:
    """One schema's validator, compiled once per process (and inherited by forked workers)."""
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def _describe(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        return f"text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _where(err: ValidationError) -> str:
    path = list(err.absolute_path)
    names = [p for p in path if isinstance(p, str)]
    if path and isinstance(path[-1], int):
        return f'entry {path[-1] + 1} of "{names[-1]}"' if names else f"entry {path[-1] + 1}"
    return f'"{names[-1]}"' if names else "the file"


def _subject(err: ValidationError) -> str:
    """The failing value named for the start of a sentence."""
    return _where(err).capitalize()


def _position(doc: YamlDocument, err: ValidationError) -> tuple[int | None, int | None]:
    return doc.line_col(tuple(err.absolute_path))


def _schema(err: ValidationError) -> dict[str, Any]:
    """The failing keyword's subschema; a boolean schema has no keywords to read."""
    return err.schema if isinstance(err.schema, dict) else {}


def _description(schema: object) -> str:
    return str(schema.get("description", "")) if isinstance(schema, dict) else ""


def _required(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    """One issue per required key the mapping lacks, named from the schema, not the message."""
    instance = err.instance if isinstance(err.instance, dict) else {}
    line, column = _position(doc, err)
    where = f"in {_where(err)}" if err.absolute_path else "at the top of the file"
    properties = _schema(err).get("properties", {})
    for key in err.validator_value:
        if key in instance:
            continue
        described = _description(properties.get(key))
        yield error(
            "schema-required",
            doc.path,
            line,
            column,
            f'Required key "{key}" is missing {where}.',
            f"Add '{key}: …'. {described}".strip(),
        )


def _dependent_required(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    """One issue per key that another key present in the mapping needs beside it."""
    instance = err.instance if isinstance(err.instance, dict) else {}
    line, column = _position(doc, err)
    for given, needed in err.validator_value.items():
        if given not in instance:
            continue
        for key in needed:
            if key not in instance:
                yield error(
                    "schema-required",
                    doc.path,
                    line,
                    column,
                    f'Key "{key}" is required when "{given}" is given, but is missing from '
                    f"{_where(err)}.",
                    f"Add '{key}: …', or remove '{given}'.",
                )


def _unknown_keys(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    """One schema-unknown-key issue per key that neither properties nor patternProperties allow."""
    instance = err.instance if isinstance(err.instance, dict) else {}
    schema = _schema(err)
    allowed = sorted(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    extras = [
        key
        for key in instance
        if key not in allowed and not any(re.search(p, str(key)) for p in patterns)
    ]
    line, column = _position(doc, err)
    for key in sorted(extras, key=str):
        pos = doc.key_position((*err.absolute_path, key))
        guess = closest(key, allowed)
        did = f'Did you mean "{guess}"? ' if guess else ""
        yield error(
            "schema-unknown-key",
            doc.path,
            pos.line if pos else line,
            pos.column if pos else column,
            f"Unknown key {quote(key)}.",
            f"{did}Allowed keys here: {', '.join(allowed)}.",
        )


def _enum(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    yield error(
        "schema-enum",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} is {_describe(err.instance)}, which is not an allowed value.",
        choices_hint(err.instance, [str(c) for c in err.validator_value]),
    )


def _const(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    yield error(
        "schema-enum",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} is {_describe(err.instance)}; expected {quote(err.validator_value)}.",
        _description(err.schema),
    )


def _type(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    value = err.instance
    types = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
    wanted = [str(t) for t in types]
    words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
    yaml_bool = ""
    if isinstance(value, bool) and "string" in wanted:
        yaml_bool = ' YAML reads true/false as yes-or-no values: put quotes around it, e.g. "true".'
    yield error(
        "schema-type",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} should be {words}, but it is {_describe(value)}.",
        (_description(err.schema) + yaml_bool).strip(),
    )


def _pattern(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    yield error(
        "schema-pattern",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} is {_describe(err.instance)}, which is not in the expected format.",
        _description(err.schema) or f"Expected the pattern {err.validator_value}.",
    )


def _format(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    yield error(
        "schema-format",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} is {_describe(err.instance)}, which is not in the expected format.",
        _description(err.schema) or f"Expected a valid {err.validator_value}.",
    )


def _range(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    yield error(
        "schema-range",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} is {_describe(err.instance)}; it must be "
        f"{_BOUNDS[str(err.validator)]} {err.validator_value}.",
        _description(err.schema),
    )


def _too_short(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    """An empty value, or a list or text shorter than its schema's minimum."""
    value = err.instance
    size = len(value) if isinstance(value, (str, list)) else 0
    hint = _description(err.schema)
    if not size:
        message = f"{_subject(err)} is empty."
        hint = hint or "Fill it in."
    elif isinstance(value, list):
        entries = "entry" if size == 1 else "entries"
        message = f"{_subject(err)} has {size} {entries}; it needs at least {err.validator_value}."
    else:
        message = (
            f"{_subject(err)} is {_describe(value)}; "
            f"it needs at least {err.validator_value} characters."
        )
    yield error("schema-empty", doc.path, *_position(doc, err), message, hint)


def _duplicate_item(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    yield error(
        "schema-duplicate-item",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} lists the same item more than once.",
        "Remove the repeated entry.",
    )


def _invalid(doc: YamlDocument, err: ValidationError) -> Iterator[Issue]:
    """Any keyword the shipped schemas do not use: jsonschema's own words, quoted."""
    yield error(
        "schema-invalid",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} is not valid: {err.message}.",
        _description(err.schema),
    )


# How each failing keyword is told to a partner; any other keyword falls back to _invalid.
FORMATTERS: dict[str, Formatter] = {
    "required": _required,
    "dependentRequired": _dependent_required,
    "additionalProperties": _unknown_keys,
    "enum": _enum,
    "const": _const,
    "type": _type,
    "pattern": _pattern,
    "format": _format,
    "minimum": _range,
    "maximum": _range,
    "exclusiveMinimum": _range,
    "exclusiveMaximum": _range,
    "minLength": _too_short,
    "minItems": _too_short,
    "uniqueItems": _duplicate_item,
}


def _one_of_required(doc: YamlDocument, err: ValidationError) -> Issue | None:
    """anyOf of 'required' alternatives reads best as one message naming every alternative."""
    options = err.validator_value if isinstance(err.validator_value, list) else []
    if err.validator != "anyOf" or not all(
        isinstance(o, dict) and set(o) == {"required"} for o in options
    ):
        return None
    keys = [f'"{k}"' for o in options for k in o["required"]]
    return error(
        "schema-required",
        doc.path,
        *_position(doc, err),
        f"{_subject(err)} needs at least one of {' or '.join(keys)}.",
        f"Add {', '.join(keys)} (any one will do).",
    )


def _leaf_errors(err: ValidationError) -> Iterator[ValidationError]:
    if err.context and err.validator in ("anyOf", "oneOf", "allOf"):
        for sub in err.context:
            yield from _leaf_errors(sub)
    else:
        yield err


def schema_issues(doc: YamlDocument, schema_name: str) -> list[Issue]:
    """Every schema error in one document, as positioned issues."""
    return error_issues(doc, validator(schema_name).iter_errors(doc.data))


def error_issues(doc: YamlDocument, errors: Iterable[ValidationError]) -> list[Issue]:
    """jsonschema's errors for one document as issues, each told by its keyword's formatter."""
    issues: list[Issue] = []
    formatted: set[tuple[str, tuple[str | int, ...], tuple[str | int, ...]]] = set()
    for err in errors:
        combined = _one_of_required(doc, err)
        if combined is not None:
            issues.append(combined)
            continue
        for leaf in _leaf_errors(err):
            keyword = str(leaf.validator)
            if keyword in _ONE_ERROR_PER_KEY:
                seen = (keyword, tuple(leaf.absolute_schema_path), tuple(leaf.absolute_path))
                if seen in formatted:
                    continue
                formatted.add(seen)
            issues.extend(FORMATTERS.get(keyword, _invalid)(doc, leaf))
    return issues
