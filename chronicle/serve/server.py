"""The live site: build, serve on 127.0.0.1, rebuild on change, tell open pages to reload.

Three threads share one ``LiveSite``: the HTTP server (one thread per request),
the watcher, which rebuilds after each batch of changes, and the main thread,
which waits for Ctrl+C. Pages are served from the build folder. Each build is
incremental: only the files whose key changed are made, and they replace the
old ones only once the whole build has succeeded; a failed build leaves the
folder alone, so the last good site stays served while the errors are shown in
the terminal and, through a Server-Sent Events stream, over every open page.
"""

from __future__ import annotations

import gc
import http.server
import json
import os
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

PREFIX = "/__chronicle/"
SCRIPT_PATH = PREFIX + "livereload.js"
EVENTS_PATH = PREFIX + "events"
STATUS_PATH = PREFIX + "status"
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'
KEEPALIVE_SECONDS = 10.0

_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(html: bytes) -> bytes:
    """The page with the live-reload script added (before </head>, else </body>, else at the end)."""
    tag = SCRIPT_TAG.encode()
    for pattern in (_HEAD_END, _BODY_END):
        m = pattern.search(html)
        if m:
            return html[:m.start()] + tag + b"\n" + html[m.start():]
    return html + tag


@dataclass
class Outcome:
    """One build: what changed, how long it took, and the diagnostics when it failed."""

    ok: bool
    changed: list[str]
    build_seconds: float
    latency: float | None          # from the edit (newest mtime of the changed files) to the event being sent
    files: int = 0
    out: Path | None = None
    report: object = None
    payload: dict = field(default_factory=dict)


class LiveSite:
    """The state shared by the server, the watcher and the builder."""

    def __init__(self, content: Path, out: Path, full: bool = False, builder: Callable | None = None,
                 in_place: bool = False):
        self.content = content
        self.out = out                  # the folder being served
        # in_place: serve's own temporary folder is updated file by file (only what changed is written,
        # and only once the whole build succeeded); a folder given with --out is replaced atomically.
        self.in_place = in_place
        self.full = full                # search index and commendation reports too (they take seconds)
        self.builder = builder
        self.lock = threading.Lock()
        self.build_lock = threading.Lock()
        self.clients: set[queue.Queue] = set()
        self.session = f"{time.time_ns():x}"
        self.generation = 0
        self.problem: dict | None = None
        self.ready = False              # a good build is being served
        self.stopping = threading.Event()
        from chronicle.build import Session
        self.session_state = Session()  # what the next build reuses (parsed entries, nodes, stamps)

    @property
    def build_id(self) -> str:
        return f"{self.session}-{self.generation}"

    # -- subscribers -----------------------------------------------------------
    def subscribe(self) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        with self.lock:
            self.clients.add(q)
        return q

    def unsubscribe(self, q: queue.Queue) -> None:
        with self.lock:
            self.clients.discard(q)

    def broadcast(self, event: str, data: dict) -> int:
        with self.lock:
            clients = list(self.clients)
        for q in clients:
            q.put((event, data))
        return len(clients)

    def close(self) -> None:
        self.stopping.set()
        with self.lock:
            clients = list(self.clients)
        for q in clients:
            q.put(None)

    # -- building ------------------------------------------------------------------
    def rebuild(self, changed: list[str] | None = None, edit_time: float | None = None) -> Outcome:
        """Build once; on success every open page reloads, on failure it shows the errors."""
        from chronicle.build import build
        from chronicle.errors import BuildError

        changed = changed or []
        with self.build_lock:
            started = time.perf_counter()
            target = self.out
            try:
                if self.builder is not None:
                    result = self.builder(self.content, target)
                else:
                    result = build(self.content, target, search=self.full, with_reports=self.full,
                                   in_place=self.in_place, session=self.session_state)
            except BuildError as exc:
                report = exc.report
            except Exception as exc:  # noqa: BLE001 - chronicle's own bug: shown, and the next save builds again
                report = internal_error_report(exc)
            else:
                report = None
            if report is not None:
                seconds = time.perf_counter() - started
                payload = problem_payload(report, self.content, self.build_id)
                self.problem = payload
                self.broadcast("build-error", payload)
                return Outcome(False, changed, seconds, _since(edit_time), out=self.out, report=report,
                               payload=payload)
            seconds = time.perf_counter() - started
            self.generation += 1
            self.problem = None
            self.ready = True
            payload = {"build": self.build_id, "changed": changed, "seconds": round(seconds, 3),
                       "made": getattr(result, "made", None)}
            self.broadcast("reload", payload)
            gc.collect()  # what the last build left behind, now that the reload is on its way
            return Outcome(True, changed, seconds, _since(edit_time), files=len(result.files), out=self.out,
                           report=result.report, payload=payload)


