"""Writing what a Word or HTML document holds as Markdown: emphasis, tables, lists.

The readers (word.py, html_reader.py) see runs of bold or italic text, table
cells and list items; these helpers turn them into the Markdown an entry
file holds, so a table stays a table and a list stays a list on the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def inline(runs: list[Run]) -> str:
    """Runs as Markdown: neighbours with the same emphasis are joined, markers hug the words they cover."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(Run(run.text, run.bold, run.italic))
    out = []
    for run in merged:
        if not (run.bold or run.italic) or not run.text.strip():
            out.append(run.text)
            continue
        mark = ("**" if run.bold else "") + ("*" if run.italic else "")
        core = run.text.strip()
        lead, trail = run.text[: len(run.text) - len(run.text.lstrip())], run.text[len(run.text.rstrip()):]
        out.append(f"{lead}{mark}{core}{mark[::-1]}{trail}")
    return "".join(out)


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().replace("|", "\\|")


def table(rows: list[list[str]]) -> str:
    """A Markdown (pipe) table; the first row is its header, short rows are padded."""
    rows = [[_cell(c) for c in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(" --- " for _ in range(width)) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


@dataclass
class Item:
    text: str
    level: int = 0        # nesting, 0 for the outer list
    ordered: bool = False


def list_block(items: list[Item]) -> str:
    """List items as a Markdown list; numbered items count on within each level."""
    lines, counters = [], {}
    for item in items:
        for deeper in [lvl for lvl in counters if lvl > item.level]:
            del counters[deeper]
        counters[item.level] = counters.get(item.level, 0) + 1
        marker = f"{counters[item.level]}." if item.ordered else "-"
        text = re.sub(r"\s*\n\s*", " ", item.text).strip()
        lines.append("    " * item.level + f"{marker} {text}")
    return "\n".join(lines)
