"""`chronicle serve`: the site as you write it, rebuilt and reloaded on every save."""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from chronicle.serve.server import LiveSite, Outcome, inject, newest_mtime, start_server

__all__ = ["ServeOptions", "run", "watch_paths", "LiveSite", "Outcome", "inject"]


@dataclass(frozen=True)
class ServeOptions:
    content: Path
    port: int = 8000
    out: Path | None = None
    host: str = "127.0.0.1"
    open_browser: bool = False
    full: bool = False


def watch_paths(content: Path) -> list[Path]:
    """The content folder and the built-in theme (templates and static files)."""
    from chronicle.theme import theme_dir

    paths = [content.resolve()]
    for name in ("templates", "static"):
        folder = theme_dir(name).resolve()
        if folder.is_dir() and not folder.is_relative_to(paths[0]):
            paths.append(folder)
    return paths


class _Ignore:
    """watchfiles' default filter (editor swap files, .git …) plus what chronicle itself writes.

    The build's own output folders and the cache beside the content: a build that wrote its cache would
    otherwise be seen as an edit and start the next build, and that one the next.
    """

    def __init__(self, out: Path, content: Path):
        import watchfiles

        from chronicle.cache import FOLDER

        self.default = watchfiles.DefaultFilter()
        self.out = out.resolve()
        self.own = (self.out, content.resolve() / FOLDER)

    def __call__(self, change, path: str) -> bool:
        p = Path(path)
        if any(p == own or own in p.parents for own in self.own):
            return False
        if any(part.startswith(f".{self.out.name}.") for part in p.parts):
            return False  # the build's temporary and old folders beside the output
        return self.default(change, path)


def run(options: ServeOptions, report: Callable[[str, object], None], ready: Callable[[str, Outcome], None]) -> int:
    """Build, serve and watch until Ctrl+C (or SIGTERM). ``report(kind, value)`` tells the terminal what happened."""
    import watchfiles

    content = options.content
    own_tmp = None
    if options.out is None:
        own_tmp = Path(tempfile.mkdtemp(prefix="chronicle-serve-"))
        out = own_tmp / "site"
    else:
        out = options.out
    site = LiveSite(content, out, full=options.full, in_place=own_tmp is not None)
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_signal)
    server = None
    try:
        first = site.rebuild()
        try:
            server, _ = start_server(site, options.port, options.host)
        except OSError as exc:
            report("port", (options.port, exc))
            return 1
        watching = threading.Event()

        def watcher():
            """Never dies: an error of its own (or of the file watching) is shown, and it watches on."""
            paths = [str(p) for p in watch_paths(content)]
            catch_up = False
            while not stop.is_set():
                try:
                    watch(paths, catch_up)
                except Exception as exc:  # noqa: BLE001 - a bug of chronicle's: say it, keep watching
                    from chronicle.serve.server import internal_error_report
                    report("internal", internal_error_report(exc))
                    catch_up = True
                    stop.wait(1.0)

        def watch(paths, catch_up: bool):
            """``catch_up``: build once watching again, for the changes the error made it miss."""
            # rust_timeout + yield_on_timeout: an empty batch now and then, the first one once inotify is set up.
            for changes in watchfiles.watch(*paths, watch_filter=_Ignore(own_tmp or out, content), stop_event=stop,
                                            debounce=1000, step=20, rust_timeout=200, yield_on_timeout=True,
                                            raise_interrupt=False):
                watching.set()
                if catch_up and not changes:
                    catch_up = False
                    report("build", site.rebuild(["(the changes since the error)"], None))
                    continue
                catch_up = False
                if not changes:
                    continue
                changed = sorted({path for _, path in changes})
                edit = newest_mtime(changed) or time.time()
                existing = [p for p in changed if Path(p).exists()]
                changed = existing or changed  # editors' temporary files come and go; name what is there
                report("start", changed)
                report("build", site.rebuild(_relative(changed, content), edit))

        thread = threading.Thread(target=watcher, name="chronicle-watch", daemon=True)
        thread.start()
        watching.wait(timeout=15)  # announce the address only once a change would be seen
        url = f"http://{options.host}:{server.server_address[1]}/"
        ready(url, first)
        if options.open_browser:
            import webbrowser
            webbrowser.open(url)
        try:
            while not stop.is_set():
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        stop.set()
        thread.join(timeout=5)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        site.close()
        if server is not None:
            server.shutdown()
            server.server_close()
        if own_tmp is not None:
            got = site.build_lock.acquire(timeout=60)  # a build still running would write into the folder
            try:
                shutil.rmtree(own_tmp, ignore_errors=True)
            finally:
                if got:
                    site.build_lock.release()


def _relative(paths: list[str], content: Path) -> list[str]:
    root = content.resolve()
    out = []
    for p in paths:
        path = Path(p)
        try:
            out.append(path.relative_to(root).as_posix())
        except ValueError:
            out.append(path.as_posix())
    return out
