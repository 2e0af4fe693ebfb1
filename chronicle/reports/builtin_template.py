"""The built-in Word template (templates/report.docx): the commendation report as docxtpl placeholders.

It is made by the same writer as the built-in report, so it has the same page, fonts
and footer; an office copies it (``chronicle report template -o ours.docx``), adds its
letterhead and passes it back with ``--template``. Regenerate the shipped file with

    python -m chronicle.reports.builtin_template templates/report.docx

(tests/test_reports.py checks that the shipped file is what this script writes).
"""

from __future__ import annotations

import sys
from pathlib import Path

from chronicle.reports.document import Document, Heading, PageBreak, Para, Run, Table
from chronicle.reports.wording import labels

NAME = "report.docx"


def _p(text: str, style: str = "body", bold: bool = False) -> Para:
    return Para((Run(text, bold),), style)


def _tag(text: str) -> Para:
    """A paragraph that holds only a {%p ... %} tag: docxtpl removes it when filling."""
    return Para((Run(text),), "label")


def template_document() -> Document:
    blocks = [
        Heading("{{ title }}", 0),
        _p("{{ place }}{% if place and period %} · {% endif %}{{ period }}", "subtitle"),
        _p("{% if date or document %}{{ labels.date_open }}{{ document }}{% if date and document %} · {% endif %}"
           "{{ date }}{{ labels.date_close }}{% endif %}", "dateline"),
        _tag("{%p if notice %}"),
        _p("{{ notice }}", "notice"),
        _tag("{%p endif %}"),
        _p("{{ intro }}"),
        _p("{{ decision }}"),
        _p("{{ call }}"),
        _tag("{%p for line in signature %}"),
        _p("{{ line }}", "signature"),
        _tag("{%p endfor %}"),
        PageBreak(),
        Heading("{{ labels.annex }}{{ labels.annex_1 }}{{ labels.annex_deeds }}", 1),
        _tag("{%p for c in categories %}"),
        Heading("{{ c.name }}", 2),
        _tag("{%p for a in c.awards %}"),
        Heading("{{ a.name }}", 3),
        _tag("{%p if a.role_line %}"),
        Para((Run("{{ labels.role_at_time }}{{ labels.colon }}", True), Run("{{ a.role_line }}"))),
        _tag("{%p endif %}"),
        Para((Run("{{ labels.citation }}{{ labels.colon }}", True), Run("{{ a.citation }}"))),
        _tag("{%p if a.evidence %}"),
        Para((Run("{{ labels.evidence }}{{ labels.colon }}", True),), "label"),
        _tag("{%p endif %}"),
        _tag("{%p for e in a.evidence %}"),
        _p("{{ e.line }}", "evidence"),
        _tag("{%p endfor %}"),
        _tag("{%p endfor %}"),
        _tag("{%p endfor %}"),
        PageBreak(),
        Heading("{{ labels.annex }}{{ labels.annex_2 }}{{ labels.annex_list }}", 1),
        Table(("{{ labels.category }}", "{{ labels.count }}", "{{ labels.names }}"),
              (("{%tr for c in categories %}", "", ""), ("{{ c.name }}", "{{ c.count }}", "{{ c.names }}"),
               ("{%tr endfor %}", "", "")), (3, 1, 8)),
    ]
    return Document("zh", "zh-CN", "{{ title }}", "", None, labels("zh"), tuple(blocks), header="{{ header }}")


def template_bytes() -> bytes:
    from chronicle.reports.docx import write_docx
    return write_docx(template_document())


def builtin_template() -> Path:
    """The shipped template: templates/ in a checkout, chronicle/_theme/templates/ when installed."""
    from chronicle.theme import theme_dir
    return theme_dir("templates") / NAME


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else builtin_template()
    target.write_bytes(template_bytes())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
