"""Markdown bodies: anchors, mentions, autolinks, sanitising, Chinese soft breaks."""

from chronicle.markup import Names, PersonLink, render_body

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
