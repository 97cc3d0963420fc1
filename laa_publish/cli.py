"""The command line: validate, build and serve, with exit codes CI can rely on."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from laa_publish.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from laa_publish.geo.budget import BOUNDARIES_FILE
from laa_publish.issues import has_errors
from laa_publish.reporters import report
from laa_publish.scaffold import add_new_parsers

log = logging.getLogger("laa_publish")


def _formats() -> list[str]:
    return ["text", "json", "github"]


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _root(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} is not a folder")
    return path.resolve()


def _date(value: str) -> str:
    """A YYYY-MM-DD date, checked so a typo is a usage error rather than an empty site."""
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD")


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=_root,
        default=Path.cwd(),
        help="the partnership repository (default: the current folder)",
    )


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=_formats(),
        default=None,
        help="how to report problems (default: github under GitHub Actions, else text)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1 on any warning)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; kept separate so the docs and tests can inspect it."""
    parser = argparse.ArgumentParser(
        prog="laa-publish",
        description="Validate a Local Area Agreement partnership's data and publish its site.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser("validate", help="check every data file and report all problems")
    _add_root(validate)
    _add_format(validate)

    build = sub.add_parser("build", help="validate, then build the static site")
    _add_root(build)
    _add_format(build)
    build.add_argument(
        "--output", type=Path, default=None, help="where to write the site (default: ROOT/site)"
    )
    build.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where to keep generated Markdown and caches (default: ROOT/.laa-build)",
    )
    build.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="publish only releases dated on or before DATE, YYYY-MM-DD "
        "(default: the date of the built commit)",
    )

    serve = sub.add_parser("serve", help="build and preview the site locally, rebuilding on change")
    _add_root(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="generated Markdown folder (default: ROOT/.laa-build)",
    )
    add_new_parsers(sub, _add_root)
    _add_ownership_parsers(sub)
    _add_boundaries_parser(sub)
    _add_import_parser(sub)
    return parser


def _add_import_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`import opensdg PATH --into DIR`: a whole partnership from an Open SDG repository."""
    imports = sub.add_parser("import", help="make a partnership from another platform's data")
    kinds = imports.add_subparsers(dest="kind", required=True, metavar="KIND")
    opensdg = kinds.add_parser(
        "opensdg",
        help="import an Open SDG data repository",
        description="Read an Open SDG data repository as Open SDG does (config_data.yml, "
        "metadata, translations, data/indicator_*.csv) and write a complete partnership into "
        "DIR that passes 'laa-publish validate'. Every row read is written or reported, with "
        "its file, line and reason.",
    )
    opensdg.add_argument("path", type=Path, help="the Open SDG data repository")
    opensdg.add_argument(
        "--into", type=Path, required=True, help="the folder to write the partnership into"
    )
    opensdg.add_argument(
        "--config",
        type=Path,
        default=None,
        help="an import config (YAML): name, levels, polarity and targets, how to read "
        "periods; without one, documented defaults are used and reported",
    )
    opensdg.add_argument(
        "--translations",
        type=Path,
        default=None,
        help="an sdg-translations folder for translation keys (default: found beside PATH)",
    )


def _add_boundaries_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`boundaries import FILE`: the register's boundaries file from an ONS download."""
    boundaries = sub.add_parser("boundaries", help="manage the areas' boundaries for the maps")
    actions = boundaries.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = actions.add_parser(
        "import",
        help="write data/registers/boundaries.geojson from a downloaded boundary file",
        description="Keep the register's areas from a GeoJSON boundary file (as downloaded "
        "from the ONS Open Geography Portal, in WGS 84), build larger areas from their parts, "
        "and simplify the shapes, keeping shared edges, until the file fits its size budget.",
    )
    load.add_argument("file", type=Path, help="the downloaded GeoJSON file")
    _add_root(load)
    load.add_argument(
        "--code-property",
        default=None,
        help="the property holding each area's code, e.g. WD23CD (default: found from the "
        "register)",
    )
    load.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"where to write (default: ROOT/{BOUNDARIES_FILE})",
    )
    load.add_argument(
        "--budget",
        type=_byte_count,
        default=None,
        metavar="BYTES",
        help="the most bytes to write (default: the rule's)",
    )


