"""Markdown that Python-Markdown would take minutes over, or recurse too deep on, refused at its line.

Python-Markdown is quadratic in some inputs: every '[' scans ahead for its ']' (40 KB of '['
takes minutes), every unclosed '<a' makes its HTML parser scan to the end of the text, every
heading in a paragraph re-scans the rest of it; lists nested a thousand levels deep, or a
thousand definitions in one paragraph, exhaust Python's recursion after half a minute. It
cannot be changed from here, so its input is measured first, in one linear pass per measure,
and text over a budget is an error at the line where the trouble starts. The budgets sit far
above anything written by hand and hold Python-Markdown's time linear in the length of the text.

Also here, for the same reasons: the line of a position or of a link address (problems found after
Markdown, which forgets lines), and nh3 kept linear on the characters it is slow on.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from chronicle.content.chars import describe, find_forbidden
from chronicle.content.chars import message as chars_message

MAX_NESTING = 32        # lists and quotes inside one another
MAX_BLOCKS = 20_000     # paragraphs (text between blank lines) in one body: about a millisecond each
MAX_DEFINITIONS = 150   # ': definition' lines in one paragraph (each is one level of recursion)
# Python-Markdown's scanning is held to a few steps per character of the body plus a fixed allowance,
# so its time grows linearly with the text (at worst about 20 microseconds a character), never with
# the square; the allowances sit far above what hand-written text needs.
SCAN_PER_CHAR = 10
BRACKET_ALLOWANCE = 100_000      # scanning for the ']' (and ')') of every '[' of a body
TAG_ALLOWANCE = 1_000_000        # scanning for the '>' of every '<tag' of a body
MAX_MARKS = 10_000               # marks that start inline formatting, in one paragraph
BLOCK_WEIGHT = 20                # a heading or rule inside a paragraph counts as 20 marks

_LONG_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]", re.MULTILINE)
_SPLITTING = re.compile(r"^ {0,3}(?:#|[-*_=][-*_= ]*$|:[ \t])", re.MULTILINE)  # headings, rules, underlines
_MARKS = "*_`\\&<["
_TAG_OPEN = re.compile(r"<(?:/?[A-Za-z])")
_BLOCK_LEVEL = ("address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 "
                "h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas colgroup dd body dt group "
                "html iframe li legend math map noscript output object option progress script style summary tbody "
                "td textarea tfoot th thead tr video center").split()  # Python-Markdown's block_level_elements
_RAW_START = re.compile(rf"^ {{0,3}}<({'|'.join(_BLOCK_LEVEL)})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Trouble:
    line: int
    message: str
    hint: str


def check(text: str, first_line: int) -> list[Trouble]:
    """Everything in ``text`` (a body, mentions already swapped) over a budget; linear in its length."""
    lines = text.split("\n")
    troubles = _nesting(text, first_line)
    begin, scanned, worst, blocks = 0, 0, (-1, 0, ""), 0
    budget = SCAN_PER_CHAR * len(text) + BRACKET_ALLOWANCE
    for index, line in enumerate(lines + [""]):
        if index == len(lines) or not line.strip(" \t"):
            if index > begin:
                blocks += 1
                if blocks > MAX_BLOCKS:
                    troubles.append(Trouble(first_line + begin, f"this text has more than {MAX_BLOCKS:,} paragraphs "
                                            "(text between blank lines); this is where the limit is passed",
                                            "split it into several entries or pages"))
                    return troubles
                chunk = "\n".join(lines[begin:index])
                found = _paragraph(chunk, first_line + begin)
                troubles += found
                if "[" in chunk and not found:  # over the marks limit already: no need to count further
                    cost, at = _bracket_cost(chunk, budget - scanned)
                    scanned += cost
                    if cost > worst[0]:
                        worst = (cost, first_line + begin + chunk.count("\n", 0, at), chunk)
            begin = index + 1
    if scanned > budget:
        troubles.append(Trouble(worst[1], f"this paragraph has {worst[2].count('['):,} '[' that are never closed "
                                "or are nested deep: showing them would take too long",
                                "close each '[' with ']'; write \\[ for a bracket that is only a bracket"))
    return troubles + _tags(text, first_line)


def _nesting(text: str, first_line: int) -> list[Trouble]:
    """Lists and quotes nested too deep. Only a line starting with over MAX_NESTING characters of
    indentation and markers can be, and one regular expression finds those."""
    for candidate in _LONG_PREFIX.finditer(text):
        end = text.find("\n", candidate.start())
        line = text[candidate.start():end if end >= 0 else len(text)]
        indent = len(line) - len(line.lstrip(" \t"))
        depth, pos = len(line[:indent].expandtabs(4)) // 4, 0
        while depth <= MAX_NESTING:
            match = _CONTAINER.match(line, pos)
            if not match or match.end() == pos:
                break
            depth += 1
            pos = match.end()
        if depth > MAX_NESTING:
            return [Trouble(first_line + text.count("\n", 0, candidate.start()),
                            f"lists or quotes are nested more than {MAX_NESTING} levels deep here",
                            "a list inside a list inside a list… is hard to read at a few levels, and past "
                            f"{MAX_NESTING} cannot be shown; for code, indent with fewer spaces")]
    return []


def _paragraph(chunk: str, line: int) -> list[Trouble]:
    out = []
    definitions = len(_DEFINITION.findall(chunk))
    if definitions > MAX_DEFINITIONS:
        out.append(Trouble(line, f"this paragraph has {definitions} definition lines (': …'); "
                           f"the limit is {MAX_DEFINITIONS}", "separate the terms with blank lines"))
    splitting = sum(1 for _ in _SPLITTING.finditer(chunk))
    raw = _raw_html_end(chunk)  # a pasted HTML table is passed through whole: its '<' and '&' cost nothing
    marks = sum(chunk.count(mark, raw if mark in "<&" else 0) for mark in _MARKS)
    if marks + BLOCK_WEIGHT * splitting > MAX_MARKS:
        what = (f"{splitting:,} headings or rules" if BLOCK_WEIGHT * splitting > marks
                else f"{marks:,} formatting marks (* _ ` [ < & \\)")
        out.append(Trouble(line, f"this paragraph has {what} without a blank line between them, too many "
                           "for one paragraph: showing it would take too long",
                           "separate paragraphs, headings and lists with blank lines"))
    return out


def _raw_html_end(chunk: str) -> int:
    """Where the HTML block a paragraph starts with ends (0: it does not start with one).

    Python-Markdown passes a block-level element that starts a line through as it is, to its end tag
    (counted with nesting); what follows on the next lines is Markdown again. Without an end tag the
    block is taken to be the first line only, which counts more rather than less."""
    start = _RAW_START.match(chunk)
    if not start:
        return 0
    depth = 0
    for tag in re.finditer(rf"<(/?){start.group(1)}(?![\w-])", chunk, re.IGNORECASE):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    end = chunk.find("\n")
    return end if end >= 0 else len(chunk)


def _code_spans(chunk: str) -> dict[int, int]:
    """Start -> end of each code span, as Python-Markdown finds them: a run of n backticks up to the
    next run of exactly n on the same line. Linear: each run is looked up once among the runs after it."""
    spans: dict[int, int] = {}
    for line_match in re.finditer(r"[^\n]+", chunk):
        runs = [(m.start(), m.end()) for m in re.finditer(r"(?<!\\)`+", line_match.group())]
        following: dict[int, list[int]] = {}
        for i in range(len(runs) - 1, -1, -1):
            following.setdefault(runs[i][1] - runs[i][0], []).append(i)
        used = -1
        for i, (a, b) in enumerate(runs):
            same = following.get(b - a)
            while same and same[-1] <= i:
                same.pop()
            if i <= used or not same:
                continue
            j = same.pop()
            spans[line_match.start() + a] = line_match.start() + runs[j][1]
            used = j
    return spans


_BRACKETISH = re.compile(r"[\[\]()\\`]")


def _bracket_cost(chunk: str, budget: float = float("inf")) -> tuple[int, int]:
    """How far Python-Markdown scans for the ']' of every '[' (and the ')' of every '](') in a paragraph:
    to its partner by nesting, escapes and code spans skipped as they are there, else to the end.
    Returns (characters scanned, where the costliest '[' is); stops once over ``budget``."""
    spans = _code_spans(chunk) if "`" in chunk else {}
    n = len(chunk)
    brackets: list[int] = []
    parens: list[int] = []
    link_parens: list[int] = []
    cost, worst, worst_cost = 0, 0, -1
    skip_to = 0
    last = 0
    for match in _BRACKETISH.finditer(chunk):
        i = match.start()
        if i < skip_to:
            continue
        if brackets:  # every open '[' scans on past here: the cost so far, before the ']' comes
            cost += len(brackets) * (i - last)
            if cost > budget:
                return cost, brackets[0]
        last = i
        c = chunk[i]
        if c == "\\":
            skip_to = i + 2
        elif c == "`":
            skip_to = spans.get(i, i + 1)
        elif c == "[":
            brackets.append(i)
        elif c == "]" and brackets:
            opened = brackets.pop()
            if i - opened > worst_cost:
                worst, worst_cost = opened, i - opened
            if i + 1 < n and chunk[i + 1] == "(":
                link_parens.append(len(parens))
                parens.append(i + 1)
                skip_to = i + 2
        elif c == "(":
            parens.append(i)
        elif c == ")" and parens:
            opened = parens.pop()
            if link_parens and link_parens[-1] == len(parens):
                link_parens.pop()
                cost += i - opened
    cost += len(brackets) * (n - last)
    for opened in brackets:
        if n - opened > worst_cost:
            worst, worst_cost = opened, n - opened
    for index in link_parens:
        cost += n - parens[index] if index < len(parens) else 0
    return cost, worst


def _tags(text: str, first_line: int) -> list[Trouble]:
    """Python-Markdown's HTML parser scans from each '<a' or '</a' to its '>', or to the end of the text."""
    if "<" not in text:
        return []
    cost, first, close = 0, None, -1
    budget = SCAN_PER_CHAR * len(text) + TAG_ALLOWANCE
    for match in _TAG_OPEN.finditer(text):
        if close != len(text) and close < match.end():
            close = text.find(">", match.end())
            if close < 0:
                close = len(text)
        cost += close - match.start()
        if close == len(text) and first is None:
            first = match.start()
        if cost > budget:
            where = first if first is not None else match.start()
            return [Trouble(first_line + text.count("\n", 0, where),
                            f"{len(_TAG_OPEN.findall(text)):,} '<' look like the start of HTML tags but are not closed "
                            "with '>': showing them would take too long",
                            "write &lt; for a '<' that is only a less-than sign")]
    return []


