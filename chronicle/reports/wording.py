"""The fixed wording of the reports, in Chinese and English.

The Chinese report follows the usual parts of a 表彰决定 (title; who is commended and
why; the decision; the call to learn from them; issuing body and date); the English
text says the same things in the same order. Kept apart from the site's message
catalog because these are sentences of a document, not interface labels.
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
        "passages": "日记中的记述",
        "no_passages": "日记中没有提到此人的段落。",
        "no_awards": "未受表彰。",
        "mentioned": "见于{n}篇日记，{period}。",
        "mentioned_one": "见于1篇日记，{period}。",
        "source": "材料来源：《{title}》",
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
        "passages": "What the diary says",
        "no_passages": "No passage of the diary mentions this person.",
        "no_awards": "Not commended.",
        "mentioned": "Mentioned in {n} entries, {period}.",
        "mentioned_one": "Mentioned in 1 entry, {period}.",
        "source": "Source: {title}",
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


def date_text(day: dt.date | None, lang: str) -> str:
    return Messages(lang).date(day) if day else ""


def period_text(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """2020年1月23日至3月8日 / January 23 – March 8, 2020."""
    if start is None or end is None:
        return ""
    if base_lang(lang) == "zh":
        if start == end:
            return date_text(start, lang)
        tail = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
        return f"{start.year}年{start.month}月{start.day}日至{tail}"
    if start == end:
        return date_text(start, lang)
    if start.year == end.year:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.day}, {start.year} – {end:%B} {end.day}, {end.year}"


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


def commendation_title(categories: list[str], lang: str) -> str:
    if base_lang(lang) == "zh":
        return f"关于表彰{join_list(categories, lang)}的决定"
    return f"Decision on Commending the {join_list(categories, lang)}" if categories else "Decision on Commendations"


def introduction(*, lang: str, title: str, place: str, period: str, entries: int, people: int) -> str:
    """Who is commended and why; ends where the decision begins."""
    if base_lang(lang) == "zh":
        when = f"{period}，" if period else ""
        return (f"{when}《{title}》以{entries}篇日记逐日记录了{place or '这一时期'}的工作和生活。在此期间，涌现出一批"
                f"恪尽职守、甘于奉献的先进个人，他们的事迹在日记中有据可查。为表彰先进、树立典型，经研究，"
                f"决定对以下{people}名同志予以表彰：")
    when = f"Between {period.replace(' – ', ' and ')}, " if period else ""
    where = f" in {place}" if place else ""
    return (f"{when}the {entries} entries of “{title}” recorded, day by day, work and life{where}. In that time a "
            f"number of people stood out for their devotion to duty and their selfless work, and the diary bears "
            f"witness to what they did. To honour them and to hold up their example, it has been decided to commend "
            f"the following {people} {'person' if people == 1 else 'people'}:")


def decision(groups: list[tuple[str, list[str]]], lang: str) -> str:
    """The decision: which title goes to whom. ``groups`` is [(category name, [names])]."""
    parts = []
    for category, names in groups:
        if not names:
            continue
        if base_lang(lang) == "zh":
            who = f"{names[0]}同志" if len(names) == 1 else f"{names[0]}等{len(names)}名同志"
            parts.append(f"授予{who}“{category}”称号")
        else:
            who = names[0] if len(names) == 1 else (
                f"{names[0]} and {len(names) - 1} {'other' if len(names) == 2 else 'others'}")
            parts.append(f"the title “{category}” is conferred on {who}")
    if not parts:
        return ""
    if base_lang(lang) == "zh":
        return "；".join(parts) + "。名单见附件2。"
    text = "; ".join(parts) + ". The names are listed in Annex 2."
    return text[0].upper() + text[1:]


def call_to_learn(place: str, lang: str) -> str:
    if base_lang(lang) == "zh":
        return ("希望受到表彰的同志珍惜荣誉、再接再厉，继续发挥先锋模范作用。"
                f"{place}广大干部群众要以受表彰的同志为榜样，学习他们忠于职守、无私奉献的精神，"
                "立足本职、团结协作，为做好各项工作作出新的贡献。")
    everyone = f"Everyone in {place}" if place else "Everyone"
    return ("We hope that those commended will cherish this honour, build on it and continue to set an example. "
            f"{everyone} should take them as a model, learn from their devotion to duty and their selfless "
            "dedication, and, each in their own post and working together, make new contributions to the common work.")


def person_title(name: str, lang: str) -> str:
    if base_lang(lang) == "zh":
        return f"{name}个人事迹材料"
    return f"Personal record: {name}"