def _byte_count(value: str) -> int:
    """A positive number of bytes, checked so a typo is a usage error, not an empty file."""
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number of bytes")
    return int(value)


def _add_ownership_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The codeowners and check-ownership commands: who may change which file."""
    owners = sub.add_parser("codeowners", help="write .github/CODEOWNERS from the partner register")
    _add_root(owners)
    owners.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the committed file differs"
    )
    owners.add_argument("--format", choices=_formats(), default=None, help="how to report problems")
    ownership = sub.add_parser(
        "check-ownership", help="fail when a change touches files the partner does not own"
    )
    _add_root(ownership)
    ownership.add_argument("--partner", required=True, help="the partner id submitting the change")
    ownership.add_argument("--base", required=True, help="the revision the change starts from")
    ownership.add_argument("--head", default="HEAD", help="the changed revision (default HEAD)")
    ownership.add_argument(
        "--format", choices=_formats(), default=None, help="how to report problems"
    )


def _validate(args: argparse.Namespace) -> int:
    from laa_publish.validate.run import check

    result = check(args.root)
    report(result.issues, args.format or _default_format(), sys.stdout)
    return EXIT_INVALID if has_errors(result.issues, strict=args.strict) else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from laa_publish.pipeline import BuildRefused, build_site
    from laa_publish.write.engine import EngineFailed

    output = args.output or args.root / "site"
    try:
        result = build_site(
            args.root,
            output.resolve(),
            work_dir=args.work_dir,
            strict=args.strict,
            as_of=args.as_of,
        )
    except BuildRefused as refused:
        report(refused.issues, args.format or _default_format(), sys.stderr)
        log.error("The site was not built: fix the problems above first.")
        return EXIT_INVALID
    except EngineFailed as failed:
        log.error("%s", failed)
        log.error("The previous site, if any, was left untouched.")
        return EXIT_INVALID
    if result.issues:
        report(result.issues, args.format or _default_format(), sys.stderr)
    log.info("Built %d pages into %s in %.1f s", result.pages, output, result.seconds)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from laa_publish.serve import serve

    return serve(args.root, port=args.port, work_dir=args.work_dir)


def _new(args: argparse.Namespace) -> int:
    from laa_publish.scaffold import ScaffoldRefused, scaffold

    try:
        created = scaffold(args)
    except ScaffoldRefused as refused:
        log.error("Nothing was written. %s", refused)
        return EXIT_USAGE
    sys.stdout.write(created.report())
    return EXIT_OK


def _codeowners(args: argparse.Namespace) -> int:
    from laa_publish.ownership.commands import codeowners_command

    return codeowners_command(args.root, check=args.check, fmt=args.format or _default_format())


def _check_ownership(args: argparse.Namespace) -> int:
    from laa_publish.ownership.commands import check_ownership_command

    fmt = args.format or _default_format()
    return check_ownership_command(args.root, args.partner, args.base, args.head, fmt)


def _boundaries(args: argparse.Namespace) -> int:
    from laa_publish.geo.importer import ImportFailed, import_boundaries

    try:
        report = import_boundaries(
            args.file,
            args.root,
            code_property=args.code_property,
            output=args.output,
            budget=args.budget,
        )
    except ImportFailed as failed:
        sys.stderr.write(f"error: {failed}\n")
        return EXIT_INVALID
    sys.stdout.write(report.text())
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from laa_publish.opensdg import ImportFailed, run_import

    try:
        summary = run_import(args.path, args.into, args.config, args.translations)
    except ImportFailed as failed:
        sys.stderr.write(f"error: {failed}\n")
        return EXIT_INVALID
    sys.stdout.write("".join(f"{line}\n" for line in summary.lines()))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the `laa-publish` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
    for noisy in ("mkdocs", "MARKDOWN", "material"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    commands = {"validate": _validate, "build": _build, "serve": _serve, "new": _new}
    commands |= {"codeowners": _codeowners, "check-ownership": _check_ownership}
    commands |= {"boundaries": _boundaries, "import": _import}
    try:
        return commands[args.command](args)
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
