"""The memorial book of the bundled diary and of an English-first chronicle, read back with poppler, pypdf and
epubcheck: every entry title in the text, a bookmark per entry, the fonts embedded, a people index whose page
numbers lead to pages that print the name, and a valid EPUB 3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chronicle.build import check
from tests.bookcheck import epub_parts, epub_text, epubcheck, fonts, index_entries, outline, pdf_pages, squeeze
from tests.conftest import ROOT, run_cli, write_tree

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def diary():
    graph, report = check(CONTENT)
    assert graph is not None, report.items
    return graph


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The three books the issue names, made once through the command a user runs."""
    folder = tmp_path_factory.mktemp("books")
    made = {}
    for name, args in (("zh.pdf", ["--lang", "zh"]), ("en.epub", ["--lang", "en"]), ("zh-en.pdf", ["--lang", "zh,en"])):
        result = run_cli("book", str(CONTENT), "-o", str(folder / name), *args)
        assert result.exit_code == 0, result.output
        assert f"Wrote {folder / name}" in result.output
        made[name] = folder / name
    return made


def _check_people_index(path: Path, pages: list[str], heading: str, graph, lang: str) -> list[tuple[str, list[int]]]:
    marks = outline(path)
    assert marks[-1][:2] == (1, heading), "the people index is the last part of the book"
    start = marks[-1][2]
    assert heading in pages[start - 1]
    entries = index_entries(pages, start)
    assert entries, "no index entries were found"
    for name, numbers in entries:
        assert numbers == sorted(set(numbers)), f"{name}: pages in order, each once: {numbers}"
        for number in numbers:
            assert number < start, f"{name}: page {number} is before the index"
            assert squeeze(name) in squeeze(pages[number - 1]), f"page {number} does not print {name}"
    mentioned = {p.names[lang] for p in graph.people if p.entries}
    assert {name for name, _ in entries} == mentioned
    return entries


def test_chinese_pdf_has_every_entry_its_bookmarks_fonts_and_index(books, diary):
    path = books["zh.pdf"]
    pages = pdf_pages(path)
    text = squeeze("".join(pages))
    for node in diary.entries:
        assert squeeze(node.versions["zh"].title) in text, node.stem
    assert "2020年1月23日" in text and "大年二十九" in text, "the date line as the diary wrote it"
    embedded = fonts(path)
    assert embedded and all(flag == "yes" for _, flag in embedded), embedded
    assert any("CJK" in name for name, _ in embedded)
    marks = outline(path)
    entries = [(title, page) for level, title, page in marks if level == 2]
    assert [t for t, _ in entries] == [e.versions["zh"].title for e in diary.entries], "one bookmark per entry, in order"
    for title, page in entries:
        assert squeeze(title) in squeeze(pages[page - 1]), f"the bookmark of {title} leads to its page"
    parts = [title for level, title, _ in marks if level == 1]
    assert parts[:1] == ["前言"] and {"紧急动员", "封闭管理", "恢复秩序", "人物", "数据", "词汇表", "人名索引"} <= set(parts)
    assert parts[-1] == "人名索引"
    _check_people_index(path, pages, "人名索引", diary, "zh")


def test_chinese_pdf_contents_give_the_page_of_each_entry(books, diary):
    pages = pdf_pages(books["zh.pdf"])
    contents = next(i for i, page in enumerate(pages) if "目录" in page and "紧急会议" in page)
    lines = "\n".join(pages[contents:contents + 3]).splitlines()
    checked = 0
    for node in diary.entries[:6]:
        title = node.versions["zh"].title
        line = next(x for x in lines if x.startswith(title))
        number = int(re.findall(r"(\d+)\s*$", line)[0])
        assert squeeze(title) in squeeze(pages[number - 1])
        checked += 1
    assert checked == 6


def test_chinese_pdf_has_running_heads_and_the_lists_labelled_as_a_draft(books):
    pages = pdf_pages(books["zh.pdf"])
    assert sum(1 for page in pages if page.lstrip().startswith('25社区战"疫"日记')) > 10, "the title on left pages"
    assert any(page.lstrip().startswith("2020年2月") for page in pages), "the month on right pages"
    text = "".join(pages)
    assert "编者据日记整理的建议表彰名单（草稿）" in text and "不是正式决定" in text


def test_english_epub_is_valid_and_has_every_entry(books, diary):
    path = books["en.epub"]
    code, output = epubcheck(path)
    assert code == 0 and "0 fatals / 0 errors" in output, output
    parts = epub_parts(path)
    assert list(parts)[0] == "mimetype" and parts["mimetype"] == b"application/epub+zip"
    text = epub_text(path)
    for node in diary.entries:
        assert node.versions["en"].title in text
    nav = parts["OEBPS/nav.xhtml"].decode()
    assert nav.count('.xhtml#e-') >= len(diary.entries) and 'epub:type="toc"' in nav
    opf = parts["OEBPS/content.opf"].decode()
    assert "<dc:language>en</dc:language>" in opf and 'property="dcterms:modified">2020-03-08T00:00:00Z' in opf
    for name, data in parts.items():
        if name.endswith(".xhtml"):
            assert b'<html xmlns="http://www.w3.org/1999/xhtml"' in data and b'lang="en"' in data[:400], name
    index = parts["OEBPS/index-people.xhtml"].decode()
    assert "Yang Quling" in index and 'href="e-2020-01-23.xhtml#e-2020-01-23-' in index, "index links to passages"


