"""Privacy: what is private, and who is not to be named, never reaches any output file.

People published as ``initials`` or ``anonymous`` are shown by their label (王某, W. F.,
一位居民, a resident) wherever a reader could see them: entry text, but also titles,
citations, figure notes, other people's bios, roles, tags, page titles. ``private:``
fields never enter the model's people: their values are kept apart, to be looked for. Every file of a real build is searched byte by
byte, unpacked where it is packed (gzip search index, .docx, PDF streams), for every form
a name can take in a file (UTF-8, percent-encoded, JSON and HTML escapes, UTF-16).

The build also refuses to publish what looks like a mobile number, an 18-digit resident
ID (with a valid ISO 7064 check character) or an email address in entry text, unless it
is listed under ``privacy: allow:``.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from chronicle.build import build, check
from chronicle.errors import BuildError
from chronicle.graph.scan import is_resident_id
from tests.conftest import write_tree

# Who is not to be named, and everything private about anyone.
RESTRICTED = {
    "wang-fang": ["王芳", "Wang Fang", "芳姐", "Auntie Fang", "wang-fang"],
    "li-mimi": ["李秘密", "Li Mimi", "老李头", "li-mimi"],
}
PRIVATE = ["13912345678", "糖尿病史", "幸福路3号院", "Diabetes since 2009", "Flat 3, Happiness Road",
           "hidden-note-xyz"]

PEOPLE = """
- id: wang-fang
  name: {zh: 王芳, en: Wang Fang}
  aliases: [芳姐, Auntie Fang]
  publish: initials
  bio: {zh: 王芳是退休教师，大家叫她芳姐。, en: Wang Fang is a retired teacher.}
  roles:
    - title: {zh: 王芳互助组组长, en: Head of the Wang Fang mutual-aid group}
      org: 芳姐小组
      from: 2020-01
  private:
    phone: "13912345678"
    health: {zh: 糖尿病史, en: Diabetes since 2009}
    address: 幸福路3号院
- id: li-mimi
  name: {zh: 李秘密, en: Li Mimi}
  aliases: [老李头]
  publish: anonymous
  private:
    address: {en: "Flat 3, Happiness Road"}
    note: hidden-note-xyz
