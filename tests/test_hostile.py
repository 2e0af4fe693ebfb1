"""Hostile content is inert: pasted HTML cannot run, YAML text is always escaped, pages carry a CSP.

A diary is written by many hands; someone will paste a snippet from a web page, and
someone may try to be clever. Every payload below goes through a real build, and
every file of the output is checked: the HTML structurally (no script, no event
handler, no javascript:/data: address, no iframe/object/embed/svg/style/form, no
style attribute), the feeds and sitemap as XML, the JSON as JSON.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.markup import render_body
from tests.conftest import write_tree

# Raw HTML and Markdown a writer might paste into an entry. Each carries "alert(" so any
# survivor is easy to find in any output file.
BODY_PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "script-src": '<script src="https://evil.example/x.js">alert(1)</script>',
    "img-onerror": '<img src="x.png" onerror="alert(1)">',
    "a-javascript": '<a href="javascript:alert(1)">click</a>',
    "a-mixed-case": '<a href="JaVaScRiPt:alert(1)">click</a>',
    "a-entity-j": '<a href="&#106;avascript:alert(1)">click</a>',
    "a-hex-entity": '<a href="&#x6A;&#x61;vascript:alert(1)">click</a>',
    "a-padded-entity": '<a href="&#0000106;avascript:alert(1)">click</a>',
    "a-tab-inside": '<a href="java&#x09;script:alert(1)">click</a>',
    "a-leading-space": '<a href=" javascript:alert(1)">click</a>',
    "md-javascript": "[click](javascript:alert(1))",
    "md-data-html": "[click](data:text/html;base64,YWxlcnQoMSk=)",
    "md-img-data": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "md-vbscript": "[click](vbscript:alert(1))",
    "md-autolink": "<javascript:alert(1)>",
    "iframe": '<iframe src="https://evil.example/" onload="alert(1)"></iframe>',
    "style-element": "<style>body{background:url('javascript:alert(1)')}</style>",
    "style-attribute": '<p style="background:url(javascript:alert(1))">styled</p>',
    "object": '<object data="evil.swf" onerror="alert(1)"></object>',
    "embed": '<embed src="evil.swf" onload="alert(1)">',
    "svg-onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "math": '<math><mtext><a href="javascript:alert(1)">m</a></mtext></math>',
    "form": '<form action="https://evil.example/"><input name="q" onfocus="alert(1)" autofocus></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base": '<base href="https://evil.example/">',
    "link": '<link rel="stylesheet" href="https://evil.example/x.css" onload="alert(1)">',
    "event-on-allowed-tag": '<b onclick="alert(1)" onmouseover="alert(1)">bold</b>',
    "broken-tag": '<img src=x onerror=alert(1)//',
    "comment-trick": "<!--><script>alert(1)</script>-->",
    "cdata-trick": "<![CDATA[<script>alert(1)</script>]]>",
    "nested-quotes": "<a href='x' title=\"\"><script>alert(1)</script>\">t</a>",
    "mention-label": "[[yang|<img src=x onerror=alert(1)>]]",
    "table-cell": "| a |\n|---|\n| <script>alert(1)</script> |",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "livescript:")
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"}
# The engine draws its own charts as inline SVG (checked like any other markup); content never may.
CONTENT_ONLY_FORBIDDEN = ("<svg", "<math", "<style", "<form", "<input", "<meta", "<link")
# Text from YAML: the site must show it, escaped, wherever it appears.
YAML_PAYLOAD = "<script>pwn(\"x\")</script> 'q' \"dq\" ]]> &amp; </title>"


def cleaned(text: str) -> str:
    """An attribute value as a browser reads it: entities decoded, control characters and spaces removed."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(text)).lower()


