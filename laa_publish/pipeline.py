"""The whole build in order: load, model and validate, compute, render, write. Nothing else."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from laa_publish.catalogue.examples import common_examples
from laa_publish.compute.audit import finish, prepare
from laa_publish.compute.progress import compute
from laa_publish.issues import Issue, has_errors
from laa_publish.load.history import History, read_history
from laa_publish.render.charts import accessible_svg, spec_hash
from laa_publish.render.site import render_site
from laa_publish.render.svg_pool import render_many as render_svgs
from laa_publish.result_cache import ResultCache
from laa_publish.validate.run import check
from laa_publish.write.engine import run_mkdocs
from laa_publish.write.engine_config import (
    engine_config,
    override_files,
    root_custom_dir,
    write_engine_config,
)
from laa_publish.write.files import swap_into_place, sync_tree
from laa_publish.write.harden import harden_site
from laa_publish.write.unchanged import (
    code_fingerprint,
    forget_build,
    input_key,
    previous_build,
    record_build,
)

log = logging.getLogger(__name__)
ASSETS = Path(__file__).resolve().parent / "templates" / "assets"


class BuildRefused(Exception):
    """Validation found problems, so nothing was built."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problems")
        self.issues = issues


@dataclass(slots=True)
class BuildResult:
    """What a build produced, for the command line and benchmarks."""

    pages: int
    seconds: float
    issues: list[Issue]
    timings: dict[str, float] = field(default_factory=dict)


def generate(
    root: Path,
    work_dir: Path,
    *,
    strict: bool = False,
    as_of: str | None = None,
    history: History | None = None,
) -> BuildResult:
    """Validate, compute and render engine-neutral Markdown and assets into work_dir.

    `as_of` (YYYY-MM-DD) picks the release whose figures are published; by default the
    built commit's date, never the clock.
    """
    timings: dict[str, float] = {}
    start = time.perf_counter()
    history = history if history is not None else read_history(root)
    salt = code_fingerprint()
    result = check(root, history, ResultCache(work_dir / "cache" / "validated"), salt)
    timings["load_validate"] = time.perf_counter() - start
    if result.partnership is None or has_errors(result.issues, strict=strict):
        raise BuildRefused(result.issues)
    p = result.partnership
    t = time.perf_counter()
    audit = prepare(root, p, history, as_of=as_of, cache=work_dir / "cache" / "provenance")
    timings["provenance"] = time.perf_counter() - t
    t = time.perf_counter()
    computed = compute(p, ResultCache(work_dir / "cache" / "figures"), salt)
    finish(audit, p, computed)
    timings["compute"] = time.perf_counter() - t
    t = time.perf_counter()
    examples = common_examples(work_dir / "cache" / "catalogue")
    kept = ResultCache(work_dir / "cache" / "rendered")
    rendered = render_site(p, computed, history, audit, examples, kept, salt)
    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in rendered.files.items()}
    files.update(rendered.copies)
    files.update((path, svg.encode("utf-8")) for path, svg in rendered.drawings.items())
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            files[f"assets/{asset.relative_to(ASSETS).as_posix()}"] = asset.read_bytes()
    timings["render_markdown"] = time.perf_counter() - t
    t = time.perf_counter()
    cache = work_dir / "cache" / "charts"
    jobs = rendered.charts
    svgs = render_svgs([job.spec for job in jobs], [spec_hash(job.spec) for job in jobs], cache)
    for job, svg in zip(jobs, svgs, strict=True):
        files[job.path] = accessible_svg(svg, job.title, job.description, job.ident).encode()
    timings["render_charts"] = time.perf_counter() - t
    sync_tree(work_dir / "docs", dict(sorted(files.items())))
    sync_tree(work_dir / "overrides", override_files(root, root_custom_dir(root)))
    config = engine_config(root, p.settings, rendered.nav, history.head, rendered.unlisted)
    (work_dir / "mkdocs.yml").write_bytes(write_engine_config(config, work_dir))
    pages = sum(1 for path in rendered.files if path.endswith(".md"))
    timestamp = history.head.timestamp if history.head else None
    (work_dir / "source-date-epoch").write_text(str(timestamp or 0))
    return BuildResult(pages, time.perf_counter() - start, result.issues, timings)


def build_site(
    root: Path,
    output: Path,
    *,
    work_dir: Path | None = None,
    strict: bool = False,
    as_of: str | None = None,
) -> BuildResult:
    """Generate, run the engine into a staging folder, then swap it over the old site."""
    root = root.resolve()
    work = (work_dir or root / ".laa-build").resolve()
    start = time.perf_counter()
    history = read_history(root)
    key = input_key(root, output.resolve(), history.head, strict=strict, as_of=as_of)
    previous = previous_build(work, key, output)
    if previous is not None:
        log.info("Nothing changed since the last build into %s: it is kept as it is.", output)
        seconds = time.perf_counter() - start
        return BuildResult(previous.pages, seconds, previous.issues, {"unchanged": seconds})
    forget_build(work)
    result = generate(root, work, strict=strict, as_of=as_of, history=history)
    t = time.perf_counter()
    timestamp = int((work / "source-date-epoch").read_text())
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        run_mkdocs(work / "mkdocs.yml", staging, timestamp or None, work / "cache" / "pages")
        # CSP by hashes; refuses to publish a page carrying a script vector
        harden_site(staging, work / "cache" / "harden")
        os.chmod(staging, 0o755)
        swap_into_place(staging, output)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    result.timings["engine"] = time.perf_counter() - t
    result.seconds += result.timings["engine"]
    record_build(work, key, output, result.pages, result.issues)
    return result