- id: yang-quling
  name: {zh: 杨趣玲, en: Yang Quling}
  aliases: [小杨]
  bio: {zh: 杨趣玲每天给王芳和李秘密送药。, en: Yang brought medicine to Wang Fang and Li Mimi every day.}
  roles:
    - title: {zh: 负责照顾王芳, en: Looks after Wang Fang}
      org: {zh: 李秘密所在楼栋, en: Li Mimi's building}
  private:
    phone: "13912345678"
"""

ENTRY_ZH = """---
date: 2020-01-23
title: {zh: 探望王芳和老李头, en: Visiting Wang Fang and Li Mimi}
people: [yang-quling, wang-fang]
tags: [care, 芳姐]
stats:
  - {stat: visits, value: 2, note: {zh: 王芳家和李秘密家, en: Wang Fang's and Li Mimi's homes}}
---
[[yang-quling]]上午探望了王芳，下午去看了[[li-mimi]]。芳姐说：“谢谢小杨。”

## 王芳的药

[[yang-quling|王芳的邻居小杨]]把药送到。`王芳` 和 [王芳的照片](https://example.org/photo.jpg) ![王芳在家](https://example.org/a.jpg "李秘密")

> 老李头说：“好。”

| 姓名 | 情况 |
|---|---|
| 王芳 | 好 |
"""

ENTRY_EN = """---
title: Visiting Wang Fang and Li Mimi
---
[[yang-quling]] visited Wang Fang in the morning and Li Mimi in the afternoon. Auntie Fang said thanks.

Wang Fang's medicine arrived. `Li Mimi` [[li-mimi|Li Mimi]].
"""


def leaky_chronicle(root: Path) -> Path:
    return write_tree(root, {
        "chronicle.yaml": "title: {zh: 日记, en: Diary}\nsubtitle: {zh: 记王芳的邻里, en: Wang Fang's neighbours}\n"
                          "languages: [zh, en]\n"
                          "tags:\n  care: {zh: 照顾王芳, en: Caring for Wang Fang}\n",
        "people.yaml": PEOPLE,
        "stats.yaml": "- id: visits\n  label: {zh: 探望王芳次数, en: Visits to Wang Fang}\n  kind: count\n"
                      "  description: {zh: 包括老李头, en: Includes Li Mimi}\n",
        "commendations.yaml": "categories:\n  - id: carers\n    name: {zh: 照顾王芳的人, en: Carers of Wang Fang}\n"
                              "    description: {zh: 感谢李秘密的邻居, en: Thanks to Li Mimi's neighbours}\n"
                              "    awards:\n      - person: yang-quling\n"
                              "        citation: {zh: 每天照顾王芳和老李头。, en: Looked after Wang Fang and Li Mimi daily.}\n"
                              "      - person: wang-fang\n"
                              "        citation: {zh: 芳姐组织互助。, en: Auntie Fang organised mutual aid.}\n",
        "entries/2020-01-23.md": ENTRY_ZH,
        "entries/2020-01-23.en.md": ENTRY_EN,
        "pages/about.md": "---\ntitle: 关于王芳\n---\n本站记录王芳所在的小区。\n",
        "pages/about.en.md": "---\ntitle: About Wang Fang\n---\nThe estate where Li Mimi lives.\n",
    })


@pytest.fixture(scope="module")
def leaky_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    content = leaky_chronicle(root / "content")
    out = root / "public"
    result = build(content, out)
    assert not result.report.errors
    return out


def forms(text: str) -> set[bytes]:
    """The ways a text can be written into a file."""
    utf8 = text.encode("utf-8")
    escaped = json.dumps(text)[1:-1]
    return {
        utf8,
        quote(text).encode(), quote(text, safe="").encode(), quote(text).lower().encode(),
        escaped.encode(), escaped.upper().replace("\\U", "\\u").encode(),
        "".join(f"&#{ord(c)};" for c in text).encode(), "".join(f"&#x{ord(c):x};" for c in text).encode(),
        text.encode("utf-16-be"), text.encode("utf-16-be").hex().upper().encode(),
    } - {b""}


def unpacked(data: bytes):
    """The bytes of a file and of everything packed inside it."""
    yield data
    if data[:2] == b"\x1f\x8b":
        try:
            yield from unpacked(gzip.decompress(data))
        except (OSError, EOFError):
            pass
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield from unpacked(archive.read(name))
    if data[:5] == b"%PDF-":
        for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
            try:
                yield zlib.decompress(stream)
            except zlib.error:
                yield stream
        if shutil.which("pdftotext"):   # the text as a reader copies it (glyphs are not UTF-8 in the file)
            yield subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True).stdout


def leaks(out: Path, secrets: list[str]) -> list[str]:
    needles = [(secret, form) for secret in secrets for form in forms(secret)]
    found = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        for part in unpacked(path.read_bytes()):
            for secret, form in needles:
                if form in part:
                    found.append(f"{secret!r} in {path.relative_to(out)}")
    return sorted(set(found))


def test_the_site_is_built_and_has_every_kind_of_output(leaky_site):
    names = {p.relative_to(leaky_site).as_posix() for p in leaky_site.rglob("*") if p.is_file()}
    for expected in ("zh/feed.xml", "en/feed.xml", "data/chronicle.json",
                     "zh/entries/2020-01-23/index.html", "en/commendations/index.html", "zh/pages/about/index.html"):
        assert expected in names
    assert len(names) > 30


def test_the_search_sees_inside_packed_files(leaky_site):
    """A control: a name that is published is found, also inside the packed search index and .docx."""
    found = leaks(leaky_site, ["杨趣玲"])
    packed = [f for f in found if f.endswith((".pf_fragment", ".docx"))]
    if shutil.which("pdftotext") and any(leaky_site.rglob("*.pdf")):
        assert any(f.endswith("zh.pdf") for f in found), found
    if any(p.suffix == ".pf_fragment" for p in leaky_site.rglob("*")) or any(leaky_site.rglob("*.docx")):
        assert packed, found
    assert any(f.endswith("data/chronicle.json") for f in found)


def test_no_restricted_name_alias_or_id_in_any_file(leaky_site):
    secrets = [name for names in RESTRICTED.values() for name in names]
    assert leaks(leaky_site, secrets) == []


def test_no_private_field_in_any_file(leaky_site):
    assert leaks(leaky_site, PRIVATE) == []


def test_labels_stand_in_for_the_names_everywhere_a_reader_looks(leaky_site):
    zh = (leaky_site / "zh/entries/2020-01-23/index.html").read_text(encoding="utf-8")
    en = (leaky_site / "en/entries/2020-01-23/index.html").read_text(encoding="utf-8")
    assert "<h1" in zh and re.search(r"<h1[^>]*>探望王某和一位居民</h1>", zh), "entry title"
    assert re.search(r"<h1[^>]*>Visiting W\. F\. and a resident</h1>", en)
    assert "王某家和一位居民家" in zh, "figure note"
    assert "照顾王某" in zh, "tag label"
    assert ">王某的邻居小杨</a>" in zh, "mention label"
    assert 'alt="王某在家"' in zh and 'title="一位居民"' in zh, "image text"
    assert "<code>王某</code>" in zh, "code is no hiding place"
    assert re.search(r'<h2 id="p-2"><a class="mention" href="[^"]+">王某</a>的药</h2>', zh), "headings"
    yang = (leaky_site / "zh/people/yang-quling/index.html").read_text(encoding="utf-8")
    assert "杨趣玲每天给王某和一位居民送药。" in yang, "another person's bio"
    assert "负责照顾王某" in yang and "一位居民所在楼栋" in yang, "role title and organisation"
    awards = (leaky_site / "en/commendations/index.html").read_text(encoding="utf-8")
    assert "Looked after W. F. and a resident daily." in awards, "citation"
    assert "Carers of W. F." in awards, "category name"
    page = (leaky_site / "zh/pages/about/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>关于王某</h1>", page), "page title"
    stats = (leaky_site / "en/stats/index.html").read_text(encoding="utf-8")
    assert "Visits to W. F." in stats and "Includes a resident" in stats, "statistic label and description"
    data = json.loads((leaky_site / "data/chronicle.json").read_text(encoding="utf-8"))
    assert data["entries"][0]["title"]["en"] == "Visiting W. F. and a resident"
    assert "王某" in data["entries"][0]["tags"]


def test_the_redaction_happens_in_the_graph(tmp_path):
    graph, report = check(leaky_chronicle(tmp_path / "content"))
    assert not report.errors, [d.format() for d in report.errors]
    entry = graph.entry_by_stem["2020-01-23"]
    assert entry.versions["zh"].title == "探望王某和一位居民"
    assert graph.config.tags["care"].get("en") == "Caring for W. F."
    yang = graph.person_by_id["yang-quling"].person
    assert yang.roles[0].org.get("zh") == "一位居民所在楼栋"
    assert graph.person_by_id["wang-fang"].names == {"zh": "王某", "en": "W. F."}
    assert graph.person_by_id["wang-fang"].person.name.get("zh") == "王芳", "the model keeps the name to find it"


def test_an_alias_that_holds_a_hidden_name_is_an_error_at_its_line(tmp_path):
    """An alias of someone else that contains the name would be shown on their profile: refused at its line."""
    content = leaky_chronicle(tmp_path / "content")
    people = PEOPLE.replace("  aliases: [小杨]\n", "  aliases: [小杨, 王芳的好邻居]\n")
    write_tree(content, {"people.yaml": people})
    out = tmp_path / "public"
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False)
    messages = [d.format().split("\n")[0] for d in info.value.report.errors]
    assert messages == ["people.yaml:23: error: the alias '王芳的好邻居' of yang-quling contains the name of wang-fang "
                        "(publish: initials); it would be published"]
    assert not out.exists(), "nothing was written"


def test_the_last_guard_stops_what_a_template_prints(tmp_path):
    """What the content does not say, a changed template can print: every output file is checked."""
    content = leaky_chronicle(tmp_path / "content")
    write_tree(content, {"templates/person.html": '{% extends "theme/person.html" %}\n'
                                                  '{% block title %}{{ p.person.aliases|join(",") }}{% endblock %}\n'})
    out = tmp_path / "public"
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False)
    messages = [d.format() for d in info.value.report.errors]
    assert len(messages) == 1 and messages[0].startswith(
        "error: the name of wang-fang (publish: initials) would be published in "), messages
    assert "a template in templates/ (person.html)" in messages[0]
    assert not out.exists(), "nothing was written"


def test_a_bare_surname_id_is_not_treated_as_a_name(tmp_path):
    """A restricted person with the id 'wang' must not stop the build because of someone called wang-jin."""
    content = write_tree(tmp_path / "content", {
        "chronicle.yaml": "title: 日记\nlanguages: [zh]\n",
        "people.yaml": "- id: wang\n  name: 王芳\n  publish: initials\n- id: wang-jin\n  name: 王进\n",
        "entries/2020-01-23.md": "---\ndate: 2020-01-23\n---\n[[wang]]和[[wang-jin]]。\n"})
    out = tmp_path / "public"
    build(content, out, search=False, with_reports=False)
    assert (out / "zh/people/wang-jin/index.html").is_file()
    assert leaks(out, ["王芳"]) == []


# ---------------------------------------------------------------------------- the scan of entry text


def resident_id(rng: random.Random) -> str:
    """A well-formed 18-digit resident ID: region, birth date, sequence, ISO 7064 MOD 11-2 check."""
    born = f"{rng.randint(1930, 2015)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = f"{rng.randint(110000, 659000)}{born}{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def test_resident_id_check_character():
    rng = random.Random(7064)
    for _ in range(200):
        number = resident_id(rng)
        assert is_resident_id(number), number
        wrong = number[:17] + next(c for c in "0123456789X" if c != number[17])
        assert not is_resident_id(wrong), wrong
    assert is_resident_id("11010519491231002X") and is_resident_id("11010519491231002x")
    assert not is_resident_id("123456789012345678"), "a serial number is not an ID"
    assert not is_resident_id("110105194913310023"), "no 13th month, whatever the check says"


def scan(chronicle_dir, body: str, config_extra: str = "", translation: str | None = None) -> list[str]:
    files = {"entries/2020-01-23.md": f"---\ndate: 2020-01-23\n---\n{body}\n"}
    if translation is not None:
        files["entries/2020-01-23.en.md"] = translation
    content = chronicle_dir(files, config="title: 日记\nlanguages: [zh, en]\n" + config_extra)
    _, report = check(content)
    return [d.format().split("\n")[0] for d in report.errors]


def test_the_scan_names_the_place_and_masks_the_number(chronicle_dir):
    errors = scan(chronicle_dir, "第一段。\n\n电话：13912345678\n\n身份证 11010519491231002X\n\n邮件 wang.fang@example.com")
    assert errors == [
        "entries/2020-01-23.md:6: error: text looks like a mobile phone number (139…78); it would be published",
        "entries/2020-01-23.md:8: error: text looks like a resident ID number (110…2X); it would be published",
        "entries/2020-01-23.md:10: error: text looks like an email address (wan…om); it would be published"]


def test_the_scan_covers_translations(chronicle_dir):
    errors = scan(chronicle_dir, "正文。", translation="---\ntitle: A\n---\nCall 13912345678.\n")
    assert errors == ["entries/2020-01-23.en.md:4: error: text looks like a mobile phone number (139…78); "
                      "it would be published"]


@pytest.mark.parametrize("text", [
    "单号123456789012345678。",        # 18 digits, no valid check character
    "110105194913310023",              # a check character, but no 13th month
    "订单号0139123456789",             # a mobile number inside a longer number
    "共13912345678901户",              # likewise
    "价格 12.5 元，共 3,730 户，2020-01-23 08:30",
    "邮箱写作 a(at)example.com",
])
def test_the_scan_leaves_ordinary_numbers_alone(chronicle_dir, text):
    assert scan(chronicle_dir, text) == []


def test_a_landline_is_a_phone_number_too(chronicle_dir):
    assert scan(chronicle_dir, "电话区号 010-12345678") == [
        "entries/2020-01-23.md:4: error: text looks like a phone number (010…78); it would be published"]


def test_allowed_numbers_and_addresses_pass(chronicle_dir):
    allow = 'privacy:\n  allow: ["12345", "13912345678", help@example.org]\n'
    assert scan(chronicle_dir, "热线13912345678，邮箱help@example.org。", allow) == []
    assert scan(chronicle_dir, "另一个13800000000。", allow) == [
        "entries/2020-01-23.md:4: error: text looks like a mobile phone number (138…00); it would be published"]
