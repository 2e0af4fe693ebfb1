"""people.yaml, stats.yaml and commendations.yaml: the registers that entries refer to."""

from __future__ import annotations

from chronicle.content.fields import (
    SLUG, Fields, Invalid, list_of, refs, to_entry_ref, to_partial_date, to_slug, to_str, type_name,
)
from chronicle.content.schema import KINDS, PERSON_FIELDS, PUBLISH, ROLE_FIELDS, STAT_FIELDS
from chronicle.errors import did_you_mean
from chronicle.model import Award, Category, Person, Role, StatDef


class RegistersReader:
    """The part of the loader that reads the registers (mixed into content.loader's _Loader)."""

    def people(self) -> list[Person]:
        name = "people.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return []
        if not isinstance(data, list):
            self.report.error(name, getattr(data, "line", 1), f"people.yaml must be a list of people ('- name: ...'), not {type_name(data)}")
            return []
        from chronicle.chinese.pinyin import name_slug, name_sort_key  # noqa: F401
        people, seen = [], {}
        for index, item in enumerate(data):
            line = data.line_of(index)
            f = Fields(item, name, self.report, PERSON_FIELDS, "a person", line)
            if not f.ok:
                continue
            person_name = f.get("name", self.name_text, required=True)
            override = f.get("pinyin", to_str)
            pid = f.get("id", to_slug)
            if pid is None and person_name is not None:
                source_name = person_name.get(self.languages[0])
                pid = name_slug(override or source_name)
                if not pid or not SLUG.match(pid):
                    self.report.error(name, line, f"cannot make an id from the name '{source_name}'", "add an 'id:' field")
                    continue
            if person_name is None or pid is None:
                continue
            if pid in seen:
                self.report.error(name, f.line("id") if f.has("id") else line,
                                  f"duplicate person id '{pid}' (also on line {seen[pid]})",
                                  "give one of them a different 'id:'")
                continue
            seen[pid] = line
            aliases = f.get("aliases", list_of(to_str, "alias"), default=[]) or []
            groups = f.get("groups", list_of(to_slug, "group id"), default=[]) or []
            roles = f.get("roles", self.roles, default=[]) or []
            publish = f.get("publish", to_str, default="full") or "full"
            if publish not in PUBLISH:
                self.report.error(name, f.line("publish"), f"'publish': '{publish}' is not one of {', '.join(PUBLISH)}",
                                  did_you_mean(publish, PUBLISH))
                publish = "anonymous"
            if f.has("private") and not isinstance(f.data["private"], dict):
                self.report.error(name, f.line("private"), "'private' must be a mapping of fields",
                                  "indent one 'key: value' per line under it, e.g.\nprivate:\n  phone: \"139...\"")
            source_name = person_name.get(self.languages[0], self.languages)
            sort_name = " ".join(name_sort_key(override or source_name)[0]) if source_name else pid
            people.append(Person(pid, person_name, tuple(a for a in aliases if a), tuple(groups), tuple(roles),
                                 f.get("bio", self.text), publish, line, sort_name))
        return people

    def to_partial_date(self, value):
        return to_partial_date(value, self.span)

    def roles(self, value):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of roles, got {type_name(value)}", "write one '- title: ...' per role")
        roles = []
        for index, item in enumerate(value):
            f = Fields(item, "people.yaml", self.report, ROLE_FIELDS, "a role", value.line_of(index))
            title = f.get("title", self.text, required=True)
            start = f.get("from", self.to_partial_date)
            end = f.get("to", self.to_partial_date)
            if start and end and start.first_day() > end.last_day():
                self.report.error("people.yaml", f.line("to"),
                                  f"role starts ({start.iso()}) after it ends ({end.iso()})",
                                  "'from' must not be after 'to'")
            if title:
                roles.append(Role(title, f.get("org", self.text), start, end, value.line_of(index)))
        return roles

    # -- stats.yaml --------------------------------------------------------
    def stats(self) -> list[StatDef]:
        name = "stats.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return []
        if not isinstance(data, list):
            self.report.error(name, getattr(data, "line", 1), f"stats.yaml must be a list of statistics ('- id: ...'), not {type_name(data)}")
            return []
        stats, seen = [], {}
        for index, item in enumerate(data):
            line = data.line_of(index)
            f = Fields(item, name, self.report, STAT_FIELDS, "a statistic", line)
            sid = f.get("id", to_slug, required=True)
            label = f.get("label", self.text, required=True)
            kind = f.get("kind", to_str, default="gauge") or "gauge"
            if kind not in KINDS:
                self.report.error(name, f.line("kind"), f"'kind': '{kind}' is not one of gauge, count",
                                  did_you_mean(kind, KINDS) or "gauge: a level at a date; count: added up over entries")
            if sid in seen:
                self.report.error(name, f.line("id"), f"duplicate statistic id '{sid}' (also on line {seen[sid]})",
                                  "give each statistic its own id, or merge the two")
                continue
            if sid and label:
                seen[sid] = line
                stats.append(StatDef(sid, label, f.get("unit", self.text), kind, f.get("group", to_slug, default="") or "",
                                     f.get("description", self.text), line))
        return stats

    # -- commendations.yaml ------------------------------------------------
    def commendations(self) -> list[Category]:
        name = "commendations.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return []
        f = Fields(data, name, self.report, ("categories",), "commendations.yaml")
        if not f.ok:
            return []
        items = f.get("categories", _categories, required=True)
        if not items:
            return []
        categories, seen = [], {}
        for index, item in enumerate(items):
            line = items.line_of(index)
            c = Fields(item, name, self.report, ("id", "name", "description", "awards"), "a category", line)
            cid = c.get("id", to_slug, required=True)
            cname = c.get("name", self.text, required=True)
            awards = c.get("awards", self.awards, default=[]) or []
            if cid in seen:
                self.report.error(name, c.line("id"), f"duplicate category id '{cid}' (also on line {seen[cid]})",
                                  "give each category its own id, or merge their awards")
                continue
            if cid and cname:
                seen[cid] = line
                categories.append(Category(cid, cname, c.get("description", self.text), tuple(awards), line))
        return categories

    def awards(self, value):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of awards, got {type_name(value)}")
        awards = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            f = Fields(item, "commendations.yaml", self.report, ("person", "citation", "evidence"), "an award", line)
            person = f.get("person", lambda v: refs(v)[0], required=True)
            if person is not None and not person.line:
                person = type(person)(person.id, f.line("person"))
            citation = f.get("citation", self.text, required=True)
            evidence = f.get("evidence", lambda v: refs(v, to_entry_ref), default=None)
            if evidence is not None:
                evidence = tuple(type(r)(r.id, r.line or f.line("evidence")) for r in evidence)
            if person and citation:
                awards.append(Award(person, citation, evidence, line))
        return awards


def _categories(value):
    if not isinstance(value, list):
        raise Invalid(f"expected a list of categories, got {type_name(value)}")
    return value
