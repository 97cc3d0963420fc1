"""The narratives' template language: ``{{ function("arg", ...) }}`` fields, never eval.

A field holds one call of a whitelisted function (see ``figures.py``). Its arguments are
text or whole-number literals, or further whitelisted calls; anything else (names,
attributes, operators, subscripts) is refused, so a template cannot run code of its own.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping

FIELD = re.compile(r"\{\{(.*?)\}\}", re.S)

Function = Callable[..., str]


class TemplateError(ValueError):
    """A template asks for something the language does not allow, or a figure it cannot give."""


def render(text: str, functions: Mapping[str, Function], source: str) -> str:
    """The text with every ``{{ ... }}`` field replaced by the value of its call."""
    out: list[str] = []
    end = 0
    for match in FIELD.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        where = f"{source}:{line}"
        try:
            tree = ast.parse(match.group(1).strip(), mode="eval")
        except SyntaxError as error:
            raise TemplateError(f"{where}: {match.group(0)!r} is not a call: {error.msg}") from None
        try:
            value = _evaluate(tree.body, functions)
        except (TemplateError, TypeError, ValueError, KeyError) as error:
            raise TemplateError(f"{where}: {match.group(0)}: {error}") from None
        if not isinstance(value, str):
            raise TemplateError(f"{where}: {match.group(0)} gives no text")
        out += [text[end : match.start()], value]
        end = match.end()
    if "{{" in text[end:] or "}}" in text[end:]:
        line = text.count("\n", 0, end) + 1
        raise TemplateError(f"{source}:{line}: an unclosed '{{{{' or a stray '}}}}'")
    out.append(text[end:])
    return "".join(out)


def _evaluate(node: ast.expr, functions: Mapping[str, Function]) -> str | int:
    """A literal, or the result of a whitelisted call with evaluated arguments."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
        if isinstance(node.value, bool):
            raise TemplateError(f"{node.value} is not allowed: use text or whole numbers")
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        if name not in functions:
            choices = ", ".join(sorted(functions))
            raise TemplateError(f"unknown function {name!r}; the functions are {choices}")
        args = [_evaluate(a, functions) for a in node.args]
        keywords = {k.arg: _evaluate(k.value, functions) for k in node.keywords if k.arg}
        if len(keywords) != len(node.keywords):
            raise TemplateError("'**' arguments are not allowed")
        return functions[name](*args, **keywords)
    raise TemplateError(
        f"{ast.unparse(node)!r} is not allowed: use text in quotes, whole numbers "
        "and calls of the template functions"
    )
