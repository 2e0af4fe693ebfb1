"""Full-text search: Pagefind indexes the written site, one index per ``<html lang>``.

It runs on the temporary output folder before the atomic swap (write_site's ``finalize``), so a
reader never sees pages without their index. Only what the templates mark ``data-pagefind-body``
(entries, profiles, pages) is indexed. The extended Pagefind binary (PyPI ``pagefind[extended]``)
segments Chinese, which has no spaces between words; the plain one finds nothing inside a sentence.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

BUNDLE = "pagefind"
TIMEOUT = 300


class SearchError(Exception):
    """Pagefind is there but did not produce a usable index: the build goes on without search."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def find_pagefind() -> Path | None:
    """The Pagefind binary the ``pagefind`` package would run (extended first), or None."""
    try:
        from pagefind.service import get_executable
        binary = get_executable()
    except Exception:  # not installed, or the binary package is broken
        return None
    if binary is None or not binary.is_file() or not os.access(binary, os.X_OK):
        return None
    return binary


def index_site(site: Path, binary: Path, *, portable: bool = False, timeout: int = TIMEOUT) -> str:
    """Write ``site/pagefind/``; returns Pagefind's report. Raises SearchError when it fails.

    Runs in the site folder so no pagefind.yml of the caller's working directory changes the index.
    """
    command = [str(binary), "--site", str(site), "--output-subdir", BUNDLE]
    if portable:
        command.append("--keep-index-url")  # result links must name index.html when opened from a folder
    try:
        done = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise SearchError(f"Pagefind did not finish within {timeout} s") from None
    except OSError as exc:
        raise SearchError(f"Pagefind could not be started ({binary}): {exc.strerror or exc}") from None
    output = (done.stdout or "") + (done.stderr or "")
    if done.returncode != 0:
        raise SearchError(f"Pagefind failed (exit {done.returncode}): {_last_lines(output)}")
    try:
        entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchError("Pagefind finished but wrote no index (pagefind/pagefind-entry.json)") from None
    if not entry.get("languages") or not (site / BUNDLE / "pagefind-ui.js").is_file():
        raise SearchError("Pagefind finished but indexed no page",
                          "the entry, profile and page templates must mark their text with data-pagefind-body")
    return output


def is_extended(report: str) -> bool:
    """Pagefind names its edition in the first line it prints: ``Running Pagefind v1.5.2 (Extended)``."""
    return "(Extended)" in report


def _last_lines(text: str, n: int = 3) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(lines[-n:]) or "no output"
