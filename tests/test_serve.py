"""`chronicle serve`: a real server in a subprocess, a real HTTP client, and one headless Chromium.

Every test starts `chronicle serve` on a free port (--port 0, the URL read from its output) and
always stops it at the end, whatever happened.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from chronicle.serve.server import SCRIPT_TAG, inject
from tests.conftest import FIXTURES, ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT = 60  # seconds; builds are slow on a busy machine


class Serve:
    """`chronicle serve CONTENT --port 0` in a subprocess; its output collected line by line."""

    def __init__(self, content: Path, *args: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", str(content), "--port", "0", *args],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     encoding="utf-8")
        self.lines: queue.Queue = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(r"Serving .* at (http://127\.0\.0\.1:\d+/)").group(1)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"chronicle serve exited ({self.proc.poll()}):\n" + "".join(self.output))
            self.output.append(line)
            m = re.search(pattern, line)
            if m:
                return m
        raise AssertionError(f"no line matching {pattern!r} within {timeout} s:\n" + "".join(self.output))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=TIMEOUT) as resp:
                return resp.status, resp.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get("__chronicle/status")[1])

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        return self.proc.returncode


class Events:
    """The Server-Sent Events stream, read with urllib (with a timeout) in a background thread."""

    def __init__(self, url: str):
        self.resp = urllib.request.urlopen(url + "__chronicle/events", timeout=TIMEOUT)
        assert self.resp.headers["Content-Type"].startswith("text/event-stream")
        self.events: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event, data = "message", []
        try:
            for raw in self.resp:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif not line:
                    if data:
                        self.events.put((event, json.loads("\n".join(data))))
                    event, data = "message", []
        except (OSError, ValueError, AttributeError):  # the stream was closed under the reader
            pass

    def next(self, kind: str, changed: str | None = None, timeout: float = TIMEOUT) -> dict:
        """The next event of this kind (a reload for a change to ``changed``: other rebuilds may come between)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event, data = self.events.get(timeout=0.2)
            except queue.Empty:
                continue
            if event == kind and (changed is None or changed in data.get("changed", [changed])):
                return data
        raise AssertionError(f"no {kind!r} event within {timeout} s")

    def during(self, seconds: float) -> list[tuple[str, dict]]:
        """Every event that arrives within the next ``seconds``."""
        got, deadline = [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                got.append(self.events.get(timeout=0.1))
            except queue.Empty:
                continue
        return got

    def close(self):
        """Shut the socket first: closing the response alone waits for the reader's pending read."""
        try:
            self.resp.fp.raw._sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError):
            pass
        self.resp.close()


@pytest.fixture
def serve_mini(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content, ignore=shutil.ignore_patterns(".chronicle-cache"))
    server = Serve(content)
    try:
        yield server, content
    finally:
        server.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_inject_puts_the_script_before_head_end():
    page = b"<html><head><title>x</title></head><body>a</body></html>"
    out = inject(page)
    assert out.count(b"livereload.js") == 1 and out.index(SCRIPT_TAG.encode()) < out.index(b"</head>")
    assert inject(b"<p>no head</p>").endswith(SCRIPT_TAG.encode())


def test_edit_is_served_and_reload_sent_then_error_keeps_the_old_page(serve_mini):
    server, content = serve_mini
    status, page = server.get("zh/entries/2020-01-23/")
    assert status == 200
    assert "晚上开会。" in page and SCRIPT_TAG in page
    assert server.get("__chronicle/livereload.js")[1].count("EventSource") >= 1

    events = Events(server.url)
    try:
        hello = events.next("hello")
        assert hello["problem"] is None

        edit(content / "entries" / "2020-01-23.md", "晚上开会。", "晚上开会，讨论封闭管理。")
        reload = events.next("reload", "entries/2020-01-23.md")
        assert reload["build"] != hello["build"]
        page = server.get("zh/entries/2020-01-23/")[1]
        assert "晚上开会，讨论封闭管理。" in page
        line = server.wait_for(r"rebuilt in ([\d.]+) s \([^)]*entries/2020-01-23\.md[^)]*\); edit → reload ([\d.]+) s")
        assert float(line.group(2)) >= float(line.group(1)) * 0.5
        # One edit, one build: what the build writes (its cache beside the content) is not an edit.
        assert (content / ".chronicle-cache").is_dir()
        assert events.during(3) == []

        # A broken entry: an error event with the diagnostics, and the last good page still served.
        edit(content / "entries" / "2020-01-23.md", "date: 2020-01-23", "date: 2020-01-32")
        problem = events.next("build-error")
        assert problem["message"].startswith("Build failed: 1 error")
        texts = [d["text"] for d in problem["diagnostics"]]
        assert any("entries/2020-01-23.md:2: error:" in t for t in texts), texts
        server.wait_for(r"The last good site is still served")
        status, page = server.get("zh/entries/2020-01-23/")
        assert status == 200 and "晚上开会，讨论封闭管理。" in page
        assert server.status()["problem"]["message"] == problem["message"]

        # Fixed again: a reload, and the problem is gone.
        edit(content / "entries" / "2020-01-23.md", "date: 2020-01-32", "date: 2020-01-23")
        events.next("reload", "entries/2020-01-23.md")
        assert server.status()["problem"] is None
    finally:
        events.close()
    assert "Traceback" not in "".join(server.output)


