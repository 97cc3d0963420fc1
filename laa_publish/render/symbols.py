"""GSS shorthand symbols in table cells, and the key that explains the ones a page uses."""

from __future__ import annotations

import math

from laa_publish.model.entities import Indicator
from laa_publish.render.inline import note
from laa_publish.render.text import with_unit

SYMBOLS = {
    "[p]": "provisional: the figure may be revised",
    "[r]": "revised: the figure changed in the release shown (see the revisions log)",
    "[c]": "confidential: withheld to protect privacy",
    "[x]": "not available",
    "[z]": "not applicable",
}
STATUS_SYMBOL = {"provisional": "[p]", "not_available": "[x]", "suppressed": "[c]"}


class SymbolKey:
    """Collects the symbols used on one page so the page can explain exactly those."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def cell(
        self, value: float | None, status: str, indicator: Indicator, revised: bool = False
    ) -> str:
        """A value with its unit and symbols, e.g. '19.8% [p]', '21.0 [r]' or '[c]'."""
        symbol = STATUS_SYMBOL.get(status)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            gap = STATUS_SYMBOL[status] if status in ("not_available", "suppressed") else "[x]"
            self.used.add(gap)
            if revised and gap == "[x]":
                self.used.add("[r]")
                return f"{gap} [r]"
            return gap
        marks = [s for s in (symbol, "[r]" if revised else None) if s]
        self.used.update(marks)
        return " ".join([with_unit(value, indicator), *marks])

    def mark(self, symbol: str) -> str:
        """Use a symbol directly, e.g. [z] for 'not applicable'."""
        self.used.add(symbol)
        return symbol

    def legend(self) -> str:
        """A paragraph explaining each symbol used, or nothing: a note, left out of search."""
        if not self.used:
            return ""
        w = note("")  # no links in it, so the page it goes on does not matter
        items = [f"{w.code(s)} {SYMBOLS[s]}" for s in SYMBOLS if s in self.used]
        return w.paragraph(w.strong("Symbols used on this page:") + " " + "; ".join(items) + ".")
