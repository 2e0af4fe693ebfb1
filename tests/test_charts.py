"""Charts and strips: parsed back as XML, every point counted and every link followed in the built site."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chronicle.build import build, check
from chronicle.render import charts, strips
from chronicle.render import svg as shapes
from chronicle.render.i18n import Messages
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
CHART_RE = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg[^"]*".*?</svg>', re.S)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts") / "public"
    build(ROOT / "content", out)
    graph, _ = check(ROOT / "content")
    return out, graph


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts-mini") / "public"
    build(ROOT / "tests" / "fixtures" / "mini", out, use_cache=False)  # shared fixture: no cache inside it
    return out


def charts_in(html: str) -> dict[str, ET.Element]:
    """Every chart SVG of a page, parsed as XML (so it must be well-formed), by id."""
    found = {}
    for text in CHART_RE.findall(html):
        root = ET.fromstring(text)
        found[root.get("id")] = root
    return found


def points(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter(f"{SVG}a") if "point" in (a.get("class") or "").split()]


_IDS: dict[Path, set] = {}


def ids_of(path: Path) -> set:
    if path not in _IDS:
        _IDS[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
    return _IDS[path]


def assert_link_resolves(out: Path, page: str, href: str) -> tuple[str, str]:
    """A relative link from ``page`` to an existing file and, when it has one, an existing id there."""
    assert not href.startswith(("chronicle:", "/", "http")), href
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if path.endswith("/") or path in ("", ".") and not target.endswith(".html"):
        target = posixpath.join(target, "index.html")
    assert (out / target).is_file(), f"{page}: {href} -> {target} does not exist"
    if fragment:
        assert fragment in ids_of(out / target), f"{page}: {href}: no id={fragment!r} in {target}"
    return target, fragment


def assert_accessible(svg: ET.Element):
    """Named by its title, described by its desc; a chart with links is a group (an image's children are
    presentational, so links inside role="img" would be nameless: axe's nested-interactive), one without
    links an image. Every link is named by its own title; labels are hidden (the title and desc say it)."""
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    links = list(svg.iter(f"{SVG}a"))
    if links:
        assert svg.get("role") == "group"
        assert svg.get("aria-labelledby") == title.get("id")
        assert svg.get("aria-describedby") == desc.get("id")
        assert all((a.find(f"{SVG}title") is not None and a.find(f"{SVG}title").text) for a in links)
    else:
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert all(t.get("aria-hidden") == "true" for t in svg.iter(f"{SVG}text"))
    assert svg.get("viewBox") and "style" not in ET.tostring(svg, encoding="unicode")


# --------------------------------------------------------------------------- the stats page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_group_has_one_chart_with_a_point_per_recorded_value(bundled, lang):
    out, graph = bundled
    page = f"{lang}/stats/index.html"
    html = (out / page).read_text(encoding="utf-8")
    found = charts_in(html)
    groups: dict[str, list] = {}
    for node in graph.stats:
        groups.setdefault(node.stat.group or node.stat.id, []).append(node)
    expected = {}
    for key, nodes in groups.items():
        values = sum(len(n.points) for n in nodes)
        if len(nodes) > 1 and values > 1:
            expected[f"chart-group-{key}"] = nodes
        elif len(nodes) == 1 and values > 1:
            expected[f"chart-stat-{nodes[0].stat.id}"] = nodes
    assert set(found) == set(expected)
    assert "chart-group-party" in found and "chart-group-donations" in found
    for chart_id, nodes in expected.items():
        svg = found[chart_id]
        assert_accessible(svg)
        links = points(svg)
        assert len(links) == sum(len(n.points) for n in nodes), chart_id
        recorded = sorted((p.entry, p.anchor or "") for n in nodes for p in n.points)
        linked = []
        for a in links:
            target, fragment = assert_link_resolves(out, page, a.get("href"))
            assert target.startswith(f"{lang}/entries/")
            linked.append((target.split("/")[2], fragment))
            assert a.find(f"{SVG}title").text
        assert sorted(linked) == recorded, chart_id


def test_the_chart_speaks_the_page_language(bundled):
    out, _ = bundled
    zh = charts_in((out / "zh/stats/index.html").read_text(encoding="utf-8"))["chart-group-party"]
    en = charts_in((out / "en/stats/index.html").read_text(encoding="utf-8"))["chart-group-party"]
    zh_text = " ".join(t.text or "" for t in zh.iter(f"{SVG}text"))
    en_text = " ".join(t.text or "" for t in en.iter(f"{SVG}text"))
    assert "2月5日" in zh_text and "名" in zh_text and "180" in zh_text
    assert "Feb 5" in en_text and "members" in en_text and "180" in en_text
    assert "党员" in zh.find(f"{SVG}title").text and "Party members" in en.find(f"{SVG}title").text
    assert "最高80名" in zh.find(f"{SVG}desc").text and "报到党员干部人数（最多时）：2020年2月13日为180名" in zh.find(f"{SVG}desc").text
    assert "highest 80" in en.find(f"{SVG}desc").text and "180" in en.find(f"{SVG}desc").text


def test_the_stats_page_keeps_the_tables_and_a_legend_beside_the_chart(bundled):
    out, _ = bundled
    html = (out / "en/stats/index.html").read_text(encoding="utf-8")
    section = html.split('id="group-party"', 1)[1].split('<section class="stat-group"', 1)[0]
    assert section.index('class="chart-svg') < section.index('class="chart-legend"') < section.index("<table")
    assert section.count('class="stat-history"') == 7
    assert '<a href="#stat-dual-registered-party-members">' in section
    assert 'href="../../data/stats.csv"' in html


def test_a_lone_statistic_with_several_values_gets_its_own_chart(mini_site):
    found = charts_in((mini_site / "en/stats/index.html").read_text(encoding="utf-8"))
    assert set(found) == {"chart-stat-households", "chart-stat-rides"}
    rides = found["chart-stat-rides"]
    assert len(points(rides)) == 2 and len(rides.findall(f".//{SVG}rect[@class='bar']")) == 2, "counts are bars"
    households = found["chart-stat-households"]
    assert households.find(f".//{SVG}path[@class='line s0']") is not None, "a gauge is a step line"


# --------------------------------------------------------------------------- entry pages


def test_entry_pages_chart_each_recorded_statistic_and_highlight_their_own_point(bundled):
    out, graph = bundled
    by_id = {s.stat.id: s for s in graph.stats}
    checked = 0
    for e in graph.entries:
        page = f"en/entries/{e.stem}/index.html"
        found = charts_in((out / page).read_text(encoding="utf-8"))
        expected = {f"chart-e-{p.stat}" for p in e.stats if len(by_id[p.stat].points) > 1}
        assert set(found) == expected, e.stem
        for chart_id, svg in found.items():
            node = by_id[chart_id[len("chart-e-"):]]
            assert_accessible(svg)
            links = points(svg)
            assert len(links) == len(node.points)
            current = [a for a in links if "current" in ET.tostring(a, encoding="unicode")]
            assert len(current) == sum(1 for p in node.points if p.entry == e.stem)
            for a in links:
                assert_link_resolves(out, page, a.get("href"))
            checked += 1
    assert checked >= 5


# --------------------------------------------------------------------------- strips


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timeline_strip_has_a_linked_mark_per_entry_phases_and_landmarks(bundled, lang):
    out, graph = bundled
    page = f"{lang}/timeline/index.html"
    html = (out / page).read_text(encoding="utf-8")
    strip = charts_in(html)["strip-timeline"]
    assert_accessible(strip)
    marks = [a for a in points(strip) if a.find(f"{SVG}rect[@class='entry-mark']") is not None]
    assert len(marks) == len(graph.entries)
    assert sorted(assert_link_resolves(out, page, a.get("href"))[0] for a in marks) == sorted(
        f"{lang}/entries/{e.stem}/index.html" for e in graph.entries)
    figures = [a for a in points(strip) if "figure" in a.get("class")]
    assert len(figures) == sum(1 for e in graph.entries if e.stats)
    for a in figures:
        assert_link_resolves(out, page, a.get("href"))
    bands = strip.findall(f".//{SVG}rect")
    phase_bands = [r for r in bands if "phase-band" in r.get("class", "")]
    assert len(phase_bands) == len(graph.config.phases) == 3
    assert len([r for r in bands if "month-band" in r.get("class", "")]) == 3
    assert len(strip.findall(f".//{SVG}g[@class='landmark festival']")) + len(
        strip.findall(f".//{SVG}g[@class='landmark solar-term']")) == len(graph.festivals)
    words = " ".join(t.text or "" for t in strip.iter(f"{SVG}text"))
    if lang == "zh":
        assert "元宵节" in words and "封闭管理" in words and "2020年2月" in words
    else:
        assert "Lantern Festival" in words and "Closed management" in words and "February 2020" in words
    assert 'id="phase-closure"' in html


def test_a_profile_has_its_own_strip_and_a_bar_per_dated_role(bundled):
    out, graph = bundled
    page = "en/people/huang-shaohui/index.html"
    html = (out / page).read_text(encoding="utf-8")
    strip = charts_in(html)["strip-person"]
    assert_accessible(strip)
    person = graph.person_by_id["huang-shaohui"]
    marks = points(strip)
    assert len(marks) == len(person.entries)
    for a in marks:
        target, fragment = assert_link_resolves(out, page, a.get("href"))
        assert fragment.startswith("p-"), "a mark opens the passage that names the person"
    dated = [r for r in person.person.roles if r.start or r.end]
    assert len(strip.findall(f".//{SVG}rect[@class='role-bar']")) == len(dated) == 3
    handover = strip.find(f".//{SVG}g[@class='handover']")
    assert handover is not None and "25 Feb" in handover.find(f"{SVG}title").text  # the bundled English is en-GB
    assert "Chen Wanshan" in html.split('class="handovers"', 1)[1].split("</ul>", 1)[0]
    undrawn = html.split('class="roles-undrawn"', 1)[1].split("</figcaption>", 1)[0]
    assert "Director of the Inspection Office" in undrawn


def test_open_ended_roles_run_to_the_end_and_roles_before_the_period_are_cut(bundled):
    out, _ = bundled
    strip = charts_in((out / "en/people/yang-quling/index.html").read_text(encoding="utf-8"))["strip-person"]
    bar = strip.find(f".//{SVG}rect[@class='role-bar cut-start cut-end']")
    assert bar is not None, "from 2019-10, open-ended: cut at both edges of the period"
    words = [t.text for t in strip.iter(f"{SVG}text")]
    assert "2019-10" in words and "ongoing" in words


def test_no_svg_carries_style_attributes_or_scripts(bundled):
    out, _ = bundled
    for path in list((out / "en").rglob("*.html"))[:200]:
        for text in CHART_RE.findall(path.read_text(encoding="utf-8")):
            assert "style=" not in text and "<script" not in text and "<style" not in text, path


# --------------------------------------------------------------------------- the drawing functions


def test_nice_scales_and_calendar_ticks():
    assert charts.nice_scale(180) == [0, 50, 100, 150, 200]
    assert charts.nice_scale(4, 2) == [0, 2, 4]
    assert charts.nice_scale(1, 4) == [0, 1], "counts of things never get fractional ticks"
    assert charts.nice_scale(0.3, 3, integers=False)[-1] >= 0.3
    ticks = charts.date_ticks(dt.date(2020, 1, 23), dt.date(2020, 3, 8), 5)
    assert ticks == [dt.date(2020, 2, 1), dt.date(2020, 2, 10), dt.date(2020, 2, 20), dt.date(2020, 3, 1)]
    assert charts.date_ticks(dt.date(2020, 1, 1), dt.date(2022, 12, 31), 4) == [
        dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1)]


def _series(kind, values, unit="members", label="Members <&> \"x\""):
    pts = tuple(charts.ChartPoint(day, v, f"../entries/{day}/#p-1", f"{day}: {v}", current=(i == 1))
                for i, (day, v) in enumerate(values))
    return charts.ChartSeries("s", label, unit, kind, pts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_stat_chart_is_well_formed_xml_with_escaped_text(lang):
    t = Messages(lang)
    days = [dt.date(2020, 2, 1), dt.date(2020, 2, 5), dt.date(2020, 2, 5)]
    svg = charts.stat_chart("c1", "A <title> & more", "desc & more",
                            [_series("count", list(zip(days, [3, 4, 5]))),
                             _series("gauge", list(zip(days[:2], [10, 12])), label="Level")],
                            dt.date(2020, 1, 20), dt.date(2020, 2, 20), t)
    root = ET.fromstring(str(svg))
    assert root.find(f"{SVG}title").text == "A <title> & more"
    assert len(points(root)) == 5, "two counts on one day are stacked, each its own linked segment"
    assert len(root.findall(f".//{SVG}rect[@class='bar current']")) == 1
    texts = [t_.text for t_ in root.iter(f"{SVG}text")]
    assert "9" in texts, "the stacked total is labelled"
    assert ("2月1日" if lang == "zh" else "Feb 1") in texts


def test_one_day_in_one_unit_is_drawn_as_labelled_bars():
    day = dt.date(2020, 2, 23)
    series = [charts.ChartSeries(f"s{i}", f"Shop {i}", "shops", "gauge",
                                 (charts.ChartPoint(day, v, "x/#p-1", "tip"),)) for i, v in enumerate([6, 9, 2])]
    assert charts.is_snapshot(series)
    root = ET.fromstring(str(charts.stat_chart("c", "t", "d", series, day, day, Messages("en"))))
    assert "chart-snapshot" in root.get("class")
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "series-label"] == ["Shop 0", "Shop 1", "Shop 2"]
    assert len(points(root)) == 3


def test_negative_values_stay_inside_the_plot():
    t = Messages("en")
    days = [dt.date(2020, 2, 1), dt.date(2020, 2, 5)]
    svg = charts.stat_chart("neg", "t", "d", [_series("count", list(zip(days, [-4, 6]))),
                                              _series("gauge", list(zip(days, [-2, 3])), label="Level")],
                            days[0], days[1], t)
    root = ET.fromstring(str(svg))
    height = float(root.get("height"))
    for rect in root.iter(f"{SVG}rect"):
        assert 0 <= float(rect.get("y")) and float(rect.get("y")) + float(rect.get("height")) <= height
    ticks = [x.text for x in root.iter(f"{SVG}text") if x.get("class") == "tick"]
    assert any(x.startswith(("-", "\u2212")) for x in ticks), "the scale reaches below zero"
    assert charts.nice_scale(10, 4, True, -5) == [-5, 0, 5, 10]


def test_a_chart_with_links_is_a_group_and_one_without_an_image():
    """axe's nested-interactive: links inside role="img" are focusable but nameless, so only a chart
    without links may be an image."""
    t = Messages("en")
    start, end = dt.date(2020, 1, 23), dt.date(2020, 3, 8)
    phases = (shapes.Band(start, dt.date(2020, 2, 1), "Phase one"),)
    linked = ET.fromstring(str(strips.strip("s1", "t", "d", shapes.StripData(
        start, end, phases=phases, marks=(shapes.Mark(dt.date(2020, 2, 2), "x/", "Feb 2: an entry"),)), t)))
    plain = ET.fromstring(str(strips.strip("s2", "t", "d", shapes.StripData(start, end, phases=phases), t)))
    assert linked.get("role") == "group" and plain.get("role") == "img"
    assert_accessible(linked)
    assert_accessible(plain)
