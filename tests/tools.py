"""The test tools pip cannot install, and the system programs the tests need.

``pip install '.[test]' && pytest`` is the whole set-up: the JavaScript and Java tools (the W3C Nu HTML
checker, axe-core, TimelineJS) are fetched here, on first use, from the npm registry, at the exact versions
and ``integrity`` hashes pinned in package-lock.json (download the tarball, check its SHA-512, unpack it into
the git-ignored node_modules/). No npm is needed; a tree that ``npm ci`` made is used as it is.

What Python cannot install (Chromium, a Java runtime, CJK fonts, poppler, Pango) must be on the machine: a
test that needs a missing one fails with one line naming the Debian package, never a skip.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "package-lock.json"
NODE_MODULES = REPO / "node_modules"
REGISTRY = "https://registry.npmjs.org/"
STAMP = ".chronicle-test-tool"   # written into a package folder this module unpacked: the integrity it had

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
APT = "apt-get install -y --no-install-recommends"


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str
    url: str

    @property
    def folder(self) -> Path:
        return NODE_MODULES.joinpath(*self.name.split("/"))


class ToolError(Exception):
    """A tool could not be had; the message is one line that says what to do."""


def locked(name: str) -> NpmPackage:
    """The version, hash and tarball address package-lock.json pins for ``name``."""
    try:
        entry = json.loads(LOCK.read_text(encoding="utf-8"))["packages"][f"node_modules/{name}"]
    except (OSError, ValueError, KeyError) as exc:
        raise ToolError(f"{LOCK.name} pins no version of {name} ({exc})") from None
    version, integrity = entry["version"], entry.get("integrity", "")
    if not integrity.startswith("sha512-"):
        raise ToolError(f"{LOCK.name} has no sha512 integrity for {name} {version}")
    url = entry.get("resolved") or f"{REGISTRY}{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"
    if not url.startswith(REGISTRY):
        raise ToolError(f"{LOCK.name}: {name} resolves to {url}, not to the npm registry")
    return NpmPackage(name, version, integrity, url)


def _installed(pkg: NpmPackage) -> bool:
    stamp = pkg.folder / STAMP
    if stamp.is_file():
        return stamp.read_text(encoding="utf-8").strip() == pkg.integrity
    try:  # a tree that `npm ci` made: npm checked the same hash
        manifest = json.loads((pkg.folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("name") == pkg.name and manifest.get("version") == pkg.version


def _download(pkg: NpmPackage) -> bytes:
    try:
        with urllib.request.urlopen(pkg.url, timeout=120) as response:
            data = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise ToolError(f"could not fetch {pkg.name} {pkg.version} from {pkg.url} ({exc}); "
                        "the tests need the npm registry once, or run `npm ci` at the repository root") from None
    algorithm, expected = pkg.integrity.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise ToolError(f"{pkg.url} does not match {LOCK.name}: {algorithm} {actual}, expected {expected}")
    return data


def _unpack(pkg: NpmPackage, data: bytes) -> None:
    """Into a temporary folder beside the target, then renamed: an interrupted run leaves no half package."""
    NODE_MODULES.mkdir(exist_ok=True)
    pkg.folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".unpack-", dir=pkg.folder.parent))
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extractall(work, filter="data")
            else:  # Python < 3.10.12: check the names by hand
                for member in archive.getmembers():
                    if member.name.startswith("/") or ".." in Path(member.name).parts or member.issym() or member.islnk():
                        raise ToolError(f"{pkg.url} has an unsafe member {member.name!r}")
                archive.extractall(work)
        roots = [p for p in work.iterdir() if p.is_dir()]
        if len(roots) != 1:
            raise ToolError(f"{pkg.url} does not hold one package folder")
        (roots[0] / STAMP).write_text(pkg.integrity + "\n", encoding="utf-8")
        if pkg.folder.exists():
            shutil.rmtree(pkg.folder)
        roots[0].rename(pkg.folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def npm_package(name: str) -> Path:
    """The folder of the pinned npm package ``name``, fetched and checked first if it is missing or stale."""
    pkg = locked(name)
    if not _installed(pkg):
        _unpack(pkg, _download(pkg))
    return pkg.folder


def _need(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ToolError(f"{what} is missing from {path.parent} (delete that folder and run the tests again)")
    return path


@cache
def vnu_jar() -> Path:
    return _need(npm_package("vnu-jar") / "build" / "dist" / "vnu.jar", "vnu.jar")


@cache
def axe_source() -> str:
    return _need(npm_package("axe-core") / "axe.min.js", "axe.min.js").read_text(encoding="utf-8")


@cache
def timelinejs_dist() -> Path:
    """TimelineJS 3's built files: js/timeline.js (DOMPurify included), js/locale/, css/."""
    dist = npm_package("@knight-lab/timelinejs") / "dist"
    _need(dist / "js" / "timeline.js", "timeline.js")
    return dist


# --------------------------------------------------------------------------- system programs


def command(name: str, package: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ToolError(f"`{name}` is not installed: {APT} {package}")
    return found


def chromium() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        raise ToolError(f"Chromium is not installed at {CHROMIUM}: {APT} chromium "
                        "(never `playwright install`: the tests drive Debian's Chromium)")
    return CHROMIUM


def java() -> str:
    return command("java", "default-jre-headless")


@cache
def cjk_font() -> None:
    try:
        listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    if not listed.strip():
        raise ToolError(f"no Chinese font is installed (fc-list :lang=zh is empty): {APT} fonts-noto-cjk")


def pango() -> None:
    try:
        import weasyprint  # noqa: F401 - loads Pango through ctypes
    except ImportError:
        raise ToolError("WeasyPrint is not installed: pip install '.[test]'") from None
    except OSError as exc:
        raise ToolError(f"WeasyPrint cannot load Pango ({exc}): {APT} libpango-1.0-0 libpangoft2-1.0-0") from None


def need(tool, *args):
    """Call a function of this module; if the tool is missing, fail the test with its one-line fix."""
    try:
        return tool(*args)
    except ToolError as exc:
        pytest.fail(str(exc), pytrace=False)
