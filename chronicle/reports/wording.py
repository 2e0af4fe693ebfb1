"""The fixed words of the reports (labels, dates, lists), in Chinese and English.

The sentences of the commendation report itself, which depend on what the lists are
(compiled, proposed, adopted), are in reports/sentences.py. Kept apart from the site's
message catalog because these are parts of a document, not interface labels.
"""

from __future__ import annotations

import datetime as dt

from chronicle.render.i18n import Messages

LABELS = {
    "zh": {
        "colon": "：",
        "date_open": "（",
        "date_close": "）",
        "annex_1": "1　",
        "annex_2": "2　",
        "annex": "附件",
        "annex_deeds": "先进事迹及依据",
        "annex_list": "表彰名单",
        "annex_list_draft": "建议表彰名单",
        "category": "类别",
        "count": "人数",
        "names": "名单",
        "name": "姓名",
        "person_id": "人员编号",
        "role": "职务",
        "organisation": "单位",
        "role_at_time": "当时职务",
        "citation": "主要事迹",
        "evidence": "日记依据",
        "more_evidence": "另有{n}篇日记提及，详见本人事迹记录。",
        "evidence_dates": "依据日期",
        "date": "日期",
        "entry": "日记",
        "text": "内容",
        "from": "起",
        "to": "止",
        "open_ended": "至今",
        "section": "项目",
        "profile": "基本情况",
        "groups": "群体",
        "aliases": "又称",
        "bio": "简介",
        "roles": "任职情况",
        "awards": "受表彰情况",
        "awards_draft": "建议表彰（草稿，据日记整理）",
        "no_awards_draft": "未列入建议表彰名单。",
        "passages": "日记中的记述",
        "no_passages": "日记中没有提到此人的段落。",
        "no_awards": "未受表彰。",
        "mentioned": "见于{n}篇日记，{period}。",
        "mentioned_one": "见于1篇日记，{period}。",
        "source": "材料来源：《{title}》",
        "status": "性质",
        "document_no": "文号",
        "compiled_by": "整理：{by}",
        "proposed_by": "提出：{by}",
        "by_default": "编者",
        "page": "— {page} —",
        "download_title": "下载表彰报告",
        "download_docx": "Word 文档（.docx）",
        "download_pdf": "PDF 文档",
        "download_html": "打印版网页（HTML）",
        "download_csv": "表格（CSV，可用 Excel 打开）",
    },
    "en": {
        "colon": ": ",
        "date_open": "(",
        "date_close": ")",
        "annex_1": " 1: ",
        "annex_2": " 2: ",
        "annex": "Annex",
        "annex_deeds": "Deeds and evidence",
        "annex_list": "List of those commended",
        "annex_list_draft": "List of those proposed",
        "category": "Category",
        "count": "Number",
        "names": "Names",
        "name": "Name",
        "person_id": "Person id",
        "role": "Role",
        "organisation": "Organisation",
        "role_at_time": "Role at the time",
        "citation": "Citation",
        "evidence": "Evidence in the diary",
        "more_evidence": "… and {n} more entries that mention them: see their record.",
        "evidence_dates": "Evidence dates",
        "date": "Date",
        "entry": "Entry",
        "text": "Text",
        "from": "From",
        "to": "To",
        "open_ended": "ongoing",
        "section": "Section",
        "profile": "Profile",
        "groups": "Groups",
        "aliases": "Also called",
        "bio": "About",
        "roles": "Roles",
        "awards": "Commendations",
        "awards_draft": "Proposed for commendation (draft compiled from the diary)",
        "no_awards_draft": "Not among those proposed for commendation.",
        "passages": "What the diary says",
        "no_passages": "No passage of the diary mentions this person.",
        "no_awards": "Not commended.",
        "mentioned": "Mentioned in {n} entries, {period}.",
        "mentioned_one": "Mentioned in 1 entry, {period}.",
        "source": "Source: {title}",
        "status": "Status",
        "document_no": "Document",
        "compiled_by": "Compiled by {by}",
        "proposed_by": "Proposed by {by}",
        "by_default": "the editors",
        "page": "{page}",
        "download_title": "Download the commendation report",
        "download_docx": "Word document (.docx)",
        "download_pdf": "PDF document",
        "download_html": "Printable web page (HTML)",
        "download_csv": "Spreadsheet (CSV, opens in Excel)",
    },
}

LANGS = tuple(LABELS)


def base_lang(lang: str) -> str | None:
    """The wording a language is written in: zh, zh-Hans → zh; en-GB → en; otherwise None."""
    base = lang.split("-")[0].lower()
    return base if base in LABELS else None


def labels(lang: str) -> dict:
    return LABELS[base_lang(lang) or "en"]


def date_text(day: dt.date | None, lang: str, locale: str | None = None) -> str:
    return Messages(lang, locale).date(day) if day else ""


def period_text(start: dt.date | None, end: dt.date | None, lang: str, locale: str | None = None) -> str:
    """2020年1月23日至3月8日 / January 23 – March 8, 2020 / 23 January – 8 March 2020 (en-GB)."""
    if start is None or end is None:
        return ""
    if base_lang(lang) == "zh":
        if start == end:
            return date_text(start, lang, locale)
        tail = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
        return f"{start.year}年{start.month}月{start.day}日至{tail}"
    t = Messages(lang, locale)
    if start == end:
        return t.date(start)
    if start.year == end.year:
        return f"{t.month_day(start)} – {t.date(end)}"
    return f"{t.date(start)} – {t.date(end)}"


def join_list(items: list[str], lang: str) -> str:
    """杨趣玲、李云和张庆新 / Yang, Li and Zhang."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if base_lang(lang) == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def person_title(name: str, lang: str) -> str:
    if base_lang(lang) == "zh":
        return f"{name}个人事迹材料"
    return f"Personal record: {name}"