def test_built_site_has_no_live_reload_and_serve_leaves_no_files(serve_mini, tmp_path):
    server, content = serve_mini
    out = tmp_path / "public"
    from tests.conftest import run_cli
    assert run_cli("build", str(content), "--out", str(out)).exit_code == 0
    for page in out.rglob("*.html"):
        assert "__chronicle" not in page.read_text(encoding="utf-8"), page
    folder = Path(re.search(r"Building into (\S+) ", "".join(server.output)).group(1))
    assert (folder / "site" / "zh" / "index.html").is_file()
    assert server.stop() == 0
    server.wait_for(r"^Stopped\.")
    assert not folder.exists()


def test_a_first_build_that_fails_shows_a_waiting_page_until_fixed(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content, ignore=shutil.ignore_patterns(".chronicle-cache"))
    edit(content / "entries" / "2020-01-23.md", "lunar: 大年二十九", "lunar: 大年三十一")
    server = Serve(content)
    try:
        status, page = server.get("zh/")
        assert status == 503 and SCRIPT_TAG in page
        assert server.status()["problem"]["diagnostics"]
        events = Events(server.url)
        try:
            assert events.next("hello")["problem"]["message"].startswith("Build failed")
            edit(content / "entries" / "2020-01-23.md", "lunar: 大年三十一", "lunar: 大年二十九")
            events.next("reload", "entries/2020-01-23.md")
        finally:
            events.close()
        assert server.get("zh/")[0] == 200
    finally:
        server.stop()


def test_out_folder_is_kept_and_port_in_use_is_reported(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content, ignore=shutil.ignore_patterns(".chronicle-cache"))
    out = tmp_path / "preview"
    server = Serve(content, "--out", str(out))
    try:
        assert (out / "zh" / "index.html").is_file()
        port = server.url.rsplit(":", 1)[1].strip("/")
        clash = subprocess.run([sys.executable, "-m", "chronicle", "serve", str(content), "--port", port,
                                "--out", str(tmp_path / "other")],
                               cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
        assert clash.returncode == 1
        assert f"cannot serve on 127.0.0.1:{port}" in clash.stderr and "--port" in clash.stderr
    finally:
        server.stop()
    assert (out / "zh" / "index.html").is_file()  # --out is the writer's: it stays


def test_bundled_content_rebuild_time_is_printed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = Serve(content)
    try:
        events = Events(server.url)
        try:
            events.next("hello")
            edit(content / "entries" / "2020-02-08.md", "今天是元宵节。", "今天是元宵节，天气晴。")
            events.next("reload", "entries/2020-02-08.md")
            m = server.wait_for(r"rebuilt in ([\d.]+) s \([^)]*entries/2020-02-08\.md[^)]*\); edit → reload ([\d.]+) s")
            assert float(m.group(2)) < 30
        finally:
            events.close()
        assert "今天是元宵节，天气晴。" in server.get("zh/entries/2020-02-08/")[1]
    finally:
        server.stop()


def test_chromium_page_updates_by_itself(serve_mini):
    server, content = serve_mini
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            errors = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.goto(server.url + "zh/entries/2020-01-23/", wait_until="load")
            assert "晚上开会。" in page.inner_text("main")
            deadline = time.monotonic() + TIMEOUT
            while server.status()["clients"] < 1:  # the page's EventSource is connected
                assert time.monotonic() < deadline, "the page never connected to /__chronicle/events"
                time.sleep(0.1)

            with page.expect_event("load", timeout=TIMEOUT * 1000):
                edit(content / "entries" / "2020-01-23.md", "晚上开会。", "晚上开会，浏览器自己更新了。")
            page.wait_for_selector("text=浏览器自己更新了", timeout=TIMEOUT * 1000)

            # A broken entry: the overlay shows the error over the last good page.
            edit(content / "entries" / "2020-01-23.md", "date: 2020-01-23", "date: 2020-01-32")
            overlay = page.wait_for_selector("#chronicle-live-overlay", timeout=TIMEOUT * 1000)
            assert "entries/2020-01-23.md:2: error" in overlay.inner_text()
            assert "浏览器自己更新了" in page.inner_text("main")

            with page.expect_event("load", timeout=TIMEOUT * 1000):
                edit(content / "entries" / "2020-01-23.md", "date: 2020-01-32", "date: 2020-01-23")
            page.wait_for_selector("text=浏览器自己更新了", timeout=TIMEOUT * 1000)
            assert page.query_selector("#chronicle-live-overlay") is None
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()
