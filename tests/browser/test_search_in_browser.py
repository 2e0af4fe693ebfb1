"""Search in a real browser: Pagefind's index of the bundled diary, its default UI, the header form.

Uses the fixtures of conftest.py (the bundled site built by the CLI, served on 127.0.0.1, one Chromium).
The exact result sets come from Pagefind's own JavaScript API, run on the search page of a language (it
picks the index of the page's <html lang>, as the UI does); the first results and the filter from the UI.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import watch

LANGS = ("zh", "en")
RESULT = ".pagefind-ui__result"

# Pagefind's JavaScript API, loaded the way its UI loads it; every result with its URL, title and filters.
_API_SEARCH = """
async ([query, filters]) => {
  const pagefind = await import(new URL('../../pagefind/pagefind.js', location.href).href);
  await pagefind.options({ baseUrl: new URL('../../', location.href).pathname });
  const search = await pagefind.search(query, filters ? { filters } : {});
  const out = [];
  for (const result of search.results) {
    const data = await result.data();
    out.push({ url: data.url, title: data.meta.title, filters: data.filters });
  }
  return out;
}
"""


def search_url(site_url: str, lang: str, query: str = "") -> str:
    return f"{site_url}{lang}/search/" + (f"?q={quote(query)}" if query else "")


def ui_results(page, site_url: str, lang: str, query: str) -> list[str]:
    """Open the search page with ?q= (as the header form does) and return the result links the UI shows."""
    response = page.goto(search_url(site_url, lang, query), wait_until="load")
    assert response is not None and response.status == 200
    page.locator(f"{RESULT}-link").first.wait_for(state="visible")
    page.locator(".pagefind-ui__message").wait_for(state="visible")
    return [link.get_attribute("href") for link in page.locator(f"{RESULT}-link").all()]


def api_search(page, site_url: str, lang: str, query: str, filters: dict | None = None) -> list[dict]:
    if not page.url.startswith(search_url(site_url, lang)):
        page.goto(search_url(site_url, lang), wait_until="load")
    return page.evaluate(_API_SEARCH, [query, filters])


@pytest.fixture(scope="module")
def chronicle_data(site_dir: Path) -> dict:
    return json.loads((site_dir / "data" / "chronicle.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the searches of the issue


def test_yuanxiao_in_chinese_finds_the_lantern_festival_entry_first(page, site_url, screenshot_dir):
    page.set_viewport_size({"width": 1000, "height": 900})
    links = ui_results(page, site_url, "zh", "元宵")
    assert links[0] == "/zh/entries/2020-02-08/", links
    first = page.locator(RESULT).first
    assert first.locator(f"{RESULT}-title").inner_text().strip() == "元宵节发元宵"
    assert first.locator(f"{RESULT}-tag").inner_text().strip() == "日期: 2020年2月8日", "the date, named in Chinese"
    assert first.locator(f"{RESULT}-excerpt mark").first.inner_text() == "元宵", "a highlighted excerpt"
    assert page.locator(".pagefind-ui__search-input").input_value() == "元宵", "?q= fills the search box"
    assert page.get_by_role("textbox", name="搜索本纪事").input_value() == "元宵", "a label, not only a title"

    # the picture in the README (docs/images/search-zh.png is a copy): the box, the filters, the first results
    page.evaluate("document.fonts.ready.then(() => true)")
    shot = screenshot_dir / "search-zh.png"
    box = page.locator("#search").bounding_box()
    page.screenshot(path=str(shot), full_page=True, clip={"x": box["x"] - 16, "y": box["y"] - 16,
                                                          "width": box["width"] + 32, "height": box["height"] + 32})
    assert 10_000 < shot.stat().st_size < 250_000, f"{shot}: {shot.stat().st_size} bytes"


@pytest.mark.parametrize("query", ["yuanxiao", "lantern"])
def test_the_english_entry_of_8_february_is_found_first(page, site_url, query):
    links = ui_results(page, site_url, "en", query)
    assert links[0] == "/en/entries/2020-02-08/", links
    assert page.locator(RESULT).first.locator(f"{RESULT}-title").inner_text().strip() == "Yuanxiao for 3,730 households"
    assert page.locator(RESULT).first.locator(f"{RESULT}-tag").inner_text().strip() == "Date: 8 February 2020"


@pytest.mark.parametrize("lang, query", [("zh", "杨趣玲"), ("en", "Yang Quling")])
def test_a_name_finds_the_profile_first_and_every_entry_that_mentions_the_person(page, site_url, chronicle_data,
                                                                                   lang, query):
    person = next(p for p in chronicle_data["people"] if p["id"] == "yang-quling")
    assert person["entries"], "she is mentioned in the diary"
    results = api_search(page, site_url, lang, query)
    urls = [r["url"] for r in results]
    assert urls[0] == f"/{lang}/people/yang-quling/", urls
    missing = {f"/{lang}/entries/{stem}/" for stem in person["entries"]} - set(urls)
    assert not missing, f"entries that mention her are not found: {missing}"
    # the UI shows the same first result
    assert ui_results(page, site_url, lang, query)[0] == f"/{lang}/people/yang-quling/"


QUERIES = ["元宵", "杨趣玲", "黄书记", "lantern", "yuanxiao", "Yang Quling", "Huang", "2020"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_search_never_returns_pages_of_the_other_language(page, site_url, lang):
    found = 0
    for query in QUERIES:
        results = api_search(page, site_url, lang, query)
        found += len(results)
        strays = [r["url"] for r in results if not r["url"].startswith(f"/{lang}/")]
        assert strays == [], f"{lang} search {query!r} returned {strays}"
    assert found > 20, "the searches found pages at all"
    assert api_search(page, site_url, "en", "元宵")[0]["url"] == "/en/pages/glossary/", \
        "Chinese words in the English glossary are found on the English site only"


def test_the_person_filter_narrows_the_results_to_that_person(page, site_url, chronicle_data):
    huang = next(p for p in chronicle_data["people"] if p["id"] == "huang-shaohui")
    name = huang["name"]["zh"]
    expected = {f"/zh/entries/{e['stem']}/" for e in chronicle_data["entries"] if "huang-shaohui" in e["people"]}
    expected.add("/zh/people/huang-shaohui/")

    # the API: every result with the filter is a page of hers, and all 元宵 pages of hers are there
    everything = api_search(page, site_url, "zh", "元宵")
    narrowed = api_search(page, site_url, "zh", "元宵", {"人物": name})
    assert narrowed and len(narrowed) < len(everything)
    assert {r["url"] for r in narrowed} <= expected
    assert {r["url"] for r in narrowed} == {r["url"] for r in everything if name in r["filters"].get("人物", [])}
    assert "/zh/entries/2020-02-08/" in {r["url"] for r in narrowed}

    # the UI: the filter panel offers 人物, 标签, 月份; ticking her name narrows the list
    ui_results(page, site_url, "zh", "元宵")
    panel = page.locator(".pagefind-ui__filter-panel")
    # Pagefind's UI adds the filter groups one by one as it loads them: wait until all are there. Waiting is
    # done from the test's side (Playwright's polling of the DOM): wait_for_function runs a string as code in
    # the page, which the site's CSP (no 'unsafe-eval') refuses
    expect(panel.locator(".pagefind-ui__filter-name")).to_have_count(3, timeout=30_000)
    legends = [n.strip() for n in panel.locator(".pagefind-ui__filter-name").all_inner_texts()]
    assert sorted(legends) == sorted(["人物", "标签", "月份"]), legends
    block = panel.locator(".pagefind-ui__filter-block", has=page.locator(".pagefind-ui__filter-name", has_text="人物"))
    block.locator(".pagefind-ui__filter-name").click()
    block.locator(".pagefind-ui__filter-label", has_text=name).first.click()
    expect(page.locator(RESULT)).to_have_count(min(len(narrowed), 5))
    shown = [link.get_attribute("href") for link in page.locator(f"{RESULT}-link").all()]
    assert shown and set(shown) <= expected, shown


@pytest.mark.parametrize("lang", LANGS)
def test_month_and_tag_filters_exist_in_each_language(page, site_url, lang):
    month, tag = {"zh": ("月份", "标签"), "en": ("Month", "Tag")}[lang]
    page.goto(search_url(site_url, lang), wait_until="load")
    filters = page.evaluate("""async () => {
      const pagefind = await import(new URL('../../pagefind/pagefind.js', location.href).href);
      return await pagefind.filters();
    }""")
    assert set(filters) == ({"人物", month, tag} if lang == "zh" else {"Person", month, tag})
    assert {"zh": "2020年2月", "en": "February 2020"}[lang] in filters[month]


# --------------------------------------------------------------------------- the search box and the page itself


@pytest.mark.parametrize("lang, query, first", [("zh", "元宵", "/zh/entries/2020-02-08/"),
                                                ("en", "lantern", "/en/entries/2020-02-08/")])
def test_the_header_form_leads_to_the_search_page_of_the_same_language(page, site_url, lang, query, first):
    page.goto(f"{site_url}{lang}/entries/2020-01-23/", wait_until="load")
    box = page.locator(".site-search input[name=q]")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    assert page.url == search_url(site_url, lang, query)
    page.locator(f"{RESULT}-link").first.wait_for(state="visible")
    assert page.locator(f"{RESULT}-link").first.get_attribute("href") == first


def test_without_javascript_the_form_still_leads_to_the_search_page(chromium_browser, site_url):
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}en/people/", wait_until="load")
        tab.locator(".site-search input[name=q]").fill("lantern")
        with tab.expect_navigation():
            tab.locator(".site-search button[type=submit]").click()
        assert tab.url == search_url(site_url, "en", "lantern")
        assert tab.locator("h1").inner_text().strip() == "Search"
        assert "needs JavaScript" in tab.locator("noscript").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("lang, query", [("zh", "元宵"), ("en", "lantern")])
def test_the_search_page_has_no_console_errors_or_failed_requests(page, site_url, lang, query):
    problems = watch(page)
    ui_results(page, site_url, lang, query)
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_pagefind_webassembly_is_allowed_by_the_csp_without_a_web_worker(browser_context, site_url):
    """Where Pagefind cannot start its worker, it runs its WebAssembly on the page: the CSP must allow that."""
    tab = browser_context.new_page()
    try:
        tab.add_init_script("window.Worker = undefined;")
        problems = watch(tab)
        assert ui_results(tab, site_url, "zh", "元宵")[0] == "/zh/entries/2020-02-08/"
        assert problems == []
    finally:
        tab.close()
