"""The command as a user runs it: exit codes, messages, no tracebacks."""

import json

from tests.conftest import run_cli, write_tree


def test_build_prints_a_summary(mini, tmp_path):
    out = tmp_path / "public"
    result = run_cli("build", str(mini), "--out", str(out))
    assert result.exit_code == 0, result.output
    # the untranslated entry, and no sitemap without base_url
    assert "pages per language: zh: 13, en: 13; 3 entries, 3 people, 2 warnings" in result.output
    assert (out / "zh/index.html").is_file()


def test_build_with_errors_exits_1_without_traceback(mini, tmp_path):
    write_tree(mini, {"people.yaml": "- id: a\n  name: [broken\n"})
    result = run_cli("build", str(mini), "--out", str(tmp_path / "public"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{mini}/people.yaml:2: error:" in result.output
    assert "Build failed: 1 error" in result.output
    assert not (tmp_path / "public").exists()


def test_strict_turns_warnings_into_errors(mini, tmp_path):
    result = run_cli("build", str(mini), "--out", str(tmp_path / "public"), "--strict")
    assert result.exit_code == 1
    assert "no en translation (--strict)" in result.output


def test_refuses_an_output_folder_with_foreign_files(mini, tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = run_cli("build", str(mini), "--out", str(out))
    assert result.exit_code == 1
    assert "already holds files that chronicle did not write" in result.output
    assert (out / "notes.txt").read_text() == "mine"


def test_missing_content_folder(tmp_path):
    result = run_cli("build", str(tmp_path / "nope"), "--out", str(tmp_path / "public"))
    assert result.exit_code == 1
    assert "content folder does not exist" in result.output


def test_check_json(mini):
    result = run_cli("check", str(mini), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert data["diagnostics"][0]["message"] == "no en translation"
