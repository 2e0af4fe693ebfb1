"""Markdown bodies to safe HTML blocks, each with a stable anchor and the people it mentions.

Order matters: mentions are swapped for private-use markers before Markdown runs
(so Markdown cannot mangle them), the HTML is sanitised with an allow-list, and
only then are mention links and autolinks inserted, outside links and code.
Names of people who are published as initials or anonymously are replaced by
their label everywhere, whatever the autolink setting.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown as _markdown
import nh3

from chronicle.chinese.text import join_soft_breaks
from chronicle.fold import decode
from chronicle.names import Names  # noqa: F401  (graph and privacy import it from here)
from chronicle.content.chars import FORBIDDEN
from chronicle.markup_guard import (
    LinkLines,
    check,
    invisible_reference,
    line_index,
    through_stand_ins,
)

OPEN, MID, CLOSE = "\ue000", "\ue001", "\ue002"
MENTION = re.compile(r"\[\[([^\[\]\n|]*)(?:\|([^\[\]\n]*))?\]\]")
MARKER = re.compile(OPEN + r"(\d+)" + CLOSE)
INTERNAL = "chronicle:"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}, "abbr": {"title"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "time": {"datetime"}, "ol": {"start"},
    "sup": {"id"}, "li": {"id"},   # footnotes: the reference and the note link to each other (only those ids stay)
}
FOOTNOTE_ID = re.compile(r"fn(ref\d*)?:\S+")
BLOCK_TAGS = {"p", "ul", "ol", "dl", "blockquote", "pre", "table", "figure", "div", "details",
              "h2", "h3", "h4", "h5", "h6", "hr"}
SKIP_TAGS = {"a", "code", "pre", "kbd", "samp"}
VOID = {"br", "hr", "img"}


@dataclass(frozen=True)
class Mention:
    person: str
    text: str | None
    line: int


@dataclass(frozen=True)
class Block:
    anchor: str
    html: str
    text: str
    people: tuple[str, ...]


@dataclass
class Problem:
    line: int
    message: str
    hint: str = ""
    level: str = "error"
    needle: str = ""    # what to look for in the source to find the exact line (see _place)


@dataclass
class PersonLink:
    """How a person appears in text of one language: link target and, if restricted, the label."""

    url: str
    display: str
    label: str | None


def render_body(text: str, first_line: int, lang: str, *, resolve, people_links: dict, names: Names | None,
                autolink: bool, media: set[str]) -> tuple[list[Block], list[Problem]]:
    """Markdown to anchored, sanitised blocks. ``resolve`` maps a mention key to a person id or None.

    Plain prose paragraphs skip Markdown, nh3 and HTML parsing, whose output for them is known
    (``_paragraphs``): most diary bodies are such prose, and Markdown is most of the cost.
    """
    swapped, mentions, problems = _swap(text, first_line, resolve)
    prose = _plain_prose(swapped)
    if not prose:
        troubles = check(swapped, first_line)
        if troubles:
            problems += [Problem(t.line, t.message, t.hint) for t in troubles]
            return _unrendered(swapped), problems
    source = join_soft_breaks(swapped)
    raw = _paragraphs(source) if prose else _markdown_blocks(source, swapped, first_line, problems)
    if raw is None:
        return _unrendered(swapped), problems
    where = LinkLines(swapped, first_line)
    blocks = _link(raw, prose, mentions, problems, where, people_links, names, autolink, media)
    return blocks, _place(problems, text, first_line)


def _render_full(text: str, first_line: int, lang: str, *, resolve, people_links: dict, names: Names | None,
                 autolink: bool, media: set[str]) -> tuple[list[Block], list[Problem]]:
    """``render_body`` without the prose fast path, so tests can compare the two."""
    swapped, mentions, problems = _swap(text, first_line, resolve)
    raw = _markdown_blocks(join_soft_breaks(swapped), swapped, first_line, problems)
    where = LinkLines(swapped, first_line)
    blocks = _link(raw, False, mentions, problems, where, people_links, names, autolink, media)
    return blocks, _place(problems, text, first_line)


def _place(problems: list[Problem], text: str, first_line: int) -> list[Problem]:
    """A problem found in the rendered HTML is placed on the first source line that holds its ``needle``
    (an address as written, or percent-decoded); else it stays on the body's first line."""
    unescaped = None
    for problem in problems:
        if not problem.needle:
            continue
        if unescaped is None:
            unescaped = html.unescape(text) if "&" in text else text
        for source in dict.fromkeys((text, unescaped)):
            at = next((source.find(n) for n in dict.fromkeys((problem.needle, unquote(problem.needle)))
                       if source.find(n) >= 0), -1)
            if at >= 0:
                problem.line = first_line + source.count("\n", 0, at)
                break
    return problems


