"""An office's own Word template (docxtpl: Jinja placeholders and loops in a .docx), filled with the report."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from chronicle.content.chars import xml_safe
from chronicle.errors import did_you_mean


class TemplateProblem(Exception):
    def __init__(self, path: str, line: int | None, message: str, hint: str = ""):
        super().__init__(message)
        self.path, self.line, self.message, self.hint = path, line, message, hint


def fill_template(path: Path, context: dict, day: dt.date | None) -> bytes:
    """The template with every placeholder filled; the same bytes for the same report."""
    import jinja2

    from chronicle.reports.docx import normalise_zip

    name = str(path)
    if not Path(path).is_file():
        raise TemplateProblem(name, None, "template file does not exist", "give the path of a .docx file")
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        raise TemplateProblem(name, None, "--template needs docxtpl, which is not installed",
                              "install it with: pip install docxtpl") from None
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateProblem(name, None, f"not a Word .docx file ({type(exc).__name__})",
                              "save the template from Word or LibreOffice as .docx (not .doc or .dotx)") from None
    except Exception as exc:  # python-docx's PackageNotFoundError and friends
        raise TemplateProblem(name, None, f"not a Word .docx file ({exc})",
                              "save the template from Word or LibreOffice as .docx") from None
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    context = _xml_safe(context)
    try:
        template.render(context, jinja_env=env, autoescape=True)
    except jinja2.UndefinedError as exc:
        missing = str(exc).split("'")[1] if str(exc).count("'") >= 2 else ""
        hint = did_you_mean(missing, _names(context)) if missing else ""
        raise TemplateProblem(name, None, f"template placeholder: {exc.message}",
                              hint or "the placeholders are listed in docs/reports.md") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(name, None, f"template syntax error: {exc.message}",
                              "Word may have split a {{ placeholder }} across runs; retype it in one go") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(name, None, f"template error: {exc}") from None
    props = template.docx.core_properties
    when = dt.datetime.combine(day or dt.date(1980, 1, 1), dt.time())
    props.created = props.modified = when
    props.last_modified_by = "chronicle"
    props.title = str(context.get("title", ""))[:255]
    out = io.BytesIO()
    template.save(out)
    return normalise_zip(out.getvalue(), day)


def _xml_safe(value):
    """The context without characters XML cannot hold (they never reach here from content; belt and braces)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_xml_safe(v) for v in value]
    return value


def _names(context: dict) -> list[str]:
    names = list(context)
    for value in context.values():
        if isinstance(value, dict):
            names += list(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            names += list(value[0])
            for inner in value[0].values():
                if isinstance(inner, list) and inner and isinstance(inner[0], dict):
                    names += list(inner[0])
    return names
