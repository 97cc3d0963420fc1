"""Check each YAML document against its JSON Schema, positioning every error at its node."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
KIND_SCHEMAS = {
    "partnership settings": "partnership",
    "partner register": "partners",
    "area register": "areas",
    "outcome": "outcome",
    "indicator": "indicator",
    "framework": "framework",
    "budgets": "budgets",
    "benefits": "benefits",
    "release calendar": "releases",
}
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping of keys to values",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Read a packaged JSON Schema by its short name."""
    text = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def _describe(value: Any) -> str:
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


def _subschema_description(err: ValidationError) -> str:
    schema = err.schema if isinstance(err.schema, dict) else {}
    text = str(schema.get("description", ""))
    return text


def _to_issue(doc: YamlDocument, err: ValidationError, extra: str | None = None) -> Issue:
    path = tuple(err.absolute_path)
    line, column = doc.line_col(path)
    kind = err.validator
    value = err.instance
    hint = _subschema_description(err)
    if kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else str(err.message)
        props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
        described = props.get(missing, {}).get("description", "")
        where = "at the top of the file" if not path else f"in {_where(err)}"
        return error(
            "schema-required",
            doc.path,
            line,
            column,
            f'Required key "{missing}" is missing {where}.',
            f"Add '{missing}: …'. {described}".strip(),
        )
    if kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        key = extra or (extras[0] if extras else "?")
        pos = doc.key_position((*path, key))
        guess = closest(key, allowed)
        did = f'Did you mean "{guess}"? ' if guess else ""
        return error(
            "schema-unknown-key",
            doc.path,
            pos.line if pos else line,
            pos.column if pos else column,
            f"Unknown key {quote(key)}.",
            f"{did}Allowed keys here: {', '.join(allowed)}.",
        )
    if kind == "enum":
        choices = [str(c) for c in err.validator_value]
        return error(
            "schema-enum",
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} is {_describe(value)}, which is not an allowed value.",
            choices_hint(value, choices),
        )
    if kind == "const":
        return error(
            "schema-enum",
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} is {_describe(value)}; "
            f"expected {quote(err.validator_value)}.",
            hint,
        )
    if kind == "type":
        wanted = (
            err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        )
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        extra = ""
        if isinstance(value, bool) and "string" in wanted:
            extra = ' YAML reads true/false as yes-or-no values: put quotes around it, e.g. "true".'
        return error(
            "schema-type",
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} should be {words}, but it is {_describe(value)}.",
            (hint + extra).strip(),
        )
    if kind == "pattern" or kind == "format":
        code = "schema-pattern" if kind == "pattern" else "schema-format"
        return error(
            code,
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} is {_describe(value)}, "
            "which is not in the expected format.",
            hint or f"Expected the pattern {err.validator_value}.",
        )
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most"}.get(kind, "beyond")
        return error(
            "schema-range",
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} is {_describe(value)}; it must be {bound} "
            f"{err.validator_value}.",
            hint,
        )
    if kind in ("minLength", "minItems"):
        return error(
            "schema-empty",
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} is empty.",
            hint or "Fill it in.",
        )
    if kind == "uniqueItems":
        return error(
            "schema-duplicate-item",
            doc.path,
            line,
            column,
            f"{_where(err).capitalize()} lists the same item more than once.",
            "Remove the repeated entry.",
        )
    return error(
        "schema-invalid",
        doc.path,
        line,
        column,
        f"{_where(err).capitalize()} is not valid: {err.message}.",
        hint,
    )


def _one_of_required(doc: YamlDocument, err: ValidationError) -> Issue | None:
    """anyOf of 'required' alternatives reads best as one message naming every alternative."""
    options = err.validator_value if isinstance(err.validator_value, list) else []
    if err.validator != "anyOf" or not all(set(o) == {"required"} for o in options):
        return None
    keys = [k for o in options for k in o["required"]]
    line, column = doc.line_col(tuple(err.absolute_path))
    listed = " or ".join(f'"{k}"' for k in keys)
    return error(
        "schema-required",
        doc.path,
        line,
        column,
        f"{_where(err).capitalize()} needs at least one of {listed}.",
        f"Add {listed.replace(' or ', ', ')} (any one will do).",
    )


def _leaf_errors(err: ValidationError) -> Iterator[ValidationError]:
    if err.context and err.validator in ("anyOf", "oneOf", "allOf"):
        for sub in err.context:
            yield from _leaf_errors(sub)
    else:
        yield err


def schema_issues(doc: YamlDocument, schema_name: str) -> list[Issue]:
    """Every schema error in one document, as positioned issues."""
    issues: list[Issue] = []
    for err in _validator(schema_name).iter_errors(doc.data):
        combined = _one_of_required(doc, err)
        if combined is not None:
            issues.append(combined)
            continue
        for leaf in _leaf_errors(err):
            if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
                allowed = leaf.schema.get("properties", {}) if isinstance(leaf.schema, dict) else {}
                extras = sorted(set(leaf.instance) - set(allowed))
                issues.extend(_to_issue(doc, leaf, key) for key in extras)
            else:
                issues.append(_to_issue(doc, leaf))
    return issues
