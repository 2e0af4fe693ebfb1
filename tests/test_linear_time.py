"""Every scanner over text takes time linear in its length, whatever the text (issue #14).

Each is fed 100 KB and 1 MB of a pathological pattern ('[', '![', '[[', ']]', '<', '*', '_', '`',
'\\', '&#', 'http://', names run together with no spaces, …) and the times compared, not bounded:
linear is a ratio near 10, quadratic near 100; the test allows 30. Times are the fastest of up to
three runs, so a busy machine does not fail it.
"""

from __future__ import annotations

import time

import pytest
from types import SimpleNamespace
from pathlib import Path

from chronicle.chinese.text import excerpt, join_soft_breaks, reading_time
from chronicle.content.yamlio import YAMLProblem, load_yaml
from chronicle.errors import Report
from chronicle.graph.scan import PrivacyScan
from chronicle.markup import Names, PersonLink, _swap, render_body
from chronicle.markup_guard import check

SMALL, LARGE = 100_000, 1_000_000
RATIO = 30
FLOOR = 0.002  # seconds: below this a timer measures noise, not growth

PATTERNS = ["[", "![", "[[", "]]", "[[a]]", "[a](", "](", "<", "<a ", "</a", "<http://", "*", "_", "*_", "`", "``a",
            "\\", "&#", "&#1;", "http://", "(", "\n\n", "# a\n", "  - a\n", "> ", "a\n:  b\n", "杨趣玲", "中\n", "·"]
LINKS = {"yang": PersonLink("zh/people/yang/", "杨趣玲", None), "qu": PersonLink("zh/people/qu/", "趣玲", None),
         "wang": PersonLink("zh/people/p-1/", "王某", "王某")}
NAMES = Names({"杨趣玲": ("yang", False), "趣玲": ("qu", False), "杨": ("yang", False), "王芳": ("wang", True)})


def text_of(pattern: str, size: int) -> str:
    return (pattern * (size // len(pattern) + 1))[:size]


def fastest(function, text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(function, pattern: str) -> None:
    small = max(fastest(function, text_of(pattern, SMALL)), FLOOR)
    large_text = text_of(pattern, LARGE)
    large = fastest(function, large_text, runs=1)
    if large > RATIO * small:  # only a slow result is measured again: the fastest of three counts
        large = min(large, fastest(function, large_text, runs=2))
    assert large <= RATIO * small, f"{pattern!r}: {small:.4f}s for 100 KB but {large:.4f}s for 1 MB"


def render(text: str):
    return render_body(text, 1, "zh", resolve=lambda key: (key, "") if key in LINKS else (None, ""),
                       people_links=LINKS, names=NAMES, autolink=True, media={"media/a.jpg"})


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_markdown_guard_is_linear(pattern):
    assert_linear(lambda text: check(text, 1), pattern)


@pytest.mark.parametrize("pattern", ["[[", "]]", "[[a]]", "[[yang]]", "[[a|", "[", "]"])
def test_mentions_are_linear(pattern):
    assert_linear(lambda text: _swap(text, 1, lambda key: (key, "") if key in LINKS else (None, "")), pattern)


@pytest.mark.parametrize("pattern", ["杨趣玲", "杨", "趣玲杨", "王芳", "a杨b"])
def test_autolinking_names_run_together_is_linear(pattern):
    assert_linear(lambda text: list(NAMES.find(text)), pattern)


@pytest.mark.parametrize("pattern", ["中\n", "> 中\n", "中 \n", "中\\\n", "    中\n", "```\n中\n", "<pre>\n"])
def test_joining_soft_breaks_is_linear(pattern):
    assert_linear(join_soft_breaks, pattern)


@pytest.mark.parametrize("pattern", ["a", "中", "。", " ", "……", "a-", "a'b"])
def test_excerpts_and_reading_time_are_linear(pattern):
    assert_linear(lambda text: excerpt(text, 120, "zh"), pattern)
    assert_linear(lambda text: excerpt(text, 120, "en"), pattern)
    assert_linear(reading_time, pattern)


@pytest.mark.parametrize("pattern", ["[", "{", "a: ", "- ", "[a, ", "'"])
def test_yaml_is_linear_and_never_crashes_on_depth(pattern):
    def load(text):
        for document in (f'title: "{text}"', f"title: x{text}", f"title: {text}"):
            try:
                load_yaml(document)
            except YAMLProblem:
                pass
    assert_linear(load, pattern)


@pytest.mark.parametrize("pattern", ["[", "![", "[[", "]]", "<", "<a ", "*", "_", "`", "\\", "&#", "http://",
                                     "](", "![a](media/b.png)\n\n", "[a](media/a.jpg) ", "杨趣玲", "·", "|", "\n\n"])
def test_rendering_a_body_is_linear(pattern):
    assert_linear(render, pattern)


def test_a_pasted_html_table_is_linear_and_not_refused():
    row = "<tr><td>杨趣玲</td><td>3&nbsp;730</td><td>[注]</td></tr>\n"
    _, problems = render("<table>\n" + text_of(row, SMALL) + "</table>\n")
    assert problems == []
    assert_linear(lambda text: render("<table>\n" + text + "</table>\n"), row)


@pytest.mark.parametrize("pattern", ["a", "a.", "a@", "a@a.", "13912345678 ", "13912345678\n", "1"])
def test_the_privacy_scan_is_linear(pattern):
    class Config:
        allow_private_patterns = ()

    def scan(text):
        from chronicle.graph.secrets import Watchlist
        scanner = PrivacyScan()
        scanner.config, scanner.report, scanner.langs = Config(), Report(), ("zh", "en")
        scanner.watch = Watchlist((), (), scanner.langs)
        scanner.c = SimpleNamespace(root=Path("/nonexistent"))   # no file to read allow comments from
        scanner.scan_text("entries/x.md", 1, text + "@")   # one '@' anywhere makes it look for addresses
    assert_linear(scan, pattern)


def test_link_problems_are_found_at_their_lines_in_linear_time():
    text = "".join(f"段{i}\n\n![图](media/missing-{i}.png)\n\n" for i in range(2000))
    _, problems = render(text)
    lines = [p.line for p in problems if "is not a file in media/" in p.message]
    assert lines == [3 + 4 * i for i in range(2000)]
