"""What the commendation lists are (compiled, proposed, adopted) decides how every page and report reads.

Lists the editors drew from a chronicle must never read as an institution's decision: a draft says so on
its first page and on every page, names no issuer as signatory, and proposes rather than decides.
"""

from __future__ import annotations

import csv
import io
import subprocess

import docx
import pytest

from chronicle import reports
from chronicle.build import build, check
from tests.conftest import ROOT, run_cli, write_tree


def graph_of(path):
    graph, report = check(path)
    assert graph is not None, [d.format() for d in report.errors]
    return graph


def with_lists(mini, head: str):
    lists = (mini / "commendations.yaml").read_text(encoding="utf-8")
    write_tree(mini, {"commendations.yaml": head + lists})
    return mini


def test_compiled_lists_are_a_draft_in_chinese(mini):
    model = reports.commendations(graph_of(mini), "zh")
    assert model.title == "建议表彰优秀社区工作者名单（草稿）"
    assert model.notice.startswith("草稿 · 据日记整理，非正式表彰决定。本名单由编者根据《小区日记》所记事迹整理")
    assert model.header == "草稿 · 据日记整理，非正式表彰决定"
    assert model.decision == "建议授予杨趣玲等2名同志“优秀社区工作者”称号。名单见附件2。"
    assert "经研究" not in model.intro and "决定对" not in model.intro and "建议予以表彰" in model.intro
    assert model.signature == ("整理：编者",)


def test_compiled_lists_are_a_draft_in_english(mini):
    model = reports.commendations(graph_of(mini), "en")
    assert model.title == "Proposed Commendations (Draft)"
    assert model.notice.startswith("Draft compiled from the diary; not an official decision.")
    assert "No organisation has considered or adopted them." in model.notice
    assert model.header.startswith("DRAFT")
    assert "the editors propose the following two people for commendation" in model.intro
    assert "conferred" not in model.decision and "decided" not in model.intro


def test_who_compiled_them_is_named_when_given(mini):
    with_lists(mini, "compiled_by: {zh: 社区志愿者编写组, en: the volunteers' editorial group}\n")
    zh, en = (reports.commendations(graph_of(mini), lang) for lang in ("zh", "en"))
    assert "本名单由社区志愿者编写组根据" in zh.notice and zh.signature == ("整理：社区志愿者编写组",)
    assert "The volunteers' editorial group drew up these lists" in en.notice


def test_proposed_lists_are_put_to_the_issuer_and_stay_a_draft(mini):
    with_lists(mini, "status: proposed\nissuer: {zh: 某街道党工委, en: the street office Party committee}\n")
    zh, en = (reports.commendations(graph_of(mini), lang) for lang in ("zh", "en"))
    assert zh.draft and zh.title == "关于提请表彰优秀社区工作者的建议（草稿）"
    assert "报某街道党工委研究" in zh.notice and "现提请某街道党工委对以下2人予以表彰" in zh.intro
    assert zh.call.endswith("妥否，请审定。") and zh.signature == ("提出：编者",)
    assert en.title == "Proposal for Commendations (Draft)" and en.header.startswith("DRAFT")
    assert "put them to the street office Party committee" in en.notice


