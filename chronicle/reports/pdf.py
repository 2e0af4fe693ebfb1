"""PDF from the report's HTML with WeasyPrint, fonts embedded.

WeasyPrint is an optional extra (``pip install 'chronicle[pdf]'``) and needs Pango and
a CJK font from the system; anything missing becomes a PDFUnavailable that says
what to install, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

PIP_HINT = "pip install 'chronicle[pdf]'"
APT_HINT = "apt-get install fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0"


class PDFUnavailable(Exception):
    """PDF output cannot work on this machine; ``message`` and ``hint`` say why and what to install."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _import_weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise PDFUnavailable("PDF output needs WeasyPrint, which is not installed",
                             f"install it with: {PIP_HINT} (and the system libraries: {APT_HINT})") from None
    except OSError as exc:  # WeasyPrint is there, Pango is not: "cannot load library 'libpango-1.0-0'"
        raise PDFUnavailable(f"WeasyPrint cannot load its system libraries ({str(exc).splitlines()[0]})",
                             f"install them with: {APT_HINT}") from None
    return weasyprint


def chinese_fonts() -> list[str]:
    """Font families that cover Chinese, as fontconfig sees them (`fc-list :lang=zh`)."""
    return list(_fc_list_zh())


@lru_cache(maxsize=1)
def _fc_list_zh() -> tuple[str, ...]:
    if shutil.which("fc-list") is None:
        return ()
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()}))


def check_pdf() -> None:
    """Raise PDFUnavailable unless WeasyPrint, its libraries and a Chinese font are all there."""
    _import_weasyprint()
    if not chinese_fonts():
        raise PDFUnavailable("no font with Chinese characters is installed (`fc-list :lang=zh` lists none); "
                             "the PDF would show boxes instead of Chinese text",
                             f"install one with: {APT_HINT}")


def pdf_available() -> bool:
    try:
        check_pdf()
    except PDFUnavailable:
        return False
    return True


def write_pdf(html: str) -> bytes:
    """The PDF of a report page; its dates come from the page's dcterms meta, so runs give the same bytes."""
    check_pdf()
    weasyprint = _import_weasyprint()
    return weasyprint.HTML(string=html, base_url=".").write_pdf()
