"""Markdown of a report: the same text, for editing or for pasting into another document."""

from __future__ import annotations

import re

from chronicle.reports.document import Document, Evidence, Heading, PageBreak, Para, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: str) -> str:
    """Characters Markdown would read as markup; a leading # or list marker too."""
    text = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([#>+-]|\d+\.)(\s)", r"\1\\\2\3", text)


def _bold(text: str) -> str:
    """**label**： with the colon outside, so CommonMark parsers also see the emphasis next to CJK punctuation."""
    core = text.rstrip()
    tail = text[len(core):]
    while core and core[-1] in "：:":
        tail = core[-1] + tail
        core = core[:-1]
    return f"**{md_escape(core)}**{tail}" if core else tail


def write_markdown(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            out.append("---")
        elif isinstance(block, Heading):
            out.append("#" * (block.level + 1) + " " + md_escape(block.text))
        elif isinstance(block, Para):
            text = "".join(_bold(r.text) if r.bold else md_escape(r.text) for r in block.runs)
            if block.style == "notice":
                text = "> " + _bold(block.text)
            elif block.style in ("subtitle", "dateline", "note"):
                text = f"*{text}*" if not text.startswith("**") else text
            out.append(text)
        elif isinstance(block, Evidence):
            sep = "　" if doc.zh else " — "
            title = (f"《{block.title}》" if doc.zh else block.title) if block.title else ""
            if title:
                title = f"[{md_escape(title)}]({block.url})" if block.url else md_escape(title)
            line = f"- **{md_escape(block.date_text)}**" + (sep + title if title else "")
            if block.text:
                line += ("：" if doc.zh else ": ") + "“" + md_escape(block.text) + "”"
            out.append(line)
        elif isinstance(block, Table):
            cells = lambda row: "| " + " | ".join(md_escape(c) for c in row) + " |"  # noqa: E731
            out.append("\n".join([cells(block.header), "|" + "---|" * len(block.header)] + [cells(r) for r in block.rows]))
    # Consecutive evidence lines form one list; everything else is its own paragraph.
    text = ""
    for prev, item in zip([""] + out, out):
        text += ("\n" if prev.startswith("- ") and item.startswith("- ") else "\n\n" if text else "") + item
    return text + "\n"
