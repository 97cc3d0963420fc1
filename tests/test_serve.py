"""`laa-publish serve` for real: pages served, a CSV edit regenerated into them, Ctrl+C stops it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, materialise

from laa_publish.exit_codes import EXIT_INVALID
from laa_publish.write.preview import preview_url

CSV = "data/partners/police/indicators/LOC-SSC-01.csv"
PAGE = "indicators/LOC-SSC-01.html"  # the engine always publishes .html files
STARTUP_SECONDS = 240  # a loaded CI machine; the fixture builds in a few seconds when idle
REBUILD_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(
    server: subprocess.Popen[bytes], log: Path, seconds: float, found: Callable[[], bool]
) -> None:
    """Poll until `found`, failing with the server's log if it exits or time runs out."""
    deadline = time.monotonic() + seconds
    while not found():
        if server.poll() is not None:
            pytest.fail(f"serve exited with {server.returncode}:\n{log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {seconds} s; the server said:\n{log.read_text()}")
        time.sleep(0.5)


def _ctrl_c_as_at_a_terminal() -> None:
    """A command started in the background inherits Ctrl+C ignored, and Python keeps it so:
    the server must hear it as it would at a terminal, however the suite itself was run."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, Path, str]]:
    """`laa-publish serve` on a free port, on a copy of the base partnership; stopped after."""
    root = materialise(None, tmp_path / "repo")
    temp = tmp_path / "temp"  # the engine's site folder lands here, not in the system's
    temp.mkdir()
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "laa_publish", "serve", "--root", str(root)]
    command += ["--port", str(port), "--work-dir", str(tmp_path / "work")]
    environment = dict(os.environ, TMPDIR=str(temp), LAA_WORKERS="1")
    with log.open("wb") as out:
        server = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
            cwd=tmp_path,
            preexec_fn=_ctrl_c_as_at_a_terminal,
        )
    try:
        yield server, root, log, f"http://127.0.0.1:{port}/"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)


@pytest.mark.slow
def test_serve_regenerates_on_a_data_edit_and_stops_on_ctrl_c(
    served: tuple[subprocess.Popen[bytes], Path, Path, str], tmp_path: Path
) -> None:
    server, root, log, url = served
    pages: list[str] = []

    def page_has(text: str) -> bool:
        page = _fetch(url + PAGE)
        pages.append(page or "")
        return page is not None and text in page

    _wait_for(server, log, STARTUP_SECONDS, lambda: page_has("155 in April to June 2024"))
    assert "157 in April to June 2024" not in pages[-1]

    csv = root / CSV
    original = csv.read_text(encoding="utf-8")
    csv.write_text(original.replace("2024-Q2,E08000001,155,", "2024-Q2,E08000001,lots,"))
    _wait_for(server, log, REBUILD_SECONDS, lambda: "still shows the last valid" in log.read_text())
    assert "csv-not-number" in log.read_text()
    assert page_has("155 in April to June 2024")  # invalid data never replaces the last good pages

    csv.write_text(original.replace("2024-Q2,E08000001,155,", "2024-Q2,E08000001,157,"))
    _wait_for(server, log, REBUILD_SECONDS, lambda: page_has("157 in April to June 2024"))
    assert "155 in April to June 2024" not in pages[-1]

    server.send_signal(signal.SIGINT)
    # Ctrl+C lets a rebuild already under way finish (the edit's second write event may have
    # started one), so stopping can take as long as a rebuild on a loaded machine.
    assert server.wait(timeout=REBUILD_SECONDS) == 0, log.read_text()
    assert "Stopped the preview." in log.read_text()
    assert list((tmp_path / "temp").iterdir()) == []  # the served site was cleaned up


def test_preview_url_keeps_the_published_path() -> None:
    assert preview_url(None, 8000) == "http://127.0.0.1:8000/"
    assert preview_url("https://example.org/", 8001) == "http://127.0.0.1:8001/"
    assert preview_url("https://example.org/laa-data", 8002) == "http://127.0.0.1:8002/laa-data/"
    assert preview_url("https://example.org/a/b/", 8003) == "http://127.0.0.1:8003/a/b/"


def test_serve_refuses_invalid_data_before_serving(
    run_cli, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = materialise(FIXTURES / "invalid" / "csv-ragged", tmp_path / "repo")
    result = run_cli("serve", "--root", str(root), "--port", "1", "--work-dir", str(tmp_path / "w"))
    assert result.code == EXIT_INVALID
    assert "error[csv-syntax]" in result.err
    assert "The preview was not started" in caplog.text
    assert not (tmp_path / "w" / "mkdocs.yml").exists()  # nothing was generated, nothing served
