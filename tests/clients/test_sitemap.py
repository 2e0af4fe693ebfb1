"""sitemap.xml, validated against the sitemaps.org schema (lxml / libxml2), only where base_url is known."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tests.clients.conftest import BASE_URL

SCHEMAS = Path(__file__).resolve().parent / "schemas"
XSD = "{http://www.w3.org/2001/XMLSchema}"


def sitemap_schema() -> etree.XMLSchema:
    """sitemaps.org's sitemap.xsd as published, with the XHTML link of the language versions imported into it."""
    schema = etree.parse(str(SCHEMAS / "sitemap.xsd"))
    schema.getroot().insert(0, etree.Element(f"{XSD}import", namespace="http://www.w3.org/1999/xhtml",
                                             schemaLocation=(SCHEMAS / "xhtml-link.xsd").as_uri()))
    return etree.XMLSchema(schema)


def test_the_sitemap_is_valid_and_every_address_is_a_page_of_the_site(client_sites):
    _, site = client_sites["published"]
    document = etree.parse(str(site / "sitemap.xml"))
    schema = sitemap_schema()
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = document.xpath("//s:loc/text()", namespaces=ns)
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/**/index.html")}
    pages = {p for p in pages if not p.endswith("/search/")}
    assert {loc.removeprefix(BASE_URL) for loc in locs} == pages, "every page once, and nothing else"
    for url in document.xpath("//s:url", namespaces=ns):
        loc = url.find("s:loc", ns).text
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert set(alternates) == {"zh-CN", "en"} and loc in alternates.values()


def test_the_schema_refuses_what_search_engines_drop():
    """A control: a relative address and a bad date are errors to the schema."""
    bad = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/zh/</loc>'
           b'<lastmod>8 March</lastmod></url></urlset>')
    schema = sitemap_schema()
    assert not schema.validate(etree.fromstring(bad))
    assert any(re.search(r"loc|lastmod", str(e)) for e in schema.error_log)


def test_without_base_url_there_is_no_sitemap(client_sites):
    for name in ("bundled", "hostile", "mini", "rich"):
        assert not (client_sites[name][1] / "sitemap.xml").exists(), name
