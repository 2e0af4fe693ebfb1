"""chronicle book on small chronicles: privacy in print, same bytes twice, PDF/A, facing pages, pictures,
the command's errors, `book:` in chronicle.yaml and the books built with the site."""

from __future__ import annotations

import io
import subprocess

import pytest

from chronicle.build import build, check
from chronicle.reports import pdf as pdf_module
from tests.bookcheck import epub_parts, epub_text, epubcheck, outline, pdf_pages, squeeze
from tests.conftest import run_cli, write_tree

SECRETS = ("王芳", "Wang Fang", "wang-fang", "13912345678")


def _book(content, out, *args):
    result = run_cli("book", str(content), "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def test_privacy_holds_in_print_and_in_the_ebook(mini, tmp_path):
    pdf = _book(mini, tmp_path / "mini.pdf", "--lang", "zh,en")
    epub = _book(mini, tmp_path / "mini.epub", "--lang", "zh,en")
    text = "".join(pdf_pages(pdf))
    parts = epub_parts(epub)
    for secret in SECRETS:
        assert secret not in text
        for name, data in parts.items():
            assert secret.encode() not in data, (secret, name)
    assert "王某在家" in squeeze(text), "the label stands where the name was written"
    people = parts["OEBPS/people.xhtml"].decode()
    block = people[people.index('id="person-p-1"'):]
    block = block[:block.index("</div>")]
    assert "王某" in block and "W. F." in block and "又称" not in block, "label only: no aliases, no bio"
    assert "王某" in parts["OEBPS/index-people.xhtml"].decode()
    code, output = epubcheck(epub)
    assert code == 0, output


def test_the_guard_stops_a_book_that_would_name_a_restricted_person(mini, tmp_path, monkeypatch):
    from chronicle.book import sections
    original = sections.Sections.title_page
    monkeypatch.setattr(sections.Sections, "title_page", lambda self: original(self) + "<p>王芳</p>")
    for name in ("leak.epub", "leak.pdf"):
        result = run_cli("book", str(mini), "-o", str(tmp_path / name))
        assert result.exit_code == 1, result.output
        assert "the name of wang-fang (publish: initials) would be published in" in result.output and "Book not written" in result.output
        assert not (tmp_path / name).exists()


def test_same_content_same_bytes(mini, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for suffix in ("epub", "pdf"):
        first = _book(mini, tmp_path / f"a.{suffix}").read_bytes()
        second = _book(mini, tmp_path / f"b.{suffix}").read_bytes()
        assert first == second, suffix
    from pypdf import PdfReader
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20200208"), "the last entry's date"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = _book(mini, tmp_path / "c.pdf").read_bytes()
    assert PdfReader(io.BytesIO(stamped)).metadata["/CreationDate"].startswith("D:20231114")
    epub = _book(mini, tmp_path / "c.epub")
    assert b'"dcterms:modified">2023-11-14T22:13:20Z' in epub_parts(epub)["OEBPS/content.opf"]


def test_pdf_a_variant_says_so_in_its_xmp(mini, tmp_path):
    from pypdf import PdfReader
    path = _book(mini, tmp_path / "archive.pdf", "--pdf-variant", "pdf/a-3b")
    xmp = PdfReader(str(path)).xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp


def test_facing_pages_put_the_original_left_and_the_translation_right(mini, tmp_path):
    path = _book(mini, tmp_path / "facing.pdf", "--lang", "zh,en", "--facing")
    pages = pdf_pages(path)
    left = next(i + 1 for i, page in enumerate(pages) if "紧急会议" in page and "晚上开会" in page)
    right = next(i + 1 for i, page in enumerate(pages) if "A meeting in the evening" in page)
    assert left % 2 == 0 and right == left + 1
    lantern_zh = next(i + 1 for i, page in enumerate(pages) if "今天是元宵节" in page)
    assert lantern_zh % 2 == 0


def test_pictures_are_printed_and_packed(tmp_path):
    from PIL import Image
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(picture, "PNG")
    content = write_tree(tmp_path / "content", {
        "chronicle.yaml": "title: Pictures\nlanguages: [en]\n",
        "media/snow street.png": picture.getvalue(),
        "entries/2021-01-04.md": """
            ---
            date: 2021-01-04
            title: Snow
            ---
            ![A snowy street](media/snow street.png)

            ![a picture from elsewhere](https://example.org/x.png)
            """,
    })
    pdf = _book(content, tmp_path / "p.pdf")
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    drawn = [line.split() for line in listing.splitlines()[2:]]
    assert len(drawn) == 1 and drawn[0][3:5] == ["40", "30"], listing
    assert "Snow" in pdf_pages(pdf)[int(drawn[0][0]) - 1]
    epub = _book(content, tmp_path / "p.epub")
    parts = epub_parts(epub)
    assert parts["OEBPS/images/img-1.png"] == picture.getvalue()
    assert b'media-type="image/png"' in parts["OEBPS/content.opf"]
    assert b"example.org" not in b"".join(parts.values()) and "a picture from elsewhere" in epub_text(epub)
    code, output = epubcheck(epub)
    assert code == 0, output


@pytest.mark.parametrize("args, message", [
    (["-o", "book.doc"], "cannot tell the format from 'book.doc'"),
    (["-o", "b.pdf", "--lang", "fr"], "'fr' is not one of the chronicle's languages"),
    (["-o", "b.pdf", "--lang", "zhh"], "did you mean 'zh'?"),
    (["-o", "b.pdf", "--lang", "zh,en,zh"], "a book is in one language or two different ones"),
    (["-o", "b.pdf", "--facing"], "--facing needs a bilingual PDF"),
    (["-o", "b.epub", "--lang", "zh,en", "--facing"], "--facing needs a bilingual PDF"),
    (["-o", "b.epub", "--pdf-variant", "pdf/a-3b"], "--pdf-variant applies to a PDF only"),
    (["-o", "b.epub", "--format", "pdf"], "'b.epub' is not a .pdf file"),
    (["-o", "b.pdf", "--paper", "a6"], "'a6' is not one of"),
])
def test_wrong_options_are_refused_with_exit_2(mini, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run_cli("book", str(mini), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not list(tmp_path.glob("b*.*"))


def test_content_errors_and_a_missing_font_stop_the_book(mini, tmp_path, monkeypatch):
    (mini / "entries" / "2020-01-25.md").write_text("---\ndate: 2020-01-26\n---\ntext\n", encoding="utf-8")
    result = run_cli("book", str(mini), "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 1 and "Book not written: " in result.output and "in the content" in result.output
    (mini / "entries" / "2020-01-25.md").unlink()
    monkeypatch.setattr(pdf_module, "chinese_fonts", list)
    result = run_cli("book", str(mini), "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 1 and "fonts-noto-cjk" in result.output
    assert not (tmp_path / "b.pdf").exists()
    assert run_cli("book", str(mini), "-o", str(tmp_path / "b.epub")).exit_code == 0, "the EPUB needs no fonts"


@pytest.mark.parametrize("book, message", [
    ("book: {paper: A6}", "'A6' is not a paper size"),
    ("book: {formats: [pdf, mobi]}", "'mobi' is not a format"),
    ("book: {languages: [zh, fr]}", "'fr' is not one of the chronicle's languages (zh, en)"),
    ("book: {languages: [zh+en+zh]}", "a book is in one language or two different ones"),
    ("book: {languages: [zh, zh]}", "the edition 'zh' is listed twice"),
    ("book: {name: My Book}", "'My Book' is not a valid id"),
    ("book: [pdf]", "book must be a mapping"),
])
def test_book_settings_are_checked(mini, book, message):
    config = mini / "chronicle.yaml"
    config.write_text(config.read_text(encoding="utf-8") + book + "\n", encoding="utf-8")
    result = run_cli("check", str(mini))
    assert result.exit_code == 1, result.output
    assert "chronicle.yaml" in result.output and message in result.output


def test_book_settings_are_read(mini):
    config = mini / "chronicle.yaml"
    base = config.read_text(encoding="utf-8")
    config.write_text(base + "book: {formats: [epub], languages: [en, 'zh,en'], paper: B5, appendix: [preface]}\n",
                      encoding="utf-8")
    graph, report = check(mini)
    assert graph is not None, report.items
    book = graph.config.book
    assert (book.formats, book.editions, book.paper, book.name, book.appendix) == \
        (("epub",), (("en",), ("zh", "en")), "b5", "book", ("preface",))
    config.write_text(base + "book: true\n", encoding="utf-8")
    graph, _ = check(mini)
    assert graph.config.book.editions == (("zh",), ("en",)) and graph.config.book.formats == ("pdf", "epub")


def test_the_site_links_the_books_book_asks_for(mini, tmp_path):
    out = tmp_path / "site"
    build(mini, out, search=False)
    assert not (out / "zh" / "book").exists() and "book-downloads" not in (out / "zh/index.html").read_text("utf-8")
    config = mini / "chronicle.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "book: {formats: [pdf, epub], languages: [zh+en], appendix: [prefase]}\n", encoding="utf-8")
    result = build(mini, out, search=False)
    assert any("appendix page 'prefase'" in d.message and "did you mean 'preface'?" in d.hint
               for d in result.report.warnings)
    for fmt in ("pdf", "epub"):
        assert (out / f"zh/book/book-zh-en.{fmt}").stat().st_size > 1000
    zh, en = ((out / f"{lang}/index.html").read_text("utf-8") for lang in ("zh", "en"))
    assert 'href="book/book-zh-en.pdf"' in zh and 'href="book/book-zh-en.epub"' in zh
    assert 'href="../zh/book/book-zh-en.epub"' in en and "E-book, EPUB (中文 + English)" in en
    again = run_cli("book", str(mini), "-o", str(tmp_path / "same.epub"), "--lang", "zh,en")
    assert again.exit_code == 0
    assert (tmp_path / "same.epub").read_bytes() == (out / "zh/book/book-zh-en.epub").read_bytes()


def test_appendix_pages_move_to_the_back(mini, tmp_path):
    config = mini / "chronicle.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "book: {appendix: [preface]}\n", encoding="utf-8")
    path = _book(mini, tmp_path / "b.pdf")
    marks = [title for level, title, _ in outline(path) if level == 1]
    assert marks.index("前言") > marks.index("人物"), marks


def test_the_lists_are_labelled_as_the_content_labels_them(mini):
    from types import SimpleNamespace

    from chronicle.book.model import build_book
    graph, _ = check(mini)
    lists = build_book(graph, ("zh", "en")).lists
    assert lists.status == "compiled" and lists.title["zh"] == "编者据日记整理的建议表彰名单（草稿）"
    assert lists.note["en"] == "Compiled from the diary; not an official decision."
    object.__setattr__(graph.chronicle, "lists", SimpleNamespace(status="adopted"))
    lists = build_book(graph, ("en",)).lists
    assert lists.status == "adopted" and lists.note is None and lists.title["en"] == "Commendations as adopted"


def test_block_html_becomes_xhtml_with_book_wide_ids():
    from chronicle.book.xhtml import rewrite
    html = ('<p id="p-1">A<br>B <a class="mention" href="chronicle:zh/people/li-yun/">李云</a> '
            '<a href="#fn:1">1</a> <a href="https://example.org/?a=1&amp;b=2">web</a> '
            '<img src="chronicle:media/a.jpg" alt="x"><img src="https://example.org/b.png" alt="far">\x0b</p>'
            '<hr><a class="mention" href="chronicle:zh/people/nobody/">某</a>')
    done = rewrite(html, "e-2020-01-23", {"li-yun": "person-li-yun"})
    assert done.html == (
        '<p id="e-2020-01-23-p-1">A<br/>B <a class="mention" id="e-2020-01-23-m1" href="#person-li-yun">李云</a> '
        '1 <a class="external" href="https://example.org/?a=1&amp;b=2">web</a> '
        '<img src="media/a.jpg" alt="x"/><span class="image-alt">far</span></p><hr/>某')
    assert [(m.pid, m.id, m.text) for m in done.mentions] == [("li-yun", "e-2020-01-23-m1", "李云")]
    assert done.images == ["media/a.jpg"]


def test_markdown_of_every_kind_makes_a_valid_epub(tmp_path):
    content = write_tree(tmp_path / "content", {
        "chronicle.yaml": "title: Markdown\nlanguages: [en]\nautolink: true\n",
        "people.yaml": "- id: ann\n  name: Ann Lee\n",
        "media/x.webp": b"RIFF0000WEBP",
        "entries/2021-01-01.md": """
            ---
            date: 2021-01-01
            ---
            ## A heading with Ann Lee

            Some *emphasis*, `code Ann Lee`, a [link](https://example.org/a?b=1&c=2), a footnote.[^1]

            - two with [[ann]]

            > a quote

            | a | b |
            |---|---|
            | 1 | 2 |

            Term
            : definition

            ***

            A [relative link](../other/), [in the page](#x) and ![a webp picture](media/x.webp).

            <details><summary>More</summary>Hidden</details>

            [^1]: The note.
            """,
    })
    epub = _book(content, tmp_path / "m.epub")
    code, output = epubcheck(epub)
    assert code == 0 and "0 errors / 0 warnings" in output, output
    text = epub_text(epub)
    assert "a webp picture" in text and "x.webp" not in "".join(epub_parts(epub))
    assert "relative link" in text and "../other/" not in epub_parts(epub)["OEBPS/e-2021-01-01.xhtml"].decode()


def test_a_chronicle_without_entries_makes_no_book(tmp_path):
    content = write_tree(tmp_path / "content", {"chronicle.yaml": "title: Empty\nlanguages: [en]\n"})
    result = run_cli("book", str(content), "-o", str(tmp_path / "b.epub"))
    assert result.exit_code == 1 and "there is no entry to print" in result.output
    assert not (tmp_path / "b.epub").exists()
