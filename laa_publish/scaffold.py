"""`laa-publish new`: commented templates for a new indicator or outcome, with placeholders.

Partners start from a file whose only problems are the placeholders it asks them to
replace: `laa-publish validate` lists each one at its line, and passes once they are
filled in, so every later error is one they made, not one the blank page made. Every list
of allowed values in the comments is read from the JSON Schemas (and the period register),
and every placeholder from validate/placeholders.py, so none of them can drift.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from laa_publish.issues import choices_hint, quote
from laa_publish.validate.placeholders import (
    EXAMPLE_ROW,
    EXAMPLE_ROW_NOTE,
    GUIDANCE,
    PLACEHOLDER,
    PLACEHOLDER_EMAIL,
    placeholder,
)

if TYPE_CHECKING:
    from laa_publish.model.entities import Partnership
    from laa_publish.validate.run import CheckResult

PACKAGE = Path(__file__).resolve().parent
DEFAULT_PERIOD_TYPE = "financial_year"
# The markers the templates write, filled in from the one module the check also reads.
MARKERS = {
    "placeholder": PLACEHOLDER,
    "placeholder_email": PLACEHOLDER_EMAIL,
    "example_row": EXAMPLE_ROW_NOTE,
    "guidance": GUIDANCE,
}
_NUMBERED = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*?)-(?P<number>[0-9]+)$")

# Plain-English meanings of schema values. The values themselves always come from the
# schema; a value missing here is still listed, just without an explanation.
EXPLANATIONS: dict[str, dict[str, str]] = {
    "unit": {
        "percentage": "a share out of 100, written without the % sign, like 45.2",
        "count": "a number of people, events or things, like 1520",
        "rate": "a number per so many people, like 12.3 per 1,000 (set rate_per too)",
        "currency": "an amount of money in pounds, written without the £ sign",
        "ratio": "one number divided by another, like 0.85",
        "score": "a score on a scale, such as a survey score",
        "days": "a number of days",
    },
    "polarity": {
        "higher_is_better": "a rise is good news, like an employment rate",
        "lower_is_better": "a fall is good news, like a crime rate",
    },
    "frequency": {
        "annual": "once a year",
        "biennial": "every two years",
        "quarterly": "every three months",
        "monthly": "every month",
    },
    "aggregation": {
        "sum": "counts add up: a bigger area's value is the total of its parts",
        "rate": "the value is recomputed from the numerator and denominator columns, "
        "never averaged",
        "none": "values cannot be combined across areas",
    },
    "status": {
        "final": "the figure will not change (an empty status means final)",
        "provisional": "the figure may still be revised",
        "not_available": "there is no figure for this period and area: leave value empty",
        "suppressed": "the figure is withheld to protect privacy: leave value empty",
    },
}


class ScaffoldRefused(Exception):
    """A reason to write nothing, reported to the partner as a usage error (exit 2)."""


@dataclass(frozen=True, slots=True)
class Created:
    """What `laa-publish new` wrote, and what the partner should do next."""

    paths: tuple[str, ...]
    next_steps: tuple[str, ...]

    def report(self) -> str:
        """The command's output: the files written, then numbered next steps."""
        lines = [f"Created {path}" for path in self.paths]
        lines += ["", "Next steps:"]
        lines += [f"  {n}. {step}" for n, step in enumerate(self.next_steps, start=1)]
        return "\n".join(lines) + "\n"


