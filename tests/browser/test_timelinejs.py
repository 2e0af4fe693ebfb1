"""data/timeline.<lang>.json opened by TimelineJS 3 itself (the npm package, pinned in package-lock.json).

A page on 127.0.0.1 loads TimelineJS's built script and stylesheet and gives it the exported JSON, as a site
embedding the timeline would. Every entry must become a slide (after the title slide), every phase an era, and
TimelineJS must show no error: it refuses a whole timeline for one bad era or date, so checking the JSON's
shape is not enough. Chronicles: the bundled one, one with a phase of a single day beside a longer one, one with
a single entry, the hostile one of tests/test_hostile.py, tests/fixtures/rich, and the bundled one with base_url.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chronicle.build import build, check
from tests import tools
from tests.browser.helpers import serve, watch
from tests.conftest import FIXTURES, write_tree
from tests.test_hostile import YAML_PAYLOAD, hostile_chronicle

LANGS = ("zh", "en")
TL_LANGUAGE = {"zh": "zh-cn", "en": "en"}   # TimelineJS's own names of its message files

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script>
</head><body><div id="timeline" style="width: 1100px; height: 640px"></div></body></html>
"""

# Make the timeline and wait until TimelineJS says it is loaded, or has refused the data.
LOAD = """
async ([url, language]) => {
  const data = await (await fetch(url)).json();
  return await new Promise((resolve) => {
    const done = (result) => { clearInterval(poll); resolve(result); };
    const timeline = new TL.Timeline('timeline', data, {
      language, script_path: new URL('/timelinejs/js/', location.href).href, font: null, hash_bookmark: false});
    window.timeline = timeline;
    timeline.on('loaded', () => done({loaded: true, errors: timeline.config.getErrors()}));
    const poll = setInterval(() => {
      if (timeline.config && !timeline.config.isValid()) done({loaded: false, errors: timeline.config.getErrors()});
    }, 50);
  });
}
"""

SHOWN = """
() => ({
  slides: [...document.querySelectorAll('.tl-storyslider .tl-slide')].map(s => ({
    title: s.classList.contains('tl-slide-titleslide'),
    headline: (s.querySelector('.tl-headline') || {}).textContent || ''})),
  events: timeline.config.events.map(e => e.unique_id),
  eras: [...document.querySelectorAll('.tl-timenav .tl-timeera')].map(e => e.textContent.trim()),
  markers: document.querySelectorAll('.tl-timenav .tl-timemarker').length,
  message: [...document.querySelectorAll('.tl-message-full')]
             .filter(m => m.offsetParent !== null).map(m => m.textContent.trim()),
})
"""


@pytest.fixture(scope="module")
def timelinejs() -> Path:
    return tools.need(tools.timelinejs_dist)


def one_day_phase_chronicle(root: Path) -> Path:
    return write_tree(root, {
        "chronicle.yaml": """
            title: {zh: 小区日记, en: Estate Diary}
            languages: [zh, en]
            phases:
              - {id: first, name: {zh: 第一阶段, en: The first days}, from: 2020-01-23, to: 2020-01-25}
              - {id: last, name: {zh: 最后一天, en: The last day}, from: 2020-01-26, to: 2020-01-26}
              - {id: after, name: {zh: 之后, en: Afterwards}, from: 2020-02-01, to: 2020-02-01}
            """,
        "entries/2020-01-23.md": "---\ndate: 2020-01-23\ntitle: {zh: 开会, en: A meeting}\n---\n晚上开会。\n",
        "entries/2020-01-25.md": "---\ndate: 2020-01-25\ntitle: {zh: 值守, en: On duty}\n---\n值守。\n",
        "entries/2020-01-26.md": "---\ndate: 2020-01-26\ntitle: {zh: 最后, en: The end}\n---\n结束。\n",
    })


def one_entry_chronicle(root: Path) -> Path:
    return write_tree(root, {
        "chronicle.yaml": """
            title: {zh: 一天, en: One day}
            languages: [zh, en]
            phases:
              - {id: only, name: {zh: 唯一, en: The only day}, from: 2020-03-08, to: 2020-03-08}
            """,
        "entries/2020-03-08.md": "---\ndate: 2020-03-08\ntitle: {zh: 恢复, en: Back to normal}\n---\n恢复秩序。\n",
    })


