"""A link crawler over each built site (tests/crawl.py): nothing points at a file or an id that is not there."""

from __future__ import annotations

from tests.clients.conftest import BASE_URL
from tests.crawl import crawl


def test_every_link_of_every_file_leads_somewhere(any_site):
    name, _, site = any_site
    result = crawl(site, BASE_URL if name == "published" else "")
    assert result.checked > (1000 if name in ("bundled", "published") else 100), result.checked
    assert result.broken == [], f"{len(result.broken)} broken links in {name}:\n" + "\n".join(result.broken[:60])


def test_the_crawler_finds_what_is_broken(tmp_path):
    """A control: each kind of broken link is reported, the good ones are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"><a href="#here">ok</a> <a href="../b.html#there">ok</a> <a href="../c.html">no file</a>'
        ' <a href="#nowhere">no id</a> <a href="/a/">root</a> <a href="javascript:x">scheme</a>'
        ' <a href="../../up.html">out</a> <img src="https://example.org/x.png" alt=""></p>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h1 id="there">b</h1>', encoding="utf-8")
    result = crawl(tmp_path)
    assert len(result.broken) == 5, result.broken
    assert ["c.html does not exist", "no id='nowhere'", "root-absolute", "unknown scheme", "outside the site"] == [
        next(k for k in ("c.html does not exist", "no id='nowhere'", "root-absolute", "unknown scheme",
                         "outside the site") if k in b) for b in result.broken]