@cache
def schema(name: str) -> dict[str, Any]:
    """A packaged JSON Schema, read without importing the validator (keeps the CLI fast)."""
    text = (PACKAGE / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def template(name: str) -> Template:
    """A packaged template from laa_publish/templates/new/."""
    return Template((PACKAGE / "templates" / "new" / name).read_text(encoding="utf-8"))


def other_settings(schema_name: str, text: str) -> str:
    """Comment on every schema key the template does not, so a new key is never missed."""
    lines: list[str] = []
    for key, spec in schema(schema_name)["properties"].items():
        if f"# {key}:" in text:
            continue
        lines += textwrap.wrap(
            f"{key}: {_one_line(spec.get('description', ''))}",
            width=88,
            initial_indent="# ",
            subsequent_indent="#   ",
        )
    if not lines:
        return ""
    intro = "# Other optional settings. Add them only if you need them; see docs/data-format.md."
    return "\n".join(["", "", intro, *lines])


def schema_line(rel_path: str, schema_name: str) -> str:
    """The editor hint line, relative to where the file is written, as the data files use."""
    folder = posixpath.dirname(rel_path) or "."
    target = posixpath.relpath(f"laa_publish/schemas/{schema_name}.schema.json", folder)
    return f"# yaml-language-server: $schema={target}"


def comment_list(
    values: Iterable[object], explain: Mapping[str, str] | None = None, indent: str = "#   "
) -> str:
    """Allowed values as YAML comment lines, each with its meaning when one is known."""
    lines = []
    for value in values:
        meaning = (explain or {}).get(str(value))
        lines.append(f"{indent}- {value}: {meaning}" if meaning else f"{indent}- {value}")
    return "\n".join(lines)


def _one_line(text: object) -> str:
    """Text safe to put inside a YAML comment: one line, no stray whitespace."""
    return " ".join(str(text).split())


def _yaml_text(text: str) -> str:
    """A double-quoted YAML scalar; JSON string syntax is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def schema_values(name: str) -> dict[str, str]:
    """Template fields from a schema: `values_<key>` for each enum, `<key>_minimum`/`_maximum`."""
    fields: dict[str, str] = {}
    for key, spec in schema(name)["properties"].items():
        if "enum" in spec:
            explain = EXPLANATIONS.get(key)
            if key == "rate_per":
                explain = {str(v): f"per {v:,}" for v in spec["enum"]}
            fields[f"values_{key}"] = comment_list(spec["enum"], explain)
        for bound in ("minimum", "maximum"):
            if bound in spec:
                fields[f"{key}_{bound}"] = str(spec[bound])
    return fields


def _check_id(ident: str, schema_name: str, what: str) -> None:
    """An id that breaks the schema pattern would only fail later, in validate."""
    pattern = schema(schema_name)["properties"]["id"]["pattern"]
    if not re.search(pattern, ident):
        raise ScaffoldRefused(
            f"The {what} id {quote(ident)} is not allowed: use capital letters and digits "
            "joined by hyphens, like LOC-CYP-01 or CYP-5."
        )


def _check_title(title: str, schema_name: str) -> None:
    """A title the schema refuses (or one spanning lines) would break the YAML or fail validate."""
    spec = schema(schema_name)["properties"]["title"]
    if not title.strip() or not title.isprintable() or not re.search(spec["pattern"], title):
        raise ScaffoldRefused(
            f"The title {quote(title)} is not allowed: write one line of plain text, "
            "without the characters < and >."
        )


def _require(value: str, choices: Iterable[str], what: str, where: str) -> None:
    """A reference to an undeclared name is refused with the nearest declared one."""
    options = list(choices)
    if value not in options:
        raise ScaffoldRefused(
            f"{what} {quote(value)} is not declared in {where}. {choices_hint(value, options)}"
        )


def _load(root: Path) -> tuple[Partnership, CheckResult]:
    """Read the partnership as validate does, so names are checked against the same registers."""
    from laa_publish.validate.run import check

    result = check(root)
    if result.partnership is None:
        raise ScaffoldRefused(
            "The partnership settings or registers have problems, so new files cannot be "
            "checked against them. Run `laa-publish validate` and fix those first."
        )
    return result.partnership, result


def _next_number(prefix: str, used: Iterable[str]) -> int:
    """One past the highest number already used after the prefix, so ids never collide."""
    numbers = [int(m["number"]) for m in map(_NUMBERED.match, used) if m and m["prefix"] == prefix]
    return max(numbers, default=0) + 1


def _stems(root: Path, pattern: str) -> set[str]:
    """File names count as used ids even when the file itself is broken."""
    return {path.stem for path in root.glob(pattern)}


def _refuse_existing(root: Path, paths: Iterable[str]) -> None:
    """A partner's work is never overwritten: refuse before writing anything."""
    existing = [p for p in paths if (root / p).exists() or (root / p).is_symlink()]
    if existing:
        raise ScaffoldRefused(
            "Refusing to overwrite "
            + " and ".join(existing)
            + ". Choose another id with --id, or edit the existing file."
        )


def _write(root: Path, texts: Mapping[str, str]) -> tuple[str, ...]:
    """Write all files or none; exclusive creation guards against a race with another writer."""
    _refuse_existing(root, texts)
    written: list[Path] = []
    for rel, text in texts.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            for done in written:
                done.unlink()
            raise ScaffoldRefused(
                f"Refusing to overwrite {rel}, which appeared meanwhile."
            ) from None
        written.append(path)
    return tuple(texts)


def _render(schema_name: str, fields: Mapping[str, str]) -> str:
    """Fill a YAML template, then comment on any schema key it does not cover."""
    text = template(f"{schema_name}.yaml").substitute(fields)
    return text.rstrip("\n") + other_settings(schema_name, text) + "\n"


def _period_containing(day: dt.date, period_type: str) -> str:
    """The period of the given type that a date falls in, written in that type's format."""
    from laa_publish.model.periods import period_label

    year, month = day.year, day.month
    ordinals = {
        "financial_year": year if month >= 4 else year - 1,
        "academic_year": year if month >= 9 else year - 1,
        "calendar_year": year,
        "quarter": year * 4 + (month - 1) // 3,
        "month": year * 12 + month - 1,
    }
    return period_label(ordinals[period_type], period_type)


def _agreement_date(p: Partnership, which: str) -> dt.date:
    """The agreement's start or end: example periods fall inside the agreement."""
    text = p.settings.agreement_start if which == "start" else p.settings.agreement_end
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return dt.date.today()


def new_indicator(
    root: Path,
    outcome: str,
    partner: str,
    *,
    ident: str | None = None,
    title: str | None = None,
    period_type: str = DEFAULT_PERIOD_TYPE,
) -> Created:
    """Write <ID>.yaml and <ID>.csv in the partner's folder, after checking every input."""
    from laa_publish.model.entities import OBSERVATION_STATUSES
    from laa_publish.model.periods import PERIOD_TYPES

    _require(
        period_type,
        schema("indicator")["properties"]["period_type"]["enum"],
        "Period type",
        "the indicator schema",
    )
    if title is not None:
        _check_title(title, "indicator")
    p, result = _load(root)
    _require(partner, p.partners, "Partner", "data/registers/partners.yaml")
    _require(outcome, p.outcomes, "Outcome", "data/outcomes/")
    used = _stems(root, "data/partners/*/indicators/*.yaml") | {
        str(doc.data["id"])
        for doc in result.repository.indicators
        if isinstance(doc.data, dict) and "id" in doc.data
    }
    if ident is None:
        match = _NUMBERED.match(outcome)
        prefix = f"LOC-{match['prefix'] if match else outcome}"
        ident = f"{prefix}-{_next_number(prefix, used):02d}"
    _check_id(ident, "indicator", "indicator")
    folder = f"data/partners/{partner}/indicators"
    yaml_path, csv_path = f"{folder}/{ident}.yaml", f"{folder}/{ident}.csv"
    _refuse_existing(root, (yaml_path, csv_path))
    if ident in used:
        raise ScaffoldRefused(
            f"Indicator id {quote(ident)} is already used by another partner's indicator. "
            "Choose another id with --id, or leave --id out to get the next free one."
        )
    kind = PERIOD_TYPES[period_type]
    fields = {
        **MARKERS,
        **schema_values("indicator"),
        "schema_line": schema_line(yaml_path, "indicator"),
        "id": ident,
        "title": _yaml_text(title or placeholder("the indicator's title")),
        "outcome": outcome,
        "outcome_title": _one_line(p.outcomes[outcome].title),
        "partner": partner,
        "partner_name": _one_line(p.partners[partner].name),
        "frequency": kind.frequencies[0],
        "frequency_rules": comment_list(
            (f"{pt.name} allows {' or '.join(pt.frequencies)}" for pt in PERIOD_TYPES.values()),
        ),
        "period_type": period_type,
        "values_period_type": comment_list(
            schema("indicator")["properties"]["period_type"]["enum"],
            {n: f"{pt.description}, written like {pt.example}" for n, pt in PERIOD_TYPES.items()},
        ),
        "period": _period_containing(_agreement_date(p, "start"), period_type),
        "target_period": _period_containing(_agreement_date(p, "end"), period_type),
        "place_area": p.settings.place_area,
        "place_name": _one_line(p.settings.place),
        "values_status": comment_list(
            OBSERVATION_STATUSES, EXPLANATIONS["status"], indent="#                "
        ),
    }
    written = _write(
        root,
        {
            yaml_path: _render("indicator", fields),
            csv_path: template("indicator.csv").substitute(fields),
        },
    )
    return Created(
        written,
        (
            f"Open {yaml_path} and replace every value that starts with {PLACEHOLDER}; "
            "the notes beside each setting list the allowed values.",
            f"Open {csv_path} in a spreadsheet, delete the {EXAMPLE_ROW}, add your figures "
            'and save it as "CSV UTF-8".',
            "Set the baseline (and any targets) in the YAML file to your real figures.",
            "Check your work: laa-publish validate",
            "Open a pull request; your partner's code owners will review it.",
        ),
    )


def _theme_prefix(p: Partnership, theme: str) -> str:
    """The id prefix the theme's outcomes already use, or one made from the theme's words."""
    found = Counter(
        m["prefix"]
        for o in p.outcomes.values()
        if o.theme == theme and (m := _NUMBERED.match(o.id))
    )
    if found:
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))[0][0]
    words = [w for w in theme.split("-") if w]
    prefix = "".join(w[0] for w in words) if len(words) > 1 else theme[:3]
    prefix = re.sub(r"[^A-Z0-9]", "", prefix.upper())
    return prefix if re.match(r"^[A-Z]", prefix) else "OUT"


