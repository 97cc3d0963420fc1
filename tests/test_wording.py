"""What residents read on the built example: headlines that agree with their tables, units,
plain words, and partner pages kept out of the public search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

pytestmark = pytest.mark.slow

MONEY = re.compile(r"£([\d,]+)")


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _words(node: Tag) -> str:
    return " ".join(node.get_text("").split())


def _section(soup: BeautifulSoup, heading: str) -> list[Tag]:
    """The elements after the h2 with this text, up to the next h2."""
    h2 = next(h for h in soup.find_all("h2") if _words(h).rstrip("¶ ").strip() == heading)
    found = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def _table(nodes: list[Tag]) -> list[list[str]]:
    table = next(t for n in nodes for t in ([n] if n.name == "table" else n.find_all("table")))
    return [[_words(c) for c in tr.find_all(["td", "th"])] for tr in table.find_all("tr")]


def _pounds(text: str) -> int:
    return int(text.replace(",", ""))


def test_benefit_headline_figures_agree_with_the_tables(example_site: Path) -> None:
    soup = _soup(example_site, "partnership/benefits.html")
    prize = " ".join(_words(p) for p in _section(soup, "The bigger prize") if p.name == "p")
    counts = re.search(
        r"Of (\d+) benefits registered, (\d+) have been realised: (\d+) signed off and (\d+) "
        r"awaiting sign-off\. The other (\d+) are not yet realised: (\d+) identified and (\d+) "
        r"being tracked\.",
        prize,
    )
    assert counts, prize
    total, realised, signed, waiting, pending, identified, tracking = map(int, counts.groups())
    by_status = {row[0]: int(row[1]) for row in _table(_section(soup, "By status"))[1:]}
    assert by_status == {
        "Identified": identified,
        "Tracking": tracking,
        "Realised, awaiting sign-off": waiting,
        "Realised and signed off": signed,
        "All": total,
    }
    assert realised == waiting + signed and pending == identified + tracking
    assert realised + pending == total

    every = _table(_section(soup, "Every benefit"))
    header, rows = every[0], every[1:]
    status, value = header.index("Status"), header.index("Value")
    assert len(rows) == total
    assert sum(r[status].startswith("Realised") for r in rows) == realised

    money = re.search(
        r"The (\d+) financial benefits realised are worth £([\d,]+) over their baselines, of "
        r"which £([\d,]+) has been signed off\. They were expected to gain £([\d,]+), so they "
        r"realised £([\d,]+) (more|less) than expected\.",
        prize,
    )
    assert money, prize
    n, worth, signed_money, expected, gap = (_pounds(g) for g in money.groups()[:5])
    cash = [r for r in rows if r[status].startswith("Realised") and r[value].startswith("£")]
    gains = {}
    for r in cash:
        amounts = [_pounds(a) for a in MONEY.findall(r[value])]
        gains[r[0].split(":")[0]] = amounts[0] - (amounts[1] if len(amounts) > 1 else 0)
    assert n == len(cash) and worth == sum(gains.values())
    assert signed_money == sum(
        g for r, g in zip(cash, gains.values(), strict=True) if "signed off" in r[status]
    )
    detail_expected = 0
    for ident in gains:
        anchor = soup.find(id=ident.lower())
        assert isinstance(anchor, Tag)
        rows_by = {row[0]: row[1] for row in _table([anchor.find_next("table")])}
        base = MONEY.findall(rows_by["Baseline"])
        detail_expected += _pounds(MONEY.findall(rows_by["Expected"])[0]) - (
            _pounds(base[0]) if base else 0
        )
    assert expected == detail_expected
    assert gap == abs(worth - expected)
    assert (money.group(6) == "more") == (worth > expected)


def test_every_benefit_figure_has_its_unit(example_site: Path) -> None:
    soup = _soup(example_site, "partnership/benefits.html")
    every = _table(_section(soup, "Every benefit"))
    value = every[0].index("Value")
    for row in every[1:]:
        cell = re.sub(r"\d{1,2} [A-Z][a-z]+ \d{4}", "DATE", row[value])
        figures = re.findall(r"(£?)(\d[\d,.]*)(%| hours| people| points)?", cell.split(": ")[-1])
        assert figures, cell
        for pound, _, unit in figures:
            assert pound or unit or ": " in cell, f"a figure without its unit: {cell!r}"


def test_partner_pages_are_kept_out_of_the_public_search(example_site: Path) -> None:
    index = json.loads((example_site / "search" / "search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not {p for p in pages if p.startswith("for-partners/")}
    for page in ("for-partners/guide.html", "for-partners/data-errors.html"):
        assert (example_site / page).is_file(), "still published, only not searched"
    assert _soup(example_site, "index.html").find("a", href="for-partners/guide.html")
    assert _soup(example_site, "for-partners/guide.html").find("a", href="data-errors.html")
    crime = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if "crime" in f"{doc['title']} {doc['text']}".lower()
    }
    assert {p for p in crime if p.startswith("indicators/")}, "crime still finds indicators"
    assert "about/method.html" in crime