class Audit(HTMLParser):
    """Everything in one HTML document that could run or load something it should not."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_jsonld = False
        self.jsonld: list[str] = []
        self.in_style = False
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        if tag == "script":
            if attrs_d.get("type") in ("application/ld+json", "application/json") and "src" not in attrs_d:
                self.in_jsonld = True
                self.jsonld.append("")
                return
            if "src" not in attrs_d:
                self.problems.append("inline <script>")
            elif not (attrs_d["src"] or "").startswith(("/", ".", "static/")) or "//" in (attrs_d["src"] or ""):
                self.problems.append(f"script from elsewhere: {attrs_d['src']}")
            return
        if tag == "style":
            self.in_style = True
            self.styles.append("")
            return
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "form" and re.match(r"^[a-z][a-z0-9+.-]*://|^//", (attrs_d.get("action") or "").strip().lower()):
            self.problems.append(f"a form that sends to another site: {attrs_d['action']}")
        if tag == "meta" and (attrs_d.get("http-equiv") or "").lower() == "refresh":
            if any(s in cleaned(attrs_d.get("content") or "") for s in BAD_SCHEMES):
                self.problems.append("meta refresh to a script")
        if tag == "link" and (attrs_d.get("rel") or "") == "stylesheet" and "//" in (attrs_d.get("href") or ""):
            self.problems.append("stylesheet from elsewhere")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background") and value:
                if cleaned(value).startswith(BAD_SCHEMES):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
                if cleaned(value).startswith("data:") and (tag in ("a", "area") or name in ("action", "formaction")):
                    self.problems.append(f"a data: address to follow: {name}={value[:40]!r} on <{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_jsonld = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_jsonld:
            self.jsonld[-1] += data
        if self.in_style:
            self.styles[-1] += data


def audit_html(text: str) -> list[str]:
    parser = Audit()
    parser.feed(text)
    parser.close()
    problems = list(parser.problems)
    for block in parser.jsonld:
        if "</" in block or "<!--" in block:
            problems.append("a JSON data block that could close its script element")
        try:
            json.loads(block)
        except ValueError:
            problems.append("a JSON data block that is not JSON")
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    if not match:
        problems.append("no Content-Security-Policy meta tag")
        return problems
    csp = html.unescape(match.group(1))
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append("the CSP allows inline code")
    if not ("script-src 'self'" in csp or ("default-src 'none'" in csp and "script-src" not in csp)):
        problems.append("the CSP allows scripts from elsewhere")
    for style in parser.styles:   # an inline stylesheet only with its hash in the CSP (the print reports)
        digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in csp:
            problems.append("an inline <style> the CSP does not allow by hash")
    return problems


def without_jsonld(text: str) -> str:
    return re.sub(r'<script type="application/(ld\+)?json"[^>]*>.*?</script>', "", text, flags=re.S)


CSP_STUB = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'">'


# ---------------------------------------------------------------------------- the sanitiser, one payload at a time


def render_one(text: str):
    from chronicle.markup import PersonLink
    links = {"yang": PersonLink("zh/people/yang/", "杨趣玲", None)}
    return render_body(text, 1, "zh", resolve=lambda key: (key, "") if key in links else (None, ""),
                       people_links=links, names=None, autolink=False, media=set())


@pytest.mark.parametrize("payload", list(BODY_PAYLOADS.values()), ids=list(BODY_PAYLOADS))
def test_markdown_payload_is_sanitised(payload):
    blocks, _ = render_one(f"前文。\n\n{payload}\n\n后文。")
    fragment = "".join(b.html for b in blocks)
    assert audit_html(fragment + CSP_STUB) == [], fragment
    assert not any(tag in fragment for tag in CONTENT_ONLY_FORBIDDEN), fragment
    assert not re.search(r'(href|src)="\s*data:', fragment, re.I), "no data: addresses from content at all"
    assert not re.search(r"<[^>]*alert\(", fragment), "what is left of the payload is text, never inside a tag"
    assert "后文。" in fragment, "the text after the payload is still shown"


# Links whose address the sanitiser removes or that have none: each must come out as a plain <a> (or none),
# never an <a> with rel or target and no href, which HTML does not allow (the Nu checker's error).
LINK_PAYLOADS = {
    "javascript": "[map](javascript:alert(1))",
    "javascript-title": '[map](javascript:alert(1) "the map")',
    "data": "[map](data:text/html;base64,YWxlcnQoMSk=)",
    "vbscript": "[map](vbscript:alert(1))",
    "empty": "[map]()",
    "empty-angle": "[map](<>)",
    "space": "[map]( )",
    "entity-decimal": "[map](&#106;avascript:alert(1))",
    "entity-hex": "[map](&#x6A;avascript:alert(1))",
    "entity-tab": '<a href="java&#x09;script:alert(1)">map</a>',
    "reference": "[map][r]\n\n[r]: javascript:alert(1)",
    "autolink": "<vbscript:alert(1)>",
    "raw-no-href": '<a target="_blank" rel="opener">map</a>',
    "raw-empty-href": '<a href="" target="_blank">map</a>',
    "raw-named": '<a name="x" title="t">map</a>',
}


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def anchors(fragment: str) -> list[dict]:
    parser = _Anchors()
    parser.feed(fragment)
    parser.close()
    return parser.anchors


@pytest.mark.parametrize("payload", list(LINK_PAYLOADS.values()), ids=list(LINK_PAYLOADS))
def test_a_link_without_an_address_keeps_no_rel_or_target(payload):
    blocks, _ = render_one(f"前文。\n\n{payload}\n\n后文。")
    fragment = "".join(b.html for b in blocks)
    for a in anchors(fragment):
        if not (a.get("href") or "").strip():
            assert "href" not in a and "rel" not in a and "target" not in a, fragment
        assert not cleaned(a.get("href") or "").startswith(BAD_SCHEMES + ("data:",)), fragment
    assert "后文。" in fragment and ("[map]" not in payload or "map" in fragment), "the link text is still shown"


def test_a_real_link_keeps_its_address_and_rel():
    blocks, _ = render_one("[map](https://example.org/map \"the map\")")
    assert anchors(blocks[0].html) == [{"href": "https://example.org/map", "title": "the map",
                                        "rel": "noopener noreferrer"}]


@pytest.mark.parametrize("payload", ["![the map](data:image/png;base64,AAAA)", "![the map](javascript:alert(1))",
                                     '<img alt="the map" src="vbscript:x">', "![the map]()"])
def test_a_picture_whose_source_is_removed_shows_its_description(payload):
    blocks, problems = render_one(f"前文。\n\n{payload}\n\n后文。")
    fragment = "".join(b.html for b in blocks)
    assert "<img" not in fragment and "the map" in fragment, fragment


def test_a_picture_without_a_description_gets_an_empty_alt_and_a_warning():
    blocks, problems = render_one('<img src="https://example.org/map.png">')
    assert '<img src="https://example.org/map.png" alt="">' in blocks[0].html
    assert [(p.level, p.message) for p in problems] == [
        ("warning", "the picture 'https://example.org/map.png' has no description (alt text)")]


@pytest.mark.parametrize("address", ["x.png", "photos/x.png", "/zh/entries/2020-01-23/", "//evil.example/x"])
def test_a_relative_address_outside_media_is_left_out_with_a_warning(address):
    for text in (f"[see]({address})", f"![see]({address})"):
        blocks, problems = render_one(text)
        assert blocks[0].html == '<p id="p-1"><a>see</a></p>' if text[0] == "[" else '<p id="p-1">see</p>', blocks[0].html
        assert [p.level for p in problems] == ["warning"] and address in problems[0].message


@pytest.mark.parametrize("address", ["#p-1", "?q=1", "https://example.org/a b", "mailto:x@example.org"])
def test_addresses_that_resolve_are_kept(address):
    blocks, problems = render_one(f"[see]({address})")
    assert "href=" in blocks[0].html and problems == []


# ---------------------------------------------------------------------------- a whole hostile chronicle


def hostile_chronicle(root: Path) -> Path:
    payloads = {**BODY_PAYLOADS, **{f"link-{name}": payload for name, payload in LINK_PAYLOADS.items()}}
    body = "\n\n".join(f"{name}: {payload}" for name, payload in payloads.items())
    y = json.dumps(YAML_PAYLOAD, ensure_ascii=False)   # a JSON string is a valid YAML double-quoted scalar
    formula = json.dumps('=HYPERLINK("https://evil.example","x")')
    return write_tree(root, {
        "chronicle.yaml": f"title: {{zh: {y}, en: {y}}}\nsubtitle: {y}\nplace: {y}\nlanguages: [zh, en]\n"
                          f"tags:\n  snow: {{zh: {y}, en: {y}}}\n",
        "people.yaml": f"- id: yang\n  name: {{zh: 杨趣玲, en: {json.dumps('Yang </script> Quling')}}}\n"
                       f"  aliases: [{json.dumps('小杨<b>')}]\n  bio: {y}\n"
                       f"  roles:\n    - title: {y}\n      org: {y}\n"
                       f"- id: formula\n  name: {formula}\n"
                       f"  bio: {json.dumps('+1-2 @SUM(A1)')}\n",
        "stats.yaml": f"- id: households\n  label: {y}\n  unit: {y}\n  description: {y}\n",
        "commendations.yaml": f"categories:\n  - id: heroes\n    name: {y}\n    description: {y}\n"
                              f"    awards:\n      - person: yang\n        citation: {y}\n",
        "entries/2020-01-23.md": f"---\ndate: 2020-01-23\ntitle: {y}\ntags: [snow, {json.dumps('<i>tag&amp;')}]\n"
                                 f"people: [yang, formula]\nstats:\n  - {{stat: households, value: 3730, note: {y}}}\n---\n"
                                 f"[[yang]]登记了3730户。\n\n{body}\n",
        "entries/2020-01-23.en.md": f"---\ntitle: {y}\n---\n[[yang]] counted 3730 households.\n\n{body}\n",
        "pages/about.md": f"---\ntitle: {y}\n---\n{body}\n",
    })


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = hostile_chronicle(root / "content")
    out = root / "public"
    build(content, out)
    return out


def files_of(out: Path, suffix: str = ""):
    return [p for p in sorted(out.rglob("*")) if p.is_file() and p.name.endswith(suffix)]


def test_no_payload_survives_in_markup(hostile_site):
    for path in files_of(hostile_site):
        if path.suffix not in (".html", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]*alert\(", without_jsonld(text)), path
        assert not re.search(r"<script>pwn", without_jsonld(text)), path
        assert not re.search(r"(href|src|action)=\"https://evil\.example", text), path


def test_every_html_page_is_inert_and_carries_the_csp(hostile_site):
    pages = files_of(hostile_site, ".html")
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert audit_html(text) == [], path


def test_yaml_text_is_escaped_in_html(hostile_site):
    page = (hostile_site / "zh/entries/2020-01-23/index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert "<" not in heading and html.unescape(heading) == YAML_PAYLOAD, "the title is shown, as text"
    for path in files_of(hostile_site, ".html"):
        assert "<script>pwn" not in without_jsonld(path.read_text(encoding="utf-8")), path
    profile = (hostile_site / "en/people/yang/index.html").read_text(encoding="utf-8")
    assert "Yang &lt;/script&gt; Quling" in profile
    assert "小杨&lt;b&gt;" in profile


def test_feeds_and_sitemap_are_well_formed_xml_with_the_text_intact(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    for lang in ("zh", "en"):
        root = ET.parse(hostile_site / lang / "feed.xml").getroot()
        assert root.find(f"{atom}title").text == YAML_PAYLOAD
        entry = root.find(f"{atom}entry")
        assert entry.find(f"{atom}title").text == YAML_PAYLOAD
        content = entry.find(f"{atom}content").text
        assert audit_html(content + CSP_STUB) == [], "the HTML a feed reader shows is sanitised too"
        assert not re.search(r"<[^>]*alert\(", content)
    for path in files_of(hostile_site, ".xml"):
        ET.parse(path)


def test_json_outputs_parse_and_keep_the_text(hostile_site):
    data = json.loads((hostile_site / "data/chronicle.json").read_text(encoding="utf-8"))
    assert data["entries"][0]["title"]["zh"] == YAML_PAYLOAD
    assert data["title"]["en"] == YAML_PAYLOAD
    assert data["commendations"][0]["awards"][0]["citation"]["zh"] == YAML_PAYLOAD
    for path in files_of(hostile_site, ".json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_csv_cells_cannot_start_a_formula(hostile_site):
    tables = files_of(hostile_site, ".csv")
    assert tables, "the build writes the people, stats and report tables as CSV"
    for path in tables:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    assert re.fullmatch(r"-?\d+(\.\d+)?", cell), f"{path.name}: {cell!r}"


def test_no_inline_script_or_style_anywhere(hostile_site):
    for path in files_of(hostile_site, ".html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle\s*=", text), path
        assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/(ld\+)?json\"))", without_jsonld(text)), path
