"""chronicle writes only where it was asked to, and says clearly when it cannot.

- `import --force` and `new entry` never write through a link (a content folder whose entries/ leads
  elsewhere would have them overwrite files there);
- two builds into one output folder take turns (a lock beside the folder): both succeed, neither sees the
  other's temporary folder; one that waits too long fails with a clear message;
- a full or read-only disk is named by the output path, never blamed on the media file being copied.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.errors import BuildError
from chronicle.output.lock import lock_path, output_lock
from tests.conftest import ROOT, run_cli, write_tree


def cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chronicle", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


# -- import and new: never through a link ----------------------------------------------------------------------
@pytest.fixture
def diary(tmp_path) -> Path:
    text = ("前言：这是我的日记。\n\n2020年1月23日\n晚上开会，站长张庆新来了。张庆新说明天再来。\n\n"
            "2020年1月24日\n今天除夕，张庆新和黄书记值班。\n")
    return write_tree(tmp_path, {"diary.txt": text}) / "diary.txt"


@pytest.mark.parametrize("link", ["entries", "entries/2020-01-23.md", "people.yaml", "pages"])
def test_import_force_never_writes_through_a_link(diary, tmp_path, link):
    out = tmp_path / "content"
    first = run_cli("import", str(diary), "-o", str(out))
    assert first.exit_code == 0 and "wrote" in first.output and (out / "people.yaml").is_file()
    assert (out / "pages" / "preface.md").is_file()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "2020-01-23.md").write_text("my own file\n", encoding="utf-8")
    (precious / "notes.txt").write_text("keep\n", encoding="utf-8")
    target = precious if not link.endswith((".md", ".yaml")) else precious / "2020-01-23.md"
    path = out / link
    if path.is_dir():
        import shutil
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.is_symlink()}
    result = run_cli("import", str(diary), "-o", str(out), "--force")
    assert result.exit_code == 1, result.output
    assert f"{out / link.split('/')[0]}" in result.output and "is a symbolic link" in result.output
    assert "import never writes through a link, so nothing was written" in result.output
    assert (precious / "2020-01-23.md").read_text(encoding="utf-8") == "my own file\n"
    assert sorted(p.name for p in precious.iterdir()) == ["2020-01-23.md", "notes.txt"]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.is_symlink()} == before


def test_new_entry_never_writes_through_a_link(mini, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (mini / "entries" / "2020-03-01.md").symlink_to(elsewhere / "2020-03-01.md")  # dangling: open() would create it
    result = run_cli("new", "entry", "2020-03-01", str(mini))
    assert result.exit_code == 1 and "already exists; nothing was overwritten" in result.output
    assert not (elsewhere / "2020-03-01.md").exists()
    for path in (mini / "entries").iterdir():
        path.rename(elsewhere / path.name)
    (mini / "entries").rmdir()
    (mini / "entries").symlink_to(elsewhere)
    result = run_cli("new", "entry", "2020-03-02", str(mini))
    assert result.exit_code == 1 and "is a symbolic link" in result.output and "never writes through a link" in result.output
    assert not (elsewhere / "2020-03-02.md").exists()


# -- one build at a time into one output folder ----------------------------------------------------------------
def test_concurrent_builds_into_one_folder_take_turns(mini, tmp_path):
    out = tmp_path / "public"
    for round_ in range(3):
        (mini / "entries" / "2020-01-25.md").write_text(
            f"---\ndate: 2020-01-25\n---\n第{round_}次。\n", encoding="utf-8")
        procs = [subprocess.Popen([sys.executable, "-m", "chronicle", "build", str(mini), "--out", str(out),
                                   "--no-search"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, encoding="utf-8") for _ in range(2)]
        results = [(p.wait(timeout=240), p.stdout.read(), p.stderr.read()) for p in procs]
        for code, stdout, stderr in results:
            assert code == 0, stderr
            assert "No such file" not in stderr and "Traceback" not in stderr
        page = (out / "zh" / "entries" / "2020-01-25" / "index.html").read_text(encoding="utf-8")
        assert f"第{round_}次。" in page
        assert not list(tmp_path.glob(".public.tmp-*")) and not list(tmp_path.glob(".public.old"))
    assert lock_path(out) == tmp_path / ".public.lock"


def test_a_build_waits_for_the_lock_and_says_so(mini, tmp_path):
    out = tmp_path / "public"
    said = []
    holder_ready, release = threading.Event(), threading.Event()

    def hold():
        with output_lock(out):
            holder_ready.set()
            release.wait(10)
    thread = threading.Thread(target=hold)
    thread.start()
    holder_ready.wait(10)
    threading.Timer(1.0, release.set).start()
    started = time.monotonic()
    result = build(mini, out, search=False, with_reports=False, waiting=said.append)
    thread.join()
    assert time.monotonic() - started >= 0.9
    assert said and f"is writing to {out}; waiting for it to finish" in said[0] and "(process " in said[0]
    assert result.files


def test_a_build_that_waits_too_long_fails_with_a_clear_message(mini, tmp_path, monkeypatch):
    import chronicle.output.lock as lock
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.5)
    out = tmp_path / "public"
    with output_lock(out):
        with pytest.raises(BuildError) as info:
            build(mini, out, search=False, with_reports=False)
    error = info.value.report.errors[0]
    assert error.message == f"another chronicle build (process {os.getpid()}) is still writing to {out}"
    assert "build into another folder with --out" in error.hint
    assert not out.exists()


# -- a full or read-only disk ----------------------------------------------------------------------------------
def _tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    try:
        return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def test_a_full_disk_is_named_by_the_output_path(mini, tmp_path, monkeypatch):
    """On a real 3 MB disk when the machine allows mounting one (root), else with the error the kernel
    would give (ENOSPC from the copy of a media file, as shutil reports it: naming the source first)."""
    disk = tmp_path / "disk"
    out = disk / "site"
    mounted = _tmpfs(disk, "3m")
    try:
        assert cli("build", str(mini), "--out", str(out), "--no-search").returncode == 0
        before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        (mini / "media").mkdir()
        (mini / "media" / "film.bin").write_bytes(os.urandom(2_500_000 if mounted else 1000))
        if mounted:
            result = cli("build", str(mini), "--out", str(out), "--no-search")
            code, output = result.returncode, result.stderr
        else:
            import chronicle.output.failures as failures

            def full(source, dest):
                raise OSError(errno.ENOSPC, "No space left on device", str(source), dest)
            monkeypatch.setattr(failures, "copy_file", full)
            monkeypatch.setattr("chronicle.output.writer.copy_file", full)
            result = run_cli("build", str(mini), "--out", str(out), "--no-search")
            code, output = result.exit_code, result.output
        assert code == 1
        assert f"error: cannot write the site into {out}: {out}/media/film.bin: No space left on device" in output
        assert f"the disk that holds {disk} is full" in output
        assert "film.bin: error" not in output and str(mini / "media") not in output.split("error:")[1].split("\n")[0]
        assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
        assert not [p for p in disk.iterdir() if p.name.startswith(".site.tmp")]
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], capture_output=True, timeout=20)


@pytest.mark.parametrize("code, words", [(errno.EROFS, "is on a read-only disk"),
                                         (errno.EACCES, "you may not write in")])
def test_a_read_only_or_forbidden_output_is_named(mini, tmp_path, monkeypatch, code, words):
    import builtins

    import chronicle.output.writer as writer
    real_open = builtins.open

    def refusing(path, mode="r", *args, **kwargs):
        if "w" in mode and str(path).startswith(str(tmp_path / ".public.tmp-")):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, mode, *args, **kwargs)
    monkeypatch.setattr(writer, "open", refusing, raising=False)
    out = tmp_path / "public"
    result = run_cli("build", str(mini), "--out", str(out), "--no-search")
    assert result.exit_code == 1
    assert f"error: cannot write the site into {out}: {out}/" in result.output
    assert os.strerror(code) in result.output and words in result.output and ".public.tmp-" not in result.output


@pytest.mark.parametrize("title", ["x\ndraft: true", "会议: 紧急\n---\n正文", "yes", "- item", "tab\tand\u2028line"])
def test_a_title_given_on_the_command_line_cannot_add_front_matter(mini, title):
    from chronicle.content.yamlio import load_yaml, split_front_matter
    assert run_cli("new", "entry", "2020-03-03", str(mini), "--title", title).exit_code == 0
    front, line, body, body_line = split_front_matter((mini / "entries" / "2020-03-03.md").read_text(encoding="utf-8"))
    data = load_yaml(front, line)
    assert data["title"] == title and "draft" not in data and not body.strip()


def test_import_lang_must_be_a_language_code(diary, tmp_path):
    result = run_cli("import", str(diary), "-o", str(tmp_path / "c"), "--lang", "zh]\nx: [y")
    assert result.exit_code == 2 and "is not a language code" in result.output
    assert not (tmp_path / "c").exists()
