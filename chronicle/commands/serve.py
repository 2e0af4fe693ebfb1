"""`chronicle serve`: build, serve on 127.0.0.1, and rebuild and reload the open pages on every change."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from chronicle.commands import find_content, print_report


@click.command()
@click.argument("content", type=click.Path(path_type=Path), required=False)
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Build into this folder (default: a temporary folder, removed on exit).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the web browser.")
@click.option("--full", is_flag=True,
              help="Build everything `chronicle build` does (search index, commendation reports) on every change; "
                   "slower. Without it the preview leaves those out so a change shows in well under a second.")
def serve(content: Path, port: int, out: Path | None, open_browser: bool, full: bool) -> None:
    """Serve CONTENT (default ./content) while you write: every save rebuilds and reloads the page."""
    from chronicle.serve import ServeOptions, run

    content = find_content(content)
    if not (content / "chronicle.yaml").is_file():
        click.secho(f"error: {content} is not a content folder (it has no chronicle.yaml)", fg="red", err=True)
        click.echo("    give the folder, e.g. chronicle serve content; or start one with chronicle import", err=True)
        sys.exit(1)

    def say(text: str, **style) -> None:
        click.secho(text, **style)
        sys.stdout.flush()

    def report(kind: str, value) -> None:
        if kind == "port":
            port_wanted, exc = value
            click.secho(f"error: cannot serve on 127.0.0.1:{port_wanted}: {exc.strerror or exc}", fg="red", err=True)
            click.echo(f"    another program uses the port; try another: chronicle serve {content} --port "
                       f"{port_wanted + 1 if port_wanted else 8001}", err=True)
        elif kind == "internal":
            print_report(value, content)
            say(f"[{_clock()}] the watcher met an error; it goes on watching.", fg="red")
        elif kind == "build":
            outcome = value
            what = ", ".join(outcome.changed[:3]) + (f" and {len(outcome.changed) - 3} more"
                                                     if len(outcome.changed) > 3 else "")
            latency = f"; edit → reload {outcome.latency:.2f} s" if outcome.latency is not None else ""
            if outcome.ok:
                print_report(outcome.report, content)
                say(f"[{_clock()}] rebuilt in {outcome.build_seconds:.2f} s ({what}){latency}", fg="green")
            else:
                print_report(outcome.report, content)
                say(f"[{_clock()}] {outcome.payload['message']} ({what}){latency.replace('reload', 'error shown')}. "
                    "The last good site is still served.", fg="red")

    def ready(url: str, first) -> None:
        where = f"{first.out.parent}/ (removed when serve stops)" if out is None else f"{first.out} (kept)"
        say(f"Building into {where}")
        if first.ok:
            print_report(first.report, content)
            say(f"Built {first.files} files in {first.build_seconds:.2f} s.")
        else:
            print_report(first.report, content)
            say(f"{first.payload['message']} Fix the errors: the page reloads by itself when the build succeeds.",
                fg="red")
        say(f"Serving {content} at {url}" + ("" if full else " (a preview: no search box or report downloads; "
                                                              "--full builds them too)"))
        say("Watching the content and the templates; every save rebuilds and reloads the open pages. "
            "Ctrl+C stops.")

    code = run(ServeOptions(content, port, out, open_browser=open_browser, full=full), report, ready)
    if code == 0:
        say("Stopped.")
    sys.exit(code)


def _clock() -> str:
    import time
    return time.strftime("%H:%M:%S")
