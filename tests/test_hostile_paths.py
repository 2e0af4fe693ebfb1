"""Nothing from outside the content folder is read or published, whatever links a content folder holds.

Every path is judged after its links are followed, folders included: entries/, pages/ and their files must
lie inside the content folder; media/ and templates/ must be real folders whose files lie inside them
(a media file linked to people.yaml would publish every private field). Each case builds a real site
first, then plants the link: the build must fail naming the file, and the old site must stay as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from chronicle.build import build
from chronicle.errors import BuildError
from tests.conftest import FIXTURES, ROOT

SECRET = "13912345678-SECRET"


@pytest.fixture
def setup(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    (content / "media").mkdir()
    (content / "media" / "photo.txt").write_text("a photo\n", encoding="utf-8")
    with (content / "people.yaml").open("a", encoding="utf-8") as f:
        f.write(f"# phone of the secretary: {SECRET}\n")
    out = tmp_path / "public"
    build(content, out, search=False, with_reports=False, use_cache=False)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2020-01-26.md").write_text(f"---\ndate: 2020-01-26\n---\n{SECRET}\n", encoding="utf-8")
    (outside / "notes.md").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    return content, out, outside


def site_bytes(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def replace_with_link(path, target):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


# name -> (how to plant the link, the diagnostic's path, words of its message)
CASES = {
    "media-folder-outside": (lambda c, o: replace_with_link(c / "media", o), "media/", "media/ is a symbolic link"),
    "media-folder-to-the-content": (lambda c, o: replace_with_link(c / "media", c), "media/", "media/ is a symbolic link"),
    "media-file-to-people-yaml": (lambda c, o: replace_with_link(c / "media" / "people.txt", c / "people.yaml"),
                                  "media/people.txt", "symbolic link points outside media/"),
    "media-file-to-chronicle-yaml": (lambda c, o: replace_with_link(c / "media" / "a" / "config.yaml", c / "chronicle.yaml"),
                                     "media/a/config.yaml", "symbolic link points outside media/"),
    "media-file-outside": (lambda c, o: replace_with_link(c / "media" / "s.txt", o / "secret.txt"),
                           "media/s.txt", "symbolic link points outside the content folder"),
    "media-subfolder-outside": (lambda c, o: replace_with_link(c / "media" / "sub", o), "media/sub",
                                "symbolic link points outside the content folder"),
    "media-subfolder-to-entries": (lambda c, o: replace_with_link(c / "media" / "sub", c / "entries"), "media/sub",
                                   "symbolic link points outside media/"),
    "entries-folder-outside": (lambda c, o: _move_link(c / "entries", o), "entries/",
                               "symbolic link points outside the content folder"),
    "entries-subfolder-outside": (lambda c, o: replace_with_link(c / "entries" / "2020", o), "entries/2020",
                                  "symbolic link points outside the content folder"),
    "entry-file-outside": (lambda c, o: replace_with_link(c / "entries" / "2020-01-26.md", o / "2020-01-26.md"),
                           "entries/2020-01-26.md", "symbolic link points outside the content folder"),
    "pages-folder-outside": (lambda c, o: _move_link(c / "pages", o), "pages/",
                             "symbolic link points outside the content folder"),
    "page-file-outside": (lambda c, o: replace_with_link(c / "pages" / "notes.md", o / "notes.md"),
                          "pages/notes.md", "symbolic link points outside the content folder"),
    "people-yaml-outside": (lambda c, o: _relink(c / "people.yaml", o), "people.yaml",
                            "symbolic link points outside the content folder"),
    "templates-folder-outside": (lambda c, o: replace_with_link(c / "templates", o), "templates/",
                                 "templates/ is a symbolic link"),
}


def _move_link(folder, outside):
    """The folder's files moved outside and the folder replaced by a link to them."""
    for path in folder.iterdir():
        shutil.move(str(path), outside / path.name)
    folder.rmdir()
    folder.symlink_to(outside)


def _relink(path, outside):
    shutil.move(str(path), outside / path.name)
    path.symlink_to(outside / path.name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_link_out_of_its_folder_is_an_error_and_nothing_is_published(setup, name):
    content, out, outside = setup
    plant, where, words = CASES[name]
    before = site_bytes(out)
    plant(content, outside)
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False, use_cache=False)
    found = [(e.path, e.message) for e in info.value.report.errors]
    assert any(path == where and words in message for path, message in found), found
    assert site_bytes(out) == before
    assert not any(SECRET.encode() in data for data in before.values())


def test_links_that_stay_inside_are_fine(setup):
    content, out, outside = setup
    (content / "media" / "same.txt").symlink_to(content / "media" / "photo.txt")
    (content / "entries" / "2020-01-26.md").write_text("---\ndate: 2020-01-26\n---\n正文。\n", encoding="utf-8")
    (content / "entries" / "linked").mkdir()
    build(content, out, search=False, with_reports=False, use_cache=False)
    assert (out / "media" / "same.txt").read_text(encoding="utf-8") == "a photo\n"


def test_the_cli_names_the_link_and_keeps_the_old_site(setup):
    content, out, outside = setup
    before = site_bytes(out)
    (content / "media" / "people.txt").symlink_to(content / "people.yaml")
    result = subprocess.run([sys.executable, "-m", "chronicle", "build", str(content), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert result.returncode == 1
    assert f"{content}/media/people.txt: error: symbolic link points outside media/" in result.stderr
    assert f"it leads to {content / 'people.yaml'}" in result.stderr and "Traceback" not in result.stderr
    assert site_bytes(out) == before


def test_a_pipe_in_place_of_a_content_file_is_an_error_not_a_hang(setup):
    content, out, outside = setup
    os.mkfifo(content / "entries" / "2020-01-26.md")
    os.mkfifo(content / "stats.yaml.tmp")  # not a content file: never opened
    (content / "stats.yaml").unlink()
    os.mkfifo(content / "stats.yaml")
    (content / "templates").mkdir()
    os.mkfifo(content / "templates" / "page.html")
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False, use_cache=False)
    found = {e.path for e in info.value.report.errors if "not a regular file" in e.message}
    assert found == {"entries/2020-01-26.md", "stats.yaml", "templates/page.html"}


@pytest.mark.parametrize("where", ["inside-content", "the-content", "parent-of-content"])
def test_the_output_folder_reached_through_a_link_is_still_refused(setup, tmp_path, where):
    content, out, outside = setup
    target = {"inside-content": content / "site", "the-content": content, "parent-of-content": tmp_path}[where]
    link = tmp_path / "elsewhere" / "link"
    link.parent.mkdir()
    link.symlink_to(target)
    with pytest.raises(BuildError) as info:
        build(content, link, search=False, with_reports=False, use_cache=False)
    assert "output folder" in info.value.report.errors[0].message
    through = tmp_path / "via"
    through.symlink_to(content)
    with pytest.raises(BuildError):
        build(content, through / "public", search=False, with_reports=False, use_cache=False)
    assert not (content / "public").exists() and not (content / "site").exists()
