"""Justified Chinese in WeasyPrint.

WeasyPrint justifies a line by widening its spaces; Chinese has none, so ``text-align: justify`` leaves
Chinese lines ragged wherever Latin letters, digits or half-width punctuation make them short. While the
book is laid out, a line without spaces that holds Chinese is justified the way Chinese is set: the
missing width is shared out between its characters (letter spacing). Lines with spaces keep WeasyPrint's
own justification. If a future WeasyPrint changes these internals, the patch steps aside and the text is
set ragged, never wrong.
"""

from __future__ import annotations

import contextlib


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
               for ch in text)


@contextlib.contextmanager
def chinese_justification():
    try:
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout import inline
        original = inline.justify_line
        count = inline.count_expandable_spaces
    except (ImportError, AttributeError):
        yield
        return

    def text_boxes(box):
        if isinstance(box, boxes.TextBox):
            yield box
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            for child in box.children:
                if child.is_in_normal_flow():
                    yield from text_boxes(child)

    def spread(box, spacing: float, x_advance: float) -> float:
        if isinstance(box, boxes.TextBox):
            box.position_x += x_advance
            if box.text:
                style = box.style.copy()
                current = style["letter_spacing"]
                style["letter_spacing"] = (0 if current == "normal" else current) + spacing
                box.style = style
                extra = spacing * len(box.text)
                box.width += extra
                x_advance += extra
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            for child in box.children:
                if child.is_in_normal_flow():
                    x_advance = spread(child, spacing, x_advance)
            box.width += x_advance - before
        else:
            box.translate(x_advance, 0)
        return x_advance

    def justify_line(context, line, extra_width):
        try:
            if not count(line):
                texts = list(text_boxes(line))
                chars = sum(len(b.text) for b in texts)
                if chars > 1 and extra_width > 0 and any(_has_cjk(b.text) for b in texts):
                    spread(line, extra_width / chars, 0)
                    return
        except Exception:  # noqa: BLE001 - an internal that moved: leave the line as WeasyPrint sets it
            pass
        original(context, line, extra_width)

    inline.justify_line = justify_line
    try:
        yield
    finally:
        inline.justify_line = original
