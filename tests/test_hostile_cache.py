"""A content folder from someone else runs none of their code through the cache (.chronicle-cache/).

The cache holds pickles, and unpickling runs code; every file is signed with the user's own key
(chronicle/cachekey.py), kept outside the content. Each test plants files whose unpickling would create
a marker file, runs a real chronicle verb, and checks that the marker never appears, that one warning
says the cache was discarded, and that the verb still does its work.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.cache import FOLDER, Cache, discard
from tests.conftest import FIXTURES, ROOT, write_tree


class Planted:
    """Unpickling this runs a shell command that creates ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def run(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chronicle", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env={**os.environ, **(env or {})})


def plant(content: Path, marker: Path, signed_with_magic: bool = False) -> int:
    """Every file in the content's cache replaced by a planted pickle; how many there were."""
    payload = pickle.dumps(Planted(marker))
    if signed_with_magic:  # the right header, a made-up signature
        from chronicle.cache import MAGIC
        payload = MAGIC + b"\0" * 32 + payload
    files = [p for p in (content / FOLDER).rglob("*") if p.is_file()]
    for path in files:
        path.write_bytes(payload)
    return len(files)


@pytest.fixture
def cached_mini(tmp_path):
    """The small chronicle, built once so its cache holds every kind of file (markup, reports, builds)."""
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    build(content, tmp_path / "first", search=False)
    assert {"markup", "reports", "builds"} <= {p.name for p in (content / FOLDER).iterdir()}
    return content


@pytest.mark.parametrize("signed", [False, True], ids=["bare-pickle", "forged-signature"])
def test_planted_cache_runs_nothing_on_build_and_is_discarded(cached_mini, tmp_path, signed):
    marker = tmp_path / "pwned"
    out = tmp_path / "site"
    assert plant(cached_mini, marker, signed) > 5
    (cached_mini / FOLDER / "notes.txt").write_text("not chronicle's\n", encoding="utf-8")
    result = run("build", str(cached_mini), "--out", str(out), "--no-search")
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), "a planted cache file was unpickled"
    assert "was not written by chronicle for this user" in result.stderr
    assert result.stderr.count("not written by chronicle") == 1, "one warning, not one per file"
    assert (out / "zh/entries/2020-01-23/index.html").is_file()
    left = sorted(p.relative_to(cached_mini / FOLDER).as_posix() for p in (cached_mini / FOLDER).rglob("*")
                  if p.is_file())
    assert "notes.txt" in left, "a file chronicle did not write is left alone"
    again = run("build", str(cached_mini), "--out", str(out), "--no-search")
    assert again.returncode == 0 and "not written by chronicle" not in again.stderr, "the new cache is trusted"
    assert not marker.exists()


def test_planted_cache_runs_nothing_on_check_report_and_pack(cached_mini, tmp_path):
    marker = tmp_path / "pwned"
    plant(cached_mini, marker)
    checked = run("check", str(cached_mini))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    reported = run("report", "commendations", str(cached_mini), "-o", str(tmp_path / "r.html"))
    assert reported.returncode == 0, reported.stderr
    packed = run("pack", str(cached_mini), "-o", str(tmp_path / "site.zip"))
    assert packed.returncode == 0, packed.stderr
    assert "not written by chronicle" in packed.stderr
    assert (tmp_path / "site.zip").stat().st_size > 1000
    assert not marker.exists()


def test_planted_cache_runs_nothing_on_serve(cached_mini, tmp_path):
    from tests.test_serve import Serve
    marker = tmp_path / "pwned"
    plant(cached_mini, marker)
    server = Serve(cached_mini)
    try:
        assert "not written by chronicle" in "".join(server.output)
        with __import__("urllib.request").request.urlopen(server.url + "zh/", timeout=30) as page:
            assert page.status == 200
    finally:
        server.stop()
    assert not marker.exists()


