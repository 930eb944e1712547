"""``gongkai schema``, ``gongkai rules`` and ``gongkai --version``."""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from typing import Any

import jsonschema
import pytest

import gongkai
from cli.helpers import (
    CLEAN_SAMPLE,
    HONGZE_SAMPLE,
    Invoke,
    assert_exit,
    load_sample,
    table_rows,
    without_space,
)
from gongkai.report.rules import RULES
from gongkai.report.rules.describe import rules_markdown

RULE_IDS = [rule.id for rule in RULES]


@pytest.fixture
def printed_schema(invoke: Invoke) -> dict[str, Any]:
    result = invoke("schema")
    assert_exit(result, 0)
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_schema_prints_a_valid_draft_2020_12_json_schema(printed_schema: dict[str, Any]) -> None:
    assert printed_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(printed_schema)


@pytest.mark.parametrize("sample", [CLEAN_SAMPLE, HONGZE_SAMPLE], ids=lambda path: path.stem)
def test_the_printed_schema_validates_the_bundled_sample(
    printed_schema: dict[str, Any], sample: Any
) -> None:
    validator = jsonschema.Draft202012Validator(printed_schema)
    assert list(validator.iter_errors(load_sample(sample))) == []


def test_the_printed_schema_rejects_an_unknown_row_and_a_string_count(
    printed_schema: dict[str, Any],
) -> None:
    validator = jsonschema.Draft202012Validator(printed_schema)
    data = load_sample(CLEAN_SAMPLE)
    data["tables"]["table3"]["applications_by_post"] = {"total": 1}
    data["tables"]["table3"]["new_received"]["total"] = "0"
    paths = sorted("/".join(map(str, error.absolute_path)) for error in validator.iter_errors(data))
    assert paths == ["tables/table3", "tables/table3/new_received/total"]


def test_the_printed_schema_requires_format_organ_year_and_tables(
    printed_schema: dict[str, Any],
) -> None:
    assert sorted(printed_schema["required"]) == ["format", "organ", "tables", "year"]


def test_rules_lists_every_rule_id(invoke: Invoke) -> None:
    result = invoke("rules")
    assert_exit(result, 0)
    shown = re.findall(r"^│ ([FAYWPR]\d+) ", result.stdout, flags=re.MULTILINE)
    assert shown == RULE_IDS
    assert len(RULE_IDS) >= 37


def test_rules_shows_every_title_in_full_and_marks_the_rules_not_checked_automatically(
    invoke: Invoke,
) -> None:
    rows = {cells[0]: cells for cells in table_rows(invoke("rules").stdout)}
    for rule in RULES:
        title = rule.title_zh if rule.evaluate else f"{rule.title_zh}（不自动检查）"
        assert without_space(rows[rule.id][2]) == without_space(title), rule.id


def test_rules_marks_a_rule_that_is_not_checked_automatically(invoke: Invoke) -> None:
    rows = {cells[0]: cells for cells in table_rows(invoke("rules").stdout)}
    assert rows["W5"][2].endswith("（不自动检查）")
    assert "不自动检查" not in rows["A1"][2]


def test_rules_format_markdown_prints_the_generated_rule_document(invoke: Invoke) -> None:
    result = invoke("rules", "--format", "markdown")
    assert_exit(result, 0)
    assert result.stdout == rules_markdown()
    assert result.stdout.startswith("# 检查规则")
    rows = re.findall(r"^\| ([FAYWPR]\d+) \|", result.stdout, flags=re.MULTILINE)
    assert rows == RULE_IDS


def test_rules_refuses_an_unknown_format(invoke: Invoke) -> None:
    result = invoke("rules", "--format", "html")
    assert_exit(result, 2)
    assert "--format" in result.output


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_prints_gongkai_and_the_installed_version(invoke: Invoke, option: str) -> None:
    result = invoke(option)
    assert_exit(result, 0)
    assert result.stdout == f"gongkai {gongkai.__version__}\n"
    assert gongkai.__version__ == version("gongkai")


def test_help_lists_every_command(invoke: Invoke) -> None:
    result = invoke("--help")
    assert_exit(result, 0)
    commands = re.findall(r"^  (\w+) ", result.stdout, flags=re.MULTILINE)
    assert sorted(commands) == [
        "calendar",
        "check",
        "deadline",
        "extract",
        "fee",
        "read",
        "render",
        "rules",
        "schema",
        "workdays",
    ]
