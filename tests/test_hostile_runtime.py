"""chronicle's own failures, and inputs made to hang it, end in a clear message: never a traceback,
never a silent stop.

- `chronicle serve` survives a bug in a rebuild and in its watcher: the error is shown (terminal and the
  page's overlay), and the next save builds again;
- every verb turns an unexpected error into a short "internal error" message that names a file with the
  traceback, and chronicle's own problems (such as the leak guard's) into their message;
- `chronicle import` of a .docx that unpacks to hundreds of MB (a zip bomb) stops at once, from the sizes
  in the archive's directory;
- `chronicle new entry` never takes a date it cannot read for "today".
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import FIXTURES, ROOT, run_cli
from tests.test_serve import Events, Serve, edit

LAUNCHER = r'''
import os, sys
from pathlib import Path
import chronicle.build, chronicle.serve

def once(name, real, trigger):
    """`real`, except that it fails once each time the test creates the trigger file."""
    def wrapped(*args, **kwargs):
        if trigger.exists():
            trigger.unlink()
            raise RuntimeError(f"injected failure in {name}")
        return real(*args, **kwargs)
    return wrapped

folder = Path(os.environ["TEST_TRIGGERS"])
chronicle.build._build_unlocked = once("a rebuild", chronicle.build._build_unlocked, folder / "build")
chronicle.serve.newest_mtime = once("the watcher", chronicle.serve.newest_mtime, folder / "watcher")
from chronicle.cli import main
main(sys.argv[1:], prog_name="chronicle")
'''


class FaultyServe(Serve):
    """`chronicle serve` in a subprocess whose rebuild or watcher fails once when the test says so."""

    def __init__(self, content: Path, triggers: Path):
        import queue
        import threading
        launcher = triggers / "launch.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "TEST_TRIGGERS": str(triggers),
               "PYTHONPATH": str(ROOT), "TMPDIR": str(triggers)}
        self.proc = subprocess.Popen([sys.executable, str(launcher), "serve", str(content), "--port", "0"], cwd=ROOT,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     encoding="utf-8")
        self.lines = queue.Queue()
        self.output = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(r"Serving .* at (http://127\.0\.0\.1:\d+/)").group(1)


def test_serve_survives_a_failing_rebuild_and_a_failing_watcher(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    triggers = tmp_path / "triggers"
    triggers.mkdir()
    server = FaultyServe(content, triggers)
    entry = content / "entries" / "2020-01-23.md"
    try:
        events = Events(server.url)
        try:
            events.next("hello")
            (triggers / "build").touch()
            edit(entry, "晚上开会。", "晚上开会，第一次。")
            problem = events.next("build-error")
            texts = " ".join(d["text"] for d in problem["diagnostics"])
            assert "internal error: RuntimeError: injected failure in a rebuild" in texts
            assert "this is a bug in chronicle" in texts and "the next save builds again" in texts
            server.wait_for(r"The last good site is still served")
            assert "injected failure" in server.status()["problem"]["diagnostics"][0]["message"]
            saved = Path(re.search(r"with the file (\S+chronicle-error-\S+\.txt)", texts).group(1))
            assert "RuntimeError: injected failure in a rebuild" in saved.read_text(encoding="utf-8")

            edit(entry, "第一次", "第二次")  # the next save builds again
            events.next("reload", "entries/2020-01-23.md")
            assert "晚上开会，第二次。" in server.get("zh/entries/2020-01-23/")[1]
            assert server.status()["problem"] is None

            (triggers / "watcher").touch()
            edit(entry, "第二次", "第三次")
            server.wait_for(r"the watcher met an error; it goes on watching")
            events.next("reload", "(the changes since the error)")  # what the error made it miss is built
            assert "晚上开会，第三次。" in server.get("zh/entries/2020-01-23/")[1]
            edit(entry, "第三次", "第四次")
            events.next("reload", "entries/2020-01-23.md")
            assert "晚上开会，第四次。" in server.get("zh/entries/2020-01-23/")[1]
        finally:
            events.close()
    finally:
        server.stop()
    assert "Traceback" not in "".join(server.output)


# -- every verb: an internal error is a short message with a file, chronicle's own problems their message --
@pytest.mark.parametrize("verb", [("build", "{content}", "--out", "{out}"), ("check", "{content}"),
                                  ("pack", "{content}", "-o", "{out}.zip"),
                                  ("report", "commendations", "{content}", "-o", "{out}.html"),
                                  ("new", "entry", "2020-03-01", "{content}"),
                                  ("import", "{content}/entries/2020-01-23.md", "-o", "{out}-imported")])
def test_an_unexpected_error_in_any_verb_is_a_short_message_with_a_file(mini, tmp_path, monkeypatch, verb):
    import chronicle.content.loader as loader
    import chronicle.importer.documents as documents
    import chronicle.workflow.new as new

    def broken(*args, **kwargs):
        raise KeyError("injected")
    monkeypatch.setattr(loader._Loader, "run", broken)
    monkeypatch.setattr(documents, "_read_markdown", broken)
    monkeypatch.setattr(new, "read_settings", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    args = [a.format(content=mini, out=tmp_path / "out") for a in verb]
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert "internal error: KeyError: 'injected'" in result.output and "this is a bug in chronicle" in result.output
    assert "Traceback" not in result.output
    saved = list(tmp_path.glob("chronicle-error-*.txt"))
    assert len(saved) == 1 and "KeyError: 'injected'" in saved[0].read_text(encoding="utf-8")
    assert str(saved[0]) in result.output


def test_the_leak_guard_of_the_reports_is_a_message_not_a_traceback(mini, tmp_path, monkeypatch):
    """A report that would name a person published by initials stops every verb that builds reports."""
    import chronicle.build as build_module
    assert "王芳" in (mini / "people.yaml").read_text(encoding="utf-8")  # published by initials
    monkeypatch.setattr(build_module, "_reports",
                        lambda graph, cache=None: [("zh/commendations/commendations-zh.html",
                                                    "王芳 was here".encode())])
    for args in (("build", str(mini), "--out", str(tmp_path / "site")), ("pack", str(mini), "-o", str(tmp_path / "s.zip"))):
        result = run_cli(*args)
        assert result.exit_code == 1, result.output
        assert "error: the name of wang-fang (publish: initials) would be published in" in result.output and "Traceback" not in result.output


# -- import: a Word file that unpacks to far more than it weighs ------------------------------------------------
def _word_file(path: Path, padding_mb: int) -> Path:
    document = docx.Document()
    document.add_paragraph("2020年1月23日")
    document.add_paragraph("晚上开会。")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml" and padding_mb:
                cut = data.index(b"<w:body>")
                with archive.open("word/document.xml", "w", force_zip64=True) as part:
                    part.write(data[:cut])
                    for _ in range(padding_mb):
                        part.write(b"<!--" + b" " * (1024 * 1024) + b"-->")
                    part.write(data[cut:])
            else:
                archive.writestr(info, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = _word_file(tmp_path / "diary.docx", 40)
    assert bomb.stat().st_size < 200_000
    result = subprocess.run([sys.executable, "-m", "chronicle", "import", str(bomb), "-o", str(tmp_path / "c")],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=30)
    assert result.returncode == 1
    assert re.search(r"the part word/document\.xml of the Word file unpacks from \d+ KB to 40 MB "
                     r"\([\d,]+ times\); the limit is 100 times", result.stderr), result.stderr
    assert "zip bomb" in result.stderr and not (tmp_path / "c").exists()
    template = run_cli("report", "commendations", str(FIXTURES / "mini"), "--template", str(bomb),
                       "-o", str(tmp_path / "r.docx"))
    assert template.exit_code == 1 and "unpacks from" in template.output


def test_the_total_unpacked_size_is_limited_too(tmp_path, monkeypatch):
    import chronicle.ziplimits as limits
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 2 * 1024 * 1024)
    big = _word_file(tmp_path / "diary.docx", 3)
    result = run_cli("import", str(big), "-o", str(tmp_path / "c"))
    assert result.exit_code == 1
    assert re.search(r"unpacked, the text of the Word file would take [34] MB; the limit is 2 MB", result.output)
    normal = _word_file(tmp_path / "small.docx", 0)
    assert run_cli("import", str(normal), "-o", str(tmp_path / "d")).exit_code == 0


# -- new entry: a date it cannot read is an error, never "today" ---------------------------------------------------
@pytest.mark.parametrize("date, guess", [("23.01.2020", "2020-01-23"), ("2020/01/23", "2020-01-23"),
                                         ("2020年1月23日", "2020-01-23"), ("1/23/2020", "2020-01-23"),
                                         ("2020-1-23", "2020-01-23"), ("20200123", "2020-01-23"),
                                         ("01/02/2020", None), ("tomorrow", None), ("2020-01-23.md", "2020-01-23")])
def test_a_date_not_written_yyyy_mm_dd_is_refused(mini, date, guess):
    before = sorted(p.name for p in (mini / "entries").iterdir())
    for args in ((date, str(mini)), (date,)):
        result = run_cli("new", "entry", *args)
        assert result.exit_code == 1, result.output
        if date == "tomorrow" and len(args) == 1:
            assert "tomorrow/chronicle.yaml" in result.output or "no chronicle.yaml" in result.output
            continue
        assert f"error: '{date}' is not a date in the form YYYY-MM-DD" in result.output
        assert ("did you mean " + guess) in result.output if guess else "did you mean" not in result.output
    assert sorted(p.name for p in (mini / "entries").iterdir()) == before, "no file was made"


def test_a_date_in_the_right_form_still_works(mini, monkeypatch):
    monkeypatch.chdir(mini.parent)
    assert run_cli("new", "entry", "2020-03-01", str(mini)).exit_code == 0
    assert (mini / "entries" / "2020-03-01.md").is_file()
    (mini.parent / "content").symlink_to(mini)
    assert run_cli("new", "entry", "2020-03-02").exit_code == 0, "one argument that is a date: ./content"
    assert (mini / "entries" / "2020-03-02.md").is_file()
    assert run_cli("new", "entry", str(mini)).exit_code == 0, "one argument that is a folder: today"
