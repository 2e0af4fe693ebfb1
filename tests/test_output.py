"""The writer: atomic swap, never deleting what chronicle did not write."""

import pytest

from chronicle.output import MARKER, OutputError, check_output_dir, write_site


def test_writes_and_replaces_atomically(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    out = tmp_path / "public"
    write_site([("a/index.html", b"one"), ("b.txt", b"x")], out, content)
    assert (out / "a/index.html").read_bytes() == b"one" and (out / MARKER).is_file()
    write_site([("a/index.html", b"two")], out, content)
    assert (out / "a/index.html").read_bytes() == b"two"
    assert not (out / "b.txt").exists(), "a page that is gone is removed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "public"]


def test_refuses_a_folder_with_files_it_did_not_write(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(OutputError) as info:
        write_site([("index.html", b"x")], out, content)
    assert "already holds files that chronicle did not write" in info.value.message
    assert (out / "thesis.docx").read_bytes() == b"precious"


@pytest.mark.parametrize("out_name", ["", ".", ".."])
def test_refuses_output_that_is_or_contains_the_content(tmp_path, out_name):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(OutputError) as info:
        check_output_dir((content / out_name), content)
    assert "is, or contains, the content folder" in info.value.message


def test_two_pages_on_one_url_is_an_error_and_nothing_changes(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    out = tmp_path / "public"
    write_site([("index.html", b"old")], out, content)
    with pytest.raises(OutputError) as info:
        write_site([("x/index.html", b"1"), ("x/index.html", b"2")], out, content)
    assert "same URL: x/index.html" in info.value.message
    assert (out / "index.html").read_bytes() == b"old"


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b"])
def test_refuses_paths_that_leave_the_output(tmp_path, bad):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(OutputError):
        write_site([(bad, b"x")], tmp_path / "public", content)
    assert not (tmp_path / "escape.html").exists()


def test_stale_temporary_folders_of_killed_builds_are_cleaned(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    stale = tmp_path / ".public.tmp-99999"
    stale.mkdir()
    (stale / MARKER).write_text("x")
    foreign = tmp_path / ".public.tmp-12345"
    foreign.mkdir()
    write_site([("index.html", b"x")], tmp_path / "public", content)
    assert not stale.exists()
    assert foreign.exists(), "a folder without our marker is never deleted"