@pytest.fixture(scope="module")
def chronicles(tmp_path_factory, site_dir) -> dict[str, tuple[Path, Path]]:
    """name -> (content folder, built site)."""
    made = {"bundled": (tools.REPO / "content", site_dir)}
    root = tmp_path_factory.mktemp("timelinejs")
    def rich(target: Path) -> Path:
        return Path(shutil.copytree(FIXTURES / "rich", target))

    def published(target: Path) -> Path:   # with base_url, each slide links to its entry's page
        shutil.copytree(tools.REPO / "content", target, ignore=shutil.ignore_patterns(".chronicle-cache"))
        with open(target / "chronicle.yaml", "a", encoding="utf-8") as config:
            config.write("base_url: https://example.org/diary/\n")
        return target

    for name, make in (("one-day-phase", one_day_phase_chronicle), ("one-entry", one_entry_chronicle),
                       ("hostile", hostile_chronicle), ("rich", rich), ("published", published)):
        content = make(root / name / "content")
        out = root / name / "public"
        build(content, out, with_reports=False)
        made[name] = (content, out)
    return made


@pytest.fixture(scope="module")
def server(timelinejs, chronicles, tmp_path_factory):
    page = tmp_path_factory.mktemp("timelinejs-page")
    (page / "index.html").write_text(PAGE, encoding="utf-8")
    mounts = {"": page, "timelinejs": timelinejs}
    mounts.update({name: out for name, (_, out) in chronicles.items()})
    with serve(mounts) as url:
        yield url


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["bundled", "published", "one-day-phase", "one-entry", "hostile", "rich"])
def test_timelinejs_shows_every_entry_as_a_slide_and_every_phase_as_an_era(page, server, chronicles, name, lang):
    content, out = chronicles[name]
    graph, _ = check(content)
    data = json.loads((out / f"data/timeline.{lang}.json").read_text(encoding="utf-8"))
    problems = watch(page)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    page.goto(server, wait_until="load")

    result = page.evaluate(LOAD, [f"{server}{name}/data/timeline.{lang}.json", TL_LANGUAGE[lang]])
    assert result["loaded"] and result["errors"] == [], f"TimelineJS refused {name} timeline.{lang}.json: {result}"
    shown = page.evaluate(SHOWN)
    assert shown["message"] == [], f"TimelineJS shows a message: {shown['message']}"

    titles = [s for s in shown["slides"] if s["title"]]
    assert len(titles) == (1 if "title" in data else 0)
    events = [s for s in shown["slides"] if not s["title"]]
    assert len(events) == len(graph.entries) == len(data["events"]), shown["slides"]
    assert shown["events"] == [f"entry-{e.stem}" for e in graph.entries], "every entry, in date order"
    assert [s["headline"] for s in events] == [e.versions[lang].title for e in graph.entries], \
        "each slide shows its entry's title as text"
    assert shown["markers"] == len(graph.entries)
    assert shown["eras"] == [ph.name.get(lang, graph.languages) for ph in graph.config.phases]
    if name == "hostile":
        assert events[0]["headline"] == YAML_PAYLOAD, "markup in a title is shown, not run"
    if name == "published":
        links = page.evaluate("() => [...document.querySelectorAll('.tl-slide .tl-text-content a')].map(a => a.href)")
        assert links == [f"https://example.org/diary/{lang}/entries/{e.stem}/" for e in graph.entries]
    assert problems == [], problems


def test_the_one_day_phase_is_an_era_of_one_day(chronicles):
    _, out = chronicles["one-day-phase"]
    data = json.loads((out / "data/timeline.en.json").read_text(encoding="utf-8"))
    last = next(era for era in data["eras"] if era["text"]["headline"] == "The last day")
    assert last["start_date"] == {"year": 2020, "month": 1, "day": 26}
    assert last["end_date"] == {"year": 2020, "month": 1, "day": 27}, "to the start of the next day"
