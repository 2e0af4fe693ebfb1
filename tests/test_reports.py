"""Commendation reports and person records: Word, PDF, CSV, HTML and Markdown read back as a user would."""

from __future__ import annotations

import builtins
import csv
import io
import re
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from chronicle import reports
from chronicle.build import build, check
from chronicle.reports import pdf as pdf_module
from chronicle.reports.builtin_template import builtin_template, template_bytes
from chronicle.reports.model import _cut_around
from tests import tools
from tests.conftest import run_cli, write_tree

AWARD_FOR_WANG = """
      - person: wang-fang
        citation: {zh: =1+1 在家隔离期间坚持上报体温。, en: "@Reported her temperature every day."}
        evidence: [2020-01-25]
"""


@pytest.fixture
def content(mini):
    """The mini chronicle whose lists an issuer adopted (issuer and date in chronicle.yaml's older ``report:``
    settings, the document number in commendations.yaml), and an award to a person published as initials."""
    config = (mini / "chronicle.yaml").read_text(encoding="utf-8")
    write_tree(mini, {"chronicle.yaml": config + "report:\n  issuer: {zh: 某社区党委, en: The community Party committee}\n"
                                                  "  date: 2020-03-09\n"})
    lists = (mini / "commendations.yaml").read_text(encoding="utf-8")
    write_tree(mini, {"commendations.yaml": "status: adopted\ndocument: 某社党〔2020〕1号\n" + lists + AWARD_FOR_WANG})
    return mini


def graph_of(path):
    graph, report = check(path)
    assert graph is not None, [d.format() for d in report.errors]
    return graph


def docx_of(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".xml"))


# -- the model ------------------------------------------------------------------------------------------------------
def test_model_names_roles_citations_evidence_and_dates(content):
    model = reports.commendations(graph_of(content), "zh")
    assert model.title == "关于表彰优秀社区工作者的决定"
    assert model.issuer == "某社区党委" and model.issue_date.isoformat() == "2020-03-09"
    assert model.period == "2020年1月23日至2月8日"
    yang, zhang, wang = model.awards
    assert (yang.name, yang.role, yang.organisation) == ("杨趣玲", "公益岗", "25社区")
    assert zhang.role == "物业站长", "the role held on the date of the first evidence"
    assert wang.name == "王某" and wang.person_id.startswith("p-"), "publish: initials is honoured"
    assert [q.date.isoformat() for q in yang.evidence] == ["2020-01-23"]
    assert "杨趣玲" in yang.evidence[0].text and yang.evidence[0].title == "紧急会议"
    assert "王某在家" in wang.evidence[0].text and "王芳" not in wang.evidence[0].text
    assert reports.leaked_name(model, graph_of(content)) is None


def test_lists_the_editors_compiled_have_no_issuer_and_no_invented_date(mini):
    model = reports.commendations(graph_of(mini), "en")
    assert model.status == "compiled" and model.draft
    assert model.issue_date is None and model.issue_date_text == "", "never the last entry's date, never today's"
    assert model.issuer == "" and model.signature == ("Compiled by the editors",)


def test_the_chinese_text_is_a_decision_and_the_english_its_counterpart(content):
    graph = graph_of(content)
    zh, en = reports.commendations(graph, "zh"), reports.commendations(graph, "en")
    assert "为表彰先进、树立典型，经研究，决定对以下3名同志予以表彰" in zh.intro
    assert zh.decision == "授予杨趣玲等3名同志“优秀社区工作者”称号。名单见附件2。"
    assert "以受表彰的同志为榜样" in zh.call
    assert zh.signature == ("某社区党委", "2020年3月9日") and zh.document == "某社党〔2020〕1号"
    assert not zh.draft and zh.notice == zh.header == ""
    assert en.title == "Commendations"
    assert "The community Party committee has decided to commend three people" in en.intro
    assert en.decision == ("They are commended in these lists: Outstanding Community Workers (Yang Quling and "
                           "two others). Annex 2 gives every name.")
    assert "conferred" not in en.decision and "each in their own post" not in en.call


def test_quote_starts_at_the_sentence_where_the_person_appears():
    text = "第一句很长很长很长很长很长很长很长很长很长很长。第二句也很长很长很长很长很长很长很长很长很长。杨趣玲在第三句。后面还有。"
    quote = _cut_around(text, text.index("杨趣玲"), 20, "zh")
    assert quote.startswith("…杨趣玲在第三句。")
    assert _cut_around(text, 0, 30, "zh") == "第一句很长很长很长很长很长很长很长很长很长很长。"