def test_bilingual_pdf_has_both_texts_and_one_bookmark_per_entry(books, diary):
    path = books["zh-en.pdf"]
    pages = pdf_pages(path)
    text = squeeze("".join(pages))
    for node in diary.entries:
        assert squeeze(node.versions["zh"].title) in text and squeeze(node.versions["en"].title) in text
    assert all(flag == "yes" for _, flag in fonts(path))
    marks = outline(path)
    assert [t for level, t, _ in marks if level == 2] == [e.versions["zh"].title for e in diary.entries]
    # each translation follows its original: the English title comes after the Chinese one
    flat = squeeze("".join(pages))
    first = diary.entries[0]
    assert flat.index(squeeze(first.versions["zh"].title)) < flat.index(squeeze(first.versions["en"].title))
    _check_people_index(path, pages, "人名索引", diary, "zh")


ENGLISH = {
    "chronicle.yaml": """
        title: Harbour Street Journal
        subtitle: A street through the winter storms
        author: Mary Collins
        place: Harbour Street, Portsmouth
        languages: [en]
        autolink: true
        tags:
          storm: Storm damage
          food: Food for neighbours
        """,
    "people.yaml": """
        - id: mary-collins
          name: Mary Collins
          roles: [{title: Street warden, from: 2019-05}]
          bio: The warden of Harbour Street, who kept this journal.
        - id: tom-baker
          name: Tom Baker
          aliases: [Mr Baker]
          roles: [{title: Baker, org: Corner Bakery}]
          bio: Runs the corner bakery and fed the street.
        - id: jane-doe
          name: Jane Doe
          aliases: [Janey]
          publish: anonymous
          private: {phone: "07700 900123"}
        """,
    "stats.yaml": """
        - id: loaves
          label: Loaves handed out
          unit: loaves
          kind: count
        """,
    "commendations.yaml": """
        categories:
          - id: good-neighbours
            name: Good Neighbours
            awards:
              - person: tom-baker
                citation: Baked through the night for the whole street.
                evidence: [2021-01-10]
        """,
    "entries/2021-01-04.md": """
        ---
        date: 2021-01-04
        title: The first storm
        tags: [storm]
        ---
        The wind took three roofs tonight. Mary Collins walked the street with a torch.

        Janey from number 9 sheltered two families.
        """,
    "entries/2021-01-10.md": """
        ---
        date: 2021-01-10
        title: Bread for everyone
        tags: [food]
        stats:
          - {stat: loaves, value: 120}
        ---
        Mr Baker opened at five and handed out 120 loaves. [[mary-collins|Our warden]] kept the queue.
        """,
    "entries/2021-02-02.md": """
        ---
        date: 2021-02-02
        title: Repairs begin
        people: [tom-baker]
        tags: [storm]
        ---
        The roofers came. Tom Baker sent coffee and Janey brought blankets.
        """,
    "pages/preface.md": """
        ---
        title: Preface
        ---
        A journal of one winter on Harbour Street.
        """,
    "pages/glossary.md": """
        ---
        title: Glossary
        ---
        **Warden**: the volunteer who looks after the street.
        """,
}


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    root = write_tree(tmp_path_factory.mktemp("english") / "content", ENGLISH)
    graph, report = check(root)
    assert graph is not None, report.items
    out = root.parent
    for name in ("book.pdf", "book.epub"):
        result = run_cli("book", str(root), "-o", str(out / name), "--lang", "en")
        assert result.exit_code == 0, result.output
    return graph, out / "book.pdf", out / "book.epub"


def test_english_first_chronicle_as_a_trade_size_pdf(english):
    graph, pdf, _ = english
    from pypdf import PdfReader
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (432, 648), "6 x 9 in by default in English"
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    for title in ("The first storm", "Bread for everyone", "Repairs begin", "Preface", "Glossary"):
        assert title in text
    assert "lunar" not in text.lower(), "no lunar dates without lunar_calendar"
    assert "Monday, January 4, 2021" in text
    marks = outline(pdf)
    assert [t for level, t, _ in marks if level == 2] == ["The first storm", "Bread for everyone", "Repairs begin"]
    assert ["January 2021", "February 2021"] == [t for level, t, _ in marks if level == 1 and "2021" in t], \
        "without phases, the entries are grouped by month"
    assert all(flag == "yes" for _, flag in fonts(pdf))
    entries = dict(_check_people_index(pdf, pages, "Index of people", graph, "en"))
    assert set(entries) == {"Mary Collins", "Tom Baker", "a resident"}
    assert len(entries["Tom Baker"]) >= 1 and len(entries["a resident"]) >= 1
    assert "Jane Doe" not in text and "Janey" not in text and "07700" not in text


def test_english_first_chronicle_as_an_epub(english):
    graph, _, epub = english
    code, output = epubcheck(epub)
    assert code == 0 and "0 errors" in output, output
    text = epub_text(epub)
    for title in ("The first storm", "Bread for everyone", "Repairs begin", "Good Neighbours", "Loaves handed out"):
        assert title in text
    assert "Commendations" in text or "Proposed commendations" in text
    raw = b"".join(epub_parts(epub).values())
    for secret in (b"Jane Doe", b"Janey", b"jane-doe", b"07700"):
        assert secret not in raw
    assert text.count("a resident") >= 2