def new_outcome(
    root: Path,
    theme: str,
    lead_partner: str,
    *,
    ident: str | None = None,
    title: str | None = None,
) -> Created:
    """Write data/outcomes/<ID>.yaml and its narrative, after checking every input."""
    if title is not None:
        _check_title(title, "outcome")
    p, result = _load(root)
    themes = {t.id: t for t in p.settings.themes}
    _require(theme, themes, "Theme", "site_config/partnership.yaml")
    _require(lead_partner, p.partners, "Partner", "data/registers/partners.yaml")
    used = _stems(root, "data/outcomes/*.yaml") | _stems(root, "content/outcomes/*.md")
    used |= {
        str(doc.data["id"])
        for doc in result.repository.outcomes
        if isinstance(doc.data, dict) and "id" in doc.data
    }
    if ident is None:
        prefix = _theme_prefix(p, theme)
        ident = f"{prefix}-{_next_number(prefix, used)}"
    _check_id(ident, "outcome", "outcome")
    yaml_path, md_path = f"data/outcomes/{ident}.yaml", f"content/outcomes/{ident}.md"
    _refuse_existing(root, (yaml_path, md_path))
    if ident in used:
        raise ScaffoldRefused(
            f"Outcome id {quote(ident)} is already used by another outcome. Choose another "
            "id with --id, or leave --id out to get the next free one."
        )
    in_theme = [
        doc.data.get("priority")
        for doc in result.repository.outcomes
        if isinstance(doc.data, dict) and doc.data.get("theme") == theme
    ]
    priorities = [n for n in in_theme if isinstance(n, int) and not isinstance(n, bool)]
    others = sorted(set(p.partners) - {lead_partner}) or [lead_partner]
    fields = {
        **MARKERS,
        **schema_values("outcome"),
        "schema_line": schema_line(yaml_path, "outcome"),
        "id": ident,
        "title": _yaml_text(title or placeholder("the outcome in plain English")),
        "theme": theme,
        "theme_title": _one_line(themes[theme].title),
        "values_theme": comment_list(themes, {t: _one_line(v.title) for t, v in themes.items()}),
        "priority": str(max(priorities, default=len(in_theme)) + 1),
        "lead_partner": lead_partner,
        "lead_name": _one_line(p.partners[lead_partner].name),
        "values_partner": comment_list(
            sorted(p.partners), {k: _one_line(v.name) for k, v in p.partners.items()}
        ),
        "example_partner": others[0],
        "narrative": md_path,
        "place_name": _one_line(p.settings.place),
    }
    written = _write(
        root,
        {
            yaml_path: _render("outcome", fields),
            md_path: template("outcome.md").substitute(fields),
        },
    )
    return Created(
        written,
        (
            f"Open {yaml_path} and replace every value that starts with {PLACEHOLDER}; "
            "add the contributing partners.",
            f"Write the story behind the curve in {md_path}: replace each {PLACEHOLDER} "
            "paragraph and delete the guidance boxes.",
            "Add at least one indicator, for example: laa-publish new indicator "
            f"--outcome {ident} --partner {lead_partner} (until then, validate warns that "
            "the outcome has no indicators).",
            "Check your work: laa-publish validate",
            "Open a pull request for the core team to review.",
        ),
    )


