"""Reading books back as a reader's tools do: poppler (pdftotext, pdffonts), pypdf and epubcheck."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) of every font in the PDF."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        out.append((parts[0], parts[-5]))
    return out


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark."""
    from pypdf import PdfReader
    reader = PdfReader(str(path))
    out = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 1)
    return out


INDEX_LINE = re.compile(r"^(?P<name>.+?)\s+(?P<pages>\d+(?:\s*[,，]\s*\d+)*)$")


def index_entries(pages: list[str], start: int) -> list[tuple[str, list[int]]]:
    """The entries of the index that starts on page ``start`` (from 1) and runs to the end: (name, page numbers)."""
    start -= 1
    entries = []
    for line in "\n".join(pages[start:]).splitlines():
        match = INDEX_LINE.match(line.strip())
        if match and not match.group("name").isdigit():
            entries.append((match.group("name"), [int(n) for n in re.split(r"\s*[,，]\s*", match.group("pages"))]))
    return entries


def epubcheck(path: Path) -> tuple[int, str]:
    """Run EPUBCheck (Debian's epubcheck: a jar; called through java, as binfmt may not run jars directly)."""
    if EPUBCHECK_JAR.is_file() and shutil.which("java"):
        command = ["java", "-jar", str(EPUBCHECK_JAR), str(path)]
    else:
        command = [shutil.which("epubcheck") or "epubcheck", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


def epub_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def epub_text(path: Path) -> str:
    """All the XHTML of the book as text, tags removed."""
    parts = epub_parts(path)
    html = "".join(data.decode("utf-8") for name, data in parts.items() if name.endswith(".xhtml"))
    import html as _html
    return _html.unescape(re.sub(r"<[^>]+>", "", html))
