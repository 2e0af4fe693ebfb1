"""When chronicle itself fails: a short message for the writer, the traceback in a file for the report.

A traceback tells a writer nothing and may show parts of their private content on a shared screen; it
goes into a file (readable by the user only) that the message names, together with where to report it.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from chronicle import __version__


def issue_tracker() -> str:
    """The address of chronicle's issue tracker, from the installed package's metadata (``[project.urls]``
    ``Issues`` in pyproject.toml), or a description of it."""
    try:
        from importlib.metadata import metadata
        for entry in metadata("chronicle").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("issues", "bug tracker", "tracker", "bugs"):
                return url.strip()
    except Exception:
        pass
    return "chronicle's issue tracker"


def save_traceback(exc: BaseException, what: str = "") -> Path | None:
    """The traceback, chronicle's version and the command in a new file of the temporary folder."""
    try:
        fd, name = tempfile.mkstemp(prefix="chronicle-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"chronicle {__version__}, Python {platform.python_version()}, {platform.platform()}\n")
            handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')}  {' '.join(sys.argv)}\n")
            if what:
                handle.write(f"while: {what}\n")
            handle.write("\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return Path(name)
    except OSError:
        return None


def describe(exc: BaseException, saved: Path | None) -> tuple[str, str]:
    """(message, hint) for an unexpected error."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    message = f"internal error: {type(exc).__name__}" + (f": {text}" if text else "")
    where = f"the file {saved}" if saved is not None else "what you did"
    hint = (f"this is a bug in chronicle, not a problem with your content; please report it at {issue_tracker()}, "
            f"with {where} (it holds the details; look through it first, it may quote your content)")
    return message, hint
