"""Search: Pagefind runs inside the build; without it (or when it fails) the site is built all the same.

The searches themselves run in a browser: tests/browser/test_search_in_browser.py.
"""

from __future__ import annotations

import gzip
import json
import stat
from pathlib import Path

import pytest

import chronicle.build
from chronicle.build import build
from chronicle.output import MARKER, write_site
from chronicle.output.search import find_pagefind
from tests.conftest import run_cli

SEARCH_BOX = 'class="site-search"'


def html_files(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def search_warnings(report) -> list:
    return [w for w in report.warnings if "search" in w.message.lower() or "pagefind" in w.message.lower()]


def fragments(out: Path) -> dict[str, dict]:
    """Pagefind's per-page records (gzip, a signature, then JSON): {url: {content, meta, filters}}."""
    records = {}
    for path in (out / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        records[record["url"]] = record
    return records


def assert_no_search(out: Path) -> None:
    pages = html_files(out)
    assert pages, "the site was written"
    assert not [p for p, html in pages.items() if SEARCH_BOX in html], "no page has a search box"
    assert not [p for p in pages if "/search/" in p], "no search page"
    assert not (out / "pagefind").exists() and not (out / "static" / "search.js").exists()


# --------------------------------------------------------------------------- with Pagefind


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    from tests.conftest import FIXTURES
    out = tmp_path_factory.mktemp("search") / "public"
    result = build(FIXTURES / "mini", out, use_cache=False)  # the fixture is shared: no cache inside it
    return out, result


def test_pagefind_is_installed():
    """pagefind[extended] is a dependency: CI and `pip install .` bring the binary."""
    assert find_pagefind() is not None, "pip install 'pagefind[extended]'"


def test_the_build_indexes_entries_profiles_and_pages_per_language(searchable):
    out, result = searchable
    assert search_warnings(result.report) == []
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # 3 entries + 3 people + 1 page in each language; home, timeline, people, stats and search pages are not indexed
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"zh-cn": 7, "en": 7}
    urls = set(fragments(out))
    assert "/zh/entries/2020-01-23/" in urls and "/en/people/yang-quling/" in urls and "/zh/pages/preface/" in urls
    assert not urls & {"/zh/", "/en/", "/zh/timeline/", "/en/people/", "/zh/stats/", "/en/search/"}


def test_results_carry_title_date_and_the_person_tag_and_month_filters(searchable):
    out, _ = searchable
    records = fragments(out)
    zh = records["/zh/entries/2020-01-23/"]
    assert zh["meta"]["title"] == "紧急会议" and zh["meta"]["date"] == "2020年1月23日"
    assert "杨趣玲" in zh["filters"]["人物"]
    assert zh["filters"]["标签"] == ["下雪"] and zh["filters"]["月份"] == ["2020年1月"]
    en = records["/en/entries/2020-01-23/"]
    assert en["meta"]["title"] == "An emergency meeting" and en["meta"]["date"] == "January 23, 2020"
    assert "Yang Quling" in en["filters"]["Person"]
    assert en["filters"]["Tag"] == ["Snow"] and en["filters"]["Month"] == ["January 2020"]
    profile = records["/en/people/yang-quling/"]
    assert profile["meta"]["title"] == "Yang Quling" and profile["filters"]["Person"] == ["Yang Quling"]
    # what the index leaves out: the previous/next links and the profile's quoted passages
    assert "Next entry" not in en["content"] and "Read the passage" not in profile["content"]


def test_every_page_has_a_search_box_that_leads_to_the_search_page_of_its_language(searchable):
    out, _ = searchable
    for lang in ("zh", "en"):
        entry = (out / lang / "entries/2020-01-23/index.html").read_text(encoding="utf-8")
        assert SEARCH_BOX in entry and 'action="../../search/"' in entry and 'name="q"' in entry
        page = (out / lang / "search/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
        assert 'src="../../pagefind/pagefind-ui.js"' in page and 'src="../../static/search.js?v=' in page
        assert "'wasm-unsafe-eval'" in page, "Pagefind's WebAssembly must be allowed on the search page"
        assert SEARCH_BOX not in page, "the search page has Pagefind's own box"
    assert "'wasm-unsafe-eval'" not in (out / "zh/index.html").read_text(encoding="utf-8"), "only where it is needed"
    page = (out / "zh/search/index.html").read_text(encoding="utf-8")
    settings = json.loads(page.split('<script type="application/json" id="search-config">')[1].split("</script>")[0])
    assert settings["translations"]["placeholder"] == "搜索日记、人物" and settings["dateLabel"] == "日期"


def test_the_index_finds_the_same_pages_on_every_build(searchable, tmp_path):
    """Pagefind's file names are not stable between runs (upstream), but what it indexes is."""
    from tests.conftest import FIXTURES
    out, _ = searchable
    again = tmp_path / "again"
    build(FIXTURES / "mini", again, use_cache=False)
    strip = lambda records: {u: (r["content"], r["meta"], r["filters"]) for u, r in records.items()}  # noqa: E731
    assert strip(fragments(again)) == strip(fragments(out))


# --------------------------------------------------------------------------- without Pagefind


def test_without_the_binary_the_build_succeeds_with_one_warning_and_no_search_box(mini, tmp_path, monkeypatch):
    plain = build(mini, tmp_path / "plain", search=False)
    monkeypatch.setattr(chronicle.build, "find_pagefind", lambda: None)
    out = tmp_path / "public"
    result = build(mini, out)
    assert len(result.report.warnings) == len(plain.report.warnings) + 1
    [warning] = search_warnings(result.report)
    assert "search is off" in warning.message and "not found" in warning.message
    assert "pagefind[extended]" in warning.hint
    assert_no_search(out)
    assert html_files(out) == html_files(tmp_path / "plain"), "the same site as with --no-search"


def test_without_the_binary_the_cli_prints_one_clear_warning(mini, tmp_path, monkeypatch):
    monkeypatch.setattr(chronicle.build, "find_pagefind", lambda: None)
    result = run_cli("build", str(mini), "--out", str(tmp_path / "public"))
    assert result.exit_code == 0, result.output
    assert result.output.count("warning: search is off") == 1
    assert "Traceback" not in result.output


def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "fake-pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_when_pagefind_fails_the_site_is_built_without_search(mini, tmp_path, monkeypatch):
    fake = _fake_pagefind(tmp_path, 'mkdir -p pagefind; echo "Error: something broke" >&2; exit 3')
    monkeypatch.setattr(chronicle.build, "find_pagefind", lambda: fake)
    out = tmp_path / "public"
    result = build(mini, out)
    [warning] = search_warnings(result.report)
    assert "exit 3" in warning.message and "something broke" in warning.message
    assert_no_search(out)
    assert not [p for p in result.files if p.startswith("zh/search/") or p == "static/search.js"]
    build(mini, tmp_path / "plain", search=False)
    assert html_files(out) == html_files(tmp_path / "plain")


def test_a_pagefind_without_chinese_word_splitting_is_reported(mini, tmp_path, monkeypatch):
    real = find_pagefind()
    fake = _fake_pagefind(tmp_path, f'"{real}" "$@" | sed "s/(Extended)//"')
    monkeypatch.setattr(chronicle.build, "find_pagefind", lambda: fake)
    result = build(mini, tmp_path / "public")
    [warning] = search_warnings(result.report)
    assert "not the extended build" in warning.message and "pagefind[extended]" in warning.hint
    assert (tmp_path / "public" / "pagefind" / "pagefind-ui.js").is_file(), "search still works for English"


def test_no_search_leaves_no_pagefind_folder(mini, tmp_path):
    out = tmp_path / "public"
    result = run_cli("build", str(mini), "--out", str(out), "--no-search")
    assert result.exit_code == 0, result.output
    assert "warning: search" not in result.output and "pagefind" not in result.output.lower()
    assert_no_search(out)


def test_a_failing_finalize_leaves_the_old_site(tmp_path):
    """write_site(finalize=...) runs on the temporary folder; if it raises, nothing of the old site changes."""
    content = tmp_path / "content"
    content.mkdir()
    out = tmp_path / "public"
    write_site([("index.html", b"old")], out, content)
    seen = []

    def finalize(folder: Path) -> None:
        seen.append(sorted(p.name for p in folder.iterdir()))
        raise RuntimeError("indexing failed")

    with pytest.raises(RuntimeError):
        write_site([("index.html", b"new")], out, content, finalize=finalize)
    assert seen == [sorted([MARKER, "index.html"])], "finalize saw the complete new site"
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "public"], "no temporary folder left"
