"""data/chronicle.ics, read by two independent iCalendar parsers: icalendar and vobject."""

from __future__ import annotations

import datetime as dt

import vobject
from icalendar import Calendar

from chronicle.build import check
from tests.test_hostile import YAML_PAYLOAD


def test_icalendar_and_vobject_read_the_same_events(any_site):
    name, content, site = any_site
    graph, _ = check(content)
    data = (site / "data" / "chronicle.ics").read_bytes()
    source = graph.languages[0]

    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(graph.entries)
    for event, entry in zip(events, graph.entries):
        assert event.decoded("DTSTART") == entry.date and not isinstance(event.decoded("DTSTART"), dt.datetime)
        assert event.decoded("DTEND") == entry.date + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == entry.versions[source].title

    parsed = vobject.readOne(data.decode("utf-8"))
    vevents = parsed.contents.get("vevent", [])
    assert [(v.uid.value, v.dtstart.value, v.summary.value) for v in vevents] == [
        (str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events], "both parsers agree"
    assert len({v.uid.value for v in vevents}) == len(vevents), "every event has a UID of its own"
    for v in vevents:
        assert v.dtstamp.value.tzinfo is not None, "DTSTAMP in UTC, as RFC 5545 requires"
    if name == "hostile":
        assert vevents[0].summary.value == YAML_PAYLOAD, "text with markup and quotes comes back as it was"