def _swap(text: str, first_line: int, resolve) -> tuple[str, list[Mention], list[Problem]]:
    """Mentions replaced by private-use markers (before Markdown, so it cannot mangle them), and their problems."""
    problems: list[Problem] = []
    mentions: list[Mention] = []
    line_of = line_index(text, first_line)

    def swap(match: re.Match) -> str:
        line = line_of(match.start())
        key = match.group(1).strip()
        label = match.group(2).strip() if match.group(2) is not None else None
        if not key:
            problems.append(Problem(line, f"empty mention {match.group(0)}", "write a mention as [[person-id]] or [[person-id|text]]"))
            return label or ""
        person, hint = resolve(key)
        if person is None:
            problems.append(Problem(line, f"unknown person '{key}' in [[{match.group(0)[2:-2]}]]", hint))
            return label or key
        mentions.append(Mention(person, label or None, line))
        return f"{OPEN}{len(mentions) - 1}{CLOSE}"

    swapped = MENTION.sub(swap, text)
    line_of = line_index(swapped, first_line)
    unclosed = [m.start() for m in re.finditer(r"\[\[", swapped)]
    for start in unclosed[:MAX_REPEATS]:
        problems.append(Problem(line_of(start), "'[[' is never closed" + _more(unclosed),
                                "write a mention as [[person-id]] or [[person-id|text]]"))
    unopened = [m.start() for m in re.finditer(r"(?<!\])\]\](?!\])", swapped)]
    for start in unopened[:MAX_REPEATS]:
        problems.append(Problem(line_of(start), "']]' without an opening '[['" + _more(unopened),
                                "write a mention as [[person-id]]", level="warning"))
    return swapped, mentions, problems


MAX_REPEATS = 5  # the same problem again and again in one text: the first few, and how many in all


def _more(found: list) -> str:
    return f" ({len(found):,} times in this text)" if len(found) > MAX_REPEATS else ""


# ASCII that Markdown (with the extensions in use), nh3 and HTML parsers leave alone in running text:
# "!" means something only before "[", ":" only first on a line (a definition) or with [ | <.
_PROSE_ASCII = re.compile(r"[^\nA-Za-z0-9 .,;:!?'\"()/%+\-\x80-\U0010ffff]")
# Line shapes that start lists, definitions, rules or code, or make hard breaks: leading or trailing space,
# or - + : or "1." first.
_PROSE_LINE = re.compile(r"^(?:[ +\-:]|\d+[.)])| $", re.MULTILINE)


def _plain_prose(swapped: str) -> bool:
    """True when ``swapped`` is paragraphs of text that Markdown and nh3 would pass through unchanged.

    Non-ASCII must be printable (no U+00A0, which nh3 writes as &nbsp;, no other spaces that
    str.strip would eat, no controls, formats, private-use other than whole mention markers,
    surrogates or unassigned code points).
    """
    return (not _PROSE_ASCII.search(swapped) and not _PROSE_LINE.search(swapped)
            and MARKER.sub("", swapped).replace("\n", "").isprintable())


def _paragraphs(source: str) -> list[str]:
    """For text ``_plain_prose`` accepts, ``_markdown_blocks`` gives "<p>" + each of these + "</p>"."""
    return [p for p in re.split(r"\n{2,}", source.strip("\n")) if p]


def _markdown_blocks(source: str, swapped: str = "", first_line: int = 1,
                     problems: list | None = None) -> list[str] | None:
    """Sanitised top-level blocks; None (with a problem) when Markdown recursed too deep after all."""
    try:
        rendered = _markdown.markdown(source, extensions=["sane_lists", "tables", "def_list", "footnotes"],
                                      output_format="html")
    except RecursionError:
        if problems is None:
            raise
        problems.append(Problem(first_line, "this text nests lists, quotes or definitions too deep to be shown",
                                "separate its parts with blank lines and nest less"))
        return None
    clean = _sanitise(rendered)
    bad = FORBIDDEN.search(clean)
    if bad:
        if problems is not None:
            problems.append(Problem(*invisible_reference(swapped or source, first_line, bad.group())))
        clean = FORBIDDEN.sub("", clean)
    return _top_level(_outline(clean) if "<h" in clean else clean)


