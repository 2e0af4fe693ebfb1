"""Safe YAML with line numbers on every mapping key and list item.

PyYAML's own objects forget where they came from; writers need ``file:line``.
We compose nodes with the safe loader and build plain dicts and lists that
remember lines. Dates stay strings (the model parses them, with clear errors
for 2020-02-30), duplicate keys are errors, and alias expansion is bounded so a
"billion laughs" file fails fast.
"""

from __future__ import annotations

import re

import yaml

from chronicle.content.chars import FORBIDDEN, describe

MAX_NODES = 200_000
MAX_DEPTH = 64
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: same nodes and marks, ~10x faster


class YMap(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class YFloat(float):
    """A YAML float that remembers how it was written: 3.730 is 3.73, but a writer may have meant 3730."""

    raw: str = ""


class YAMLProblem(Exception):
    def __init__(self, line: int | None, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS = {_INT, _FLOAT, _BOOL, _NULL, _STR, _TIMESTAMP}
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_DEEP_CHECK = 1000  # shorter texts cannot nest deep enough to hurt libyaml


def load_yaml(text: str, first_line: int = 1):
    """Parse one YAML document; ``first_line`` is where it starts in its file (front matter)."""
    offset = first_line - 1
    if "\t" in text:
        for number, line in enumerate(text.split("\n"), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise YAMLProblem(number + offset, "a tab character indents this line; YAML indents with spaces only",
                                  "replace the tab with spaces")
    if len(text) > _DEEP_CHECK:
        _check_depth(text, offset)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except RecursionError:
        raise _too_deep(first_line) from None
    except yaml.YAMLError:
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except RecursionError:
            raise _too_deep(first_line) from None
        except yaml.MarkedYAMLError as exc:
            raise _friendly(exc, offset, text) from None
        except yaml.YAMLError as exc:
            raise YAMLProblem(first_line, f"YAML could not be read: {exc}") from None
    if node is None:
        return None
    return _Builder(offset, text).build(node)


def _check_depth(text: str, offset: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing: libyaml's composer recurses in C,
    and tens of thousands of '[' crash the whole process. Its event parser does not recurse."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark.line + 1 + offset)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # compose reports it, with the friendly wording


def _too_deep(line: int) -> YAMLProblem:
    return YAMLProblem(line, f"YAML is nested more than {MAX_DEPTH} levels deep",
                       "content files need a few levels at most; check the brackets and indentation")


def _unbalanced(line_text: str, bracket: str, closing: str) -> bool:
    """Whether a line opens more brackets than it closes (text in quotes ignored)."""
    bare = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "", line_text.split(" #")[0])
    return bare.count(bracket) > bare.count(closing)


def _over_indented(source: str, mark) -> bool:
    lines = source.split("\n")
    if not 0 < mark.line < len(lines):
        return False
    before = lines[mark.line][:mark.column]
    if not before.strip() or ": " in before or before.lstrip().startswith("- "):
        return False
    previous = next((x for x in reversed(lines[:mark.line]) if x.strip()), "")
    return len(before) - len(before.lstrip()) > len(previous) - len(previous.lstrip())


def _friendly(exc: yaml.MarkedYAMLError, offset: int, source: str = "") -> YAMLProblem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + offset) if mark else None
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "quoted scalar" in context and "end of stream" in problem:
        start = exc.context_mark.line + 1 + offset if exc.context_mark else line
        return YAMLProblem(start, "a quoted string is never closed", "add the closing quote")
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and exc.context_mark:
        start = exc.context_mark.line + 1 + offset
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        lines = source.split("\n")
        opening = lines[exc.context_mark.line] if exc.context_mark.line < len(lines) else ""
        if "<stream end>" in problem or _unbalanced(opening, bracket, closing):
            return YAMLProblem(start, f"a '{bracket}' is never closed", f"add the closing '{closing}' on this line")
        return YAMLProblem(line, f"the '{bracket}' opened on line {start} is not separated or closed properly",
                           f"separate items with ', ' and close with '{closing}'; quote text that contains , [ ] {{ }}")
    if "found character '\\t'" in problem:
        return YAMLProblem(line, "a tab character where YAML expects spaces", "replace the tab with spaces")
    if "found undefined alias" in problem or "while scanning an alias" in context:
        return YAMLProblem(line, "a value starts with '*', which YAML reads as an alias of an '&anchor'",
                           "put the whole value in quotes if the '*' is part of the text")
    if "unknown escape character" in problem or ("escape sequence" in problem and "double-quoted" in context):
        return YAMLProblem(line, "a backslash inside double quotes starts an escape like \\n, and this one is unknown",
                           "use single quotes instead, or write two backslashes for one")
    if "tag" in context or "URI escape" in problem:
        return YAMLProblem(line, "a value starts with '!', which YAML reads as a type tag",
                           "put the whole value in quotes if the '!' is part of the text")
    if "directive" in context:
        return YAMLProblem(line, "a line starts with '%', which YAML reads as a directive",
                           "put the whole value in quotes if the '%' is part of the text")
    if "<document start>" in problem:
        return YAMLProblem(line, "YAML read the lines above as a complete document and cannot go on here",
                           "look for a quote or bracket closed too early, or a line that starts with '%' or '...'")
    if "while scanning an anchor" in context:
        return YAMLProblem(line, "a value starts with '&', which YAML reads as an anchor",
                           "put the whole value in quotes if the '&' is part of the text")
    if "while scanning a block scalar" in context:
        return YAMLProblem(line, "a value starts with '|' or '>', which YAML reads as a block of text on the next lines",
                           "put the whole value in quotes if the '|' or '>' is part of the text")
    if "sequence entries are not allowed here" in problem:
        return YAMLProblem(line, "a '- ' list item where a value was expected",
                           "start the list on the next line, indented under its key, or quote the value")
    if "mapping keys are not allowed here" in problem:
        return YAMLProblem(line, "a value cannot start with '?'", "put the whole value in quotes")
    if "expected the node content, but found" in problem:
        found = problem.rsplit("found", 1)[1].strip()
        return YAMLProblem(line, f"a value cannot start with {found}", "put the whole value in quotes")
    if ("expected <block end>" in problem and "block" in context and mark is not None
            and 0 < mark.index <= len(source) and source[mark.index - 1] in "]}\"'"):
        return YAMLProblem(line, "text goes on after a closing quote or bracket",
                           "put the whole value in quotes, e.g. title: '\"a\" b'")
    if "expected <block end>" in problem and "block" in context:
        return YAMLProblem(line, "this line's indentation does not fit the lines above it",
                           "keys of one mapping line up at the same indentation; list items start with '- ' "
                           "and their fields are indented under it")
    if "that cannot start any token" in problem and mark is not None:
        char = source[mark.index] if mark.index < len(source) else "?"
        return YAMLProblem(line, f"a value cannot start with '{char}'", "put the whole value in quotes")
    if "mapping values are not allowed" in problem and mark is not None and _over_indented(source, mark):
        return YAMLProblem(line, "this line is indented more than the line above, so it reads as part of that value",
                           "line up the keys of one mapping at the same indentation")
    if "mapping values are not allowed" in problem:
        return YAMLProblem(line, "a ': ' inside a value that is not quoted",
                           "put the whole value in quotes: title: \"a: b\"")
    if "could not find expected ':'" in problem or "could not find expected ':'" in context:
        return YAMLProblem(line, "a line without 'key: value' where a mapping was expected",
                           "check the indentation and that each line reads key: value")
    if "expected a single document" in problem or "expected a single document" in context:
        return YAMLProblem(line, "more than one YAML document ('---') in this file")
    text = problem or context or str(exc)
    if context and problem:
        text = f"{problem} ({context})"
    return YAMLProblem(line, f"YAML syntax error: {text}")


class _Builder:
    def __init__(self, offset: int, text: str = ""):
        self.offset = offset
        self.text = text
        self.count = 0
        self.depth = 0

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _too_deep(self.line(node))
            return self._build(node)
        finally:
            self.depth -= 1

    def _build(self, node):
        self.count += 1
        if self.count > MAX_NODES:
            raise YAMLProblem(self.line(node), f"YAML expands to more than {MAX_NODES} values (aliases nested too deep?)",
                              "remove the '&anchor' / '*alias' repetition")
        if isinstance(node, yaml.MappingNode):
            if node.tag not in (_MAP,):
                raise YAMLProblem(self.line(node), f"unsupported YAML tag {_short_tag(node.tag)}", "remove the '!' tag")
            result = YMap()
            result.line = self.line(node)
            result.key_lines = {}
            if node.flow_style:
                self._split_number(node.value)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YAMLProblem(self.line(key_node), "YAML merge keys ('<<') are not supported")
                key = self.build(key_node)
                if isinstance(key, (dict, list)):
                    raise YAMLProblem(self.line(key_node), "a mapping key must be a plain value")
                if key in result:
                    raise YAMLProblem(self.line(key_node), f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                                      "remove one of them")
                result.key_lines[key] = self.line(key_node)
                result[key] = self.build(value_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise YAMLProblem(self.line(node), f"unsupported YAML tag {_short_tag(node.tag)}", "remove the '!' tag")
            result = YList()
            result.line = self.line(node)
            result.item_lines = []
            for item in node.value:
                result.item_lines.append(self.line(item))
                result.append(self.build(item))
            return result
        if node.tag not in _SCALARS:
            raise YAMLProblem(self.line(node), f"unsupported YAML tag {_short_tag(node.tag)}", "remove the '!' tag")
        if node.tag in (_STR, _TIMESTAMP):
            bad = FORBIDDEN.search(node.value)
            if bad:
                raise YAMLProblem(self.line(node), f"text contains the invisible character {describe(bad.group())}",
                                  "take the escape (\\x.., \\u....) for it out of the quoted text")
            return node.value
        constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        try:
            if node.tag == _INT:
                if not _DECIMAL.match(node.value):
                    return node.value  # 0202, 0x1F, 1:30: YAML 1.1 octal, hex, base 60; as written, never a surprise
                return yaml.SafeLoader.construct_yaml_int(constructor, node)
            if node.tag == _FLOAT:
                if ":" in node.value:
                    return node.value  # base 60
                number = YFloat(yaml.SafeLoader.construct_yaml_float(constructor, node))
                number.raw = node.value
                return number
            if node.tag == _BOOL:
                return yaml.SafeLoader.construct_yaml_bool(constructor, node)
        except (ValueError, yaml.YAMLError):
            return node.value
        return None


    def _split_number(self, pairs) -> None:
        """``{value: 3,730}`` reads as value 3 and a key 730 with no value: the comma separates items in { }."""
        for index in range(1, len(pairs)):
            before, (key, value) = pairs[index - 1][1], pairs[index]
            if (before.tag in (_INT, _FLOAT) and isinstance(key, yaml.ScalarNode) and not key.style
                    and key.value.isdigit() and key.value.isascii() and value.tag == _NULL and not value.value
                    and re.fullmatch(r"\s*,\s*", self.text[before.end_mark.index:key.start_mark.index] or "?")):
                digits = [key.value]
                for more, empty in pairs[index + 1:]:
                    if not (isinstance(more, yaml.ScalarNode) and more.value.isdigit() and empty.tag == _NULL
                            and not empty.value):
                        break
                    digits.append(more.value)
                written = self.text[before.start_mark.index:key.end_mark.index]
                if len(digits) > 1:
                    written += "," + ",".join(digits[1:])
                whole = before.value + "".join(digits)
                if before.tag == _INT and all(len(d) == 3 for d in digits):
                    hint = f"write {whole} (no thousands separator)"
                elif before.tag == _INT and len(digits) == 1:
                    hint = f"write {before.value}.{key.value} if the comma is a decimal comma"
                else:
                    hint = "write the number without commas"
                read = ", ".join(f"'{d}'" for d in digits)
                raise YAMLProblem(self.line(before), f"{written} was read as {before.value} and {read}, "
                                  "because a comma separates the items in { }", hint + "; if it is text, put it in quotes")


def _short_tag(tag: str) -> str:
    """``!!python/object`` as the writer typed it, not the expanded ``tag:yaml.org,2002:`` form."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """Split ``---`` front matter from the body.

    Returns (front matter text or None, its first line, body, the body's first line).
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2
    raise YAMLProblem(1, "front matter starts with '---' but has no closing '---' line",
                      "add a line with just --- after the last front matter field")
