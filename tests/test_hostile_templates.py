"""Templates from someone else run nothing: a content folder's templates/ and a Word --template.

Every template renders in chronicle's Jinja sandbox (chronicle/render/sandbox.py). Each payload below is a
known way out of a plain Jinja environment to Python's insides, a file path (which can write files) or
memory; each must stop the build with the template's file and line and "template tried to reach …",
exit 1, leave the previous site as it was, and create no file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import docx
import pytest

from chronicle.build import build
from chronicle.errors import BuildError
from tests.conftest import FIXTURES, ROOT, run_cli, write_tree

MARKER = "PWNED-MARKER"

# name -> the expression or statement; MARKER is replaced by a path that must never come to exist.
ESCAPES = {
    "str-mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals-os": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "joiner-globals-popen": "{{ joiner.__init__.__globals__['os'].popen('touch MARKER').read() }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "lipsum-item": "{{ lipsum['__globals__'] }}",
    "template-reference-context": "{{ self._TemplateReference__context }}",
    "config-class": "{{ graph.config.__class__.__init__.__globals__ }}",
    "attr-filter": "{{ ''|attr('__class__') }}",
    "format-field": "{{ '{0.__class__}'.format('') }}",
    "map-attribute": "{{ graph.entries|map(attribute='__class__')|list }}",
    "path-write": "{{ graph.chronicle.root.joinpath('MARKER-NAME').write_text('x') }}",
    "path-print": "{{ graph.chronicle.template_dir }}",
    "path-in-format": "{{ '{0.root}'.format(graph.chronicle) }}",
    "path-in-map": "{{ [graph.chronicle]|map(attribute='root')|first }}",
    "content-as-read": "{{ graph.chronicle }}",
    "content-through-attr": "{{ graph|attr('chronicle') }}",
    "sort-by-insides": "{{ graph.entries|sort(attribute='__class__.__name__')|first }}",
    "list-changes-through-item": "{{ graph['entries'].pop() }}",
    "closure": "{{ txt.__closure__ }}",
    "bound-method-owner": "{{ person.__self__ }}",
    "class-attribute": "{{ dict.fromkeys }}",
    "interface-words-globals": "{{ t.__call__.__func__.__globals__ }}",
    "macro-insides": "{% macro m() %}{% endmacro %}{{ m._func }}",
    "loop-insides": "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
    "change-the-graph": "{% set _ = graph.entries.clear() %}",
    "change-a-dict": "{% set _ = graph.entries[0].versions.update({}) %}",
    "huge-text": "{{ 'x' * 10**9 }}",
    "huge-list": "{{ ([1] * 10**8)|length }}",
    "huge-number": "{{ 9 ** 999999 }}",
}


def entry_template(payload: str, marker: str) -> str:
    return ('{% extends "theme/entry.html" %}\n'
            "{% block title %}" + payload.replace("MARKER-NAME", "pwned.txt").replace("MARKER", marker)
            + "{% endblock %}\n")


@pytest.fixture
def mini_with_site(tmp_path):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    out = tmp_path / "public"
    build(content, out, search=False, with_reports=False, use_cache=False)
    return content, out


def site_bytes(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_from_a_content_template_is_refused(mini_with_site, tmp_path, name):
    content, out = mini_with_site
    before = site_bytes(out)
    marker = tmp_path / "pwned"
    write_tree(content, {"templates/entry.html": entry_template(ESCAPES[name], str(marker))})
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False, use_cache=False)
    errors = info.value.report.errors
    assert len(errors) == 1, [e.format() for e in errors]
    assert (errors[0].path, errors[0].line) == ("templates/entry.html", 2)
    assert errors[0].message.startswith("template tried to reach ") and "which templates may not use" in \
        errors[0].message
    assert not marker.exists() and not (content / "pwned.txt").exists()
    assert site_bytes(out) == before


def test_the_cli_names_the_file_and_line_and_exits_1(mini_with_site, tmp_path):
    content, out = mini_with_site
    before = site_bytes(out)
    marker = tmp_path / "pwned"
    write_tree(content, {"templates/base.html": "{{ cycler.__init__.__globals__.os.system('touch %s') }}\n" % marker})
    result = subprocess.run([sys.executable, "-m", "chronicle", "build", str(content), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert result.returncode == 1
    assert "templates/base.html:1: error: template tried to reach '__init__' of class Cycler, which templates " \
           "may not use" in result.stderr
    assert "Traceback" not in result.stderr and f"The previous site in {out} was left as it was" in result.stderr
    assert not marker.exists()
    assert site_bytes(out) == before


def test_a_python_error_in_a_template_is_a_template_error(mini_with_site):
    content, out = mini_with_site
    write_tree(content, {"templates/entry.html": entry_template("{{ 1 / 0 }}", "")})
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False, use_cache=False)
    error = info.value.report.errors[0]
    assert (error.path, error.line) == ("templates/entry.html", 2)
    assert error.message == "template error: ZeroDivisionError: division by zero"


def test_a_template_linked_to_a_private_file_is_refused(mini_with_site, tmp_path):
    content, out = mini_with_site
    (content / "templates").mkdir()
    (content / "templates" / "entry.html").symlink_to(content / "people.yaml")
    outside = tmp_path / "outside.html"
    outside.write_text("{{ lang }}", encoding="utf-8")
    (content / "templates" / "home.html").symlink_to(outside)
    with pytest.raises(BuildError) as info:
        build(content, out, search=False, with_reports=False, use_cache=False)
    found = {(e.path, e.message) for e in info.value.report.errors}
    assert ("templates/entry.html", "symbolic link points outside templates/") in found
    assert ("templates/home.html", "symbolic link points outside the content folder") in found


def test_the_documented_template_features_still_work(mini_with_site):
    """Everything docs/site.md promises a template: it must not be caught by the sandbox."""
    content, out = mini_with_site
    write_tree(content, {"templates/entry.html": """
        {% extends "theme/entry.html" %}
        {% block title %}{{ super() }} | {{ self.meta() | length }}{% endblock %}
        {% block main %}
        {% set ns = namespace(n=0) %}{% set row = cycler("odd", "even") %}{% set comma = joiner(", ") %}
        {% for p in graph.people|selectattr("restricted", "false") %}{{ comma() }}{{ row.next() }}:{{ p.names[lang] }}{% set ns.n = ns.n + 1 %}{% endfor %}
        <p id="count">{{ ns.n }} {{ t('nav_home') }} {{ t.date(e.date) }} {{ t.number(1234) }} {{ e.month }}</p>
        <p id="links">{{ href('entry', e.stem, 'p-1') }} {{ txt(graph.config.title) }} {{ html_lang_of(lang) }}</p>
        {% for month, items in graph.entries|groupby("month") %}[{{ month }}: {{ items|map(attribute="stem")|join(",") }}]{% endfor %}
        {% for s in graph.stats %}{{ s.stat.id }}={{ s.summary }};{% endfor %}
        {% for p in graph.people %}{% if p.role_on(e.date) %}{{ txt(p.role_on(e.date).title) }}{% endif %}{% endfor %}
        {{ dict(a=1)|tojson }} {{ range(3)|list|sum }} {{ "%s-%s"|format(lang, kind) }} {{ "{}!".format(e.stem) }}
        {{ (person(graph.people[0].person.id) or {}).pid }} {{ entry(e.stem).stem }} {{ lipsum(1, false, 3, 4)|length > 0 }}
        {{ e.date.isoformat() }} {{ lang.startswith("z") }} {{ report_downloads.get(lang, {}) | length }}
        {% endblock %}
        """})
    build(content, out, search=False, with_reports=False, use_cache=False)
    html = (out / "en/entries/2020-01-23/index.html").read_text(encoding="utf-8")
    assert '<p id="count">' in html and "Home" in html and "1,234" in html and "[2020-01: 2020-01-23,2020-01-25]" in html
    assert "2020-01-23 True" in (out / "zh/entries/2020-01-23/index.html").read_text(encoding="utf-8")


# -- Word templates (chronicle report --template) ------------------------------------------------------------------
WORD_ESCAPES = {
    "str-mro": "{{ ''.__class__.__mro__ }}",
    "cycler-os": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "lipsum-globals": "{{ lipsum.__globals__ }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "attr-filter": "{{ title|attr('__class__') }}",
    "format-field": "{{ '{0.__class__.__init__.__globals__}'.format(title) }}",
    "huge-text": "{{ title * 10**9 }}",
}


@pytest.mark.parametrize("name", sorted(WORD_ESCAPES))
def test_escape_from_a_word_template_is_refused(tmp_path, name):
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    marker = tmp_path / "pwned"
    template = tmp_path / "letterhead.docx"
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph(WORD_ESCAPES[name].replace("MARKER", str(marker)))
    document.save(template)
    out = tmp_path / "report.docx"
    result = run_cli("report", "commendations", str(content), "--template", str(template), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert f"{template}: error: template tried to reach " in result.output
    assert "which templates may not use" in result.output and "Traceback" not in result.output
    assert not marker.exists() and not out.exists()
