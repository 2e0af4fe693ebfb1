"""Hostile privacy: every way a hidden name or a private value could reach a published file.

A person published as ``initials`` must not be named in any spelling (case, spaces, fullwidth,
invisible characters, surname first, URL and HTML encodings, Chinese with a space inside), in any
output (pages, feeds, JSON, CSV, ICS, reports, the decompressed search index, file names). A value
under ``private:`` must not be published wherever it is pasted. What cannot be replaced is an error
at its file and line, with exit code 1, the previous site untouched, and never a traceback.

Outputs are searched by this file's own reader (``normal``), not by chronicle's: every file is read
raw, gunzipped (Pagefind's ``pagefind_dcd`` files), unzipped (.docx) and as PDF text (pdftotext).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote_plus

import pytest

from chronicle.build import build, check
from chronicle.graph.secrets import Watchlist
from chronicle.model import Secret
from chronicle.output.guard import Guard, Leak
from tests.conftest import ROOT, run_cli, write_tree

CONFIG = "title: {zh: 邻里日记, en: Neighbours}\nlanguages: [zh, en]\n"
PEOPLE = """\
- id: grace
  name: {zh: 王芳, en: Grace Okafor}
  aliases: [the Chief, 芳姐]
  publish: initials
  private:
    phone: "+44 7700 900123"
    address: 12 Rose Street
    health: {zh: 糖尿病史, en: Type 2 diabetes}
    sex: female
    pin: "4711"
- id: bob
  name: {zh: 鲍勃, en: Bob Smith}
  bio: {zh: 鲍勃是志愿者。, en: Bob volunteers.}
"""
ENTRY = """\
---
date: 2020-01-23
people: [bob]
---
鲍勃来了。
"""
ENTRY_EN = "---\ntitle: A visit\n---\nBob came.\n"
COMMENDATIONS = ("categories:\n  - id: helpers\n    name: {zh: 志愿者, en: Volunteers}\n    awards:\n"
                 "      - person: bob\n        citation: {zh: 每天帮忙。, en: Helped every day.}\n")
HIDDEN = ["Grace Okafor", "王芳", "芳姐", "the Chief", "Okafor Grace", "graceokafor"]
PRIVATE = ["+44 7700 900123", "7700900123", "12 Rose Street", "糖尿病史", "Type 2 diabetes"]


def chronicle(root: Path, files: dict | None = None) -> Path:
    """The clean chronicle, with ``files`` changed (a None text leaves a file out)."""
    tree = {"chronicle.yaml": CONFIG, "people.yaml": PEOPLE, "entries/2020-01-23.md": ENTRY,
            "entries/2020-01-23.en.md": ENTRY_EN, "commendations.yaml": COMMENDATIONS, **(files or {})}
    return write_tree(root, {name: text for name, text in tree.items() if text is not None})


# ---------------------------------------------------------------------------- an independent reader of outputs


def normal(text: str) -> str:
    """Text as it reads: escapes undone, compatibility forms, case, invisible characters, spacing."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = unquote_plus(html.unescape(text))
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Mn"))
    text = re.sub(r"[\W_]+", " ", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


def parts(out: Path):
    """(name, text) of every output file, of everything packed inside it, and of every file name."""
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        yield rel + " (name)", rel
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield rel, data.decode("utf-8", "replace")
        if data[:2] == b"\x1f\x8b":
            inner = gzip.decompress(data)
            assert inner.startswith(b"pagefind_dcd") or not path.suffix.startswith(".pf_"), rel
            yield rel + " (gunzipped)", inner.decode("utf-8", "replace")
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    yield f"{rel} ({name})", archive.read(name).decode("utf-8", "replace")
        if data[:5] == b"%PDF-" and shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True).stdout
            yield rel + " (pdf text)", text.decode("utf-8", "replace")


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def leaks(out: Path, secrets: list[str]) -> list[str]:
    found = []
    wanted = [(s, normal(s).strip()) for s in secrets]
    for name, text in parts(out):
        plain = normal(text)
        squeezed = plain.replace(" ", "")
        numbers = digits_of(text)
        for secret, form in wanted:
            if digits_of(secret) == secret.replace(" ", "").lstrip("+") and len(digits_of(secret)) > 6:
                if digits_of(secret)[-10:] in numbers:
                    found.append(f"{secret!r} in {name}")
            elif form in plain or (len(form) > 6 and form.replace(" ", "") in squeezed.split(" ")):
                found.append(f"{secret!r} in {name}")
    return sorted(set(found))


