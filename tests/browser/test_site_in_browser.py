"""End to end: the bundled diary built by the CLI, served over HTTP, read by a real headless Chromium.

The link crawl over the output files is tests/clients/test_links.py; everything here drives the browser.
Screenshots land in test-artifacts/screenshots/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.helpers import watch

LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-CN", "en": "en"}
FIRST_ENTRY, LAST_ENTRY, ENTRY_COUNT = "2020-01-23", "2020-03-08", 22

# The pages every language must get right: name -> path under /<lang>/.
KEY_PAGES = {
    "home": "",
    "entry-2020-02-08": "entries/2020-02-08/",
    "person-huang-shaohui": "people/huang-shaohui/",
    "timeline": "timeline/",
    "stats": "stats/",
    "commendations": "commendations/",
}
CONSOLE_PAGES = {**KEY_PAGES, "people": "people/"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def url_of(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}{lang}/{path}"


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def goto_and_settle(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"GET {url} -> {response and response.status}"
    page.evaluate("document.fonts.ready.then(() => true)")


# --------------------------------------------------------------------------- language switcher


@pytest.mark.parametrize("stem", ["2020-02-08"])
def test_language_switcher_goes_to_the_same_entry_and_back(page, site_url, stem):
    zh_url, en_url = url_of(site_url, "zh", f"entries/{stem}/"), url_of(site_url, "en", f"entries/{stem}/")
    goto_and_settle(page, zh_url)
    assert html_lang(page) == "zh-CN"
    assert page.locator(".lang-switch [aria-current]").inner_text().strip() == "中文"

    with page.expect_navigation():
        page.locator(".lang-switch a[hreflang='en']").click()
    assert page.url == en_url
    assert html_lang(page) == "en"
    assert page.locator("article.entry time").first.get_attribute("datetime") == stem
    assert page.locator(".lang-switch [aria-current]").inner_text().strip() == "English"

    with page.expect_navigation():
        page.locator(".lang-switch a[hreflang='zh-CN']").click()
    assert page.url == zh_url
    assert html_lang(page) == "zh-CN"
    assert page.locator("article.entry time").first.get_attribute("datetime") == stem


# --------------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    "lang, shown, name",
    [("zh", "黄书记", "黄绍辉"), ("en", "Secretary Huang", "Huang Shaohui")],
)
def test_mention_link_opens_the_right_profile(page, site_url, lang, shown, name):
    goto_and_settle(page, url_of(site_url, lang, "entries/2020-02-08/"))
    mention = page.locator(".prose a.mention", has_text=shown).first
    assert mention.count() == 1, f"no a.mention {shown!r} in the prose of {lang}/entries/2020-02-08/"
    with page.expect_navigation():
        mention.click()
    assert page.url == url_of(site_url, lang, "people/huang-shaohui/")
    assert page.locator("h1").inner_text().strip() == name
    assert html_lang(page) == HTML_LANG[lang]


# --------------------------------------------------------------------------- previous / next


@pytest.mark.parametrize("lang", LANGS)
def test_next_links_walk_the_whole_diary_in_order(page, site_url, site_dir, lang):
    built = sorted(p.name for p in (site_dir / lang / "entries").iterdir() if (p / "index.html").is_file())
    assert len(built) == ENTRY_COUNT, built

    goto_and_settle(page, url_of(site_url, lang, f"entries/{FIRST_ENTRY}/"))
    assert page.locator("a[rel=prev]").count() == 0, "the first entry must have no previous link"
    walked: list[str] = []
    dates: list[dt.date] = []
    while True:
        match = re.search(rf"/{lang}/entries/([^/]+)/$", page.url)
        assert match, f"the walk left the {lang} entries: {page.url}"
        walked.append(match.group(1))
        dates.append(dt.date.fromisoformat(page.locator("article.entry time[datetime]").first.get_attribute("datetime")))
        assert html_lang(page) == HTML_LANG[lang]
        nxt = page.locator("a[rel=next]")
        if nxt.count() == 0:
            break
        assert nxt.count() == 1, f"{page.url} has {nxt.count()} rel=next links"
        assert len(walked) <= ENTRY_COUNT, f"the walk does not end: {walked}"
        with page.expect_navigation():
            nxt.click()
        # each step back is the inverse of the step forward
        assert page.locator("a[rel=prev]").get_attribute("href") == f"../{walked[-1]}/"

    assert walked == built, "the next links skip or repeat entries"
    assert len(walked) == ENTRY_COUNT
    assert walked[0] == FIRST_ENTRY and walked[-1] == LAST_ENTRY
    assert all(a < b for a, b in zip(dates, dates[1:])), f"dates not strictly increasing: {dates}"


# --------------------------------------------------------------------------- console and network


@pytest.mark.parametrize("name", CONSOLE_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_loads_without_console_errors_or_failed_requests(page, site_url, lang, name):
    problems = watch(page)
    goto_and_settle(page, url_of(site_url, lang, CONSOLE_PAGES[name]))
    page.wait_for_load_state("networkidle")
    assert html_lang(page) == HTML_LANG[lang]
    # the stylesheet really applied (a blocked or missing CSS file would leave the default white)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 253, 248)"
    assert problems == []


def test_root_index_redirects_to_the_chinese_home(page, site_url):
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console error: {msg.text}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url} ({req.failure})"))
    page.goto(site_url, wait_until="load")
    try:
        page.wait_for_url(url_of(site_url, "zh", ""), timeout=5_000)
    except Exception:
        refresh = page.locator("meta[http-equiv=refresh]").get_attribute("content")
        pytest.fail(f"{site_url} did not redirect to zh/ (still at {page.url}; meta refresh is {refresh!r})")
    assert html_lang(page) == "zh-CN"
    assert problems == []


# --------------------------------------------------------------------------- screenshots and layout


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("name", KEY_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_screenshot(page, site_url, screenshot_dir, lang, name, device):
    page.set_viewport_size(VIEWPORTS[device])
    goto_and_settle(page, url_of(site_url, lang, KEY_PAGES[name]))
    shot = screenshot_dir / f"{lang}-{name}-{device}.png"
    shot.unlink(missing_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.is_file()
    assert shot.stat().st_size > 10_000, f"{shot} is only {shot.stat().st_size} bytes"


_OVERFLOWING = """
(limit) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > limit) {
      const parent = el.parentElement && el.parentElement.getBoundingClientRect();
      if (parent && parent.right > limit && el.parentElement !== document.body) continue;
      const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} right=${Math.round(r.right)} ` +
               JSON.stringify((el.textContent || '').trim().slice(0, 40)));
    }
  }
  return out.slice(0, 15);
}
"""


def _overflow(page, width: int) -> str | None:
    """None when the page fits ``width``, else a description of what sticks out."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width + 1:
        return None
    culprits = page.evaluate(_OVERFLOWING, width + 1)
    return f"{page.url} is {scroll_width}px wide at {width}px; sticking out:\n    " + "\n    ".join(culprits)


@pytest.mark.parametrize("name", {**KEY_PAGES, "people": "people/"})
@pytest.mark.parametrize("lang", LANGS)
def test_no_horizontal_overflow_on_a_phone(page, site_url, lang, name):
    page.set_viewport_size(VIEWPORTS["phone"])
    goto_and_settle(page, url_of(site_url, lang, {**KEY_PAGES, "people": "people/"}[name]))
    problem = _overflow(page, VIEWPORTS["phone"]["width"])
    assert problem is None, problem


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_of_the_site_overflows_on_a_phone(page, site_url, site_dir, lang):
    """The same check over every page of a language (one tab, no screenshots): catches the odd profile."""
    page.set_viewport_size(VIEWPORTS["phone"])
    files = sorted((site_dir / lang).rglob("index.html"))
    assert len(files) > 50
    problems = []
    for f in files:
        rel = f.parent.relative_to(site_dir).as_posix()
        goto_and_settle(page, f"{site_url}{rel}/")
        problem = _overflow(page, VIEWPORTS["phone"]["width"])
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} pages overflow at phone width:\n" + "\n".join(problems)
