"""CSV of a report: UTF-8 with a BOM (so Excel reads Chinese correctly), one row per award."""

from __future__ import annotations

import csv
import io

from chronicle.reports.model import Commendations, PersonRecord

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _write(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(c) for c in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def commendations_csv(r: Commendations) -> bytes:
    L = r.labels
    header = [L["category"], L["person_id"], L["name"], L["role"], L["organisation"], L["citation"], L["evidence_dates"],
              L["status"]]
    status = r.header or r.document  # a draft says so on every row: a filtered sheet must not lose it
    rows = [[a.category_name, a.person_id, a.name, a.role, a.organisation, a.citation, a.evidence_dates, status]
            for a in r.awards]
    return _write(header, rows)


def person_csv(r: PersonRecord) -> bytes:
    """One row per item of the record: each role, each award, each passage."""
    L = r.labels
    header = [L["section"], L["date"], L["name"], L["role"], L["organisation"], L["entry"], L["text"]]
    rows = [[L["roles"], (x.start + "–" + x.end).strip("–"), r.name, x.title, x.organisation, "", ""] for x in r.roles]
    rows += [[L["awards"], a.evidence_dates, r.name, a.role, a.organisation, a.category_name, a.citation]
             for a in r.awards]
    rows += [[L["passages"], q.date.isoformat(), r.name, "", "", q.title, q.text] for q in r.passages]
    return _write(header, rows)
