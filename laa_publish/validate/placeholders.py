"""Placeholders that `laa-publish new` writes, refused wherever they are left unreplaced.

The templates take every marker from here, so the scaffold and the check cannot drift
apart: what `new` writes for the partner to replace, `validate` and `build` refuse to publish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from laa_publish.issues import Issue, error, quote
from laa_publish.load.positions import JsonPath, YamlDocument

PLACEHOLDER = "REPLACE"  # every placeholder value starts with this word
PLACEHOLDER_EMAIL = "replace.me@example.org"
EXAMPLE_ROW = "EXAMPLE ROW"  # in the note of a new indicator's example CSV row
EXAMPLE_ROW_NOTE = f"{EXAMPLE_ROW} - delete this row and add your real figures"
GUIDANCE = "Guidance (delete this box):"  # the boxes of advice in a new outcome's narrative

# The word at the start of a value, or "REPLACE with" anywhere in it: never a partner's own text.
_MARKED = re.compile(rf"^\s*{PLACEHOLDER}\b|\b{PLACEHOLDER} with\b")
_WHAT = re.compile(rf"\b{PLACEHOLDER} with (?P<what>.+)", re.DOTALL)
_MARKDOWN = re.compile(rf"\b{PLACEHOLDER} with\b|{re.escape(GUIDANCE)}")


def placeholder(what: str) -> str:
    """A placeholder value that says what to write in its place."""
    return f"{PLACEHOLDER} with {what}"


def is_placeholder(value: object) -> bool:
    """Whether a YAML value is still one of the template's placeholders."""
    if not isinstance(value, str):
        return False
    if PLACEHOLDER in value:  # a plain substring test first: registers hold thousands of values
        return bool(_MARKED.search(value))
    return value.strip().lower() == PLACEHOLDER_EMAIL


def _strings(data: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every text value in a document, with its path, in document order."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _name(path: JsonPath) -> str:
    """A key path as a partner reads it in the file: contact.email, targets[0].value."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "The document"


def _hint(text: str) -> str:
    """What to write instead, from the placeholder's own words."""
    if text.strip().lower() == PLACEHOLDER_EMAIL:
        return (
            "Write the real email address of the team or person who answers questions, "
            "such as a shared team mailbox."
        )
    found = _WHAT.search(text)
    if found:
        what = " ".join(found["what"].split()).rstrip(".")
        return f"Write {what}, in place of the whole placeholder."
    return f"Write your own value: text starting with {PLACEHOLDER} is a placeholder."


def yaml_placeholder_issues(doc: YamlDocument) -> list[Issue]:
    """An error at every value of a YAML file still holding a placeholder from the template."""
    issues: list[Issue] = []
    for path, text in _strings(doc.data):
        if is_placeholder(text):
            _, line, column = doc.at(path)
            issues.append(
                error(
                    "placeholder-value",
                    doc.path,
                    line,
                    column,
                    f"{_name(path)} still holds the template's placeholder {quote(text)}, "
                    "which would be published as it is.",
                    _hint(text),
                )
            )
    return issues


def markdown_placeholder_issues(path: str, text: str) -> list[Issue]:
    """An error at every placeholder paragraph and guidance box left in a Markdown file."""
    issues: list[Issue] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for found in _MARKDOWN.finditer(line):
            if found.group() == GUIDANCE:
                message = "A guidance box from the template is still here."
                hint = "Follow its advice in your own words, then delete the whole box."
            else:
                message = (
                    f"The template's placeholder {quote(line[found.start() :].strip())} "
                    "is still here."
                )
                hint = _hint(line[found.start() :])
            issues.append(error("placeholder-text", path, number, found.start() + 1, message, hint))
    return issues


def placeholder_issues(
    documents: Iterable[YamlDocument | None], markdown: dict[str, str]
) -> list[Issue]:
    """Placeholders left in any YAML file or Markdown page that `laa-publish new` can write."""
    issues: list[Issue] = []
    for doc in documents:
        if doc is not None:
            issues.extend(yaml_placeholder_issues(doc))
    for path, text in sorted(markdown.items()):
        issues.extend(markdown_placeholder_issues(path, text))
    return issues
