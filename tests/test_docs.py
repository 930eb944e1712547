"""Docs that cannot drift: the rule list is generated, every command and setting is documented."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from gongkai.cli import cli
from gongkai.report.rules import RULES
from gongkai.report.rules.describe import rules_markdown
from gongkai.report.settings import CheckSettings

ROOT = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_the_generated_rule_list() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `make docs`"
    )


def test_every_rule_id_of_domain_section_3_is_registered() -> None:
    expected = (
        [f"F{i}" for i in range(1, 9)]
        + [f"A{i}" for i in range(1, 11)]
        + [f"Y{i}" for i in range(1, 7)]
        + [f"W{i}" for i in range(1, 9)]
        + [f"P{i}" for i in range(1, 6)]
        + [f"R{i}" for i in range(1, 9)]  # the readers' findings, listed with the rules
        + [f"R{i}" for i in range(11, 15)]  # OCR, legacy files, ruling lines
        + [f"R{i}" for i in range(15, 17)]  # the previous year's report as a witness
    )
    assert sorted(rule.id for rule in RULES) == sorted(expected)


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"gongkai {name}" in readme, name


def test_the_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme


def test_every_check_setting_is_documented() -> None:
    text = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(\w+)`", text))
    missing = [f.name for f in dataclasses.fields(CheckSettings) if f.name not in documented]
    assert missing == []


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
