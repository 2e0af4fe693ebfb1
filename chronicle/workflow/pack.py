"""`chronicle pack`: a built site as one ZIP file, the same bytes for the same site.

Entries are sorted, timestamps and permissions fixed, and the files sit in one
top-level folder, so an archive copy can be compared with another by checksum
and unpacks into a folder of its own.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from chronicle.output.writer import MARKER

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP file can record


class PackError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def site_files(site: Path) -> list[tuple[str, Path]]:
    """Every file of the site as (path inside the site, file), in a fixed order; chronicle's marker left out."""
    files = []
    for path in site.rglob("*"):
        if path.is_symlink():
            raise PackError(f"{path} is a symbolic link", "a packed site holds real files only")
        if path.is_file():
            rel = path.relative_to(site).as_posix()
            if rel == MARKER or any(part.startswith(".") for part in rel.split("/")):
                continue
            files.append((rel, path))
    return sorted(files)


def pack_site(site: Path, archive: Path, folder: str | None = None) -> int:
    """Zip ``site`` into ``archive`` (replaced atomically); returns the number of files."""
    if not (site / "index.html").is_file():
        raise PackError(f"{site} is not a built site (it has no index.html)",
                        "build it first (chronicle build), or leave out --site to build and pack in one go")
    folder = (folder or archive.stem).strip("/") or "site"
    files = site_files(site)
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackError(f"cannot make the folder {archive.parent}: {exc.strerror or exc}") from None
    tmp = archive.with_name(f".{archive.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for rel, path in files:
                info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3                     # Unix, so the permissions below are read
                info.external_attr = (0o100644 & 0xFFFF) << 16
                zf.writestr(info, path.read_bytes(), compresslevel=9)
        os.replace(tmp, archive)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PackError(f"cannot write {archive}: {exc.strerror or exc}",
                        "check that the disk is not full and that the folder can be written") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(files)