def add_new_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_root: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register `new indicator` and `new outcome` on the CLI's subcommands."""
    new = sub.add_parser("new", help="write a commented template for a new indicator or outcome")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    indicator = kinds.add_parser(
        "indicator", help="a new indicator (YAML and CSV) in a partner's folder"
    )
    indicator.add_argument("--outcome", required=True, help="the outcome id it evidences")
    indicator.add_argument("--partner", required=True, help="the owner partner's id")
    indicator.add_argument(
        "--id", dest="ident", metavar="ID", help="the indicator id (default: next LOC-…)"
    )
    indicator.add_argument("--title", help="the indicator's title (default: a placeholder)")
    indicator.add_argument(
        "--period-type",
        default=DEFAULT_PERIOD_TYPE,
        choices=schema("indicator")["properties"]["period_type"]["enum"],
        help=f"how periods are written (default: {DEFAULT_PERIOD_TYPE})",
    )
    add_root(indicator)
    outcome = kinds.add_parser("outcome", help="a new shared outcome (YAML and narrative)")
    outcome.add_argument("--theme", required=True, help="the theme id it belongs to")
    outcome.add_argument("--lead-partner", required=True, help="the leading partner's id")
    outcome.add_argument(
        "--id", dest="ident", metavar="ID", help="the outcome id (default: next in the theme)"
    )
    outcome.add_argument("--title", help="the outcome's title (default: a placeholder)")
    add_root(outcome)


def scaffold(args: argparse.Namespace) -> Created:
    """Run `laa-publish new KIND` from parsed arguments."""
    if args.kind == "indicator":
        return new_indicator(
            args.root,
            args.outcome,
            args.partner,
            ident=args.ident,
            title=args.title,
            period_type=args.period_type,
        )
    return new_outcome(args.root, args.theme, args.lead_partner, ident=args.ident, title=args.title)
