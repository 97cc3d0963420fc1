"""The narratives in ``content/``: templates in ``narratives/`` filled in from the data.

So a model change rewrites every figure the narratives quote, and a narrative can never
quote a figure that disclosure control hides (see ``figures.py``).
"""

from __future__ import annotations

from pathlib import Path

from tools.example.figures import Figures, Generated, Quote
from tools.example.templates import render

NARRATIVES = Path(__file__).resolve().parent / "narratives"


def render_narratives(data: Generated) -> tuple[dict[str, str], list[Quote]]:
    """Each narrative's text by its path under ``content/``, and the figures they quote."""
    figures = Figures(data)
    functions = figures.functions()
    texts = {}
    for template in sorted(NARRATIVES.rglob("*.md")):
        name = template.relative_to(NARRATIVES).as_posix()
        source = f"tools/example/narratives/{name}"
        texts[name] = render(template.read_text(encoding="utf-8"), functions, source)
    return texts, figures.quotes
