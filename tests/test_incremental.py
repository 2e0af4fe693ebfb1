"""Incremental builds write exactly what a clean build writes, whatever was edited.

A small bilingual chronicle is edited at random, one change at a time (entries added,
edited, renamed, deleted, translated; people renamed, given roles and aliases, hidden;
figures, statistics, commendations, pages, media, settings and template overrides
changed; files touched without a change; the output tampered with). After every edit
the same content is built three ways and the outputs compared byte for byte:

- a clean build (``use_cache=False``) into a fresh folder: the reference;
- ``chronicle build``'s way: the same output folder every time, the cache beside the
  content, unchanged files hard-linked from the last build;
- ``chronicle serve``'s way: one in-memory Session, the output updated in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import time
from pathlib import Path

import pytest

from chronicle.build import Session, build

START = dt.date(2020, 1, 20)
ORGS = [("25社区", "Community 25"), ("街道", "Street office")]
NAMES = [("杨趣玲", "Yang Quling"), ("张庆新", "Zhang Qingxin"), ("李云", "Li Yun"), ("黄少辉", "Huang Shaohui"),
         ("王芳", "Wang Fang"), ("程明", "Cheng Ming")]
WORDS_ZH = "今天社区工作人员继续值守卡点为居民提供服务发放物资测量体温大家团结一心"
WORDS_EN = "today the staff kept watch at the gate and delivered food to families in quarantine".split()


class Chronicle:
    """The content as data, written out as files; each edit changes the data, ``write`` only changed files."""

    def __init__(self, rng: random.Random, root: Path):
        self.rng, self.root = rng, root
        self.title = ("测试日记", "A test diary")
        self.phases = [("closure", "封闭管理", "Closed management", START + dt.timedelta(days=8), START + dt.timedelta(days=30))]
        self.people = []
        for i, (zh, en) in enumerate(NAMES):
            org = ORGS[i % 2]
            self.people.append({"id": f"p{i}", "zh": zh, "en": en, "aliases": [], "publish": "full",
                                "roles": [("网格员", "Grid worker", org, "2019-10", None)]})
        self.stats = {"households": ("居民户数", "Households", "gauge"), "deliveries": ("配送次数", "Deliveries", "count")}
        self.entries = {}
        for i in range(36):
            self.add_entry(START + dt.timedelta(days=i))
        self.pages = {"preface": ("前言", "Preface", self.para_zh(), self.para_en())}
        self.awards = [("p0", "表现突出。", "Outstanding."), ("p3", "冲锋在前。", "Always first.")]
        self.media: dict[str, bytes] = {}
        self.template: str | None = None

    # -- text --------------------------------------------------------------
    def para_zh(self, who: list[str] = ()) -> str:
        text = "".join(self.rng.choice(WORDS_ZH) for _ in range(self.rng.randint(20, 60))) + "。"
        for pid in who:
            person = self.person(pid)
            if person:
                text = text[:10] + person["zh"] + text[10:]
        return text

    def para_en(self) -> str:
        return " ".join(self.rng.choice(WORDS_EN) for _ in range(self.rng.randint(8, 30))).capitalize() + "."

    def person(self, pid):
        return next((p for p in self.people if p["id"] == pid), None)

    def add_entry(self, day: dt.date) -> None:
        stem = day.isoformat()
        if stem in self.entries:
            return
        who = self.rng.sample([p["id"] for p in self.people], 2)
        self.entries[stem] = {
            "title": (f"第{len(self.entries) + 1}天", f"Day {len(self.entries) + 1}"),
            "zh": [self.para_zh(who) for _ in range(self.rng.randint(1, 3))],
            "en": [self.para_en() for _ in range(2)] if self.rng.random() < 0.8 else None,
            "people": who[:1], "tags": [self.rng.choice(["封闭管理", "物资"])],
            "stats": [("households", 3000 + self.rng.randint(0, 50))] + (
                [("deliveries", self.rng.randint(1, 9))] if self.rng.random() < 0.5 else []),
        }

    # -- files -------------------------------------------------------------
    def files(self) -> dict[str, str | bytes]:
        q = lambda s: '"' + s.replace('"', "'") + '"'  # noqa: E731
        out = {"chronicle.yaml": (
            f"title: {{zh: {q(self.title[0])}, en: {q(self.title[1])}}}\nlanguages: [zh, en]\nlunar_calendar: true\n"
            "autolink: true\nphases:\n" + "".join(
                f"  - {{id: {i}, name: {{zh: {zh}, en: {q(en)}}}, from: {a}, to: {b}}}\n" for i, zh, en, a, b in self.phases))}
        people = []
        for p in self.people:
            roles = "".join(f"    - title: {{zh: {t_zh}, en: {q(t_en)}}}\n      org: {{zh: {o[0]}, en: {q(o[1])}}}\n"
                            f"      from: {a}\n" + (f"      to: {b}\n" if b else "") for t_zh, t_en, o, a, b in p["roles"])
            people.append(f"- id: {p['id']}\n  name: {{zh: {p['zh']}, en: {q(p['en'])}}}\n"
                          f"  aliases: [{', '.join(p['aliases'])}]\n  publish: {p['publish']}\n  roles:\n{roles}")
        out["people.yaml"] = "".join(people)
        out["stats.yaml"] = "".join(f"- id: {sid}\n  label: {{zh: {zh}, en: {q(en)}}}\n  kind: {kind}\n"
                                    for sid, (zh, en, kind) in self.stats.items())
        awards = "".join(f"      - person: {pid}\n        citation: {{zh: {zh}, en: {q(en)}}}\n" for pid, zh, en in self.awards
                         if self.person(pid))
        out["commendations.yaml"] = ("categories:\n  - id: best\n    name: {zh: 优秀, en: Outstanding}\n"
                                     + ("    awards:\n" + awards if awards else "    awards: []\n"))
        for stem, e in self.entries.items():
            stats = "".join(f"  - {{stat: {sid}, value: {v}}}\n" for sid, v in e["stats"] if sid in self.stats)
            out[f"entries/{stem}.md"] = (f"---\ndate: {stem[:10]}\ntitle: {q(e['title'][0])}\npeople: [{', '.join(e['people'])}]\n"
                                         f"tags: [{', '.join(e['tags'])}]\n" + (f"stats:\n{stats}" if stats else "")
                                         + "---\n" + "\n\n".join(e["zh"]) + "\n")
            if e["en"] is not None:
                out[f"entries/{stem}.en.md"] = f"---\ntitle: {q(e['title'][1])}\n---\n" + "\n\n".join(e["en"]) + "\n"
        for stem, (t_zh, t_en, zh, en) in self.pages.items():
            out[f"pages/{stem}.md"] = f"---\ntitle: {t_zh}\n---\n{zh}\n"
            out[f"pages/{stem}.en.md"] = f"---\ntitle: {t_en}\n---\n{en}\n"
        for name, data in self.media.items():
            out[f"media/{name}"] = data
        if self.template is not None:
            out["templates/entry.html"] = self.template
        return out

    def write(self) -> None:
        wanted = self.files()
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and ".chronicle-cache" not in path.parts and rel not in wanted:
                path.unlink()
        for name, data in wanted.items():
            path = self.root / name
            raw = data if isinstance(data, bytes) else data.encode("utf-8")
            if not path.exists() or path.read_bytes() != raw:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
                past = time.time_ns() - 10 * 10**9  # saved a while ago: its stat can be trusted (RACY_NS)
                os.utime(path, ns=(past, past))

    # -- edits ---------------------------------------------------------------
    def edit(self) -> str:
        rng = self.rng
        stems = sorted(self.entries)
        stem = rng.choice(stems)
        e = self.entries[stem]
        kind = rng.choice(["append", "first-paragraph", "title", "add", "delete", "move", "translate", "figure",
                           "person-name", "alias", "role", "publish", "stat-label", "settings", "phase", "award",
                           "page", "media", "template", "touch", "mention"])
        if kind == "append":
            e["zh"].append(self.para_zh())
        elif kind == "first-paragraph":
            e["zh"][0] = self.para_zh()
        elif kind == "title":
            e["title"] = (e["title"][0] + "续", e["title"][1] + " (cont.)")
        elif kind == "add":
            self.add_entry(START + dt.timedelta(days=rng.randint(-3, 45)))
        elif kind == "delete" and len(stems) > 3:
            del self.entries[stem]
        elif kind == "move":
            day = START + dt.timedelta(days=rng.randint(-3, 45))
            if day.isoformat() not in self.entries:
                self.entries[day.isoformat()] = self.entries.pop(stem)
        elif kind == "translate":
            e["en"] = None if e["en"] else [self.para_en()]
        elif kind == "figure":
            e["stats"] = [(sid, v + rng.randint(1, 5)) for sid, v in e["stats"]]
        elif kind == "person-name":
            p = rng.choice(self.people)
            p["en"] = p["en"] + " Jr"
        elif kind == "alias":
            p = rng.choice(self.people)
            alias = "小" + p["zh"][0] + str(len(p["aliases"]))
            p["aliases"].append(alias)
            e["zh"].append(f"{alias}今天也来了。")
        elif kind == "role":  # a hand-over: one role ends the day before another's in the same organisation begins
            a, b = rng.sample(self.people, 2)
            day = START + dt.timedelta(days=rng.randint(2, 30))
            title, title_en, org, start, _ = a["roles"][-1]
            a["roles"][-1] = (title, title_en, org, start, day.isoformat())
            b["roles"].append(("组长", "Team leader", org, (day + dt.timedelta(days=1)).isoformat(), None))
        elif kind == "publish":
            p = rng.choice(self.people[1:])
            p["publish"] = "initials" if p["publish"] == "full" else "full"
        elif kind == "stat-label":
            zh, en, k = self.stats["households"]
            self.stats["households"] = (zh + "（户）", en + " (homes)", k)
        elif kind == "settings":
            self.title = (self.title[0] + "！", self.title[1] + "!")
        elif kind == "phase":
            i, zh, en, a, b = self.phases[0]
            self.phases[0] = (i, zh, en, a, b - dt.timedelta(days=rng.randint(1, 5)))
        elif kind == "award":
            pid = rng.choice(self.people)["id"]
            self.awards.append((pid, "默默奉献。", "Quietly devoted."))
        elif kind == "page":
            t_zh, t_en, zh, en = self.pages["preface"]
            self.pages["preface"] = (t_zh, t_en, zh + self.para_zh(), en)
        elif kind == "media":
            if self.media and rng.random() < 0.5:
                self.media.pop(sorted(self.media)[0])
            else:
                self.media[f"photo{len(self.media)}.png"] = os.urandom(64)
        elif kind == "template":
            self.template = None if self.template else (
                '{% extends "theme/entry.html" %}{% block title %}★ {{ super() }}{% endblock %}')
        elif kind == "touch":
            path = self.root / "entries" / f"{stem}.md"
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
        elif kind == "mention":
            pid = rng.choice(self.people)["id"]
            e["zh"].append(f"我们和[[{pid}]]一起值守。")
        return f"{kind} {stem}"


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_build_the_same_bytes_as_a_clean_build(tmp_path, seed):
    rng = random.Random(seed)
    content = tmp_path / "content"
    chron = Chronicle(rng, content)
    chron.write()
    session = Session()
    out, served = tmp_path / "public", tmp_path / "served"
    for step in range(12):
        what = "first build" if step == 0 else chron.edit()
        chron.write()
        if rng.random() < 0.2 and out.exists():  # someone edits the published site by hand
            victim = sorted(p for p in out.rglob("*.html"))[0]
            victim.write_text("edited by hand", encoding="utf-8")
        reports = step == 0 or rng.random() < 0.3  # the PDF reports take a second; a change of options too
        clean = tmp_path / f"clean-{step}"
        build(content, clean, search=False, use_cache=False, with_reports=reports)
        incremental = build(content, out, search=False, with_reports=reports)
        build(content, served, search=False, in_place=True, session=session, with_reports=reports)
        expected = tree(clean)
        assert not differences(tree(out), expected), f"step {step} ({what}): chronicle build differs in " + ", ".join(
            differences(tree(out), expected)[:8])
        assert not differences(tree(served), expected), f"step {step} ({what}): chronicle serve differs in " + ", ".join(
            differences(tree(served), expected)[:8])
        assert incremental.made + incremental.reused == len(incremental.files)
        shutil.rmtree(clean)


def test_an_edit_remakes_only_the_pages_that_show_it(tmp_path):
    content = tmp_path / "content"
    chron = Chronicle(random.Random(7), content)
    chron.write()
    out = tmp_path / "public"
    first = build(content, out, search=False)
    assert first.made == len(first.files) and first.reused == 0
    inode = (out / "zh/people/index.html").stat().st_ino

    again = build(content, out, search=False)
    assert again.up_to_date and again.made == 0, "nothing changed: nothing is done"

    stem = sorted(chron.entries)[10]
    page = out / f"zh/entries/{stem}/index.html"
    before = page.stat().st_ino
    chron.entries[stem]["zh"].append("又记一笔。")   # a paragraph at the end: no title, excerpt or name changes
    chron.write()
    edited = build(content, out, search=False)
    assert not edited.up_to_date
    assert 0 < edited.made < 25, f"{edited.made} files made for one paragraph"
    assert page.stat().st_ino != before and "又记一笔。" in page.read_text(encoding="utf-8")
    assert (out / "zh/people/index.html").stat().st_ino == inode, "an unchanged page is the same file (a hard link)"


def test_a_no_change_build_notices_a_file_changed_or_added_in_the_output(tmp_path):
    content = tmp_path / "content"
    Chronicle(random.Random(3), content).write()
    out = tmp_path / "public"
    build(content, out, search=False)
    reference = tree(out)
    (out / "zh/index.html").write_text("mine", encoding="utf-8")
    (out / "zh/stray.html").write_text("stray", encoding="utf-8")
    result = build(content, out, search=False)
    assert not result.up_to_date and result.made == 1
    assert tree(out) == reference, "the edited page is made again and the stray file is gone"


def test_a_file_saved_twice_within_one_clock_tick_is_read_again(tmp_path):
    """Same size, same modification time (a coarse file-system clock), other text: the stat cannot tell,
    so a file saved within RACY_NS of the build is never trusted by its stat."""
    content = tmp_path / "content"
    chron = Chronicle(random.Random(4), content)
    chron.write()
    stem = sorted(chron.entries)[0]
    path = content / "entries" / f"{stem}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "甲\n", encoding="utf-8")        # saved just now, on a file system that keeps
    tick = time.time_ns() // 10**9 * 10**9                    # whole seconds (FAT, some network shares)
    os.utime(path, ns=(tick, tick))
    session, out = Session(), tmp_path / "served"
    build(content, out, search=False, in_place=True, session=session)
    stamp = path.stat()
    path.write_text(text + "乙\n", encoding="utf-8")        # same size, within the same second
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size and path.stat().st_mtime_ns == stamp.st_mtime_ns
    result = build(content, out, search=False, in_place=True, session=session)
    assert not result.up_to_date
    assert "乙" in (out / f"zh/entries/{stem}/index.html").read_text(encoding="utf-8")
