import pytest

from chronicle.content.yamlio import YAMLProblem, load_yaml, split_front_matter


def test_lines_of_keys_and_items():
    data = load_yaml("a: 1\nb:\n  - x\n  - y\n", first_line=5)
    assert data.line_of("a") == 5
    assert data["b"].line_of(1) == 8


def test_dates_stay_text_so_impossible_dates_can_be_reported():
    assert load_yaml("date: 2020-02-30\n") == {"date": "2020-02-30"}


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\na: 2\n", 2, "duplicate key 'a' (first on line 1)"),
    ("a:\n\t- x\n", 2, "tab character"),
    ('a: "open\nb: 2\n', 1, "quoted string is never closed"),
    ("title: a: b\n", 1, "': ' inside a value"),
    ("a: !!python/object:os.system x\n", 1, "unsupported YAML tag"),
])
def test_friendly_errors_with_lines(text, line, words):
    with pytest.raises(YAMLProblem) as info:
        load_yaml(text)
    assert info.value.line == line
    assert words in info.value.message


def test_billion_laughs_fails_fast():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    with pytest.raises(YAMLProblem) as info:
        load_yaml("\n".join(lines) + "\n")
    assert "expands to more than" in info.value.message


def test_front_matter_split_and_unclosed():
    front, fline, body, bline = split_front_matter("---\ndate: 2020-01-01\n---\nText\n")
    assert front == "date: 2020-01-01" and fline == 2 and body == "Text\n" and bline == 4
    with pytest.raises(YAMLProblem) as info:
        split_front_matter("---\ndate: 2020-01-01\nText\n")
    assert info.value.line == 1
