"""Command line: ``python -m tools.example [--root DIR]`` writes the example dataset."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from tools.example.brackenford import INDICATORS
from tools.example.dataset import write_dataset
from tools.example.templates import TemplateError

LOG = logging.getLogger("tools.example")
REPOSITORY = Path(__file__).resolve().parents[2]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the Brackenford example, and warn where an indicator misses its intended status.

    A narrative template that asks for a figure the data lacks, or one the site suppresses,
    stops the run with the template's file and line.
    """
    parser = argparse.ArgumentParser(
        prog="python -m tools.example", description="Generate the Brackenford example data."
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=REPOSITORY,
        help="the repository to write into (default: this tool's repository)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every file written")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(message)s"
    )
    try:
        statuses = write_dataset(args.root.resolve())
    except TemplateError as error:
        LOG.error("%s", error)
        return 1
    for spec in INDICATORS:
        if spec.intent and statuses[spec.id] != spec.intent:
            LOG.warning("%s: latest status is %s, not %s", spec.id, statuses[spec.id], spec.intent)
    counts = {s: list(statuses.values()).count(s) for s in ("on", "risk", "off", "none")}
    LOG.info("latest city-wide status: %s", counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
