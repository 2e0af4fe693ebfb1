"""Markdown bodies: anchors, mentions, autolinks, sanitising, Chinese soft breaks."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.markup import Names, PersonLink, _plain_prose, _render_full, _swap, render_body

LINKS = {"yang": PersonLink("zh/people/yang/", "杨趣玲", None), "zhang": PersonLink("zh/people/zhang/", "张庆新", None),
         "wang": PersonLink("zh/people/p-1/", "王某", "王某"), "li": PersonLink("zh/people/li/", "Li Yun", None)}
NAMES = Names({"杨趣玲": ("yang", False), "小杨": ("yang", False), "张站长": ("zhang", False), "张站": ("li", False),
               "王芳": ("wang", True), "Li Yun": ("li", False)})


def resolve(key):
    return (key, "") if key in LINKS else (None, "did you mean 'yang'?")


def render(text, autolink=True, media=()):
    return render_body(text, 3, "zh", resolve=resolve, people_links=LINKS, names=NAMES, autolink=autolink, media=set(media))


def test_every_block_gets_a_stable_anchor_and_its_people():
    blocks, problems = render("第一段，杨趣玲。\n\n第二段。\n\n- 一\n- 二\n")
    assert problems == []
    assert [b.anchor for b in blocks] == ["p-1", "p-2", "p-3"]
    assert blocks[0].html.startswith('<p id="p-1">')
    assert blocks[0].people == ("yang",)
    assert blocks[2].html.startswith('<ul id="p-3">')


def test_mentions_and_autolinks_next_to_fullwidth_punctuation():
    blocks, _ = render("“杨趣玲”、张站长：[[zhang|老张]]。")
    html = blocks[0].html
    assert '“<a class="mention" href="chronicle:zh/people/yang/">杨趣玲</a>”' in html
    assert '、<a class="mention" href="chronicle:zh/people/zhang/">张站长</a>：' in html, "longest match wins over 张站"
    assert '<a class="mention" href="chronicle:zh/people/zhang/">老张</a>。' in html


def test_no_autolinks_inside_links_or_code_and_latin_names_need_word_edges():
    blocks, _ = render("`杨趣玲` [杨趣玲](https://e.org/) Li Yunfeng, Li Yun.")
    html = blocks[0].html
    assert "<code>杨趣玲</code>" in html
    assert ">杨趣玲</a>" in html and html.count("mention") == 1
    assert 'href="chronicle:zh/people/li/">Li Yun</a>.' in html and "Li Yunfeng" in html


def test_autolink_off_still_hides_restricted_names():
    blocks, _ = render("王芳和杨趣玲。", autolink=False)
    assert "王芳" not in blocks[0].html and "王某" in blocks[0].html
    assert "杨趣玲</a>" not in blocks[0].html


def test_unknown_and_unclosed_mentions_are_reported_at_their_line():
    _, problems = render("第一行\n[[nobody]]\n\n[[yang 没有关")
    assert (problems[0].line, problems[0].message, problems[0].hint) == (4, "unknown person 'nobody' in [[nobody]]", "did you mean 'yang'?")
    assert (problems[1].line, problems[1].message) == (6, "'[[' is never closed")


def test_soft_break_between_chinese_characters_is_not_a_space():
    blocks, _ = render("在家\n隔离。word\nnext")
    assert "在家隔离" in blocks[0].text
    assert "word\nnext" in blocks[0].text or "word next" in blocks[0].text


def test_hostile_html_is_inert():
    text = ('<script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a> '
            '<iframe src="https://e.org"></iframe> <a href="data:text/html,hi">d</a> [y](javascript:alert(4))')
    blocks, _ = render(text)
    html = "".join(b.html for b in blocks)
    for bad in ("<script", "onerror", "javascript:", "<iframe", "data:"):
        assert bad not in html


def test_media_links_must_exist():
    blocks, problems = render("![图](media/a.jpg) ![缺](media/missing.jpg)", media={"media/a.jpg"})
    assert 'src="chronicle:media/a.jpg"' in blocks[0].html
    assert problems[0].message == "'media/missing.jpg' is not a file in media/"


def full(text, autolink=True, names=NAMES):
    return _render_full(text, 3, "zh", resolve=resolve, people_links=LINKS, names=names, autolink=autolink, media=set())


def fast(text):
    return _plain_prose(_swap(text, 3, resolve)[0])


PROSE = ["第一段，[[yang]]和杨趣玲去了社区。\n\n“王芳”说：（很好）！[[zhang|老张]]、小杨……\n第二行。\n",
         "At 22:30 we met Li Yun! [[li]] and [[wang|Wang Fang]]. Was it 50% done? 'Yes' (mostly) - she said \"so\".\n\nNext.",
         "[[nobody]] 来了。\n\n\n\n2020年3月5日，晴。"]


@pytest.mark.parametrize("text", PROSE)
def test_typical_prose_takes_the_fast_path_with_the_same_result(text):
    assert fast(text)
    assert render(text) == full(text)


@pytest.mark.parametrize("text", ["a  \nb", " a", "a \n\nb", "- a", "+ a", "1. a", "12) a", "a\n---", "a\n===",
                                  "a\xa0b", "a\tb", "a\u3000b", "a\rb", "a\u200bb", "a\ue000b", "x & y", "a_b_",
                                  "[[nobody|*x*]]", "[[nobody|1. x]]", "a\n \nb", ": a", "a\n: b", "![a", "a:\n---"])
def test_anything_markdown_or_nh3_could_read_takes_the_full_path(text):
    assert not fast(text)


CJK = list("社区工作人员今天值守卡点居民杨王张李芳站长") + list("，。！？、“”‘’《》（）") + ["——", "……"]
SAFE = CJK + list("abcxyzLiYun0123456789 .,;:!?'\"()/%+-") + ["\n", "\n\n", "\n\n\n"]
PEOPLE = ["杨趣玲", "小杨", "张站长", "张站", "王芳", "Li Yun", "[[yang]]", "[[zhang|老张]]", "[[wang]]", "[[yang|王芳]]",
          "[[li|Li Yun]]", "[[nobody]]", "[[nobody|某人]]", "[[ wang | 王芳说 ]]", "[[]]", "[[|x]]"]
RISKY = list(string.punctuation) + ["\xa0", "\t", " ", "  \n", " \n", "\n ", "\u3000", "\r", "\x00", "\ufeff", "1. ", "- ",
                                     "---", "\n===", "\n: ", ":", "!", "# ", "> ", "    ", "&amp;", "<b>", "**", "[[nobody|*x*]]"]
BODIES = st.lists(st.one_of(*[st.sampled_from(SAFE)] * 4, st.sampled_from(PEOPLE), st.sampled_from(PEOPLE),
                            st.sampled_from(RISKY)), max_size=60).map("".join)


@settings(deadline=None, max_examples=400, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES, st.booleans(), st.booleans())
def test_fast_path_output_equals_the_full_path(text, autolink, named):
    names = NAMES if named else None
    got = render_body(text, 3, "zh", resolve=resolve, people_links=LINKS, names=names, autolink=autolink, media=set())
    assert got == full(text, autolink, names)


@pytest.mark.parametrize("written, shown", [
    ("#### a\n\n###### b", [2, 3]),                          # under the page's <h1>: no level skipped
    ("## a\n\n### b\n\n## c", [2, 3, 2]),                   # already in order: unchanged
    ("### a\n\n###### b\n\n#### c\n\n## d", [2, 3, 3, 2]),  # what is under what stays so
    ("###### a\n\n###### b", [2, 2]),
])
def test_headings_follow_the_page_outline(written, shown):
    blocks, _ = render(written)
    levels = [int(b.html[2]) for b in blocks]
    assert levels == shown, [b.html for b in blocks]
    assert all(b.html.endswith(f"</h{level}>") for b, level in zip(blocks, levels))


@given(st.lists(st.integers(min_value=2, max_value=6), min_size=1, max_size=12))
def test_no_heading_is_more_than_one_level_below_the_one_before(levels):
    blocks, _ = render("\n\n".join("#" * n + f" h{i}" for i, n in enumerate(levels)))
    shown = [int(b.html[2]) for b in blocks]
    assert shown[0] == 2 and all(b <= a + 1 for a, b in zip(shown, shown[1:]))
    assert all((x < y) == (p < q) for (x, y), (p, q) in zip(zip(levels, levels[1:]), zip(shown, shown[1:]))
               if x < y), "a heading under the one before stays under it"


def test_footnotes_keep_the_ids_their_links_point_at_and_no_other_ids():
    blocks, _ = render("脚注[^1]。\n\n<sup id=\"main\">x</sup>\n\n[^1]: 注释。")
    html = "".join(b.html for b in blocks)
    assert '<sup id="fnref:1"><a href="#fn:1"' in html and '<li id="fn:1">' in html and 'href="#fnref:1"' in html
    assert 'id="main"' not in html, "an id from the text could clash with the page's own"
