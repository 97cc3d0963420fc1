"""The figures a narrative may quote: the template functions, read from the generated tables.

Every function returns text as the site writes it (the indicator's decimals, thousands
separators), and none will quote a figure that the site suppresses, so a narrative cannot
give away what disclosure control hides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from laa_publish.model.periods import PERIOD_TYPES, period_label
from tools.example.cells import Cell, Table
from tools.example.disclosure import hidden_areas
from tools.example.model import CITY, Area, IndicatorSpec
from tools.example.targets import Target, status_of
from tools.example.templates import Function
from tools.example.timeline import period_months, period_ordinal

STATUS_WORDS = {"on": "on track", "risk": "at risk", "off": "off track"}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


class FigureError(ValueError):
    """A template asks for a figure the generated data does not have."""


class DisclosureError(FigureError):
    """A template asks to quote a figure the site suppresses."""


@dataclass(frozen=True)
class Generated:
    """The generated dataset, as the templates read it."""

    specs: dict[str, IndicatorSpec]
    tables: dict[str, Table]
    baselines: dict[str, tuple[str, Decimal]]
    targets: dict[str, list[Target]]
    areas: Sequence[Area]


@dataclass(frozen=True)
class Quote:
    """One figure a narrative quoted: what it is, and the text written."""

    kind: str  # "value", "baseline", "target" or "status"
    indicator: str
    period: str
    area: str
    text: str


@dataclass
class Figures:
    """The template functions over one generated dataset; `quotes` records what they quote."""

    data: Generated
    quotes: list[Quote] = field(default_factory=list)
    _hidden: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def functions(self) -> dict[str, Function]:
        """The whitelist: the only names a template may call."""
        return {
            "value": self.value,
            "baseline": self.baseline,
            "target": self.target,
            "status": self.status,
            "period": self.period,
            "peak": self.peak,
            "ranking": self.ranking,
            "names": self.names,
            "tally": self.tally,
            "capital": capital,
        }

    def value(self, indicator: str, period: str = "latest", area: str = "city") -> str:
        """An area's published value for a period ("latest", "year before", "baseline")."""
        spec, when, place = self._spec(indicator), self._period(indicator, period), self._area(area)
        cell = self._cell(spec, when, place)
        self._refuse_suppressed(spec, when, place)
        assert cell.value is not None
        return self._quote("value", spec, when, place, cell.value)

    def baseline(self, indicator: str) -> str:
        """The city-wide baseline value."""
        spec = self._spec(indicator)
        period, value = self.data.baselines[spec.id]
        return self._quote("baseline", spec, period, self._area("city"), value)

    def target(self, indicator: str, period: str = "latest", area: str = "city") -> str:
        """The target for a period, city-wide or for an area with targets of its own."""
        spec, when, place = self._spec(indicator), self._period(indicator, period), self._area(area)
        return self._quote("target", spec, when, place, self._target(spec, when, place).value)

    def status(self, indicator: str, period: str = "latest", area: str = "city") -> str:
        """On track, at risk or off track: the value against its target and tolerance."""
        spec, when, place = self._spec(indicator), self._period(indicator, period), self._area(area)
        value = self._cell(spec, when, place).value
        assert value is not None  # _cell refuses a cell without one
        target = self._target(spec, when, place)
        word = STATUS_WORDS[status_of(value, target, spec.higher_is_better)]
        self.quotes.append(Quote("status", spec.id, when, place.code, word))
        return word

    def period(self, indicator: str, which: str = "latest", style: str = "label") -> str:
        """A period in words: label (2024-25, April to June 2026), months, end (June 2026), year."""
        when = self._period(indicator, which)
        ptype = self._spec(indicator).period_type
        months = period_months(when, ptype)
        (y0, m0), (y1, m1) = months[0], months[-1]
        if style == "year":
            return str(y0)
        if style == "end":
            return f"{MONTHS[m1 - 1]} {y1}"
        span = MONTHS[m0 - 1] if m0 == m1 else f"{MONTHS[m0 - 1]} to {MONTHS[m1 - 1]}"
        if style == "months":
            return span
        if style != "label":
            raise FigureError(f"unknown period style {style!r}; use label, months, end or year")
        return f"{span} {y1}" if ptype in ("quarter", "month") else when

    def peak(self, indicator: str, first: str, last: str, area: str = "city") -> str:
        """The highest value an area reached from one period to another, both included."""
        spec, place = self._spec(indicator), self._area(area)
        start, end = (
            period_ordinal(self._period(indicator, p), spec.period_type) for p in (first, last)
        )
        reached = [
            (cell.value, period)
            for period, row in self.data.tables[spec.id].items()
            if start <= period_ordinal(period, spec.period_type) <= end
            and (cell := row.get(place.code)) is not None
            and cell.value is not None
        ]
        if not reached:
            raise FigureError(f"{spec.id} has no values for {place.name} from {first} to {last}")
        _, period = max(reached)
        return self.value(indicator, period, area)

    def ranking(
        self,
        indicator: str,
        level: str,
        end: str,
        groups: int = 1,
        unit: str = "",
        period: str = "latest",
    ) -> str:
        """The areas with the highest or lowest values: "A (1.09) and B (1.00)".

        ``groups`` counts distinct values, so tied areas come together: "A and B (14.3% each)".
        """
        spec = self._spec(indicator)
        parts = []
        for places, value in self._ranked(spec, level, end, groups, period):
            text = self._quote_all(spec, self._period(indicator, period), places, value)
            each = " each" if len(places) > 1 else ""
            parts.append(f"{join(p.name for p in places)} ({text}{unit}{each})")
        return join(parts)

    def names(
        self, indicator: str, level: str, end: str, groups: int = 1, period: str = "latest"
    ) -> str:
        """The names alone of the areas `ranking` gives."""
        spec = self._spec(indicator)
        ranked = self._ranked(spec, level, end, groups, period)
        for places, value in ranked:
            self._quote_all(spec, self._period(indicator, period), places, value)
        return join(p.name for places, _ in ranked for p in places)

    def tally(self, status: str, *indicators: str) -> str:
        """How many of the indicators have a latest status ("on", "risk", "off"), in words."""
        word = STATUS_WORDS[status]
        return NUMBER_WORDS[sum(self.status(i) == word for i in indicators)]

    def _spec(self, indicator: str) -> IndicatorSpec:
        if indicator not in self.data.specs:
            raise FigureError(f"there is no indicator {indicator!r}")
        return self.data.specs[indicator]

    def _period(self, indicator: str, which: str) -> str:
        spec = self._spec(indicator)
        table = self.data.tables[spec.id]
        if which == "baseline":
            return self.data.baselines[spec.id][0]
        latest = max(
            (p for p, row in table.items() if row[CITY].value is not None),
            key=lambda p: period_ordinal(p, spec.period_type),
        )
        if which == "latest":
            return latest
        if which == "year before":
            step = PERIOD_TYPES[spec.period_type].per_year
            return period_label(period_ordinal(latest, spec.period_type) - step, spec.period_type)
        if which in table:
            return which
        raise FigureError(
            f"{spec.id} has no period {which!r}: name one, or latest, year before or baseline"
        )

    def _area(self, name: str) -> Area:
        for area in self.data.areas:
            if name in (area.code, area.name) or (name == "city" and area.code == CITY):
                return area
        raise FigureError(f"there is no area {name!r}")

    def _cell(self, spec: IndicatorSpec, period: str, area: Area) -> Cell:
        cell = self.data.tables[spec.id][period].get(area.code)
        if cell is None or cell.value is None:
            raise FigureError(f"{spec.id} has no value for {area.name} in {period}")
        return cell

    def _target(self, spec: IndicatorSpec, period: str, area: Area) -> Target:
        wanted = None if area.code == CITY else area.code
        for target in self.data.targets[spec.id]:
            if target.period == period and target.area == wanted:
                return target
        raise FigureError(f"{spec.id} has no target for {area.name} in {period}")

    def _refuse_suppressed(self, spec: IndicatorSpec, period: str, area: Area) -> None:
        """Raise DisclosureError for a figure the site will not publish."""
        key = (spec.id, period)
        if key not in self._hidden:
            row = self.data.tables[spec.id][period]
            self._hidden[key] = hidden_areas(spec, row, self.data.areas)
        if reason := self._hidden[key].get(area.code):
            raise DisclosureError(
                f"{spec.id} {period} {area.name}: the site suppresses this figure ({reason}); "
                "do not quote it"
            )

    def _ranked(
        self, spec: IndicatorSpec, level: str, end: str, groups: int, period: str
    ) -> list[tuple[list[Area], Decimal]]:
        """The first `groups` distinct values from one end, with the areas that have each."""
        if end not in ("highest", "lowest"):
            raise FigureError(f"end must be highest or lowest, not {end!r}")
        when = self._period(spec.id, period)
        row = self.data.tables[spec.id][when]
        found = [
            (cell.value, area)
            for area in self.data.areas
            if area.level == level
            and (cell := row.get(area.code)) is not None
            and cell.value is not None
        ]
        if not found:
            raise FigureError(f"{spec.id} has no {level} values in {when}")
        found.sort(key=lambda va: (va[0], va[1].code), reverse=end == "highest")
        ranked: list[tuple[list[Area], Decimal]] = []
        for value, area in found:
            if ranked and ranked[-1][1] == value:
                ranked[-1][0].append(area)
            elif len(ranked) < groups:
                ranked.append(([area], value))
            else:
                break
        return ranked

    def _quote_all(
        self, spec: IndicatorSpec, period: str, places: Sequence[Area], value: Decimal
    ) -> str:
        texts = []
        for place in places:
            self._cell(spec, period, place)
            self._refuse_suppressed(spec, period, place)
            texts.append(self._quote("value", spec, period, place, value))
        return texts[0]

    def _quote(
        self, kind: str, spec: IndicatorSpec, period: str, area: Area, value: Decimal
    ) -> str:
        text = f"{value:,.{spec.decimals}f}"
        self.quotes.append(Quote(kind, spec.id, period, area.code, text))
        return text


def join(items: Iterable[str]) -> str:
    """Words joined the English way: "A", "A and B", "A, B and C"."""
    words = list(items)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def capital(text: str) -> str:
    """Text with its first letter in capitals, for the start of a sentence."""
    return text[:1].upper() + text[1:]
