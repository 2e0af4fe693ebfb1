"""Commendation categories with each award's person, role at the time and evidence resolved."""

from __future__ import annotations

import datetime as dt

from chronicle.errors import did_you_mean
from chronicle.graph.nodes import AwardNode, CategoryNode, Passage


class CommendationNodes:
    """The part of the graph builder that resolves awards (mixed into graph.site's _GraphBuilder)."""

    def check_lists(self) -> None:
        """Only lists an issuer adopted may read as a decision: then who, when and which document must be known
        (issuer and date may come from chronicle.yaml's older ``report:`` settings)."""
        lists, report = self.c.lists, self.config.report
        if not lists.adopted:
            return
        missing = [name for name, value in (("issuer", lists.issuer or report.issuer), ("date", lists.date or report.date),
                                            ("document", lists.document)) if not value]
        if missing:
            self.report.error("commendations.yaml", lists.line, "adopted lists need " + ", ".join(f"'{k}'" for k in missing),
                              "say who adopted them (issuer), when (date: YYYY-MM-DD) and the document's number "
                              "(document); lists the editors drew from the chronicle are 'status: compiled'")

    def category_nodes(self, by_stem, person_by_id, entries):
        self.check_lists()
        nodes = []
        path = "commendations.yaml"
        for category in self.c.categories:
            awards = []
            for award in category.awards:
                pid, hint = self.resolve(award.person.id)
                if pid is None:
                    self.report.error(path, award.person.line or award.line, f"unknown person '{award.person.id}'", hint)
                    continue
                person = person_by_id[pid]
                evidence = []
                if award.evidence is None:
                    for stem in person.entries:
                        passages = person.passages.get(stem) or []
                        node = by_stem[stem]
                        evidence.append(passages[0] if passages else Passage(stem, node.date, ""))
                    if not evidence:
                        self.report.warn(path, award.line, f"the award to {pid} has no evidence: no entry mentions them",
                                         "add 'evidence: [YYYY-MM-DD]'")
                for ref in award.evidence or ():
                    matches = [e for e in entries if e.stem == ref.id or (len(ref.id) == 10 and e.stem[:10] == ref.id)]
                    if not matches:
                        hint = did_you_mean(ref.id, by_stem) or "evidence names entries by date or file stem"
                        self.report.error(path, ref.line, f"evidence '{ref.id}' is not an entry", hint)
                        continue
                    for node in matches:
                        passages = person.passages.get(node.stem) or []
                        if node.stem not in person.entries:
                            self.report.warn(path, ref.line, f"evidence entry {node.stem} does not mention {pid}",
                                             "the evidence should be an entry that tells of this person")
                        evidence.append(passages[0] if passages else Passage(node.stem, node.date, ""))
                day = evidence[0].date if evidence else (entries[0].date if entries else dt.date.today())
                node = AwardNode(category.id, pid, award.citation, evidence, person.role_on(day),
                                 implied=award.evidence is None)
                person.awards.append(node)
                awards.append(node)
            nodes.append(CategoryNode(category, awards))
        return nodes
