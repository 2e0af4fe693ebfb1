"""The site graph: mentions, profiles, timelines, stats and commendations resolved, cross-file checks."""

from chronicle.build import check
from tests.conftest import write_tree


def test_mini_graph(mini):
    graph, report = check(mini)
    assert graph is not None, [d.format() for d in report.items]
    first = graph.entry_by_stem["2020-01-23"]
    assert first.people == ["yang-quling", "zhang-qingxin"], "front matter first, then text order"
    assert [e.stem for e in graph.entries] == ["2020-01-23", "2020-01-25", "2020-02-08"]
    assert first.next == "2020-01-25" and graph.entry_by_stem["2020-01-25"].prev == "2020-01-23"
    yang = graph.person_by_id["yang-quling"]
    assert yang.entries == ["2020-01-23"]
    assert [p.anchor for p in yang.passages["2020-01-23"]] == ["p-2"]
    households = next(s for s in graph.stats if s.stat.id == "households")
    assert [(p.entry, p.value) for p in households.points] == [("2020-01-23", 3730), ("2020-01-25", 3731)]
    assert households.summary == 3731
    rides = next(s for s in graph.stats if s.stat.id == "rides")
    assert rides.summary == 5, "counts add up over entries"
    award = graph.categories[0].awards[0]
    assert award.evidence[0].entry == "2020-01-23" and award.evidence[0].anchor == "p-2"
    assert award.role.title.get("en") == "Public-welfare post"
    zhang_award = graph.categories[0].awards[1]
    assert [e.entry for e in zhang_award.evidence] == ["2020-01-23", "2020-01-25"], "default evidence: entries that mention"
    assert zhang_award.role.title.get("zh") == "物业站长", "the role held at the time of the evidence"
    assert [(d.isoformat(), f.id) for d, f in graph.festivals][:3] == [("2020-01-24", "chuxi"), ("2020-01-25", "spring-festival"), ("2020-02-04", "start-of-spring")]


def test_missing_translation_is_a_warning(mini):
    _, report = check(mini)
    assert [d.format() for d in report.warnings] == [
        "entries/2020-01-25.md: warning: no en translation\n    add entries/2020-01-25.en.md; until then the zh text is shown"]


def test_unknown_people_stats_and_evidence_with_suggestions(mini):
    write_tree(mini, {
        "entries/2020-01-26.md": "---\ndate: 2020-01-26\npeople: [yang-quiling]\nstats:\n  - {stat: houshold, value: 1}\n---\n[[杨趣玲]]和[[zhang]]\n",
        "commendations.yaml": "categories:\n  - id: c\n    name: C\n    awards:\n      - person: nobody\n        citation: x\n      - person: yang-quling\n        citation: y\n        evidence: [2020-01-29]\n",
    })
    _, report = check(mini)
    errors = [d.format() for d in report.errors]
    assert "entries/2020-01-26.md:3: error: unknown person 'yang-quiling' in 'people'\n    did you mean 'yang-quling'?" in errors
    assert any(e.startswith("entries/2020-01-26.md:5: error: unknown statistic 'houshold'\n    did you mean 'households'") for e in errors)
    assert any(e.startswith("entries/2020-01-26.md:7: error: unknown person 'zhang' in [[zhang]]") for e in errors)
    assert "commendations.yaml:5: error: unknown person 'nobody'\n    register the person in people.yaml" in errors
    assert any(e.startswith("commendations.yaml:9: error: evidence '2020-01-29' is not an entry") for e in errors)
    assert not any("杨趣玲" in e for e in errors), "a mention by registered name resolves"


def test_alias_conflicts(chronicle_dir):
    content = chronicle_dir({"people.yaml": """
        - id: a
          name: 张三
          aliases: [老张, 张三]
        - id: b
          name: 李四
          aliases: [老张, 张三]
        """})
    _, report = check(content)
    messages = [d.format() for d in report.items]
    assert any("alias '张三' of a is the person's own name" in m for m in messages)
    assert any("people.yaml:6: error: alias '老张' of b is already the name or alias of a" in m for m in messages)
    assert any("people.yaml:6: error: alias '张三' of b is already the name or alias of a" in m for m in messages)


def test_weekday_and_lunar_annotations_are_checked(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-28.md": "---\ndate: 2020-01-28\nweekday: 星期三\nlunar: 大年初三\n---\nx\n"})
    _, report = check(content)
    assert [d.format() for d in report.errors] == [
        "entries/2020-01-28.md:3: error: weekday: 星期三, but 2020-01-28 is a Tuesday (星期二)",
        "entries/2020-01-28.md:4: error: lunar: 大年初三, but 2020-01-28 is 正月初四 (大年初四)",
    ]


def test_private_looking_text_stops_the_build(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-28.md": "---\ndate: 2020-01-28\n---\n第一行\n电话13912345678\n"})
    _, report = check(content)
    assert report.errors[0].format().startswith("entries/2020-01-28.md:5: error: text looks like a mobile phone number (139…78)")


def test_people_never_mentioned_warn(chronicle_dir):
    content = chronicle_dir({"people.yaml": "- id: a\n  name: 张三\n", "entries/2020-01-28.md": "---\ndate: 2020-01-28\n---\nx\n"})
    _, report = check(content)
    assert any("a (张三) is never mentioned in an entry" in d.message for d in report.warnings)


def test_private_looking_text_in_yaml_texts_is_found_too(mini):
    text = (mini / "commendations.yaml").read_text(encoding="utf-8")
    (mini / "commendations.yaml").write_text(text.replace("Kept the night watch.", "Kept watch; mail zhang@example.org."),
                                             encoding="utf-8")
    _, report = check(mini)
    assert [d.format() for d in report.errors] == [
        "commendations.yaml:9: error: text looks like an email address (zha…rg); it would be published\n"
        "    remove it, or move it to the person's 'private:' fields; if it is meant to be public, end the line with "
        "# chronicle: allow-private, or list it in chronicle.yaml under privacy: allow: [...]"]
