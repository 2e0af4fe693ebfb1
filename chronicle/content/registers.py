"""people.yaml, stats.yaml and commendations.yaml: the registers that entries refer to."""

from __future__ import annotations

from chronicle.content.fields import (
    SLUG, Fields, Invalid, list_of, refs, to_bool, to_date, to_entry_ref, to_partial_date, to_slug, to_str,
    type_name,
)
from chronicle.content.schema import (
    AWARD_FIELDS, CATEGORY_FIELDS, COMMENDATIONS_FIELDS, KINDS, PERSON_FIELDS, PUBLISH, ROLE_FIELDS, STAT_FIELDS,
)
from chronicle.errors import did_you_mean
from chronicle.model import LIST_STATUSES, Award, Category, ListStatus, Person, Role, Secret, StatDef


class RegistersReader:
    """The part of the loader that reads the registers (mixed into content.loader's _Loader)."""

    def people(self) -> tuple[list[Person], list[Secret]]:
        """The people, and apart from them the values of their ``private:`` fields (never published)."""
        name = "people.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return [], []
        if not isinstance(data, list):
            self.report.error(name, getattr(data, "line", 1), f"people.yaml must be a list of people ('- name: ...'), not {type_name(data)}")
            return [], []
        from chronicle.chinese.pinyin import name_slug, name_sort_key  # noqa: F401
        people, seen, secrets = [], {}, []
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
            alias_lines = _item_lines(f.data.get("aliases"), len(aliases), f.line("aliases") if f.has("aliases") else line)
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
            if f.has("private"):
                secrets += private_values(f.data["private"], pid, "", f.line("private"))
            source_name = person_name.get(self.languages[0], self.languages)
            sort_name = " ".join(name_sort_key(override or source_name)[0]) if source_name else pid
            kept = [(a, n) for a, n in zip(aliases, alias_lines) if a]
            people.append(Person(pid, person_name, tuple(a for a, _ in kept), tuple(groups), tuple(roles),
                                 f.get("bio", self.text), publish, line, sort_name, f.get("note", self.text),
                                 tuple(n for _, n in kept)))
        return people, secrets

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
                roles.append(Role(title, f.get("org", self.text), start, end, value.line_of(index),
                                  f.get("note", self.text), f.get("inferred", to_bool, default=False) or False))
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
                                     f.get("description", self.text), line, f.get("note", self.text),
                                     f.get("inferred", to_bool, default=False) or False))
        return stats

    # -- commendations.yaml ------------------------------------------------
    def commendations(self) -> tuple[list[Category], ListStatus]:
        name = "commendations.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return [], ListStatus()
        f = Fields(data, name, self.report, COMMENDATIONS_FIELDS, "commendations.yaml")
        if not f.ok:
            return [], ListStatus()
        lists = self.list_status(f)
        items = f.get("categories", _categories, required=True)
        if not items:
            return [], lists
        categories, seen = [], {}
        for index, item in enumerate(items):
            line = items.line_of(index)
            c = Fields(item, name, self.report, CATEGORY_FIELDS, "a category", line)
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
        return categories, lists

    def list_status(self, f: Fields) -> ListStatus:
        """What the lists are (compiled, proposed, adopted); graph/commendations.py checks that adopted lists
        say by whom, when and in which document."""
        name = "commendations.yaml"
        status = f.get("status", to_str, default="compiled") or "compiled"
        if status not in LIST_STATUSES:
            self.report.error(name, f.line("status"), f"'status': '{status}' is not one of {', '.join(LIST_STATUSES)}",
                              did_you_mean(status, LIST_STATUSES) or "compiled: drawn from the chronicle by its "
                              "editors; proposed: put to an issuer; adopted: decided by the issuer")
            status = "compiled"
        lists = ListStatus(status, f.get("compiled_by", self.text), f.get("issuer", self.text), f.get("date", to_date),
                           f.get("document", to_str, default="") or "", f.get("note", self.text),
                           f.line("status") if f.has("status") else f.line())
        return lists

    def awards(self, value):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of awards, got {type_name(value)}")
        awards = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            f = Fields(item, "commendations.yaml", self.report, AWARD_FIELDS, "an award", line)
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


def private_values(value, pid: str, path: str, line: int) -> list[Secret]:
    """Every scalar under ``private:``, however deep, with its place: strings, numbers and dates."""
    if isinstance(value, dict):
        out = []
        for k, item in value.items():
            sub = f"{path}.{k}" if path else str(k)
            out += private_values(item, pid, sub, value.line_of(k) if hasattr(value, "line_of") else line)
        return out
    if isinstance(value, list):
        out = []
        for index, item in enumerate(value):
            sub = f"{path}[{index + 1}]" if path else f"[{index + 1}]"
            out += private_values(item, pid, sub, value.line_of(index) if hasattr(value, "line_of") else line)
        return out
    if value is None or isinstance(value, bool):
        return []
    return [Secret(pid, path or "private", str(value), line)]


def _item_lines(items, count: int, line: int) -> list[int]:
    if isinstance(items, list) and hasattr(items, "line_of"):
        return [items.line_of(i) for i in range(count)]
    return [line] * count


def _categories(value):
    if not isinstance(value, list):
        raise Invalid(f"expected a list of categories, got {type_name(value)}")
    return value
