"""The shipped example partnership is valid and as rich as the product promises."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from laa_publish.compute.progress import compute
from laa_publish.model.periods import PERIOD_TYPES
from laa_publish.validate.run import check
from laa_publish.validate.schema import SCHEMA_DIR

REPO = Path(__file__).resolve().parent.parent


def test_example_validates_without_errors_or_warnings() -> None:
    result = check(REPO)
    assert [(i.path, i.line, i.code, i.message) for i in result.issues] == []


def test_example_is_a_believable_partnership() -> None:
    p = check(REPO).partnership
    assert p is not None
    assert len(p.partners) >= 7
    assert len({o.theme for o in p.outcomes.values()}) == 4
    assert len(p.outcomes) >= 12
    assert len(p.indicators) >= 35
    levels = Counter(a.level for a in p.areas.values() if a.valid_to is None)
    assert levels["city"] == 1 and levels["district"] >= 4
    assert levels["neighbourhood"] >= 16 and levels["school_cluster"] >= 6
    assert sum(1 for i in p.indicators.values() if i.national_indicator) >= 30
    for ident, frame in p.observations.items():
        per_year = PERIOD_TYPES[p.indicators[ident].period_type].per_year
        years = (frame["ordinal"].max() - frame["ordinal"].min()) / per_year + 1
        assert years >= 5, f"{ident} has only {years} years of history"
    assert set(p.narratives) == set(p.outcomes)


def test_example_has_targets_met_and_missed() -> None:
    p = check(REPO).partnership
    assert p is not None
    computed = compute(p)
    statuses = Counter(computed.headline(i, p.settings.place_area).status for i in p.indicators)
    assert statuses["on_track"] >= 5 and statuses["off_track"] >= 5 and statuses["at_risk"] >= 3


def _properties(node: object, where: str) -> list[str]:
    missing: list[str] = []
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            if not isinstance(sub, dict) or not sub.get("description"):
                missing.append(f"{where}.{name}")
        for key, value in node.items():
            missing += _properties(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            missing += _properties(value, f"{where}[{index}]")
    return missing


def test_every_schema_property_is_described() -> None:
    schemas = sorted(SCHEMA_DIR.glob("*.schema.json"))
    assert len(schemas) >= 5
    missing: list[str] = []
    for path in schemas:
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        missing += _properties(schema, path.name)
    assert missing == []


def test_every_yaml_file_points_editors_at_its_schema() -> None:
    files = sorted((REPO / "data").rglob("*.yaml")) + sorted((REPO / "site_config").glob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1].strip()).resolve()
        assert target.is_file() and target.parent == SCHEMA_DIR, path
