"""Reference commands: the canonical JSON schema and the list of rules."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from gongkai.cli.base import cli, console, format_option
from gongkai.report.canonical import json_schema
from gongkai.report.rules import RULES
from gongkai.report.rules.describe import rules_markdown


@cli.command("schema")
def schema_command() -> None:
    """打印规范 JSON 的 JSON Schema（draft 2020-12）。

    \b
    示例：
      gongkai schema > report.schema.json
    """
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=1))


@cli.command("rules")
@format_option("markdown", help="markdown 即 docs/rules.md 的内容。")
def rules_command(output: str) -> None:
    """列出全部检查规则（编号、级别、含义、依据）。"""
    if output == "markdown":
        click.echo(rules_markdown(), nl=False)
        return
    table = Table()
    table.add_column("编号", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("规则", overflow="fold")
    table.add_column("依据", overflow="fold")
    for rule in RULES.ordered:
        meaning = rule.title_zh if rule.evaluate else f"{rule.title_zh}（不自动检查）"
        table.add_row(rule.id, rule.severity.label, escape(meaning), escape(rule.basis))
    console().print(table)