# ---------------------------------------------------------------------------- lines, and nh3 in linear time


def line_index(text: str, first_line: int):
    """``position -> line number`` in ``text``, by bisection: counting newlines for each is quadratic."""
    starts = [m.end() for m in re.finditer("\n", text)]
    return lambda position: first_line + bisect.bisect_right(starts, position)


class LinkLines:
    """The line of each link or image address in a body, for problems found after Markdown and nh3
    (which forget lines): the next occurrence of the address, as written or entity-encoded, after the
    last one found. Each body is searched forward once, so this stays linear."""

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first_line = first_line
        self.line_of = line_index(text, first_line)
        self.pos = 0

    def __call__(self, address: str) -> int:
        for candidate in dict.fromkeys((address, html.escape(address, quote=False), unquote(address))):
            if not candidate:
                continue
            found = self.text.find(candidate, self.pos)
            if found < 0:
                found = self.text.find(candidate, 0, self.pos)
            if found >= 0:
                self.pos = found + len(candidate)
                return self.line_of(found)
        return self.first_line


# nh3 (html5ever) takes time quadratic in the number of U+00A0-U+00BF characters (· « » ° © …) in one
# text: 300,000 middle dots take ten seconds. They go through it as noncharacters (which content may
# not hold, content/chars.py) and come back after; U+00A0 as the &nbsp; nh3 writes for it.
_SLOW = re.compile("[\u00a0-\u00bf]")
_STAND_INS = re.compile("[\ufdd0-\ufdef]")
_TO_STAND_IN = {code: 0xFDD0 + code - 0xA0 for code in range(0xA0, 0xC0)}
_FROM_STAND_IN = {0xFDD0 + code - 0xA0: chr(code) for code in range(0xA0, 0xC0)} | {0xFDD0: "&nbsp;"}


def through_stand_ins(rendered: str, clean) -> str:
    """``clean(rendered)`` (nh3) with U+00A0-U+00BF passed as stand-ins: the same result, in linear time."""
    swap = _SLOW.search(rendered) is not None and _STAND_INS.search(rendered) is None
    out = clean(rendered.translate(_TO_STAND_IN) if swap else rendered)
    return out.translate(_FROM_STAND_IN) if swap else out


def invisible_reference(text: str, first_line: int, char: str) -> tuple[int, str, str]:
    """(line, message, hint) for a character no page, feed or Word file may hold that came out of Markdown:
    most likely a character reference like &#1;."""
    for match in _CHARREF.finditer(text):
        code = int(match.group(1)[1:], 16) if match.group(1)[:1] in "xX" else int(match.group(1))
        if code == ord(char):
            return (line_index(text, first_line)(match.start()),
                    f"a character reference stands for the invisible character {describe(char)}",
                    "delete it; it shows as nothing, and feeds and Word files cannot hold it")
    found = find_forbidden(text)
    line = line_index(text, first_line)(text.find(found[2])) if found else first_line
    return (line, *chars_message(char, None, 1))


_CHARREF = re.compile(r"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")
