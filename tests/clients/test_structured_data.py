"""Structured data read by extruct (the extractor behind many SEO tools), checked against schema.org.

Every page's JSON-LD and Open Graph tags are extracted as a crawler extracts them; every type, property and
value is then checked against the schema.org vocabulary (release 12.0, vendored in schemas/): the type exists,
the property exists and applies to the type, and each value is of a type the property takes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import extruct
import pytest

from tests.clients.conftest import BASE_URL

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA = "https://schema.org/"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean", "DataType"}


@cache
def vocabulary() -> dict:
    return json.loads((SCHEMAS / "schemaorg-12.0.json").read_text(encoding="utf-8"))


def ancestors(kind: str) -> set[str]:
    types = vocabulary()["types"]
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += types.get(current, {}).get("subTypeOf", [])
    return seen


def problems_of(item, where: str, via: str = "") -> list[str]:
    """What in one JSON-LD node is not schema.org. ``via``: the property that led here; a Role in its place
    carries that property itself (schema.org's Role pattern: Person memberOf OrganizationRole memberOf Organization)."""
    found: list[str] = []
    if "@graph" in item:
        for node in item["@graph"]:
            found += problems_of(node, where)
        return found
    kind = item.get("@type")
    if kind not in vocabulary()["types"]:
        return [f"{where}: unknown type {kind!r}"]
    mine = ancestors(kind)
    for prop, value in item.items():
        if prop.startswith("@"):
            continue
        spec = vocabulary()["properties"].get(prop)
        if spec is None:
            found.append(f"{where}: {kind} has an unknown property {prop!r}")
            continue
        if not mine & set(spec["domains"]) and not (prop == via and "Role" in mine):
            found.append(f"{where}: {prop!r} does not apply to {kind} (only to {spec['domains']})")
        for one in value if isinstance(value, list) else [value]:
            found += value_problems(one, spec["ranges"], f"{where} {kind}.{prop}", prop)
    return found


def value_problems(value, ranges: list[str], where: str, prop: str) -> list[str]:
    allowed = set(ranges)
    if isinstance(value, dict):
        kind = value.get("@type")
        theirs = ancestors(kind) if kind else set()
        if not (theirs & allowed or "Role" in theirs):   # schema.org's Role pattern: a Role in place of a value
            return [f"{where}: a {kind} where {ranges} is expected"] + problems_of(value, where, prop)
        return problems_of(value, where, prop)
    if isinstance(value, bool):
        return [] if "Boolean" in allowed else [f"{where}: a true/false where {ranges} is expected"]
    if isinstance(value, (int, float)):
        return [] if allowed & {"Number", "Integer", "Float", "QuantitativeValue"} else [f"{where}: a number"]
    if isinstance(value, str):
        member = value.removeprefix(SCHEMA)
        enumeration = vocabulary()["types"].get(member, {}).get("enumeration")
        if value.startswith(SCHEMA) and enumeration:
            return [] if ancestors(enumeration) & allowed else [f"{where}: {member} is not one of {ranges}"]
        closure = set().union(*(ancestors(r) for r in ranges))
        if closure & DATA_TYPES or "Thing" in closure:   # text for a thing: its name or address, as schema.org allows
            return []
        return [f"{where}: text {value[:40]!r} where {ranges} is expected"]
    return [f"{where}: {type(value).__name__} value"]


def test_the_checker_refuses_what_is_not_schema_org():
    """A control: an unknown type, a property of another type and a wrong value are each found."""
    assert problems_of({"@type": "Articel"}, "x") == ["x: unknown type 'Articel'"]
    assert "does not apply" in problems_of({"@type": "Person", "headline": "h"}, "x")[0]
    assert problems_of({"@type": "Event", "eventStatus": "https://schema.org/Female"}, "x")
    assert problems_of({"@type": "Article", "author": {"@type": "Place", "name": "p"}}, "x")
    assert problems_of({"@type": "Person", "memberOf": {"@type": "OrganizationRole", "roleName": "r",
                                                        "memberOf": {"@type": "Organization", "name": "o"}}}, "x") == []
    assert problems_of({"@type": "Person", "memberOf": {"@type": "OrganizationRole", "headline": "h"}}, "x")


@pytest.mark.parametrize("name", ["bundled", "published", "hostile", "mini", "rich"])
def test_extruct_finds_valid_schema_org_data_on_every_page(client_sites, name):
    _, site = client_sites[name]
    base = BASE_URL if name == "published" else "https://reader.example/site/"
    pages = sorted(site.rglob("index.html"))   # the pages; not the printable reports beside them
    found: list[str] = []
    kinds: set[str] = set()
    for path in pages:
        rel = path.relative_to(site).as_posix()
        if rel == "index.html" or "/search/" in f"/{rel}":
            continue  # the redirect to the home page and the search pages: no data of their own
        data = extruct.extract(path.read_text(encoding="utf-8"), base_url=base + rel,
                               syntaxes=["json-ld", "opengraph"], uniform=True)
        items = data["json-ld"]
        if len(items) != 1:
            found.append(f"{rel}: {len(items)} JSON-LD blocks")
            continue
        item = items[0]
        if item.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
            found.append(f"{rel}: @context is {item.get('@context')!r}")
        found += problems_of(item, rel)
        kinds |= {item["@type"]} if "@type" in item else {n["@type"] for n in item["@graph"]}
        og = data["opengraph"][0] if data["opengraph"] else {}
        og["og:type"] = og.get("@type")   # where extruct's uniform form puts it
        for key in ("og:title", "og:type", "og:locale"):
            if not og.get(key):
                found.append(f"{rel}: no {key}")
    assert found == [], f"{len(found)} problems in {name}:\n" + "\n".join(found[:60])
    assert {"WebSite", "Article", "Person", "CollectionPage", "Dataset"} <= kinds, kinds
