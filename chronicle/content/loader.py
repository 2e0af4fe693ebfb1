"""Load a content folder into a ``Chronicle``, reporting every problem with its file and line.

The reading is split by file kind: content/settings.py (chronicle.yaml), content/registers.py (people,
stats, commendations) and content/documents.py (entries, pages); this module holds the files, the
memo that lets ``chronicle serve`` skip unchanged ones, and the run that puts it all together.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from chronicle.content.dates import DEFAULT_SPAN
from chronicle.content.documents import OUTSIDE_HINT, DocumentsReader
from chronicle.content.fields import text_reader
from chronicle.content.files import link_target, racy, real_inside, tree
from chronicle.content.registers import RegistersReader
from chronicle.content.settings import SettingsReader
from chronicle.content.source import Source, SourceError, read_source
from chronicle.content.yamlio import YAMLProblem, load_yaml, split_front_matter
from chronicle.errors import Report, rel
from chronicle.model import Chronicle, Entry

EMPTY_HINTS = {
    "chronicle.yaml": "write at least a title and the languages:\ntitle: {zh: 日记, en: Diary}\nlanguages: [zh, en]",
    "people.yaml": "list people as '- name: ...', or delete the file",
    "stats.yaml": "list statistics as '- id: ...' with a 'label:', or delete the file",
    "commendations.yaml": "write 'categories:' with a list of categories, or delete the file",
}
EMPTY_DOCUMENT = {
    "entry": "an entry needs front matter with at least 'date:', and a text",
    "page": "write the page's text (a 'title:' in front matter is optional)",
}


def load(root: Path, report: Report, memo: dict | None = None, stamps: dict | None = None) -> Chronicle | None:
    """Read and check every file; None when chronicle.yaml itself is unusable.

    ``memo``: kept by the caller between loads (chronicle serve); an entry whose files have the same size,
    time and inode as last time is taken from it, with its diagnostics, instead of being read again.
    ``stamps``: those of every file, if the caller has them (content/files.py snapshot)."""
    root = root.resolve()
    loader = _Loader(root, report, memo, stamps)
    return loader.run()


class _Loader(SettingsReader, RegistersReader, DocumentsReader):
    def __init__(self, root: Path, report: Report, memo: dict | None = None, stamps: dict | None = None):
        self.root = root
        self.report = report
        self.memo = memo
        self.stamps = stamps
        self.prefix = len(str(root)) + 1
        self.span = DEFAULT_SPAN

    # -- files -------------------------------------------------------------
    def source(self, path: Path) -> Source | None:
        name = rel(path, self.root)
        if not real_inside(path, self.root):
            self.outside(name, path)
            return None
        try:
            return read_source(path, name)
        except SourceError as exc:
            self.report.error(name, exc.line, exc.message, exc.hint)
            return None

    def yaml_file(self, name: str, required: bool = False):
        path = self.root / name
        if not path.exists():
            if required:
                self.report.error(name, None, f"{name} is missing",
                                  f"every content folder needs {name} with at least 'title:' and 'languages:'")
            return None, None
        src = self.source(path)
        if src is None:
            return None, None
        try:
            data = load_yaml(src.text)
        except YAMLProblem as exc:
            self.report.error(name, exc.line, exc.message, exc.hint)
            return None, src
        if data is None:
            if required:
                self.report.error(name, 1, "file is empty", EMPTY_HINTS.get(name, ""))
            else:
                self.report.warn(name, 1, "file is empty; it is ignored", EMPTY_HINTS.get(name, ""))
        return data, src

    def outside(self, name: str, path: Path, within: str = "the content folder") -> None:
        self.report.error(name, None, f"symbolic link points outside {within}",
                          f"it leads to {link_target(path)}; " + (OUTSIDE_HINT if within == "the content folder"
                                                                   else f"copy it into {within} instead of linking to it"))

    def folder(self, name: str, real: bool = False) -> Path | None:
        """The content's sub-folder ``name`` if it is there and may be read: inside the content folder once
        links are followed, and (``real``: media/, templates/, which are published or run as they are) no
        link at all, so it cannot stand for another folder of the content, such as the one of people.yaml."""
        path = self.root / name
        if not path.is_dir():
            return None
        if real and path.is_symlink():
            self.report.error(name + "/", None, f"{name}/ is a symbolic link (to {link_target(path)})",
                              f"make {name}/ a real folder inside the content folder and copy the files into it")
            return None
        if not real_inside(path, self.root):
            self.outside(name + "/", path)
            return None
        return path

    # -- run ---------------------------------------------------------------
    def run(self) -> Chronicle | None:
        if not self.root.is_dir():
            if self.root.exists():
                self.report.error(str(self.root), None, "is a file, not a content folder",
                                  "give the folder that holds chronicle.yaml, e.g. chronicle build content")
            else:
                self.report.error(str(self.root), None, "content folder does not exist")
            return None
        config = self.config()
        if config is None:
            return None
        self.languages = config.languages
        self.text = text_reader(config.languages)
        self.name_text = text_reader(config.languages, numbers=False)
        people, secrets = self.remembered("people.yaml", [self.root / "people.yaml"], self.people)
        stats = self.remembered("stats.yaml", [self.root / "stats.yaml"], self.stats)
        categories, lists = self.remembered("commendations.yaml", [self.root / "commendations.yaml"], self.commendations)
        entries = self.entries()
        if not self.span.configured:
            self.far_entries(entries)
        pages = self.pages()
        media = self.media()
        template_dir = self.templates()
        return Chronicle(self.root, config, tuple(people), tuple(stats), tuple(categories),
                         tuple(entries), tuple(pages), tuple(media), template_dir, lists=lists,
                         secrets=tuple(secrets))

    def document(self, path: Path, kind: str = "entry"):
        """Front matter (as YAML) and body of a Markdown file; ``kind`` is entry, page or translation."""
        src = self.source(path)
        if src is None:
            return None
        if not src.text.strip():
            if kind == "translation":
                self.report.warn(src.rel, 1, "translation is empty; the source text is shown instead",
                                 "write the translation, or delete the file")
            else:
                self.report.error(src.rel, 1, "file is empty", EMPTY_DOCUMENT[kind])
            return None
        try:
            front, front_line, body, body_line = split_front_matter(src.text)
            data = load_yaml(front, front_line) if front is not None else None
        except YAMLProblem as exc:
            self.report.error(src.rel, exc.line, exc.message, exc.hint)
            return None
        return src, front, data, body, body_line

    def remembered(self, name, paths: list[Path], read):
        """``read()``, or what it returned (and reported) last time, if the files it reads are unchanged:
        the same size, modification time and inode, under the same languages."""
        stamp, found = self._recall(name, paths)
        if found is not None:
            return found
        value, own = self._captured(read)
        self._keep(name, stamp, value, own)
        return value

    def remembered_entries(self, jobs: list[tuple[str, Path, dict]]) -> list[Entry | None]:
        """Each (stem, path, translation paths) read as an entry, from the memo when its files are unchanged.

        In this process: on other cores, sending the entries back would cost half of reading them."""
        results: list = [None] * len(jobs)
        missing = []
        for i, (stem, path, translations) in enumerate(jobs):
            paths = [path] + [p for _, p in sorted(translations.items())]
            stamp, found = self._recall(("entry", stem), paths)
            if found is not None:
                results[i] = found
            else:
                missing.append((i, stamp))
        for i, stamp in missing:
            value, own = self._captured(partial(self.entry, *jobs[i]))
            self._keep(("entry", jobs[i][0]), stamp, value, own)
            results[i] = value
        return results

    def _recall(self, name, paths: list[Path]):
        """(stamp, value) where value is the remembered one (its diagnostics reported again) or None."""
        if self.memo is None:
            return None, None
        try:
            if self.stamps is not None:
                stamp = (getattr(self, "languages", None),
                         tuple((str(p), self.stamps.get(str(p)[self.prefix:])) for p in paths))
            else:
                stamp = (getattr(self, "languages", None), tuple((str(p), _stamp(p)) for p in paths))
        except OSError:
            return None, None
        found = self.memo.get(name)
        if found is not None and found[0] == stamp and found[1] is not None:
            for diagnostic in found[2]:
                self.report.add(diagnostic)
            return stamp, found[1]
        return stamp, None

    def _captured(self, read):
        """``read()`` with what it reports collected, so it can be remembered (and run in a worker)."""
        outer, self.report = self.report, Report()
        try:
            value = read()
        finally:
            own, self.report = self.report.items, outer
        return value, own

    def _keep(self, name, stamp, value, own) -> None:
        for diagnostic in own:
            self.report.add(diagnostic)
        if self.memo is None or stamp is None:
            return
        now = time.time_ns()
        if any(s is not None and racy(s[1], now) for _, s in stamp[1]):
            self.memo.pop(name, None)  # saved a moment ago: read it again next time
        else:
            self.memo[name] = (stamp, value, own)

    # -- media and templates: published or run as they are --------------------------------------------
    def media(self) -> list[str]:
        """The files of media/, each of which must lie inside media/ itself once links are followed: a
        link to people.yaml or chronicle.yaml would publish every private field."""
        folder = self.folder("media", real=True)
        if folder is None:
            return []
        files = []
        for path, entry in tree(folder):
            name = path[self.prefix:]
            if any(part.startswith(".") for part in name.split("/")[1:]):
                continue
            if entry.is_symlink() and not real_inside(path, folder):
                within = "the content folder" if not real_inside(path, self.root) else "media/"
                self.outside(name, Path(path), within)
                continue
            if entry.is_file():
                files.append(name)
        return files

    def templates(self) -> Path | None:
        """templates/, once every file in it is checked to lie inside it and to be a plain file."""
        folder = self.folder("templates", real=True)
        if folder is None:
            return None
        ok = True
        for path, entry in tree(folder):
            name = path[self.prefix:]
            if entry.is_symlink() and not real_inside(path, folder):
                within = "the content folder" if not real_inside(path, self.root) else "templates/"
                self.outside(name, Path(path), within)
                ok = False
            elif not entry.is_dir() and not entry.is_file():
                self.report.error(name, None, "not a regular file (a pipe, a device or a socket)",
                                  "a template is a text file; delete this one")
                ok = False
        return folder if ok else None


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino
