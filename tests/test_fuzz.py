"""Property tests: whatever a writer types, the build either succeeds or explains itself.

Hypothesis throws arbitrary front matter, mention syntax and Markdown bodies (CJK,
punctuation, brackets, backticks, raw HTML) at a real build. The properties:

- the build succeeds, or raises BuildError carrying at least one error diagnostic with a
  place and a message; never any other exception;
- two builds of the same content write the same bytes;
- an entry's plain text (simple words in letters, digits and CJK) appears in its page.

Derandomised and bounded, so CI runs the same examples every time in a few seconds.
"""

from __future__ import annotations

import hashlib
import string
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.build import build
from chronicle.errors import BuildError

FUZZ = settings(deadline=None, max_examples=60, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(FUZZ, max_examples=30)

CONFIG = "title: 日记\nlanguages: [zh]\n"
PEOPLE = "- id: yang\n  name: 杨趣玲\n  aliases: [小杨]\n- id: wang\n  name: 王芳\n  publish: initials\n"
STATS = "- id: households\n  label: 户数\n"
FIELDS = ["date", "title", "weekday", "lunar", "people", "tags", "stats", "draft", "summary", "titel", "privacy"]


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def entry(front: str, body: str) -> dict[str, str]:
    return {"chronicle.yaml": CONFIG, "people.yaml": PEOPLE, "stats.yaml": STATS,
            "entries/2020-01-23.md": f"---\n{front}---\n{body}\n"}


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def attempt(files: dict[str, str], runs: int = 1) -> list:
    """Build (``runs`` times into fresh folders); each result is a file tree or the diagnostics."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        content = write(Path(tmp) / "content", files)
        for run in range(runs):
            out = Path(tmp) / f"public{run}"
            try:
                build(content, out, search=False, with_reports=False)
            except BuildError as exc:
                errors = exc.report.errors
                assert errors, "a failed build names at least one error"
                for d in errors:
                    assert d.path and d.message, d
                    d.format()
                results.append(("error", [d.format() for d in exc.report.sorted()]))
            else:
                results.append(("site", tree(out), (out / "zh/entries/2020-01-23/index.html")))
                if results[-1][2].exists():
                    results[-1] = ("site", results[-1][1], results[-1][2].read_text(encoding="utf-8"))
    return results


# ---------------------------------------------------------------------------- strategies

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2020-01-23", "2020-02-30", "2020-1-23", "yang", "杨趣玲", "households", "星期四",
                     "大年二十九", "<script>x</script>", "[[yang]]", "80余", ""]),
)
values = st.recursive(scalars, lambda children: st.lists(children, max_size=3)
                      | st.dictionaries(st.sampled_from(["zh", "en", "stat", "value", "note", "x"]), children,
                                        max_size=3), max_leaves=8)
yaml_noise = st.lists(st.sampled_from(list(": -[]{}\"'#&*!|>%@`,?\\") + ["\t", "\n", "\n  ", "张", "a", "2020-01-23"]),
                      max_size=15).map("".join)


short_text = st.text(max_size=12)
plausible = {   # values of the right shape, so that many examples get past the checks into rendering
    "title": st.one_of(short_text, st.fixed_dictionaries({"zh": short_text})),
    "weekday": st.sampled_from(["星期四", "周四", "礼拜四", "Thursday", "星期五"]),
    "lunar": st.sampled_from(["大年二十九", "腊月廿九", "腊月二十九", "正月初一"]),
    "people": st.lists(st.sampled_from(["yang", "wang", "杨趣玲", "小杨", "nobody"]), max_size=3),
    "tags": st.lists(short_text, max_size=3),
    "stats": st.lists(st.fixed_dictionaries(
        {"stat": st.sampled_from(["households", "rides"]),
         "value": st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False), short_text)},
        optional={"note": short_text}), max_size=3),
    "draft": st.booleans(),
    "summary": short_text,
}


@st.composite
def front_matter(draw) -> str:
    data = {}
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=5, unique=True)):
        data[field] = draw(plausible[field] if field in plausible and draw(st.booleans()) else values)
    if draw(st.integers(0, 3)) != 3:
        data["date"] = "2020-01-23"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    if draw(st.integers(0, 3)) == 0:
        text += f"{draw(st.sampled_from(FIELDS))}: {draw(yaml_noise)}\n"
    return text


mention_bodies = st.lists(st.sampled_from([
    "[[", "]]", "|", "yang", "wang", "杨趣玲", "小杨", "王芳", "nobody", "[[yang]]", "[[yang|杨]]", "[[wang]]",
    "[[ ]]", "[[|]]", "[[yang|]]", "[[小杨|王芳]]", " ", "\n", "\n\n", "`", "文字", "[", "]", "\\", "*", "_",
]), max_size=25).map("".join)

TOKENS = (list("杨趣玲王芳小区日记，。、“”！？：；（）【】《》…—abcXYZ019 ")
          + list("#*_`~>-+=|[]()!<>/&;\"'\\") + ["\n", "\n\n", "    ", "- ", "1. ", "> ", "```\n", "    code",
                                                "<script>", "</script>", "<b>", "</b>", "<p>", "</div>", "&amp;",
                                                "&#", "<!--", "-->", "<img src=x onerror=y>", "](", "http://e.org",
                                                "javascript:", "[[yang]]", "|---|", "\t", "\u3000", "\ue000", "\r"])
markdown_bodies = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)

WORD_CHARS = string.ascii_letters + string.digits + "杨趣玲王芳日记今天天气很好社区居民志愿者"
words = st.text(alphabet=WORD_CHARS, min_size=1, max_size=8)
plain_paragraphs = st.lists(st.lists(words, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=4)


# ---------------------------------------------------------------------------- properties


@FUZZ
@given(front=front_matter(), body=markdown_bodies)
def test_any_front_matter_builds_or_is_explained(front, body):
    attempt(entry(front, body))


@FUZZ
@given(body=mention_bodies)
def test_any_mention_syntax_builds_or_is_explained(body):
    attempt(entry("date: 2020-01-23\n", body))


@FEW
@given(body=markdown_bodies)
def test_any_markdown_body_builds_the_same_bytes_twice(body):
    first, second = attempt(entry("date: 2020-01-23\ntitle: 标题\n", body), runs=2)
    assert first == second


@FUZZ
@given(paragraphs=plain_paragraphs)
def test_plain_text_of_an_entry_appears_in_its_page(paragraphs):
    [result] = attempt({"chronicle.yaml": CONFIG, "entries/2020-01-23.md":
                        "---\ndate: 2020-01-23\n---\n" + "\n\n".join(paragraphs) + "\n"})
    assert result[0] == "site", result
    page = result[2]
    for paragraph in paragraphs:
        assert paragraph in page, paragraph