def state(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def old_site(tmp_path_factory):
    """A site built from the clean chronicle: every failing build below must leave it as it is."""
    root = tmp_path_factory.mktemp("old")
    out = root / "public"
    build(chronicle(root / "content"), out, search=False, with_reports=False)
    return out


def refused(tmp_path: Path, old_site: Path, *command: str, files: dict | None = None) -> str:
    """Run a verb on a changed chronicle: exit 1, no traceback, the old site as it was. Returns the output."""
    content = chronicle(tmp_path / "content", files)
    out = tmp_path / "public"
    shutil.copytree(old_site, out)
    before = state(out)
    args = [a.replace("{content}", str(content)).replace("{out}", str(out)) for a in
            (command or ("build", "{content}", "--out", "{out}", "--no-search"))]
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert state(out) == before, "the previous site is untouched"
    return result.output.replace(str(content) + "/", "")


# ---------------------------------------------------------------------------- variants become the label


VARIANTS_ZH = """\
---
date: 2020-01-24
title: {zh: "王 芳来访", en: "GRACE  OKAFOR visits"}
people: [bob]
stats: []
---
鲍勃和王　芳、芳姐一起。王\u200b芳也在。

Grace  Okafor, GRACE OKAFOR, grace okafor, Ｇｒａｃｅ Ｏｋａｆｏｒ, Grace\u00a0Okafor, Gra\u00adce Okafor,
Grace\u200bOkafor, Okafor, Grace, grace-okafor, Grace
Okafor and the chief came. `GRACE OKAFOR` ![Grace  Okafor](https://example.org/a.png "grace okafor")
"""


@pytest.fixture(scope="module")
def variant_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("variants")
    content = chronicle(root / "content")
    write_tree(content, {"entries/2020-01-24.md": VARIANTS_ZH,
                         "entries/2020-01-24.en.md": "---\ntitle: Okafor,  Grace came\n---\n"
                                                     + VARIANTS_ZH.split("---\n", 2)[2]})
    out = root / "public"
    result = build(content, out, search=True)
    assert not result.report.errors
    return out


def test_every_spelling_of_a_hidden_name_becomes_the_label(variant_site):
    zh = (variant_site / "zh/entries/2020-01-24/index.html").read_text(encoding="utf-8")
    en = (variant_site / "en/entries/2020-01-24/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>王某来访</h1>", zh) and re.search(r"<h1[^>]*>G\. O\. came</h1>", en)
    assert zh.count(">王某</a>") >= 12, "each variant is a linked label"
    assert "<code>王某</code>" in zh and 'alt="王某"' in zh and 'title="王某"' in zh
    assert en.count(">G. O.</a>") >= 10 and "<code>G. O.</code>" in en


def test_no_spelling_of_a_hidden_name_is_in_any_output(variant_site):
    assert any(variant_site.rglob("*.pf_fragment")), "search is on: the index is searched too"
    assert any(variant_site.rglob("*.docx")), "and the reports"
    assert leaks(variant_site, HIDDEN) == []


def test_the_reader_of_outputs_sees_inside_the_index_and_reports(variant_site):
    """A control for the test above: a published name is found in the gunzipped index and in the .docx."""
    found = leaks(variant_site, ["Bob Smith"])
    assert any("pf_fragment (gunzipped)" in f for f in found), found
    assert any(".docx (word/document.xml)" in f for f in found), found


def test_no_private_value_is_in_any_output(variant_site):
    assert leaks(variant_site, PRIVATE) == []


# ---------------------------------------------------------------------------- what cannot be replaced is refused


@pytest.mark.parametrize("address", [
    "https://example.org/?q=Grace+Okafor", "https://example.org/Grace%20Okafor", "media/grace_okafor.jpg",
    "https://example.org/GRACE-OKAFOR", "https://example.org/&#71;race+Okafor", "https://example.org/%E7%8E%8B%E8%8A%B3"])
def test_a_hidden_name_in_an_address_is_an_error_at_its_line(tmp_path, old_site, address):
    body = ENTRY + f"\n第二段。\n\n[照片]({address})\n"
    output = refused(tmp_path, old_site, files={"entries/2020-01-23.md": body})
    assert "entries/2020-01-23.md:9: error: a link or image address contains the name of a person who is published " \
           "as initials or anonymously" in output


@pytest.mark.parametrize("name", ["media/grace-okafor.jpg", "media/Grace Okafor/photo.jpg", "media/王芳.png",
                                  "media/OKAFOR_GRACE.pdf"])
def test_a_media_file_named_after_a_hidden_person_is_an_error(tmp_path, old_site, name):
    output = refused(tmp_path, old_site, files={name: b"\x89PNG"})
    assert f"{name}: error: the file name contains the name of grace (publish: initials); it would be " \
           "published" in output


def test_a_name_split_by_formatting_is_an_error_at_its_line(tmp_path, old_site):
    body = ENTRY + "\nGrace Okafor 在家。\n\n**Grace** Okafor came.\n"
    output = refused(tmp_path, old_site, files={"entries/2020-01-23.md": body})
    assert "entries/2020-01-23.md:9: error: the name of grace (publish: initials) is split by formatting" in output
    assert ":7:" not in output, "the line where the name is whole is redacted, not refused"


# ---------------------------------------------------------------------------- private values wherever pasted


@pytest.mark.parametrize("where,files,place", [
    ("body, national form", {"entries/2020-01-23.md": ENTRY + "\n电话 07700 900123。\n"}, "entries/2020-01-23.md:7"),
    ("body, no spaces", {"entries/2020-01-23.md": ENTRY + "\nx\n\nCall 07700900123\n"}, "entries/2020-01-23.md:9"),
    ("body, international", {"entries/2020-01-23.en.md": ENTRY_EN + "Call +447700900123.\n"},
     "entries/2020-01-23.en.md:5"),
    ("address in a title", {"entries/2020-01-23.md": ENTRY.replace("people: [bob]\n",
                            "people: [bob]\ntitle: {zh: 探访 12 ROSE  STREET, en: A visit}\n")}, "entries/2020-01-23.md:4"),
    ("health in a citation", {"commendations.yaml": COMMENDATIONS.replace("每天帮忙。", "照顾糖尿病史老人。")},
     "commendations.yaml:6"),
    ("in another's bio", {"people.yaml": PEOPLE.replace("Bob volunteers.", "Bob knows Type 2 Diabetes well.")},
     "people.yaml:13"),
    ("in a page", {"pages/about.md": "---\ntitle: 关于\n---\n第一段。\n\n地址：12 Rose Street。\n"}, "pages/about.md:6"),
    ("in a text file of media", {"media/notes.txt": "notes\n+44 (0)7700 900 123\n"}, "media/notes.txt:2"),
])
def test_a_private_value_is_an_error_at_its_line_naming_the_field(tmp_path, old_site, where, files, place):
    output = refused(tmp_path, old_site, files=files)
    assert re.search(re.escape(place) + r": error: (text|the file) contains the private field '(phone|address|health\.\w+)' "
                     r"of grace \(people\.yaml line \d+\); it would be published", output), output
    for value in ("7700", "Rose", "diabetes", "糖尿病"):
        assert value.lower() not in output.lower().split("error:")[1].split("\n")[0], "the value is not echoed"


def test_short_and_common_private_values_are_not_secrets(tmp_path):
    content = chronicle(tmp_path / "content", {"entries/2020-01-23.en.md": ENTRY_EN
                        + "A female volunteer counted 4711 boxes in 2020.\n"})
    _, report = check(content)
    assert report.errors == []


def test_a_short_private_number_is_found_only_as_a_whole_number():
    watch = Watchlist([], [Secret("grace", "postcode", "832000", 9)], ("zh",))
    assert [h.field for *_, h in watch.values_in("邮编 832000。")] == ["postcode"]
    assert watch.values_in("坐标 18.3 2000.5，共1832000元") == [], "not inside other numbers, nor joined ones"
    assert watch.first_in_output(b'<path d="M 18.3 2000.5 L 4 5"/>') is None


@pytest.mark.parametrize("alias", ["阿姨", "我们", "the", "Mr", "of the"])
def test_common_words_are_not_aliases(chronicle_dir, alias):
    content = chronicle_dir({"people.yaml": f"- id: a\n  name: 张三\n  aliases: [张老师, {alias}]\n",
                             "entries/2020-01-23.md": "---\ndate: 2020-01-23\n---\n[[a]]\n"})
    _, report = check(content)
    assert [d.format().split("\n")[0] for d in report.errors] == [
        f"people.yaml:3: error: alias '{alias}' of a is a common word, not a name"]


def test_private_values_never_enter_the_graph(tmp_path):
    graph, report = check(chronicle(tmp_path / "content"))
    assert not report.errors
    assert graph.chronicle.secrets == ()
    assert "7700" not in repr(graph.chronicle) and "Rose" not in repr(graph.chronicle)


# ---------------------------------------------------------------------------- the PII scan


@pytest.mark.parametrize("text,kind", [
    ("Call +44 7911 123456 today.", "a phone number"), ("Ring 07911 123456.", "a phone number"),
    ("Call (415) 555-0132.", "a phone number"), ("Tél. 06 12 34 56 78", "a phone number"),
    ("+33 6 12 34 56 78", "a phone number"), ("电话 010-12345678", "a phone number"),
    ("SSN 123-45-6789", "a US social security number"), ("NI QQ 12 34 56 C", "a UK National Insurance number"),
    ("IBAN GB82 WEST 1234 5698 7654 32", "a bank account number (IBAN)"),
    ("身份证 11010519491231002X", "a resident ID number"), ("mail grace@example.com", "an email address"),
])
def test_personal_data_shapes_are_errors_at_their_line(chronicle_dir, text, kind):
    content = chronicle_dir({"entries/2020-01-23.md": f"---\ndate: 2020-01-23\n---\n第一段。\n\n{text}\n"})
    _, report = check(content)
    lines = [d.format().split("\n")[0] for d in report.errors]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"entries/2020-01-23.md:6: error: text looks like {kind} (")
    assert lines[0].endswith("); it would be published") and "…" in lines[0], "the number is masked"