def test_a_cache_made_under_another_users_key_is_discarded(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    out = tmp_path / "site"
    alice, bob = {"XDG_CACHE_HOME": str(tmp_path / "alice")}, {"XDG_CACHE_HOME": str(tmp_path / "bob")}
    first = run("build", str(content), "--out", str(out), "--no-search", env=alice)
    assert first.returncode == 0 and "not written by chronicle" not in first.stderr
    key = tmp_path / "alice" / "chronicle" / "key"
    assert key.is_file() and key.stat().st_mode & 0o777 == 0o600
    before = {p: p.read_bytes() for p in (content / FOLDER).rglob("*") if p.is_file()}
    second = run("build", str(content), "--out", str(out), "--no-search", env=bob)
    assert second.returncode == 0, second.stderr
    assert "not written by chronicle for this user" in second.stderr
    assert "Nothing changed" not in second.stdout, "alice's record of the last build was not trusted"
    after = {p: p.read_bytes() for p in (content / FOLDER).rglob("*") if p.is_file()}
    assert before and after and not [p for p in after if before.get(p) == after[p]], "every file was made anew"


def test_workers_that_find_a_planted_file_tell_the_parent(tmp_path, monkeypatch):
    """Enough entries for the Markdown to be rendered on several cores: the workers read the cache."""
    from chronicle import parallel
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    files = {"chronicle.yaml": "title: {zh: 日记, en: Diary}\nlanguages: [zh, en]\n"}
    for day in range(1, 121):
        stem = f"2020-{(day - 1) // 28 + 1:02d}-{(day - 1) % 28 + 1:02d}"
        files[f"entries/{stem}.md"] = f"---\ndate: {stem}\n---\n第{day}天。\n"
    content = write_tree(tmp_path / "big", files)
    build(content, tmp_path / "a", search=False)
    marker = tmp_path / "pwned"
    markup = [p for p in (content / FOLDER / "markup").rglob("*") if p.is_file()]
    assert len(markup) >= 200
    markup[-1].write_bytes(pickle.dumps(Planted(marker)))
    result = build(content, tmp_path / "b", search=False, with_reports=False)
    assert not marker.exists()
    warnings = [d for d in result.report.warnings if "not written by chronicle" in d.message]
    assert len(warnings) == 1 and warnings[0].path.startswith(f"{FOLDER}/markup/")


def test_a_fifo_or_a_link_in_the_cache_neither_hangs_nor_is_followed(cached_mini, tmp_path):
    marker = tmp_path / "pwned"
    secret = tmp_path / "secret.txt"
    secret.write_text("private\n", encoding="utf-8")
    files = sorted(p for p in (cached_mini / FOLDER / "markup").rglob("*") if p.is_file())
    files[0].unlink()
    os.mkfifo(files[0])
    files[1].unlink()
    files[1].symlink_to(secret)
    result = run("build", str(cached_mini), "--out", str(tmp_path / "site"), "--no-search", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "not written by chronicle" in result.stderr
    assert secret.read_text(encoding="utf-8") == "private\n", "the link's target is untouched"
    for path in files[:2]:  # gone, or made anew as a regular file
        assert not os.path.lexists(path) or (path.is_file() and not path.is_symlink())
    assert not marker.exists()


def test_a_linked_cache_folder_is_never_written_through(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content / FOLDER).symlink_to(elsewhere)
    result = build(content, tmp_path / "site", search=False)
    assert not any(elsewhere.iterdir()), "nothing was written through the link"
    assert any(FOLDER in d.path and "link" in d.message for d in result.report.warnings)


def test_a_linked_folder_inside_the_cache_is_never_written_through(cached_mini, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(cached_mini / FOLDER / "markup")
    (cached_mini / FOLDER / "markup").symlink_to(elsewhere)
    build(cached_mini, tmp_path / "site", search=False)
    assert not any(elsewhere.iterdir())


def test_discard_removes_only_what_chronicle_could_have_written(tmp_path):
    root = tmp_path / FOLDER
    ours = [root / "markup" / "ab" / ("ab" + "0" * 62), root / "builds" / ("f" * 24),
            root / "markup" / "ab" / (".ab" + "1" * 62 + ".123.tmp")]
    theirs = [root / "markup" / "ab" / "notes.txt", root / "README", root / "markup" / ("c" * 64 + ".bak")]
    for path in ours + theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    discard(root)
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in theirs)


def test_no_key_no_cache(tmp_path, monkeypatch):
    """A cache folder that cannot hold the key (here: a file in its way) turns caching off, nothing else."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    assert Cache(content).root is None
    build(content, tmp_path / "site", search=False)
    assert not (content / FOLDER).exists()


def test_the_planted_file_would_run_if_it_were_unpickled(tmp_path):
    """The control: the payload above really runs code, so the tests that find no marker mean something."""
    marker = tmp_path / "pwned"
    pickle.loads(pickle.dumps(Planted(marker)))
    assert marker.exists()


def test_a_key_inside_the_content_folder_is_never_used(tmp_path, monkeypatch):
    """A cache folder set (XDG_CACHE_HOME) inside the content would let the content carry the key."""
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    monkeypatch.setenv("XDG_CACHE_HOME", str(content / "cache-home"))
    assert Cache(content).root is None