def test_unknown_category_has_a_did_you_mean(mini):
    with pytest.raises(reports.UnknownName) as info:
        reports.commendations(graph_of(mini), "zh", ["outstanding-worker"])
    assert "did you mean 'outstanding-workers'" in info.value.hint


# -- Word -----------------------------------------------------------------------------------------------------------
def test_docx_headings_names_citations_and_table(content):
    document = docx_of(reports.render(reports.commendations(graph_of(content), "zh"), "docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "关于表彰优秀社区工作者的决定")
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings == ["附件1　先进事迹及依据", "优秀社区工作者", "杨趣玲", "张庆新", "王某", "附件2　表彰名单"]
    body = "\n".join(text for _, text in paragraphs)
    assert "主要事迹：带病坚守岗位。" in body and "主要事迹：连续值守夜班。" in body
    assert "当时职务：公益岗，25社区" in body
    assert "2020年1月23日　《紧急会议》：“公益岗杨趣玲和张站长都来了" in body
    assert "某社区党委\n2020年3月9日" in body
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["类别", "人数", "名单"]
    assert [c.text for c in table.rows[1].cells] == ["优秀社区工作者", "3", "杨趣玲、张庆新、王某"]


def test_docx_east_asian_fonts_language_and_no_theme_fonts(content):
    data = reports.render(reports.commendations(graph_of(content), "zh"), "docx")
    document = docx_of(data)

    def fonts(style_name):
        rfonts = document.styles[style_name].element.rPr.find(qn("w:rFonts"))
        return rfonts.get(qn("w:eastAsia")), rfonts.get(qn("w:ascii"))

    assert fonts("Normal") == ("仿宋", "Times New Roman")
    assert fonts("Heading 1")[0] == fonts("Heading 2")[0] == fonts("Heading 3")[0] == "黑体"
    assert fonts("Title")[0] == "方正小标宋简体"
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    styles_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", styles_xml), "theme fonts would win in Word"


def test_docx_is_a4_with_a_page_field_in_the_footer(content):
    document = docx_of(reports.render(reports.commendations(graph_of(content), "en"), "docx"))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    footer = section.footer._element
    instr = [el.text for el in footer.iter(qn("w:instrText"))]
    assert [t.strip() for t in instr] == ["PAGE"]
    assert [el.get(qn("w:fldCharType")) for el in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]


def test_docx_is_byte_identical_across_runs_and_dated_from_the_content(content):
    graph = graph_of(content)
    first = reports.render(reports.commendations(graph, "zh"), "docx")
    second = reports.render(reports.commendations(graph_of(content), "zh"), "docx")
    assert first == second
    props = docx_of(first).core_properties
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2020-03-09"
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2020, 3, 9, 0, 0, 0)}


def test_no_output_carries_a_restricted_real_name(content):
    graph = graph_of(content)
    for lang in ("zh", "en"):
        model = reports.commendations(graph, lang)
        assert "王芳" not in all_xml(reports.render(model, "docx"))
        for fmt in ("csv", "md", "html"):
            text = reports.render(model, fmt).decode("utf-8-sig")
            assert "王芳" not in text and "Wang Fang" not in text and "wang-fang" not in text


# -- CSV ------------------------------------------------------------------------------------------------------------
def test_csv_has_a_bom_one_row_per_award_and_no_formulas(content):
    data = reports.render(reports.commendations(graph_of(content), "zh"), "csv")
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8 Chinese"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["类别", "人员编号", "姓名", "职务", "单位", "主要事迹", "依据日期", "性质"]
    assert len(rows) == 1 + 3
    assert rows[1] == ["优秀社区工作者", "yang-quling", "杨趣玲", "公益岗", "25社区", "带病坚守岗位。", "2020-01-23",
                       "某社党〔2020〕1号"]
    assert rows[2][6] == "2020-01-23; 2020-01-25", "evidence defaults to every entry that mentions the person"
    assert rows[3][2] == "王某" and rows[3][5] == "'=1+1 在家隔离期间坚持上报体温。"
    en = list(csv.reader(io.StringIO(reports.render(reports.commendations(graph_of(content), "en"), "csv").decode("utf-8-sig"))))
    assert en[3][5] == "'@Reported her temperature every day."


