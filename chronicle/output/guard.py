"""The build's last safety net: no output file, and no file or folder name, carries a watched secret.

The graph already replaces hidden people's names by their labels and refuses, at their file and line,
the texts that would publish a private value or a name it cannot replace (graph/scan.py). What can
still get through is what the content does not say: a template that prints a hidden person's real
data. So every file the build writes is read as a reader would read it (``chronicle.fold.decode``),
packed files unpacked: the parts of a .docx, and the search index, whose files are gzip-compressed
behind a ``pagefind_dcd`` signature and hold JSON (fragments) or CBOR (meta, index, filters).
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

TEXT_MEDIA = (".txt", ".md", ".csv", ".json", ".xml", ".svg", ".html", ".htm", ".ics", ".vtt", ".srt", ".yaml", ".yml")
PAGEFIND_SIGNATURE = b"pagefind_dcd"
PAGEFIND_INDEX = (".pf_fragment", ".pf_meta", ".pf_index", ".pf_filter")


class Leak(Exception):
    """A watched secret would be published: ``where`` and ``line`` name the source when it is known."""

    def __init__(self, where: str, line: int | None, message: str, hint: str):
        super().__init__(message)
        self.where, self.line, self.message, self.hint = where, line, message, hint

    def __reduce__(self):
        return type(self), (self.where, self.line, self.message, self.hint)


class Guard:
    def __init__(self, watch, templates: Path | None = None):
        self.watch = watch
        self.templates = templates   # the content's own templates folder: the likeliest cause

    def __bool__(self) -> bool:
        return bool(self.watch)

    def file(self, path: str, data: bytes) -> None:
        """Raise Leak when ``data``, the bytes of output file ``path``, carries a watched secret."""
        if not self.watch:
            return
        hit = self.watch.first_in_output(data)
        if hit is not None:
            raise self._leak(hit, path)

    def report(self, path: str, data: bytes) -> None:
        """A report: a .docx is checked part by part; the PDF is made from the HTML report, checked as such."""
        if not self.watch:
            return
        if path.endswith(".docx") and data[:2] == b"PK":
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile:
                self.file(path, data)
                return
            with archive:
                for name in archive.namelist():
                    self.file(f"{path} ({name})", archive.read(name))
        elif not path.endswith(".pdf"):
            self.file(path, data)

    def names(self, paths) -> None:
        """File and folder names: a picture named after a hidden person is published under that name."""
        if not self.watch:
            return
        for path in paths:
            hit = self.watch.first_in_output(str(path))
            if hit is not None:
                raise Leak(str(path), None, f"the file name contains {hit.describe()}; it would be published "
                           "under that name", "rename the file (and the links to it)")

    def media(self, copies) -> None:
        """Media files that are text (an SVG, a transcript, a table) are published as they are: read them too.
        Pictures and sound are not text; read as text, their bytes would spell short names by chance."""
        if not self.watch:
            return
        for rel, source in copies:
            if str(rel).lower().endswith(TEXT_MEDIA):
                try:
                    data = Path(source).read_bytes()
                except OSError:
                    continue
                hit = self.watch.first_in_output(data)
                if hit is not None:
                    raise Leak(str(rel), None, f"the file contains {hit.describe()}; it would be published",
                               "take it out of the file, or the file out of media/")

    def search_index(self, folder: Path, bundle: str = "pagefind") -> None:
        """The Pagefind index, decompressed: fragments (JSON), meta, words and filters (CBOR)."""
        if not self.watch:
            return
        root = folder / bundle
        if not root.is_dir():
            return
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(folder).as_posix()
            if path.suffix in PAGEFIND_INDEX:
                self.file(name, pagefind_text(path.read_bytes()))
            elif path.name.endswith(".json"):
                self.file(name, path.read_bytes())

    def _leak(self, hit, path: str) -> Leak:
        own = sorted(p.relative_to(self.templates).as_posix() for p in self.templates.rglob("*.*")) if self.templates else []
        cause = (f"a template in templates/ ({', '.join(own[:6])}) that prints it" if own else "a template that prints it")
        if hit.private:
            hint = (f"chronicle refuses every text of the content that holds it, so it comes from {cause}; "
                    "a private value is never given to templates")
        else:
            hint = (f"chronicle replaces their names in every text of the content, so it comes from {cause} "
                    f"(show p.names[lang] and p.pid, not p.person.name, p.person.id or aliases)")
        return Leak("", None, f"{hit.describe()} would be published in {path}", hint)


def pagefind_text(data: bytes) -> str:
    """The text inside one Pagefind index file."""
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError):
        pass
    if data.startswith(PAGEFIND_SIGNATURE):
        data = data[len(PAGEFIND_SIGNATURE):]
    if data[:1] in (b"{", b"["):
        return data.decode("utf-8", "replace")
    try:
        return "\n".join(cbor_strings(data))
    except (IndexError, ValueError):
        return data.decode("utf-8", "replace")


def cbor_strings(data: bytes) -> list[str]:
    """Every text string in CBOR data (RFC 8949), in order: read as items, so a string's length byte
    never runs into its first letter."""
    out: list[str] = []
    pos = 0
    while pos < len(data):   # arrays, maps and tags are followed by their items: a flat walk meets them all
        head = data[pos]
        pos += 1
        major, info = head >> 5, head & 31
        if info < 24:
            arg = info
        elif info in (24, 25, 26, 27):
            size = 1 << (info - 24)
            arg = int.from_bytes(data[pos:pos + size], "big")
            if pos + size > len(data):
                raise ValueError("truncated")
            pos += size
        elif info == 31:
            arg = -1
        else:
            raise ValueError("reserved")
        if major in (2, 3) and arg >= 0:
            if major == 3:
                out.append(data[pos:pos + arg].decode("utf-8", "replace"))
            pos += arg
    return out
