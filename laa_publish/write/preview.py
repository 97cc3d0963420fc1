"""Live preview on the engine's reloading server, rebuilt through a regenerate step passed in.

The write stage never reaches back into the pipeline: `laa_publish/serve.py` hands over the
step that regenerates the pages, and the server runs it before every rebuild.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

from laa_publish.write.engine import on_every_core
from laa_publish.write.engine_anchors import quick_anchor_ids

log = logging.getLogger(__name__)
HOST = "127.0.0.1"


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The built site's own error page, as `mkdocs serve` shows it."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def preview_url(site_url: str | None, port: int) -> str:
    """Where the preview is served: the local host, under the published site's own path."""
    path = urlsplit(site_url or "/").path.strip("/")
    return f"http://{HOST}:{port}/{path}/" if path else f"http://{HOST}:{port}/"


def preview_config(config_file: Path, site_dir: Path, port: int) -> MkDocsConfig:
    """The engine's settings for the preview: built into `site_dir`, served on the port."""
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(config_file), site_dir=str(site_dir), dev_addr=f"{HOST}:{port}"
    )
    config.site_url = preview_url(config.site_url, port)
    return config


def preview_build(config: MkDocsConfig, cache: Path) -> None:
    """One build of the preview, on every core, converting only pages not in `cache`."""
    from mkdocs.commands.build import build

    with on_every_core(config, cache):
        build(config, serve_url=config.site_url)


def preview_cache(config_file: Path) -> Path:
    """The preview's own page cache: a rebuild after an edit converts only changed pages."""
    return config_file.parent / "cache" / "preview-pages"


def preview(
    config_file: Path,
    regenerate: Callable[[], bool],
    *,
    watch: Sequence[Path],
    port: int,
) -> None:
    """Serve the site that `config_file` describes on 127.0.0.1:port until interrupted.

    When a file under `watch` changes, `regenerate` rewrites the generated pages and the engine
    rebuilds from them; when it returns False the last good site stays up. The generated
    folder itself is not watched: only `regenerate` writes to it, and a rebuild follows.
    """
    from mkdocs.livereload import LiveReloadServer

    cache = preview_cache(config_file)
    with tempfile.TemporaryDirectory(prefix="laa-preview-") as tmp:
        site_dir = Path(tmp)

        def load() -> MkDocsConfig:
            return preview_config(config_file, site_dir, port)

        def rebuild() -> None:
            if regenerate():
                preview_build(load(), cache)

        config = load()
        url = config.site_url or ""
        config.plugins.on_startup(command="serve", dirty=False)
        server = LiveReloadServer(
            builder=rebuild, host=HOST, port=port, root=tmp, mount_path=urlsplit(url).path
        )
        server.error_handler = partial(_error_page, site_dir)
        with quick_anchor_ids():
            try:
                preview_build(config, cache)
                for path in watch:
                    server.watch(str(path))
                server = config.plugins.on_serve(server, config=config, builder=rebuild)
                log.info("Serving the preview on %s (Ctrl+C to stop)", url)
                try:
                    server.serve()
                except KeyboardInterrupt:
                    log.info("Stopped the preview.")
                finally:
                    server.shutdown()
            finally:
                config.plugins.on_shutdown()