@pytest.mark.parametrize("text", [
    "3,730 households", "2020-01-23", "23.01.2020", "1/23/2020", "08:30-17:30", "1998–2001", "2019-2020",
    "12345678 visitors", "共3730户", "价格 12.5 元", "1,234,567 yuan", "ISBN 978-3-16-148410-0", "page 123-145",
    "订单号0139123456789", "COVID-19", "N95 masks", "Route 66",
])
def test_figures_and_dates_are_never_personal_data(chronicle_dir, text):
    content = chronicle_dir({"entries/2020-01-23.md": f"---\ndate: 2020-01-23\n---\n{text}\n"})
    _, report = check(content)
    assert report.items == [] or all("translation" in d.message for d in report.items), \
        [d.format() for d in report.items]


def test_the_allow_comment_lets_one_line_through(chronicle_dir, tmp_path):
    entry = ("---\ndate: 2020-01-23\ntitle: {zh: 热线 010-12345678}  # chronicle: allow-private\n---\n"
             "热线 010-12345678 <!-- chronicle: allow-private -->\n\n")
    content = chronicle_dir({
        "entries/2020-01-23.md": entry + "家里 010-87654321\n",
        "commendations.yaml": "categories:\n  - id: c\n    name: 热线 0993-1234567  # chronicle: allow-private\n"})
    _, report = check(content)
    assert [d.format().split("\n")[0] for d in report.errors] == [
        "entries/2020-01-23.md:7: error: text looks like a phone number (010…21); it would be published"]
    write_tree(content, {"entries/2020-01-23.md": entry})
    build(content, tmp_path / "public", search=False, with_reports=False)
    page = (tmp_path / "public/zh/entries/2020-01-23/index.html").read_text(encoding="utf-8")
    assert "热线 010-12345678" in page and "allow-private" not in page, "the comment itself is not published"


