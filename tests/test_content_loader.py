"""Each content mistake is reported at its file and line, with what was expected."""

from chronicle.content.loader import load
from chronicle.errors import Report


def diagnostics(content):
    report = Report()
    chron = load(content, report)
    return chron, [d.format() for d in report.sorted()]


def test_loads_the_mini_fixture_without_problems(mini):
    chron, messages = diagnostics(mini)
    assert messages == []
    assert [e.stem for e in chron.entries] == ["2020-01-23", "2020-01-25", "2020-02-08"]
    assert chron.entries[0].title.get("en") == "An emergency meeting"
    assert set(chron.entries[0].bodies) == {"zh", "en"}
    people = {p.id: p for p in chron.people}
    assert "zhang-qingxin" in people, "an id defaults to the pinyin slug of the name"
    assert people["zhang-qingxin"].roles[0].end.iso() == "2020-02-10"


def test_private_fields_never_enter_the_model(mini):
    chron, _ = diagnostics(mini)
    person = next(p for p in chron.people if p.id == "wang-fang")
    assert "13912345678" not in repr(person)


def test_missing_chronicle_yaml(chronicle_dir):
    _, messages = diagnostics(chronicle_dir({"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\nx\n"}, config=None))
    assert messages[0].startswith("chronicle.yaml: error: chronicle.yaml is missing")


def test_impossible_date_names_the_month_length(chronicle_dir):
    content = chronicle_dir({"entries/2020-02-30.md": "---\ndate: 2020-02-30\n---\nx\n"})
    _, messages = diagnostics(content)
    assert messages == ["entries/2020-02-30.md:2: error: 'date': 2020-02-30 is not a real date\n"
                        "    February 2020 has 29 days"]


def test_file_name_date_must_agree(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-02.md": "---\ntitle: x\ndate: 2020-01-03\n---\nx\n"})
    _, messages = diagnostics(content)
    assert messages[0].startswith("entries/2020-01-02.md:3: error: date 2020-01-03 does not agree with the file name's date 2020-01-02")


def test_badly_named_entry_file_gets_a_rename_hint(chronicle_dir):
    content = chronicle_dir({"entries/2020-1-3.md": "---\ndate: 2020-01-03\n---\nx\n"})
    _, messages = diagnostics(content)
    assert "does not start with a date as YYYY-MM-DD" in messages[0]
    assert "rename it to 2020-01-03.md" in messages[0]


def test_value_that_is_not_a_number(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-03.md": "---\ndate: 2020-01-03\nstats:\n  - {stat: households, value: 80余}\n---\nx\n"})
    _, messages = diagnostics(content)
    assert messages[0].startswith("entries/2020-01-03.md:4: error: 'value': expected a number, got '80余'")
    assert "value: 80" in messages[0] and "note" in messages[0]


def test_unknown_language_and_translation_without_source(chronicle_dir):
    content = chronicle_dir({
        "entries/2020-01-03.md": "---\ndate: 2020-01-03\n---\nx\n",
        "entries/2020-01-03.eng.md": "---\ntitle: x\n---\nx\n",
        "entries/2020-01-04.en.md": "---\ntitle: x\n---\nx\n",
        "pages/about.md": "---\ntitle: {zh: 关于, fr: À propos}\n---\nx\n",
    })
    _, messages = diagnostics(content)
    text = "\n".join(messages)
    assert "entries/2020-01-03.eng.md: error: unknown language 'eng' in the file name\n    did you mean 'en'?" in text
    assert "entries/2020-01-04.en.md: error: translation without a source file: there is no entries/2020-01-04.md" in text
    assert "pages/about.md:2: error: 'title': unknown language 'fr'" in text


def test_role_from_after_to_and_duplicate_ids(chronicle_dir):
    content = chronicle_dir({"people.yaml": """
        - id: a
          name: 甲
          roles:
            - title: 主任
              from: 2020-03
              to: 2020-02-01
        - id: a
          name: 乙
        """})
    _, messages = diagnostics(content)
    assert "people.yaml:6: error: role starts (2020-03) after it ends (2020-02-01)\n    'from' must not be after 'to'" in messages
    assert any(m.startswith("people.yaml:7: error: duplicate person id 'a' (also on line 1)") for m in messages)


def test_unknown_field_warns_with_did_you_mean(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-03.md": "---\ndate: 2020-01-03\ntilte: x\n---\nx\n"})
    _, messages = diagnostics(content)
    assert messages == ["entries/2020-01-03.md:3: warning: unknown field 'tilte' in the front matter is ignored\n"
                        "    did you mean 'title'?"]


def test_bom_and_crlf_are_read_as_text(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-03.md": "\ufeff---\r\ndate: 2020-01-03\r\n---\r\n第一段\r\n"})
    chron, messages = diagnostics(content)
    assert messages == []
    assert chron.entries[0].bodies["zh"].text == "第一段\n"


def test_non_utf8_file_names_the_encoding(chronicle_dir):
    content = chronicle_dir({"entries/2020-01-03.md": "---\ndate: 2020-01-03\n---\n第一段\n".encode("gbk")})
    _, messages = diagnostics(content)
    assert messages[0].startswith("entries/2020-01-03.md:4: error: file is not UTF-8 (it looks like GB18030/GBK)")


def test_all_problems_are_listed_not_just_the_first(chronicle_dir):
    content = chronicle_dir({
        "entries/2020-01-03.md": "---\ndate: 2020-13-03\n---\nx\n",
        "entries/2020-01-04.md": "no front matter\n",
        "stats.yaml": "- id: a\n  label: A\n  kind: gaug\n",
    })
    _, messages = diagnostics(content)
    assert len([m for m in messages if ": error:" in m]) == 3
    assert any("'kind': 'gaug' is not one of gauge, count\n    did you mean 'gauge'?" in m for m in messages)