def docx_of(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_a_draft_docx_says_so_on_page_one_and_in_every_page_header(mini):
    document = docx_of(reports.render(reports.commendations(graph_of(mini), "zh"), "docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "建议表彰优秀社区工作者名单（草稿）"
    assert any(t.startswith("草稿 · 据日记整理，非正式表彰决定。") for t in texts[:4]), texts[:4]
    for section in document.sections:
        assert "草稿 · 据日记整理，非正式表彰决定" in "".join(p.text for p in section.header.paragraphs)
    right = [p.text for p in document.paragraphs if p.alignment is not None and p.alignment == 2]  # RIGHT
    assert right == ["整理：编者"], "no issuer signs a draft"


def test_an_adopted_docx_has_no_draft_header(mini):
    with_lists(mini, "status: adopted\nissuer: {zh: 某社区党委, en: The community Party committee}\n"
                     "date: 2020-03-09\ndocument: 某社党〔2020〕1号\n")
    document = docx_of(reports.render(reports.commendations(graph_of(mini), "zh"), "docx"))
    assert document.paragraphs[0].text == "关于表彰优秀社区工作者的决定"
    assert all("草稿" not in p.text for s in document.sections for p in s.header.paragraphs)
    assert "（某社党〔2020〕1号 · 2020年3月9日）" in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("lang,mark", [("zh", "草稿"), ("en", "DRAFT")])
def test_every_page_of_a_draft_pdf_is_marked(mini, tmp_path, lang, mark):
    path = tmp_path / "r.pdf"
    path.write_bytes(reports.render(reports.commendations(graph_of(mini), lang), "pdf"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, check=True).stdout.decode()
        assert mark in text, f"page {page} of {pages} does not say it is a draft"


def test_markdown_html_and_csv_of_a_draft_say_what_it_is(mini):
    model = reports.commendations(graph_of(mini), "en")
    md = reports.render(model, "md").decode("utf-8")
    assert md.splitlines()[4].startswith("> **Draft compiled from the diary; not an official decision.")
    html = reports.render(model, "html").decode("utf-8")
    assert '<p class="notice">Draft compiled from the diary' in html and "@top-center" in html
    rows = list(csv.reader(io.StringIO(reports.render(model, "csv").decode("utf-8-sig"))))
    assert rows[0][-1] == "Status" and all(r[-1].startswith("DRAFT") for r in rows[1:])


def test_a_word_template_gets_the_notice_and_the_header(mini, tmp_path):
    template = tmp_path / "ours.docx"
    assert run_cli("report", "template", "-o", str(template)).exit_code == 0
    out = tmp_path / "filled.docx"
    result = run_cli("report", "commendations", str(mini), "--template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    document = docx_of(out.read_bytes())
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "建议表彰优秀社区工作者名单（草稿）" and any(t.startswith("草稿 · 据日记整理") for t in texts)
    assert "草稿" in "".join(p.text for p in document.sections[0].header.paragraphs)


def test_adopted_lists_must_say_by_whom_when_and_which_document(mini):
    with_lists(mini, "status: adopted\n")
    result = run_cli("check", str(mini))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "commendations.yaml:1: error: adopted lists need 'issuer', 'date', 'document'" in result.output


def test_an_unknown_status_has_a_did_you_mean(mini):
    with_lists(mini, "categories_note: x\nstatus: adoptd\n")
    result = run_cli("check", str(mini))
    assert result.exit_code == 1
    assert "commendations.yaml:2: error: 'status': 'adoptd' is not one of compiled, proposed, adopted" in result.output
    assert "did you mean 'adopted'?" in result.output
    assert "commendations.yaml:1: warning: unknown field 'categories_note'" in result.output


def test_the_site_says_the_lists_are_a_draft_compiled_by_the_editors(mini, tmp_path):
    out = tmp_path / "public"
    build(mini, out, search=False)
    zh = (out / "zh/commendations/index.html").read_text(encoding="utf-8")
    en = (out / "en/commendations/index.html").read_text(encoding="utf-8")
    assert "草稿" in zh and "以下名单由编者根据日记所记事迹整理，是建议表彰的名单（草稿），并非任何机构作出的表彰决定" in zh
    assert "These lists were compiled from the diary by its editors" in en and "not a decision of any organisation" in en
    assert "受到表彰的人员" not in zh and "Those commended" not in en
    profile = (out / "en/people/yang-quling/index.html").read_text(encoding="utf-8")
    assert "Proposed for commendation (draft)" in profile and "not an official decision" in profile


def test_the_site_names_the_issuer_date_and_document_of_adopted_lists(mini, tmp_path):
    with_lists(mini, "status: adopted\nissuer: {zh: 某社区党委, en: the community Party committee}\n"
                     "date: 2020-03-09\ndocument: 某社党〔2020〕1号\n")
    out = tmp_path / "public"
    build(mini, out, search=False)
    en = (out / "en/commendations/index.html").read_text(encoding="utf-8")
    assert "adopted by the community Party committee on March 9, 2020 (document 某社党〔2020〕1号)" in en
    assert 'class="badge"' not in en


def test_editors_readings_are_shown_to_readers(mini, tmp_path):
    people = (mini / "people.yaml").read_text(encoding="utf-8")
    people = people.replace("      org: {zh: 25社区, en: Community 25}\n",
                            "      org: {zh: 25社区, en: Community 25}\n      inferred: true\n"
                            "      note: {zh: 日记未写明单位。, en: The diary does not name the organisation.}\n", 1)
    write_tree(mini, {"people.yaml": people})
    out = tmp_path / "public"
    build(mini, out, search=False)
    page = (out / "en/people/yang-quling/index.html").read_text(encoding="utf-8")
    assert "Editors&#39; reading" in page or "Editors' reading" in page
    assert "The diary does not name the organisation." in page


GOLDEN = ROOT / "tests" / "fixtures" / "golden" / "commendations-en.md"


def test_the_bundled_english_report_is_the_one_a_native_reader_checked(tmp_path):
    """tests/fixtures/golden/commendations-en.md was read, as English, before it was committed: a change to the
    report's wording shows here as a diff to read again (regenerate with chronicle report commendations content
    --lang en -o tests/fixtures/golden/commendations-en.md)."""
    out = tmp_path / "en.md"
    result = run_cli("report", "commendations", str(ROOT / "content"), "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    text = GOLDEN.read_text(encoding="utf-8")
    for officialese in ("conferred", "each in their own post", "make new contributions", "It has been decided",
                        "Decision on Commending", "The General Party Branch"):
        assert officialese not in text


def test_the_bundled_reports_are_drafts_in_both_languages():
    graph = graph_of(ROOT / "content")
    zh, en = reports.commendations(graph, "zh"), reports.commendations(graph, "en")
    assert zh.draft and en.draft and zh.issuer == en.issuer == "" and zh.issue_date is None
    assert "草稿 · 据日记整理，非正式表彰决定" in zh.notice and "25社区党总支" not in zh.intro + zh.notice
    assert "".join(zh.signature) == "整理：编者" and "决定对以下" not in zh.intro


def test_a_person_record_calls_draft_awards_proposals(mini, tmp_path):
    out = tmp_path / "yang.md"
    assert run_cli("report", "person", "yang-quling", str(mini), "--lang", "en", "-o", str(out)).exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert "## Proposed for commendation (draft compiled from the diary)" in md and "## Commendations" not in md