def test_a_street_address_is_a_warning(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-23.md": "---\ndate: 2020-01-23\n---\n地址：幸福路3号。\n",
                             "entries/2020-01-23.en.md": "---\ntitle: A\n---\nShe lives at 12 Rose Street.\n"})
    _, report = check(content)
    assert report.errors == []
    assert sorted(d.format().split("\n")[0] for d in report.warnings) == [
        "entries/2020-01-23.en.md:4: warning: text looks like a street address (12 …et); it would be published",
        "entries/2020-01-23.md:4: warning: text looks like a street address (…); it would be published"]


def test_bundled_content_has_no_privacy_findings():
    _, report = check(ROOT / "content")
    assert report.items == [], [d.format() for d in report.items]


# ---------------------------------------------------------------------------- aliases that cannot mean one person


@pytest.mark.parametrize("alias,reason", [
    ("the", "is a common word, not a name"), ("She", "is a common word, not a name"),
    ("社区", "is a word of the theme's own text (in the message catalog zh.yaml: '社区工作人员')"),
    ("工作人员", "is a word of the theme's own text"),
])
def test_an_alias_that_means_nobody_is_an_error_at_its_line(tmp_path, old_site, alias, reason):
    people = PEOPLE.replace("  aliases: [the Chief, 芳姐]\n", f"  aliases:\n    - the Chief\n    - {alias}\n")
    output = refused(tmp_path, old_site, files={"people.yaml": people})
    assert f"people.yaml:5: error: alias '{alias}' of grace {reason}" in output


