"""The ``validate`` and ``schema`` commands: findings output, exit codes by severity, unreadable input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from gov_disclosure.cli import main
from gov_disclosure.examples import example_json
from gov_disclosure.validation import CULPRIT


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


def _broken_copy(tmp_path: Path) -> Path:
    """The example with one 表三 cell changed: （一）予以公开 × 自然人 1288 → 1388."""
    document = json.loads(example_json())
    assert document["table3"]["granted"]["natural_person"] == 1288
    document["table3"]["granted"]["natural_person"] = 1388
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_example_validates_with_exit_0(runner: CliRunner) -> None:
    """The bundled example passes: exit 0, no findings."""
    result = runner.invoke(main, ["validate", "--example"])
    assert result.exit_code == 0, result.output
    assert "淮安市人民政府 2024" in result.output
    assert "no findings" in result.output


def test_file_argument_reads_the_same_example(runner: CliRunner, tmp_path: Path) -> None:
    """A file on disk is validated the same way."""
    path = tmp_path / "huaian.json"
    path.write_text(example_json(), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"] == []


def test_one_changed_cell_names_the_culprit_and_its_original_value(runner: CliRunner, tmp_path: Path) -> None:
    """Changing one 表三 cell fails validation (exit 2) and the culprit finding names the cell and 1288."""
    result = runner.invoke(main, ["validate", str(_broken_copy(tmp_path))])
    assert result.exit_code == 2, result.output
    culprit = [line for line in result.output.splitlines() if CULPRIT in line]
    assert culprit
    assert "table3.granted.natural_person" in culprit[0]
    assert "1288" in result.output
    assert "INCONSISTENCY 不一致" in result.output


def test_json_output_of_the_culprit(runner: CliRunner, tmp_path: Path) -> None:
    """--format json: the culprit finding has the cell key, the current and the original (expected) value."""
    result = runner.invoke(main, ["validate", str(_broken_copy(tmp_path)), "--format", "json"])
    assert result.exit_code == 2
    output = json.loads(result.output)
    assert output["worst_severity"] == "INCONSISTENCY"
    assert output["exit_code"] == 2
    (culprit,) = [f for f in output["findings"] if f["code"] == CULPRIT]
    assert culprit["cells"] == ["table3.granted.natural_person"]
    assert (culprit["actual"], culprit["expected"]) == (1388, 1288)


def test_blank_policy_option(runner: CliRunner, tmp_path: Path) -> None:
    """A blank cell: undecidable by default, counted as zero with --blank-policy zero (and said so)."""
    document = json.loads(example_json())
    document["table3"]["not_processed_massive"]["natural_person"] = None
    path = tmp_path / "blank.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    unknown = runner.invoke(main, ["validate", str(path), "--format", "json"])
    zero = runner.invoke(main, ["validate", str(path), "--format", "json", "--blank-policy", "zero"])
    assert unknown.exit_code >= 1
    assert json.loads(unknown.output)["findings"] != json.loads(zero.output)["findings"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{bad json", "not valid JSON"),
        ('{"schema_version": "1.0", "format_version": "2021", "table3": {"granted": {"total": "x"}}}',
         "$.table3.granted"),
        ('{"schema_version": "9.0", "format_version": "2021"}', "$.schema_version"),
    ],
)  # fmt: skip
def test_unreadable_documents_exit_4_with_one_line(runner: CliRunner, tmp_path: Path, content: str, says: str) -> None:
    """Malformed JSON: exit 4 and a one-line error naming the path, no traceback."""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 4
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("gov-disclosure: error: ")
    assert says in lines[0]
    assert "Traceback" not in result.output


def test_missing_file_and_bad_usage_exit_4(runner: CliRunner, tmp_path: Path) -> None:
    """A missing file, no input at all, or an unknown option: exit 4 (2 would mean INCONSISTENCY)."""
    assert runner.invoke(main, ["validate", str(tmp_path / "absent.json")]).exit_code == 4
    assert runner.invoke(main, ["validate"]).exit_code == 4
    assert runner.invoke(main, ["validate", "--bogus"]).exit_code == 4
    assert runner.invoke(main, ["validate", "--example", str(tmp_path / "x.json")]).exit_code == 4


def test_stdin(runner: CliRunner) -> None:
    """``-`` reads the document from standard input."""
    result = runner.invoke(main, ["validate", "-"], input=example_json())
    assert result.exit_code == 0, result.output


def test_schema_output_validates_the_example(runner: CliRunner) -> None:
    """``gov-disclosure schema`` prints a JSON Schema that the bundled example satisfies."""
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(json.loads(example_json()))


def test_schema_output_file(runner: CliRunner, tmp_path: Path) -> None:
    """``schema -o FILE`` writes the same text to a file."""
    target = tmp_path / "report.schema.json"
    result = runner.invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == runner.invoke(main, ["schema"]).output
