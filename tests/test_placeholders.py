"""Placeholders from `laa-publish new`: found in any YAML value or Markdown line, nowhere else."""

from __future__ import annotations

import textwrap

import pytest

from laa_publish.load.yaml_loader import load_yaml_text
from laa_publish.validate.placeholders import (
    PLACEHOLDER_EMAIL,
    is_placeholder,
    markdown_placeholder_issues,
    placeholder,
    yaml_placeholder_issues,
)


@pytest.mark.parametrize(
    "value",
    [
        placeholder("the indicator's title"),
        "  REPLACE with text\nover two lines",
        "REPLACE",
        "Our own words. REPLACE with how the figures are calculated.",
        PLACEHOLDER_EMAIL,
        "Replace.Me@Example.org",
    ],
)
def test_placeholders_are_found(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "Replace the boiler",
        "REPLACEMENT windows fitted",
        "We will replace with new data in spring.",
        "performance@police.example.org",
        12,
        None,
        True,
    ],
)
def test_a_partners_own_words_are_not_placeholders(value: object) -> None:
    assert not is_placeholder(value)


def test_every_yaml_value_is_searched_with_its_key_path_and_position() -> None:
    text = textwrap.dedent(
        """\
        title: Burglaries
        contact:
          name: REPLACE with the team
          email: replace.me@example.org
        targets:
          - period: 2024-25
            note: REPLACE with why
        """
    )
    doc, _ = load_yaml_text(text, "data/x.yaml")
    assert doc is not None
    issues = yaml_placeholder_issues(doc)
    assert [(i.code, i.line, i.column) for i in issues] == [
        ("placeholder-value", 3, 9),
        ("placeholder-value", 4, 10),
        ("placeholder-value", 7, 11),
    ]
    assert [i.message.split(" ", 1)[0] for i in issues] == [
        "contact.name",
        "contact.email",
        "targets[0].note",
    ]
    assert issues[0].hint == "Write the team, in place of the whole placeholder."
    assert "email address" in issues[1].hint


def test_markdown_placeholders_and_guidance_boxes_are_positioned() -> None:
    text = (
        "## What works\n\n"
        "> **Guidance (delete this box):** list what works.\n\n"
        "- Street lighting.\n"
        "- REPLACE with something that works.\n"
        "Replace with lower case is the partner's own.\n"
    )
    issues = markdown_placeholder_issues("content/outcomes/X.md", text)
    assert [(i.code, i.line, i.column) for i in issues] == [
        ("placeholder-text", 3, 5),
        ("placeholder-text", 6, 3),
    ]
    assert issues[1].hint == "Write something that works, in place of the whole placeholder."
