"""Tests for chronicle.chinese.text."""

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.chinese.text import (
    count_words,
    excerpt,
    is_cjk,
    is_cjk_punct,
    join_soft_breaks,
    reading_time,
)

REPO = Path(__file__).resolve().parents[2]


# --- is_cjk -----------------------------------------------------------------------

@pytest.mark.parametrize("ch", ["中", "文", "龘", "〇", "々", "あ", "カ", "㐀", "𠀀", "ㄅ"])
def test_is_cjk_true(ch):
    assert is_cjk(ch)


@pytest.mark.parametrize("ch", ["a", "Z", "1", " ", "。", "，", "“", "…", "é", "한", "\n"])
def test_is_cjk_false(ch):
    assert not is_cjk(ch)


@pytest.mark.parametrize("ch", ["。", "，", "、", "！", "？", "；", "：", "“", "”", "《", "》", "（", "）", "…", "—", "「"])
def test_is_cjk_punct(ch):
    assert is_cjk_punct(ch)


@pytest.mark.parametrize("ch", ["中", "a", ",", ".", "!", "\u3000", "Ａ", "１"])
def test_is_not_cjk_punct(ch):
    assert not is_cjk_punct(ch)


def test_is_cjk_wants_one_character():
    with pytest.raises(ValueError):
        is_cjk("中文")
    with pytest.raises(ValueError):
        is_cjk("")


# --- join_soft_breaks ----------------------------------------------------------------

@pytest.mark.parametrize("src,expected", [
    ("中\n文", "中文"),
    ("第一行\n第二行\n第三行", "第一行第二行第三行"),
    ("句子结束。\n下一句", "句子结束。下一句"),
    ("他说：\n“好的。”\n然后走了", "他说：“好的。”然后走了"),
    ("中文\n  缩进的续行", "中文缩进的续行"),
    ("- 列表项很长\n  继续写", "- 列表项很长继续写"),
    ("> 引用中文\n续行", "> 引用中文续行"),
    ("> 引用中文\n> 第二行", "> 引用中文第二行"),
    (">> 深层引用\n>> 第二行", ">> 深层引用第二行"),
    ("中\r\n文\r\n", "中文\r\n"),
])
def test_join_soft_breaks_joins_cjk(src, expected):
    assert join_soft_breaks(src) == expected


@pytest.mark.parametrize("src", [
    "word\nnext",
    "中文\nEnglish",
    "English\n中文",
    "中文 \n文字",            # trailing space before the break
    "中文  \n文字",           # hard break (two spaces)
    "中文\\\n文字",           # hard break (backslash)
    "中文\n\n文字",           # paragraph break
    "# 标题\n正文",           # heading ends at its line
    "中文\n- 列表",
    "中文\n> 引用",
    "中文\n1. 第一",
    "| 中 | 文 |\n| 字 | 符 |",
    "甲 | 乙\n丙 | 丁",
    "数字1\n2个",
    "中文,\n文字",             # ASCII comma is not CJK punctuation
    "> 引用\n>> 更深",          # quote nesting changes
    "> 引用\n>\n> 新段",       # paragraph break inside a quote
    "> # 标题\n> 正文",
])
def test_join_soft_breaks_leaves_others(src):
    assert join_soft_breaks(src) == src


def test_join_soft_breaks_leaves_fenced_code():
    src = "前文\n正文\n\n```\n代码\n中文\n```\n\n~~~~python\n注释\n内容\n~~~~\n后文\n接着"
    assert join_soft_breaks(src) == "前文正文\n\n```\n代码\n中文\n```\n\n~~~~python\n注释\n内容\n~~~~\n后文接着"


def test_join_soft_breaks_unclosed_fence_stays_code():
    src = "```\n中\n文"
    assert join_soft_breaks(src) == src


def test_join_soft_breaks_leaves_indented_code():
    src = "段落\n\n    代码\n    中文\n\n\t制表\n\t缩进\n\n尾段\n结束"
    assert join_soft_breaks(src) == "段落\n\n    代码\n    中文\n\n\t制表\n\t缩进\n\n尾段结束"


def test_join_soft_breaks_leaves_raw_pre_blocks():
    src = "<pre>\n诗句\n换行\n</pre>\n正文\n续行"
    assert join_soft_breaks(src) == "<pre>\n诗句\n换行\n</pre>\n正文续行"


def test_join_soft_breaks_renders_without_space():
    html = markdown.markdown(join_soft_breaks("今天是\n元宵节。"))
    assert html == "<p>今天是元宵节。</p>"


