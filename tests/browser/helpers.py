"""Helpers shared by the browser tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import posixpath
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit


def watch(page) -> list[str]:
    """Console errors and warnings, page errors, failed requests and HTTP errors of a tab."""
    problems: list[str] = []
    page.on("console", lambda msg: msg.type in ("error", "warning") and problems.append(
        f"console {msg.type}: {msg.text} @ {msg.location.get('url')}"))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url} ({req.failure})"))
    page.on("response", lambda resp: resp.status >= 400 and problems.append(f"HTTP {resp.status}: {resp.url}"))
    return problems


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves ``mounts``: /NAME/... from mounts[NAME], everything else from mounts[""]."""

    def __init__(self, *args, mounts: dict[str, Path], **kwargs):
        self.mounts = mounts
        super().__init__(*args, directory=str(mounts[""]), **kwargs)

    def translate_path(self, path: str) -> str:
        parts = posixpath.normpath(unquote(urlsplit(path).path)).lstrip("/").split("/", 1)
        if parts[0] and parts[0] in self.mounts:
            root, rest = self.mounts[parts[0]], parts[1] if len(parts) > 1 else ""
            target = (root / rest).resolve()
            if target == root.resolve() or root.resolve() in target.parents:
                return str(target)
        return super().translate_path(path)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def serve(mounts: dict[str, Path] | Path):
    """A folder (or folders mounted by name) served on 127.0.0.1 at a free port; yields ``http://127.0.0.1:PORT/``."""
    if isinstance(mounts, Path):
        mounts = {"": mounts}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, mounts=mounts))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