_HEADING = re.compile(r"<(/?)h([2-6])\b")


def _outline(fragment: str) -> str:
    """Heading levels that follow the page's own: the text sits under the page's <h1>, so its first heading
    is an <h2> and none is more than one level below the one before (#### after the title would skip two,
    which screen reader users navigate by). Which heading is under which stays as the writer made it."""
    stack: list[tuple[int, int]] = []   # (level written, level shown) of the open headings
    shown: list[int] = []

    def level(match: re.Match) -> str:
        written = int(match.group(2))
        if match.group(1):
            return f"</h{shown.pop()}" if shown else match.group(0)
        while stack and stack[-1][0] >= written:
            stack.pop()
        stack.append((written, stack[-1][1] + 1 if stack else 2))
        shown.append(stack[-1][1])
        return f"<h{stack[-1][1]}"

    return _HEADING.sub(level, fragment)


def _sanitise(rendered: str) -> str:
    return through_stand_ins(rendered, lambda text: nh3.clean(
        text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer"))


def _unrendered(swapped: str) -> list[Block]:
    """The text as plain paragraphs, for a body whose Markdown was refused (the build stops on its error)."""
    texts = [MARKER.sub("", p).strip() for p in re.split(r"\n[ \t]*\n", swapped)]
    return [Block(f"p-{i}", f'<p id="p-{i}">{html.escape(text, quote=False)}</p>', text, ())
            for i, text in enumerate((t for t in texts if t), start=1)]


def _link(raw_blocks, prose, mentions, problems, where, people_links, names, autolink, media) -> list[Block]:
    """Blocks from sanitised HTML, or from the text of plain paragraphs when ``prose``.
    ``where`` gives the line of a link address (``markup_guard.LinkLines``)."""
    blocks = []
    for index, raw in enumerate(raw_blocks, start=1):
        anchor = f"p-{index}"
        walker = _Linker(mentions, people_links, names, autolink, media, problems, where)
        if prose:
            walker.paragraph(raw)
        else:
            walker.feed(raw)
            walker.close()
        body = _anchor(walker.output(), anchor)
        blocks.append(Block(anchor, body, _plain(body), tuple(dict.fromkeys(walker.people))))
    return blocks


def _top_level(fragment: str) -> list[str]:
    splitter = _Splitter()
    splitter.feed(fragment)
    splitter.close()
    return [b for b in splitter.blocks if b.strip()]


class _Splitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.depth = 0
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text()
        if tag in VOID:
            (self.blocks if self.depth == 0 else self.current).append(text)
            return
        self.current.append(text)
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.current.append(f"</{tag}>")
        self.depth = max(0, self.depth - 1)
        if self.depth == 0:
            self.blocks.append("".join(self.current))
            self.current = []

    def handle_data(self, data):
        if self.depth == 0:
            if data.strip():
                self.blocks.append(f"<p>{data.strip()}</p>")
            return
        self.current.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def close(self):
        super().close()
        if self.current:
            self.blocks.append("".join(self.current))


class _Linker(HTMLParser):
    """Re-serialises one block, linking mentions and names in text outside links and code."""

    def __init__(self, mentions, people_links, names, autolink, media, problems, where):
        super().__init__(convert_charrefs=True)
        self.mentions = mentions
        self.links = people_links
        self.names = names
        self.autolink = autolink
        self.media = media
        self.problems = problems
        self.where = where if callable(where) else (lambda address, line=where: line)
        self.out: list[str] = []
        self.skip = 0
        self.people: list[str] = []

    def output(self) -> str:
        return "".join(self.out)

    def paragraph(self, text: str) -> None:
        """What feeding "<p>" + text + "</p>" does, for text with no markup or character references."""
        self.out.append("<p>")
        self.handle_data(text)
        self.out.append("</p>")

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        self.out.append(self._tag(tag, attrs, tag in VOID))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, True))

    def _tag(self, tag, attrs, void):
        address = {"a": "href", "img": "src"}.get(tag)
        if address:
            given = next((value for name, value in attrs if name == address), None)
            url = self._url(given) if (given or "").strip() else ""
            if not url:
                # the sanitiser took the address away (javascript:, data:, …), or there was none: HTML allows
                # rel and target only on a link, and a picture without a source shows its description instead
                if tag == "img":
                    return html.escape(self._redact(dict(attrs).get("alt") or ""), quote=False)
                attrs = [(name, value) for name, value in attrs if name not in (address, "rel", "target")]
            else:
                attrs = [(name, url if name == address else value) for name, value in attrs]
            if tag == "img" and url and not any(name == "alt" for name, _ in attrs):
                self.problems.append(Problem(self.where(given), f"the picture '{given}' has no description (alt text)",
                                             "describe it for readers who cannot see it: ![what it shows](" + given + ")",
                                             level="warning"))
                attrs.append(("alt", ""))
        if tag in ("sup", "li"):
            attrs = [(name, value) for name, value in attrs if name != "id" or FOOTNOTE_ID.fullmatch(value or "")]
        parts = [tag]
        for name, value in attrs:
            if value is None:
                parts.append(name)
                continue
            if name in ("alt", "title"):
                value = self._redact(value)
            parts.append(f'{name}="{html.escape(value, quote=True)}"')
        return "<" + " ".join(parts) + ">"

    def _redact(self, text: str) -> str:
        """Restricted people's names replaced by their label, for text that cannot carry a link."""
        if self.names is None or not text:
            return text
        out, pos = [], 0
        for start, end, pid, restricted in self.names.find(text):
            if restricted:
                out += [text[pos:start], self.links[pid].label or self.links[pid].display]
                pos = end
        return "".join(out) + text[pos:] if out else text

    def _url(self, value: str) -> str:
        if self.names is not None and any(r for *_, r in self.names.find(decode(value))):
            self.problems.append(Problem(self.where(value), "a link or image address contains the name of a person who "
                                         "is published as initials or anonymously",
                                         "take the name out of the address (the file name or the link)", needle=value))
            return ""
        target = value.split("#")[0].split("?")[0]
        bare = target
        while bare.startswith("../"):
            bare = bare[3:]
        if bare.startswith("./"):
            bare = bare[2:]
        if bare.startswith("media/"):
            if ".." in bare.split("/") or bare not in self.media:
                self.problems.append(Problem(self.where(value), f"'{value}' is not a file in media/",
                                             "put the file in the content folder's media/ and link it as media/NAME"))
                return value
            return INTERNAL + bare + value[len(target):]
        if target and not _SCHEME.match(target):
            # a relative address other than media/ points at nothing the site has (x.png, /zh/, //host/…)
            self.problems.append(Problem(self.where(value), f"'{value}' is not an address chronicle can link to, and "
                                         "is left out", "link a file of the content as media/NAME, and anything "
                                         "else by its full address (https://…)", level="warning"))
            return ""
        return value

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        pieces = MARKER.split(data)
        for index, piece in enumerate(pieces):
            if index % 2 == 1:
                self._mention(self.mentions[int(piece)])
            else:
                self._text(piece)

    def _mention(self, mention: Mention):
        link = self.links[mention.person]
        shown = link.label if link.label else self._redact(mention.text or link.display)
        if self.skip:
            label = "|" + self._redact(mention.text) if mention.text else ""
            self.out.append(html.escape(f"[[{shown}]]" if link.label else f"[[{mention.person}{label}]]", quote=False))
            return
        self.people.append(mention.person)
        self.out.append(f'<a class="mention" href="{INTERNAL}{link.url}">{html.escape(shown, quote=False)}</a>')

    def _text(self, text: str):
        if not text:
            return
        if self.names is None:
            self.out.append(html.escape(text, quote=False))
            return
        pos = 0
        for start, end, pid, restricted in self.names.find(text):
            if not restricted and (self.skip or not self.autolink):
                continue
            link = self.links[pid]
            self.out.append(html.escape(text[pos:start], quote=False))
            shown = link.label if link.label else text[start:end]
            if self.skip:
                self.out.append(html.escape(shown, quote=False))
            else:
                self.people.append(pid)
                self.out.append(f'<a class="mention" href="{INTERNAL}{link.url}">{html.escape(shown, quote=False)}</a>')
            pos = end
        self.out.append(html.escape(text[pos:], quote=False))


def _anchor(block: str, anchor: str) -> str:
    match = re.match(r"<([a-z0-9]+)", block)
    if not match:
        return f'<div id="{anchor}">{block}</div>'
    return block[: match.end()] + f' id="{anchor}"' + block[match.end():]


def _plain(fragment: str) -> str:
    text = re.sub(r"<[^>]+>", "", fragment)
    return html.unescape(text).strip()
