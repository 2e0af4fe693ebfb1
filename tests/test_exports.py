"""Open data exports and structured data, read back with the tools people use on them."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from chronicle.build import build, check
from chronicle.render.exports import safe_cell
from tests.conftest import ROOT, write_tree

LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
BOM = "\ufeff".encode("utf-8")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports") / "public"
    build(ROOT / "content", out)
    graph, _ = check(ROOT / "content")
    return out, graph


@pytest.fixture
def mini_site(mini, tmp_path):
    out = tmp_path / "public"
    build(mini, out)
    graph, _ = check(mini)
    return out, graph


def read_csv(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.startswith(BOM), f"{path.name} starts with a UTF-8 BOM so spreadsheets read it as UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --------------------------------------------------------------------------- TimelineJS


def _valid_tl_date(d: dict) -> dt.date:
    assert isinstance(d["year"], int)
    return dt.date(d["year"], d.get("month", 1), d.get("day", 1))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_timelinejs_json_has_what_timelinejs_requires(bundled, lang):
    out, graph = bundled
    data = json.loads((out / f"data/timeline.{lang}.json").read_text(encoding="utf-8"))
    assert set(data) <= {"events", "title", "eras", "scale"}
    assert isinstance(data["events"], list) and len(data["events"]) == len(graph.entries)
    assert data.get("scale", "human") in ("human", "cosmological")
    ids = [data["title"].get("unique_id")]
    for event, entry in zip(data["events"], graph.entries):
        assert _valid_tl_date(event["start_date"]) == entry.date
        assert isinstance(event["text"]["headline"], str) and event["text"]["headline"]
        assert isinstance(event["text"]["text"], str)
        assert event["group"] in {ph.name.get(lang) for ph in graph.config.phases}
        ids.append(event["unique_id"])
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids) and len(set(ids)) == len(ids)
    assert [e["text"]["headline"] for e in data["eras"]] == [ph.name.get(lang) for ph in graph.config.phases]
    for era in data["eras"]:
        assert _valid_tl_date(era["start_date"]) <= _valid_tl_date(era["end_date"])
    lantern = next(e for e in data["events"] if e["unique_id"] == "entry-2020-02-08")
    assert lantern["text"]["headline"] == graph.entry_by_stem["2020-02-08"].versions[lang].title
    assert lantern["start_date"]["display_date"] == ("2020年2月8日" if lang == "zh" else "8 February 2020")


def test_timelinejs_json_without_phases_has_no_groups_or_eras(mini_site):
    out, _ = mini_site
    data = json.loads((out / "data/timeline.en.json").read_text(encoding="utf-8"))
    assert "eras" not in data and all("group" not in e for e in data["events"])
    assert data["events"][0]["text"]["headline"] == "An emergency meeting"


# --------------------------------------------------------------------------- iCalendar


def test_ics_has_one_all_day_event_per_entry_with_stable_uids(bundled):
    out, graph = bundled
    cal = Calendar.from_ical((out / "data/chronicle.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(graph.entries)
    uids = [str(ev["UID"]) for ev in events]
    assert len(set(uids)) == len(uids)
    for ev, entry in zip(events, graph.entries):
        assert ev.decoded("DTSTART") == entry.date and not isinstance(ev.decoded("DTSTART"), dt.datetime)
        assert ev.decoded("DTEND") == entry.date + dt.timedelta(days=1)
        assert ev.decoded("DTSTAMP") == dt.datetime(entry.date.year, entry.date.month, entry.date.day,
                                                   tzinfo=dt.timezone.utc)
        assert str(ev["SUMMARY"]) == entry.versions["zh"].title
        assert entry.stem in str(ev["UID"])
    assert str(cal["X-WR-CALNAME"]) == "25社区战\"疫\"日记"


# --------------------------------------------------------------------------- CSV


def test_people_csv_reads_back_and_hides_restricted_people(mini_site):
    out, graph = mini_site
    rows = read_csv(out / "data/people.csv")
    assert len(rows) == len(graph.people)
    by_id = {r["id"]: r for r in rows}
    assert by_id["zhang-qingxin"]["roles_en"].startswith("Property station manager 2019–2020-02-10")
    restricted = next(p for p in graph.people if p.restricted)
    row = by_id[restricted.pid]
    assert row["name_zh"] == "王某" and row["name_en"] == "W. F." and row["published_as"] == "initials"
    assert row["roles_zh"] == row["bio_zh"] == row["groups"] == ""
    raw = (out / "data/people.csv").read_bytes()
    assert "王芳".encode() not in raw and b"wang-fang" not in raw and b"13912345678" not in raw


def test_stats_csv_has_a_row_per_value_with_its_source(bundled):
    out, graph = bundled
    rows = read_csv(out / "data/stats.csv")
    assert len(rows) == sum(len(s.points) for s in graph.stats)
    party = [r for r in rows if r["stat"] == "dual-registered-party-members"]
    assert [(r["date"], r["value"]) for r in party] == [("2020-02-05", "80"), ("2020-02-25", "73")]
    peak = [r for r in rows if r["stat"] == "party-members-and-cadres-peak"]
    assert [(r["date"], r["value"]) for r in peak] == [("2020-02-13", "180")], "the peak is a series of its own"
    assert party[0]["label_en"] == "Dual-registered Party members reporting to the community"
    assert party[0]["source_url"] == f"zh/entries/2020-02-05/#{party[0]['paragraph']}"
    assert all(r["kind"] in ("gauge", "count") for r in rows)


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(mini, tmp_path):
    write_tree(mini, {"entries/2020-01-23.md": (mini / "entries/2020-01-23.md").read_text(encoding="utf-8").replace(
        "{stat: households, value: 3730}", '{stat: households, value: 3730, note: "=HYPERLINK(\\"http://x\\")"}')})
    out = tmp_path / "public"
    build(mini, out)
    rows = read_csv(out / "data/stats.csv")
    assert rows[0]["note_zh"] == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("+1 call") == "'+1 call" and safe_cell("@me") == "'@me" and safe_cell("-x") == "'-x"
    assert safe_cell(-3) == "-3" and safe_cell("-3.5") == "-3.5" and safe_cell(2.5) == "2.5"
    assert safe_cell("plain") == "plain" and safe_cell(None) == ""


# --------------------------------------------------------------------------- JSON-LD and social previews


def json_ld(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    blocks = LD_RE.findall(html)
    assert len(blocks) == 1, path
    assert "</" not in blocks[0]
    return json.loads(blocks[0])


def meta(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))


def test_every_page_has_json_ld_and_social_tags(bundled):
    out, _ = bundled
    pages = [p for p in out.rglob("index.html") if p.parent != out and "<html" in p.read_text(encoding="utf-8")[:200]]
    assert len(pages) > 100
    for page in pages:
        if "http-equiv=\"refresh\"" in page.read_text(encoding="utf-8"):
            continue
        data = json_ld(page)
        assert data["@context"] == "https://schema.org"
        tags = meta(page)
        for key in ("og:title", "og:type", "og:locale", "twitter:card", "description"):
            assert tags.get(key), f"{page}: no {key}"


def test_entry_is_an_article_mentioning_people(bundled):
    out, graph = bundled
    data = json_ld(out / "zh/entries/2020-02-25/index.html")
    assert data["@type"] == "Article"
    assert data["datePublished"] == "2020-02-25" and data["inLanguage"] == "zh-CN"
    assert data["headline"] == graph.entry_by_stem["2020-02-25"].versions["zh"].title
    assert data["author"] == {"@type": "Person", "name": "程书记"}
    names = {m["name"] for m in data["mentions"]}
    assert {"黄绍辉", "陈万山"} <= names and all(m["@type"] == "Person" for m in data["mentions"])
    assert meta(out / "zh/entries/2020-02-25/index.html")["article:published_time"] == "2020-02-25"


def test_profile_is_a_person_with_job_titles_and_memberships(bundled):
    out, _ = bundled
    data = json_ld(out / "en/people/huang-shaohui/index.html")
    assert data["@type"] == "Person" and data["name"] == "Huang Shaohui"
    assert "Secretary of the temporary Party branch" in data["jobTitle"]
    role = next(m for m in data["memberOf"] if m["roleName"] == "Secretary of the temporary Party branch")
    assert role["memberOf"] == {"@type": "Organization", "name": "Temporary Party branch of Community 25"}
    assert (role["startDate"], role["endDate"]) == ("2020-02-05", "2020-02-25")


def test_home_is_a_website_and_the_timeline_lists_the_phases_as_events(bundled):
    out, graph = bundled
    home = json_ld(out / "en/index.html")
    assert home["@type"] == "WebSite" and home["name"] == "Community 25: An Epidemic Diary"
    timeline = json_ld(out / "zh/timeline/index.html")
    events = [x for x in timeline["@graph"] if x["@type"] == "Event"]
    assert [(e["name"], e["startDate"], e["endDate"]) for e in events] == [
        (ph.name.get("zh"), ph.start.isoformat(), ph.end.isoformat()) for ph in graph.config.phases]
    assert json_ld(out / "en/stats/index.html")["@type"] == "Dataset"


def test_restricted_people_get_only_their_display_name(mini_site):
    out, graph = mini_site
    restricted = next(p for p in graph.people if p.restricted)
    data = json_ld(out / f"zh/people/{restricted.pid}/index.html")
    assert data == {"@context": "https://schema.org", "@type": "Person", "name": "王某", "url": "./"}
    article = json_ld(out / "zh/entries/2020-01-25/index.html")
    assert "王某" in {m["name"] for m in article["mentions"]}


def test_json_ld_cannot_close_its_script_element(chronicle_dir, tmp_path):
    content = chronicle_dir({"entries/2020-01-01.md": "---\ndate: 2020-01-01\ntitle: \"a </script><b>x\"\n---\nText.\n"})
    out = tmp_path / "public"
    build(content, out)
    html = (out / "zh/entries/2020-01-01/index.html").read_text(encoding="utf-8")
    block = LD_RE.findall(html)[0]
    assert "<\\/script>" in block and json.loads(block)["headline"] == "a </script><b>x"


# --------------------------------------------------------------------------- determinism


def test_two_builds_write_the_same_bytes(tmp_path):
    def digest(out: Path) -> dict:
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file() and (p.suffix in (".html", ".ics", ".csv", ".json")
                                                                    and "pagefind" not in p.parts)}
    build(ROOT / "content", tmp_path / "a")
    build(ROOT / "content", tmp_path / "b")
    first, second = digest(tmp_path / "a"), digest(tmp_path / "b")
    assert {"data/chronicle.ics", "data/people.csv", "data/stats.csv", "data/timeline.zh.json"} <= set(first)
    assert first == second