def test_join_soft_breaks_idempotent_on_diary():
    for path in sorted((REPO / "content" / "entries").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        once = join_soft_breaks(body)
        assert join_soft_breaks(once) == once
        # Nothing but newlines is ever removed.
        assert once.replace("\n", "") == body.replace("\n", "")


# --- excerpt --------------------------------------------------------------------------

ZH = "今天是元宵节。师市党委给每家每户发放元宵，欢度节日！我们社区有七十六栋居民楼。"


def test_excerpt_short_text_unchanged():
    assert excerpt(ZH, len(ZH), "zh") == ZH
    assert excerpt("short", 100, "en") == "short"
    assert excerpt("  spaced  ", 100, "en") == "  spaced  "


@pytest.mark.parametrize("limit,expected", [
    (7, "今天是元宵节。"),
    (10, "今天是元宵节。"),
    (25, "今天是元宵节。"),
    (26, "今天是元宵节。师市党委给每家每户发放元宵，欢度节日！"),
    (38, "今天是元宵节。师市党委给每家每户发放元宵，欢度节日！"),
])
def test_excerpt_zh_ends_at_sentence(limit, expected):
    out = excerpt(ZH, limit, "zh")
    assert out == expected
    assert len(out) <= limit
    assert out[-1] in "。！？…；"


def test_excerpt_zh_hard_cut_without_sentence_end():
    text = "没有任何句末标点的一长串中文文字用来测试截断"
    out = excerpt(text, 10, "zh")
    assert out == "没有任何句末标点的…"
    assert len(out) == 10


def test_excerpt_zh_detected_from_text():
    assert excerpt(ZH, 10, "en") == "今天是元宵节。"
    assert excerpt(ZH, 10, "zh-Hans") == "今天是元宵节。"
    assert excerpt(ZH, 10, "ZH_cn") == "今天是元宵节。"


def test_excerpt_zh_keeps_closing_quote():
    text = "他说：“好的。”然后转身离开了这里，再也没有回来过。"
    assert excerpt(text, 10, "zh") == "他说：“好的。”"


def test_excerpt_zh_ellipsis_run_is_one_end():
    text = "有计划有方法推进工作……短短四个多月，繁杂而有序的社区工作。"
    assert excerpt(text, 15, "zh") == "有计划有方法推进工作……"
    # A cut inside "……" would leave half an ellipsis; the earlier text has no end.
    assert excerpt(text, 11, "zh") == "有计划有方法推进工作…"


def test_excerpt_zh_ascii_marks_after_cjk():
    text = "真的吗?当然是真的;我们都知道了!后面还有很多很多的内容。"
    assert excerpt(text, 10, "zh") == "真的吗?当然是真的;"
    assert excerpt("Version 2.0? 不是这样的说法，还有更多文字在后面呢", 12, "zh") == "Version 2.0…"


def test_excerpt_diary_never_mid_sentence():
    path = REPO / "content" / "entries" / "2020-01-23.md"
    body = path.read_text(encoding="utf-8").split("---", 2)[2].strip()
    first = "晚上22:30分,街道召开紧急会议,通知明天开始社区全员上班,做好疫情防控相关工作。"
    assert len(first) == 42
    for limit in (42, 60, 100, 200, 300, 500):
        out = excerpt(body, limit, "zh")
        assert len(out) <= limit
        assert body.startswith(out)
        assert out[-1] in "。！？…；;”"
    assert excerpt(body, 42, "zh") == first
    assert excerpt(body, 100, "zh") == first
    # Shorter than the first sentence: cut hard and say so.
    assert excerpt(body, 41, "zh") == first[:40] + "…"


EN = "The quick brown fox jumps over the lazy dog. It was not amused."


@pytest.mark.parametrize("limit,expected", [
    (20, "The quick brown fox…"),
    (19, "The quick brown…"),
    (10, "The quick…"),
    (5, "The…"),
    (45, "The quick brown fox jumps over the lazy dog.…"),
])
def test_excerpt_en_word_boundary(limit, expected):
    out = excerpt(EN, limit, "en")
    assert out == expected
    assert len(out) <= limit
    assert " …" not in out


def test_excerpt_en_long_word_is_hard_cut():
    assert excerpt("Supercalifragilisticexpialidocious indeed", 10, "en") == "Supercali…"


def test_excerpt_en_drops_trailing_comma():
    assert excerpt("Hello, world and everyone else", 8, "en") == "Hello…"


def test_excerpt_rejects_bad_limit():
    with pytest.raises(ValueError):
        excerpt("text", 0, "en")


# --- counting -------------------------------------------------------------------

def test_count_words():
    assert count_words("中文") == (2, 0)
    assert count_words("hello world") == (0, 2)
    assert count_words("我用Python写代码，it's fun!") == (5, 3)
    assert count_words("") == (0, 0)
    assert count_words("。，！") == (0, 0)
    assert count_words("state-of-the-art 设计") == (2, 1)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文𠀀々あアab9é_-'’ ，。\n")), max_size=60))
def test_count_words_counts_each_cjk_character(text):
    """Counted a run at a time, as every character of it one by one: the same figures."""
    cjk = sum(1 for ch in text if is_cjk(ch))
    words = len(re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", "".join(" " if is_cjk(ch) else ch for ch in text)))
    assert count_words(text) == (cjk, words)


def test_reading_time():
    assert reading_time("") == 1
    assert reading_time("中" * 300) == 1
    assert reading_time("中" * 301) == 2
    assert reading_time("中" * 900) == 3
    assert reading_time("word " * 200) == 1
    assert reading_time("word " * 201) == 2
    # Counted separately, then added: 1.5 + 1.5 minutes.
    assert reading_time("中" * 450 + " " + "word " * 300) == 3


def test_reading_time_diary_entry():
    path = REPO / "content" / "entries" / "2020-01-23.md"
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    cjk, latin = count_words(body)
    assert cjk > 400
    assert reading_time(body) == 2