@pytest.mark.parametrize("verb", [("build", "{content}", "--out", "{out}", "--no-search"), ("check", "{content}"),
                                  ("report", "commendations", "{content}", "-o", "{out}/r.docx"),
                                  ("report", "person", "bob", "{content}", "-o", "{out}/r.md")])
def test_an_alias_shared_with_a_hidden_person_is_an_error_in_every_verb(tmp_path, old_site, verb):
    people = PEOPLE + "  aliases: [THE CHIEF]\n"
    output = refused(tmp_path, old_site, *verb, files={"people.yaml": people})
    assert "people.yaml:14: error: 'THE CHIEF' of bob is 'the Chief' of grace written another way, and grace is " \
           "published as initials" in output


def test_a_restricted_alias_exactly_shared_is_an_error_too(tmp_path, old_site):
    output = refused(tmp_path, old_site, "report", "commendations", "{content}", "-o", "{out}/r.docx",
                     files={"people.yaml": PEOPLE + "  aliases: [芳姐]\n"})
    assert "people.yaml:14: error: alias '芳姐' of bob is already the name or alias of grace" in output


# ---------------------------------------------------------------------------- the last guard


def test_a_template_that_prints_a_hidden_name_is_refused_without_traceback(tmp_path, old_site):
    template = '{% extends "theme/person.html" %}\n{% block title %}{{ p.person.name.get("en") }}{% endblock %}\n'
    output = refused(tmp_path, old_site, "build", "{content}", "--out", "{out}", files={"templates/person.html": template})
    assert re.search(r"error: the name of grace \(publish: initials\) would be published in (zh|en)/people/p-1/"
                     r"index\.html\n    .*a template in templates/ \(person\.html\)", output), output


def test_the_cli_prints_no_traceback_in_a_real_process(tmp_path, old_site):
    content = chronicle(tmp_path / "content", {"templates/person.html": (
        '{% extends "theme/person.html" %}\n{% block title %}{{ p.person.id }}x{{ p.person.aliases }}{% endblock %}\n')})
    out = tmp_path / "public"
    shutil.copytree(old_site, out)
    done = subprocess.run([sys.executable, "-m", "chronicle", "build", str(content), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert "the name of grace (publish: initials) would be published in" in done.stderr


def test_the_guard_reads_the_decompressed_search_index(variant_site):
    """Pagefind's files are gzip behind a signature, holding JSON or CBOR: a name in them is found."""
    guard = Guard(Watchlist([], [Secret("bob", "nickname", "Bob Smith", 12)], ("zh", "en")))
    with pytest.raises(Leak) as info:
        guard.search_index(variant_site)
    assert info.value.message.startswith("the private field 'nickname' of bob would be published in pagefind/")
    cbor_only = Guard(Watchlist([], [Secret("x", "month", "January 2020", 1)], ("en",)))
    with pytest.raises(Leak) as info:
        cbor_only.search_index(variant_site)
    assert info.value.message.endswith((".pf_filter", ".pf_fragment", ".pf_meta", ".pf_index"))
