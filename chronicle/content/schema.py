"""The content format's fields and file names, in one place (docs/writing.md documents each; a test checks)."""

from __future__ import annotations

import re

CONFIG_FIELDS = ("title", "subtitle", "author", "place", "languages", "base_url", "lunar_calendar",
                 "autolink", "phases", "tags", "report", "privacy", "groups", "locales", "untranslated",
                 "dates", "book")
PERSON_FIELDS = ("id", "name", "aliases", "groups", "roles", "bio", "note", "publish", "private", "pinyin")
ROLE_FIELDS = ("title", "org", "from", "to", "note", "inferred")
STAT_FIELDS = ("id", "label", "unit", "kind", "group", "description", "note", "inferred")
ENTRY_FIELDS = ("date", "title", "weekday", "lunar", "people", "tags", "stats", "draft", "summary", "untranslated")
BOOK_FIELDS = ("formats", "languages", "paper", "name", "appendix")
BOOK_FORMATS = ("pdf", "epub")
BOOK_PAPERS = ("a5", "b5", "a4", "letter", "trade")
TRANSLATION_FIELDS = ("title", "summary")
PAGE_FIELDS = ("title", "order", "untranslated")
PUBLISH = ("full", "initials", "anonymous")
KINDS = ("gauge", "count")
COMMENDATIONS_FIELDS = ("status", "compiled_by", "issuer", "date", "document", "note", "categories")
CATEGORY_FIELDS = ("id", "name", "description", "awards")
AWARD_FIELDS = ("person", "citation", "evidence")

ENTRY_NAME = re.compile(r"^(?P<stem>(?P<date>\d{4}-\d{2}-\d{2})(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?)(?:\.(?P<lang>[A-Za-z-]+))?\.md$")
PAGE_NAME = re.compile(r"^(?P<stem>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>[A-Za-z-]+))?\.md$")