def internal_error_report(exc: BaseException):
    """An unexpected error as one diagnostic, its traceback saved to a file (chronicle/crash.py)."""
    from chronicle.crash import describe, save_traceback
    from chronicle.errors import Report
    report = Report()
    message, hint = describe(exc, save_traceback(exc, "a rebuild in chronicle serve"))
    report.error("", None, message, hint + "; the next save builds again")
    return report


def _since(edit_time: float | None) -> float | None:
    return None if edit_time is None else max(0.0, time.time() - edit_time)


def problem_payload(report, content: Path, build_id: str) -> dict:
    """What the overlay shows: each diagnostic as the terminal prints it, and a one-line summary."""
    prefix = "" if str(content) in (".", "") else str(content).rstrip("/") + "/"
    items = []
    for d in report.sorted():
        path = d.path
        if path and not Path(path).is_absolute() and not path.startswith(prefix):
            d = type(d)(d.level, prefix + path, d.line, d.message, d.hint)
        items.append({**d.as_dict(), "text": d.format()})
    n_err, n_warn = len(report.errors), len(report.warnings)
    message = (f"Build failed: {n_err} error{'s' if n_err != 1 else ''}, "
               f"{n_warn} warning{'s' if n_warn != 1 else ''}.")
    return {"build": build_id, "message": message, "diagnostics": items}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the build folder; HTML pages get the live-reload script; plus the SSE stream."""

    site: LiveSite  # set on the subclass made by make_handler
    script: bytes = b""
    error_message_format = (http.server.DEFAULT_ERROR_MESSAGE.replace("</body>", SCRIPT_TAG + "</body>")
                            if "</body>" in http.server.DEFAULT_ERROR_MESSAGE
                            else http.server.DEFAULT_ERROR_MESSAGE + SCRIPT_TAG)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.site.out), **kwargs)  # the folder of the latest good build

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # the terminal is for build messages

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == SCRIPT_PATH:
            return self._send(200, "text/javascript; charset=utf-8", self.script)
        if path == EVENTS_PATH:
            return self._events()
        if path == STATUS_PATH:
            site = self.site
            with site.lock:
                clients = len(site.clients)
            body = json.dumps({"build": site.build_id, "ready": site.ready, "problem": site.problem, "clients": clients},
                              ensure_ascii=False).encode()
            return self._send(200, "application/json; charset=utf-8", body)
        if not self.site.ready:
            page = (b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>chronicle serve</title>"
                    b"</head><body><p>The first build has not succeeded yet: the errors are shown in the terminal "
                    b"and above. This page reloads by itself once they are fixed.</p></body></html>")
            return self._send(503, "text/html; charset=utf-8", inject(page))
        html = self._html_file(path)
        if html is not None:
            try:
                data = html.read_bytes()
            except OSError:
                return super().do_GET()
            return self._send(200, "text/html; charset=utf-8", inject(data))
        return super().do_GET()

    def _html_file(self, url_path: str) -> Path | None:
        fs = Path(self.translate_path(url_path))
        if fs.is_dir():
            if not url_path.endswith("/"):
                return None  # the base class redirects to the folder URL
            fs = fs / "index.html"
        return fs if fs.suffix == ".html" and fs.is_file() else None

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _write_event(self, event: str, data: dict) -> None:
        text = f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()

    def _events(self) -> None:
        site = self.site
        q = site.subscribe()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\n")
            self._write_event("hello", {"build": site.build_id, "problem": site.problem})
            while not site.stopping.is_set():
                try:
                    item = q.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                if item is None:
                    break
                self._write_event(*item)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, OSError):
            pass
        finally:
            site.unsubscribe(q)
            self.close_connection = True


def make_handler(site: LiveSite) -> type[Handler]:
    script = (Path(__file__).with_name("livereload.js")).read_bytes()
    return type("LiveHandler", (Handler,), {"site": site, "script": script})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_server(site: LiveSite, port: int, host: str = "127.0.0.1") -> tuple[Server, threading.Thread]:
    server = Server((host, port), make_handler(site))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="chronicle-http",
                              daemon=True)
    thread.start()
    return server, thread


def newest_mtime(paths: list[str]) -> float | None:
    times = []
    for p in paths:
        try:
            times.append(os.stat(p).st_mtime)
        except OSError:
            continue
    return max(times) if times else None
