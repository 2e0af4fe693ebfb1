"""The Atom feeds, read by feedparser (the feed library most readers and aggregators are built on)."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

import feedparser
import pytest

from chronicle.build import check
from tests.clients.conftest import BASE_URL
from tests.test_hostile import YAML_PAYLOAD

FEED_BASE = "https://reader.example/site/"   # where a reader fetched the site from, for relative addresses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feedparser_reads_every_feed_without_complaint(any_site, lang):
    name, content, site = any_site
    graph, _ = check(content)
    base = BASE_URL if name == "published" else FEED_BASE
    feed = feedparser.parse((site / lang / "feed.xml").read_bytes(),
                            response_headers={"content-location": f"{base}{lang}/feed.xml",
                                              "content-type": "application/atom+xml; charset=utf-8"})
    assert not feed.bozo, f"{name} {lang}/feed.xml: {feed.get('bozo_exception')}"
    assert feed.version == "atom10"
    assert feed.feed.title == graph.config.title.get(lang, graph.languages)
    latest = list(reversed(graph.entries))[:50]
    assert [e.title for e in feed.entries] == [e.versions[lang].title for e in latest]
    assert len({e.id for e in feed.entries}) == len(feed.entries), "every entry has an id of its own"
    for item, entry in zip(feed.entries, latest):
        assert item.published_parsed[:3] == entry.date.timetuple()[:3]
        assert item.link == f"{base}{lang}/entries/{entry.stem}/", item.link
        page = urlsplit(item.link).path.removeprefix(urlsplit(base).path)
        assert (site / posixpath.join(page, "index.html")).is_file(), f"the link of {entry.stem} leads to no page"
        assert item.content and item.content[0].type == "text/html" and item.content[0].value.strip()
    if name == "hostile":
        assert feed.entries[0].title == YAML_PAYLOAD, "markup in a title is the title's text"
