"""An office's own Word template (docxtpl: Jinja placeholders and loops in a .docx), filled with the report."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from chronicle.content.chars import xml_safe
from chronicle.errors import did_you_mean
from chronicle.render.sandbox import ChronicleSandbox, TemplateAccess


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
    from chronicle.ziplimits import zip_problem
    problem = zip_problem(path)
    if problem is not None:
        raise TemplateProblem(name, None, problem[0], problem[1].replace("Word diary", "Word template"))
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateProblem(name, None, f"not a Word .docx file ({type(exc).__name__})",
                              "save the template from Word or LibreOffice as .docx (not .doc or .dotx)") from None
    except Exception as exc:  # python-docx's PackageNotFoundError and friends
        raise TemplateProblem(name, None, f"not a Word .docx file ({exc})",
                              "save the template from Word or LibreOffice as .docx") from None
    env = _DocxSandbox(undefined=jinja2.StrictUndefined, autoescape=True)  # a template is someone's code
    context = _xml_safe(context)
    try:
        template.render(context, jinja_env=env, autoescape=True)
    except TemplateAccess as exc:
        where = _placeholder(exc, env.source)
        raise TemplateProblem(name, None, str(exc) + (f", in {where}" if where else ""),
                              "a Word template may print and loop over the placeholders of docs/reports.md, "
                              "nothing else") from None
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
    except (ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as exc:
        raise TemplateProblem(name, None, f"template error: {type(exc).__name__}: {exc}",
                              "check the placeholders: the names are listed in docs/reports.md") from None
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


class _DocxSandbox(ChronicleSandbox):
    """The sandbox, keeping the XML it was last given (docxtpl puts each paragraph on a line of its own)."""

    source = ""

    def from_string(self, source, *args, **kwargs):
        self.source = source
        return super().from_string(source, *args, **kwargs)


def _placeholder(exc, source: str) -> str:
    """The paragraph of the template the error happened in, as text, for the message."""
    import re
    import traceback
    lines = source.split("\n")
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>" and frame.lineno and frame.lineno <= len(lines):
            text = re.sub(r"<[^>]+>", "", lines[frame.lineno - 1]).strip()
            return f"the paragraph '{text[:120]}'" if text else ""
    return ""


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
