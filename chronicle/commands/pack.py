"""`chronicle pack`: the built site as one ZIP file, for an archive or a hand-over."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from chronicle.commands import find_content, print_report


@click.command()
@click.argument("content", type=click.Path(path_type=Path), required=False)
@click.option("--out", "-o", type=click.Path(path_type=Path), default="site.zip", show_default=True,
              help="The ZIP file to write (replaced if it exists).")
@click.option("--site", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Pack this already built site folder instead of building CONTENT.")
@click.option("--portable/--server", default=True, show_default=True,
              help="Build so the unpacked folder works opened from disk (links end in index.html), "
                   "or with pretty links for a web server.")
def pack(content: Path, out: Path, site: Path | None, portable: bool) -> None:
    """Build CONTENT (or take --site) and zip it deterministically into one file.

    The build leaves out the search index: it needs a web server, and Pagefind's files differ from
    build to build, so the archive would too. To pack a site with search, build it with
    `chronicle build` and pack that folder with --site.
    """
    from chronicle.build import build as run_build
    from chronicle.errors import BuildError
    from chronicle.workflow.pack import PackError, pack_site

    if site is None:
        content = find_content(content)
    try:
        if site is not None:
            n = pack_site(site, out)
        else:
            with tempfile.TemporaryDirectory(prefix="chronicle-pack-") as tmp:
                try:
                    result = run_build(content, Path(tmp) / "site", portable=portable, search=False)
                except BuildError as exc:
                    print_report(exc.report, content)
                    click.secho(f"Pack failed: the build has {len(exc.report.errors)} error(s); nothing was written.",
                                fg="red", err=True)
                    sys.exit(1)
                print_report(result.report, content)
                n = pack_site(Path(tmp) / "site", out)
    except PackError as exc:
        click.secho(f"error: {exc.message}", fg="red", err=True)
        if exc.hint:
            click.echo(f"    {exc.hint}", err=True)
        sys.exit(1)
    size = out.stat().st_size
    kind = "" if site is not None else (" (portable: open index.html from the unpacked folder)" if portable
                                        else " (for a web server)")
    click.echo(f"Packed {n} files into {out} ({size / 1024:.0f} KB){kind}.")
