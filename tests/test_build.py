"""End to end on the mini chronicle: what a reader of the built pages gets."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.errors import BuildError
from tests.conftest import write_tree


def read(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


@pytest.fixture
def site(mini, tmp_path):
    out = tmp_path / "public"
    result = build(mini, out)
    return out, result


def test_every_page_of_the_layout_in_every_language(site):
    out, result = site
    for lang in ("zh", "en"):
        for path in ("index.html", "timeline/index.html", "people/index.html", "people/yang-quling/index.html",
                     "commendations/index.html", "stats/index.html", "pages/preface/index.html", "feed.xml",
                     "entries/2020-01-23/index.html"):
            assert (out / lang / path).is_file(), f"{lang}/{path}"
    assert (out / "index.html").is_file() and (out / "data/chronicle.json").is_file()
    assert result.pages_per_lang == {"zh": 13, "en": 13}  # 12 of the content and the search page


def test_without_base_url_there_is_no_sitemap_and_one_warning_that_names_it(site):
    out, result = site
    assert not (out / "sitemap.xml").exists(), "a sitemap of relative addresses is dropped by search engines"
    said = [w for w in result.report.warnings if "sitemap" in w.message]
    assert len(said) == 1 and said[0].path == "chronicle.yaml" and "base_url" in said[0].message + said[0].hint


def test_with_base_url_the_sitemap_has_full_addresses_only(mini, tmp_path):
    config = mini / "chronicle.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "base_url: https://example.org/diary\n", encoding="utf-8")
    result = build(mini, tmp_path / "public")
    assert not [w for w in result.report.warnings if "sitemap" in w.message]
    text = read(tmp_path / "public", "sitemap.xml")
    addresses = re.findall(r"<loc>([^<]*)</loc>", text) + re.findall(r'href="([^"]*)"', text)
    assert len(addresses) > 26 and "https://example.org/diary/zh/" in addresses
    assert all(a.startswith("https://example.org/diary/") for a in addresses), addresses


def test_language_switch_goes_to_the_same_page(site):
    out, _ = site
    zh = read(out, "zh/entries/2020-01-23/index.html")
    en = read(out, "en/entries/2020-01-23/index.html")
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    assert '<a href="../../../en/entries/2020-01-23/" hreflang="en" lang="en" rel="alternate">English</a>' in zh
    assert '<link rel="alternate" hreflang="zh-CN" href="../../../zh/entries/2020-01-23/">' in en
    assert "<h1 lang=\"en\">An emergency meeting</h1>" in en


def test_untranslated_page_is_written_in_the_source_language_and_marked(site):
    out, _ = site
    en = read(out, "en/entries/2020-01-25/index.html")
    assert 'class="untranslated"' in en and "has not been translated" in en
    assert '<div class="prose" lang="zh-CN">' in en
    assert "<h1 lang=\"zh-CN\">大年初一</h1>" in en, "the title falls back to the source language, marked as such"


def test_mentions_link_to_profiles_and_profiles_show_roles_and_passages(site):
    out, _ = site
    zh = read(out, "zh/entries/2020-01-23/index.html")
    assert '<a class="mention" href="../../people/yang-quling/">杨趣玲</a>' in zh
    assert '<a class="mention" href="../../people/zhang-qingxin/">张站长</a>' in zh
    assert '<a class="mention" href="../../people/yang-quling/">小杨</a>' in zh
    en = read(out, "en/entries/2020-01-23/index.html")
    assert '<a class="mention" href="../../people/zhang-qingxin/">Manager Zhang</a>' in en
    profile = read(out, "en/people/zhang-qingxin/index.html")
    assert "Property station manager" in profile and "2019" in profile and "2020-02-10" in profile
    assert 'href="../../entries/2020-01-23/#p-2"' in profile, "a passage links to its paragraph"
    assert "Manager Zhang both came" in profile, "the English passage is shown on the English profile"


def test_timeline_is_in_date_order_with_festival_landmarks(site):
    out, _ = site
    html = read(out, "zh/timeline/index.html")
    positions = [html.index(f'datetime="{d}"') for d in ("2020-01-23", "2020-01-24", "2020-01-25", "2020-02-08")]
    assert positions == sorted(positions)
    assert "除夕" in html and "立春" in html
    assert html.index("2020年1月") < html.index("2020年2月")


def test_stats_link_to_the_paragraph_that_records_them(site):
    out, _ = site
    html = read(out, "en/stats/index.html")
    assert 'href="../entries/2020-01-23/#p-1"' not in html
    assert "3,731" in html and "Households" in html
    assert 'href="../entries/2020-01-25/"' in html


def test_restricted_person_never_appears_by_name(site):
    out, _ = site
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert "王芳".encode() not in data and b"Wang Fang" not in data and b"wang-fang" not in data, path
            assert b"13912345678" not in data, path
    assert "王某" in read(out, "zh/entries/2020-01-25/index.html")


def test_open_data_has_no_private_fields(site):
    out, _ = site
    data = json.loads(read(out, "data/chronicle.json"))
    assert {e["stem"] for e in data["entries"]} == {"2020-01-23", "2020-01-25", "2020-02-08"}
    assert "13912345678" not in json.dumps(data)
    assert any(p["id"] == "yang-quling" and p["roles"] for p in data["people"])


def test_feed_is_atom_per_language(site):
    out, _ = site
    import xml.etree.ElementTree as ET
    root = ET.fromstring((out / "en/feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert titles == ["Lantern Festival", "大年初一", "An emergency meeting"]


def test_rebuild_is_byte_identical(mini, tmp_path):
    # Pagefind's index (pagefind/) is the exception: its filter files and their hashes change from run to run
    # (upstream: github.com/Pagefind/pagefind/issues/638); tests/test_search.py checks it finds the same.
    def digest(out):
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file() and p.relative_to(out).parts[0] != "pagefind"}
    build(mini, tmp_path / "a")
    build(mini, tmp_path / "b")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_failed_build_leaves_the_previous_site(mini, tmp_path):
    out = tmp_path / "public"
    build(mini, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_tree(mini, {"entries/2020-01-24.md": "---\ndate: 2020-01-25\n---\nx\n"})
    with pytest.raises(BuildError) as info:
        build(mini, out)
    assert "does not agree" in info.value.report.errors[0].message
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".public.tmp-*")), "no temporary folder is left behind"


def test_user_template_overrides_and_extends_the_theme(mini, tmp_path):
    write_tree(mini, {"templates/entry.html": """
        {% extends "theme/entry.html" %}
        {% block title %}CUSTOM {{ v.title }}{% endblock %}
        """})
    out = tmp_path / "public"
    build(mini, out)
    html = read(out, "en/entries/2020-01-23/index.html")
    assert "<title>CUSTOM An emergency meeting</title>" in html
    assert 'class="prose"' in html, "the rest of the built-in template is still used"


def test_broken_user_template_is_a_clear_error(mini, tmp_path):
    write_tree(mini, {"templates/entry.html": "{% block title %}{{ v.title }\n"})
    with pytest.raises(BuildError) as info:
        build(mini, tmp_path / "public")
    diag = info.value.report.errors[0]
    assert diag.path == "templates/entry.html" and diag.line == 1 and "template error" in diag.message


def test_no_inline_script_or_style_and_a_csp(site):
    out, _ = site
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in html, path
        # scripts only from files (the search page) or as data (JSON-LD, the search page's settings)
        assert not re.search(r"<script(?! type=\"application/(ld\+)?json\")(?![^>]*\ssrc=)|\sstyle=|\son[a-z]+=", html), path


def test_cache_gives_the_same_bytes_and_is_used(mini, tmp_path):
    def digest(out):
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file() and "pagefind" not in p.parts}
    build(mini, tmp_path / "cold", use_cache=False, search=False)
    assert not (mini / ".chronicle-cache").exists()
    build(mini, tmp_path / "fill", search=False)
    cached = list((mini / ".chronicle-cache" / "markup").rglob("*"))
    assert any(p.is_file() for p in cached), "rendered Markdown is kept"
    build(mini, tmp_path / "warm", search=False)
    assert digest(tmp_path / "cold") == digest(tmp_path / "fill") == digest(tmp_path / "warm")
    write_tree(mini, {"entries/2020-02-08.md": "---\ndate: 2020-02-08\n---\n改过的元宵节。\n"})
    build(mini, tmp_path / "edited", search=False)
    assert "改过的元宵节" in read(tmp_path / "edited", "zh/entries/2020-02-08/index.html"), "an edit is never served stale"