# -- HTML and Markdown ----------------------------------------------------------------------------------------------
def test_html_is_a_standalone_print_page_with_a_strict_csp(content):
    html = reports.render(reports.commendations(graph_of(content), "zh"), "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert "@page" in html and "size: A4" in html and "counter(page)" in html
    assert '<h1 class="title">关于表彰优秀社区工作者的决定</h1>' in html and "<h4>杨趣玲</h4>" in html
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    import base64
    import hashlib
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in html
    assert not re.search(r"\sstyle=|<script", html)


def test_html_marks_only_a_quote_in_another_language(content):
    html = reports.render(reports.commendations(graph_of(content), "en"), "html").decode("utf-8")
    assert '— 大年初一: <span class="quote" lang="zh-CN">“张师傅送了2次病人。王某在家隔离。”</span></p>' in html
    assert "— An emergency meeting: “Yang Quling" in html, "a quote in the page's language needs no span"


def test_docx_paragraphs_have_the_styles_resolved_once(content):
    document = docx_of(reports.render(reports.commendations(graph_of(content), "zh"), "docx"))
    styles = [p.style.name for p in document.paragraphs]
    assert {"Title", "Subtitle", "Normal", "Heading 1", "Heading 3", "Report Evidence"} <= set(styles)
    normal = [p for p in document.paragraphs if p.style.name == "Normal"]
    assert normal and all(p._p.pPr.pStyle is None for p in normal), "the default style is implied, as python-docx does"
    cells = [p.style.name for row in document.tables[-1].rows for c in row.cells for p in c.paragraphs]
    assert set(cells) == {"Report Note"}


def test_markdown_keeps_emphasis_readable_for_commonmark(content):
    md = reports.render(reports.commendations(graph_of(content), "zh"), "md").decode("utf-8")
    assert md.startswith("# 关于表彰优秀社区工作者的决定\n")
    assert "**主要事迹**：带病坚守岗位。" in md, "the colon stays outside the ** next to CJK text"
    assert "| 优秀社区工作者 | 3 | 杨趣玲、张庆新、王某 |" in md


# -- PDF ------------------------------------------------------------------------------------------------------------
def test_pdf_has_the_chinese_names_as_real_text(content, tmp_path):
    for tool in (tools.pango, tools.cjk_font):   # what the system must have: a missing one fails with its package
        tools.need(tool)
    pdftotext, pdffonts = (tools.need(tools.command, name, "poppler-utils") for name in ("pdftotext", "pdffonts"))
    data = reports.render(reports.commendations(graph_of(content), "zh"), "pdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()
    for name in ("杨趣玲", "张庆新", "王某", "关于表彰优秀社区工作者的决定", "某社区党委", "某社党〔2020〕1号"):
        assert name in text
    assert "王芳" not in text
    fonts = subprocess.run([pdffonts, str(path)], capture_output=True, check=True, text=True).stdout
    assert "CJK" in fonts and re.search(r"CJK\S*\s+CID.*\byes\b", fonts), "a CJK font, embedded"
    assert reports.render(reports.commendations(graph_of(content), "zh"), "pdf") == data, "same bytes twice"


def test_missing_weasyprint_is_a_clear_error(content, monkeypatch):
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(reports.PDFUnavailable) as info:
        reports.render(reports.commendations(graph_of(content), "zh"), "pdf")
    assert "WeasyPrint" in info.value.message and "pip install 'chronicle[pdf]'" in info.value.hint
    result = run_cli("report", "commendations", str(content), "-o", str(content / "r.pdf"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "pip install 'chronicle[pdf]'" in result.output and not (content / "r.pdf").exists()


def test_missing_pango_is_a_clear_error(monkeypatch):
    real_import = builtins.__import__

    def broken(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", broken)
    with pytest.raises(reports.PDFUnavailable) as info:
        pdf_module.check_pdf()
    assert "libpango-1.0-0" in info.value.message
    assert "apt-get install fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0" in info.value.hint


def test_missing_chinese_font_is_a_clear_error(content, monkeypatch):
    monkeypatch.setattr(pdf_module, "chinese_fonts", lambda: [])
    result = run_cli("report", "commendations", str(content), "-o", str(content / "r.pdf"))
    assert result.exit_code == 1
    assert "no font with Chinese characters" in result.output and "fonts-noto-cjk" in result.output


# -- the site -------------------------------------------------------------------------------------------------------
def test_site_build_writes_and_links_the_reports(content, tmp_path):
    out = tmp_path / "public"
    build(content, out)
    for lang in ("zh", "en"):
        folder = out / lang / "commendations"
        for fmt in ("docx", "csv", "html", "pdf"):
            assert (folder / f"commendations-{lang}.{fmt}").is_file(), (lang, fmt)
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<a href="commendations-{lang}.docx" download="commendations-{lang}.docx"' in page
        assert f'href="commendations-{lang}.pdf"' in page
    first = (out / "zh/commendations/commendations-zh.docx").read_bytes()
    build(content, out)
    assert (out / "zh/commendations/commendations-zh.docx").read_bytes() == first


def test_site_without_weasyprint_has_no_pdf_and_no_pdf_link(content, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "chinese_fonts", lambda: [])
    out = tmp_path / "public"
    build(content, out)
    assert (out / "zh/commendations/commendations-zh.docx").is_file()
    assert not (out / "zh/commendations/commendations-zh.pdf").exists()
    assert ".pdf" not in (out / "zh/commendations/index.html").read_text(encoding="utf-8")


def test_site_without_awards_has_no_reports(chronicle_dir, tmp_path):
    content = chronicle_dir({"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n好。\n"})
    out = tmp_path / "public"
    build(content, out)
    assert not list(out.rglob("commendations-*"))


# -- the command ----------------------------------------------------------------------------------------------------
def test_cli_takes_the_format_from_the_file_name(content, tmp_path):
    for name in ("r.docx", "r.csv", "r.md", "r.html"):
        result = run_cli("report", "commendations", str(content), "--lang", "en", "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert f"Wrote {tmp_path / name} ({name.split('.')[1]}" in result.output
    assert "Yang Quling" in (tmp_path / "r.md").read_text(encoding="utf-8")
    result = run_cli("report", "commendations", str(content), "--format", "md", "-o", str(tmp_path / "r.txt"))
    assert result.exit_code == 0 and (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("# ")


def test_cli_category_filter_and_unknown_category(content, tmp_path):
    result = run_cli("report", "commendations", str(content), "--category", "outstanding-workers",
                     "-o", str(tmp_path / "r.csv"))
    assert result.exit_code == 0
    result = run_cli("report", "commendations", str(content), "--category", "outstanding-worker", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "unknown category 'outstanding-worker'; did you mean 'outstanding-workers'?" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_cli_usage_errors(content, tmp_path):
    result = run_cli("report", "commendations", str(content), "-o", str(tmp_path / "r.txt"))
    assert result.exit_code == 2 and "cannot tell the format from 'r.txt'" in result.output
    result = run_cli("report", "commendations", str(content), "--lang", "fr", "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 2 and "reports are written in zh or en" in result.output
    result = run_cli("report", "commendations", str(content), "--template", str(builtin_template()),
                     "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2 and "a Word template makes a .docx" in result.output


def test_cli_without_awards_says_so(chronicle_dir, tmp_path):
    content = chronicle_dir({"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n好。\n"})
    result = run_cli("report", "commendations", str(content), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 1 and "commendations.yaml: error: there is no award to report" in result.output


def test_cli_content_errors_print_like_build_and_exit_1(content, tmp_path):
    write_tree(content, {"people.yaml": "- id: a\n  name: [broken\n"})
    result = run_cli("report", "commendations", str(content), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{content}/people.yaml:2: error:" in result.output
    assert "Report not written: " in result.output and not (tmp_path / "r.docx").exists()


def test_a_citation_naming_a_restricted_person_shows_their_label(content, tmp_path):
    text = (content / "commendations.yaml").read_text(encoding="utf-8").replace("连续值守夜班。", "与王芳一起值守夜班。")
    write_tree(content, {"commendations.yaml": text})
    result = run_cli("report", "commendations", str(content), "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 0, result.output
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "与王某一起值守夜班。" in md and "王芳" not in md


def test_cli_refuses_a_report_that_would_name_a_restricted_person(content, tmp_path, monkeypatch):
    """The last guard, behind the graph's redaction and scan: both switched off here, the report is refused."""
    monkeypatch.setattr("chronicle.graph.site.redact_chronicle", lambda chron: chron, raising=False)
    text = (content / "commendations.yaml").read_text(encoding="utf-8").replace("连续值守夜班。", "与王芳一起值守夜班。")
    write_tree(content, {"commendations.yaml": text})
    _, report = check(content)
    assert [d.format().split("\n")[0] for d in report.errors] == [
        "commendations.yaml:11: error: text contains the name of wang-fang (publish: initials); it would be published"]
    monkeypatch.setattr("chronicle.graph.scan.PrivacyScan.scan_yaml_texts", lambda self: None)
    model = reports.commendations(graph_of(content), "zh")
    assert reports.leaked_name(model, graph_of(content)) == ("wang-fang", "与王芳一起值守夜班。")
    result = run_cli("report", "commendations", str(content), "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 1
    assert "error: the name of wang-fang (publish: initials) would appear in the report" in result.output
    assert not (tmp_path / "r.md").exists()


def test_person_record(content, tmp_path):
    out = tmp_path / "yang.md"
    result = run_cli("report", "person", "yang-quling", str(content), "-o", str(out))
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 杨趣玲个人事迹材料\n")
    assert "## 任职情况" in md and "| 公益岗 | 25社区 | 2019-10 | 至今 |" in md
    assert "## 受表彰情况" in md and "带病坚守岗位。" in md
    assert "## 日记中的记述" in md and "公益岗杨趣玲和张站长都来了，小杨说：‘我来’。" in md
    assert "**又称**：小杨" in md
    document = docx_of(reports.render(reports.person_record(graph_of(content), "en", "yang-quling"), "docx"))
    assert document.paragraphs[0].text == "Personal record: Yang Quling"


def test_person_record_of_a_restricted_person_never_names_them(content, tmp_path):
    for key in ("wang-fang",):
        out = tmp_path / "w.csv"
        result = run_cli("report", "person", key, str(content), "-o", str(out))
        assert result.exit_code == 0, result.output
        text = out.read_bytes().decode("utf-8-sig")
        assert "王某" in text and "王芳" not in text and "wang-fang" not in text and "13912345678" not in text


def test_person_unknown_id(content, tmp_path):
    result = run_cli("report", "person", "yang-quing", str(content), "-o", str(tmp_path / "p.md"))
    assert result.exit_code == 2 and "unknown person 'yang-quing'; did you mean 'yang-quling'" in result.output


# -- Word templates -------------------------------------------------------------------------------------------------
def test_the_shipped_template_is_what_the_script_writes():
    assert builtin_template().read_bytes() == template_bytes(), \
        "regenerate it: python -m chronicle.reports.builtin_template templates/report.docx"


def test_template_is_filled_with_the_report(content, tmp_path):
    template = tmp_path / "ours.docx"
    assert run_cli("report", "template", "-o", str(template)).exit_code == 0
    out = tmp_path / "filled.docx"
    result = run_cli("report", "commendations", str(content), "--template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    document = docx_of(out.read_bytes())
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "关于表彰优秀社区工作者的决定"
    assert "杨趣玲" in text and "带病坚守岗位。" in text and "某社区党委" in text
    assert "{{" not in all_xml(out.read_bytes()) and "{%" not in all_xml(out.read_bytes())
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["优秀社区工作者", "3", "杨趣玲、张庆新、王某"]
    again = tmp_path / "again.docx"
    run_cli("report", "commendations", str(content), "--template", str(template), "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_template_mistakes_are_clear_errors(content, tmp_path):
    bad = tmp_path / "bad.docx"
    document = docx.Document()
    document.add_paragraph("{{ titel }}")
    document.save(bad)
    result = run_cli("report", "commendations", str(content), "--template", str(bad), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "'titel' is undefined" in result.output and "did you mean 'title'" in result.output
    not_docx = tmp_path / "letter.docx"
    not_docx.write_text("plain text")
    result = run_cli("report", "commendations", str(content), "--template", str(not_docx), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 1 and "not a Word .docx file" in result.output


def test_bundled_content_reports():
    from tests.conftest import ROOT
    graph = graph_of(ROOT / "content")
    model = reports.commendations(graph, "zh")
    assert len(model.categories) == 4 and len(model.awards) == 35
    assert all(a.citation and a.evidence for a in model.awards)
    assert reports.leaked_name(model, graph) is None


def test_implied_evidence_is_quoted_three_times_and_the_rest_counted(chronicle_dir, tmp_path):
    """An award without 'evidence:' cites every entry that mentions the person: the decision quotes the
    first three, counts the others in one line, and the CSV still lists every date."""
    files = {"people.yaml": "- id: li-yun\n  name: {zh: 李云, en: Li Yun}\n",
             "commendations.yaml": "categories:\n  - id: best\n    name: {zh: 优秀, en: Best}\n    awards:\n"
                                   "      - person: li-yun\n        citation: {zh: 表现突出。, en: Outstanding.}\n"}
    for day in range(1, 8):
        files[f"entries/2020-01-0{day}.md"] = f"---\ndate: 2020-01-0{day}\n---\n[[li-yun]]第{day}天值守。\n"
    content = chronicle_dir(files)
    from chronicle.build import check
    from chronicle.reports import commendations, render
    graph, report = check(content)
    model = commendations(graph, "zh")
    award = model.awards[0]
    assert [q.entry for q in award.evidence] == ["2020-01-01", "2020-01-02", "2020-01-03"]
    assert award.more_line == "另有4篇日记提及，详见本人事迹记录。"
    assert award.evidence_dates.count("2020-01-0") == 7
    text = render(model, "md").decode("utf-8")
    assert "另有4篇日记提及" in text and "李云第4天" not in text and "李云第3天" in text
    csv = render(model, "csv").decode("utf-8-sig")
    assert "2020-01-07" in csv
