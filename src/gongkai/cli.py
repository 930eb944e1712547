"""``gongkai`` — thin commands over the library.

gongkai check report.json                  检查一份年报，列出问题
gongkai check 2023.json --previous 2022.json   同时做跨年度核对
gongkai schema > report.schema.json        规范 JSON 的 JSON Schema
gongkai rules                              全部检查规则
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongkai import __version__
from gongkai.errors import GongkaiError
from gongkai.readers import read_report
from gongkai.report import CheckSettings, Finding, OrganKind, Report, Severity, check
from gongkai.report.canonical import json_schema
from gongkai.report.labels import TABLE_NAMES, cell_label
from gongkai.report.rules import RULES
from gongkai.report.rules.describe import rules_markdown

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


class _Choice(click.Choice):  # type: ignore[type-arg]
    """A choice whose refusal is in Chinese."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"“{value}”不是可选值，可选：{'、'.join(map(str, self.choices))}"


def _console() -> Console:
    # Chinese tables need room; a pipe or CI log gets a fixed, generous width.
    return Console(width=None if sys.stdout.isatty() else 140, highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="gongkai", message="%(prog)s %(version)s"
)
def cli() -> None:
    """gongkai（公开）：政府信息公开工作年度报告的读取与检查。"""


def _parse_month_day(
    _: click.Context, __: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(f"2000-{value}")
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效的月-日，例如 02-20") from None
    return parsed.month, parsed.day


def _parse_date(_: click.Context, __: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效日期，例如 2024-01-18") from None


@cli.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output",
    type=_Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="输出格式：table 为中文表格，json 供程序读取。",
)
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="同一机关上一年度的报告，用于跨年度规则 Y1–Y5（只能检查一份报告）。",
)
@click.option(
    "--organ-kind",
    type=_Choice([kind.value for kind in OrganKind]),
    help="机关类型（不填则按机关名称推断），决定公开时限与规章规则。",
)
@click.option(
    "--published-on", callback=_parse_date, help="发布日期（YYYY-MM-DD），覆盖文件中的日期。"
)
@click.option("--y1-warning", is_flag=True, help="把 Y1（上年结转不符）降为警告。")
@click.option(
    "--township-deadline",
    callback=_parse_month_day,
    help="本地规定的乡镇、街道年报期限（月-日，如 02-20），用于 P4。",
)
def check_command(
    files: tuple[Path, ...],
    output: str,
    previous: Path | None,
    organ_kind: str | None,
    published_on: date | None,
    y1_warning: bool,
    township_deadline: tuple[int, int] | None,
) -> None:
    """检查年报 FILES，列出每一项问题。

    退出状态：0 无错误，1 发现错误，2 有文件无法读取。

    \b
    示例：
      gongkai check 2023年报.json
      gongkai check 2023年报.json --previous 2022年报.json --format json
    """
    if previous is not None and len(files) != 1:
        raise click.UsageError("--previous 只能与一份报告一起使用")
    settings = CheckSettings(
        y1_severity=Severity.WARNING if y1_warning else Severity.ERROR,
        township_deadline=township_deadline,
    )
    previous_report = None
    if previous is not None:
        try:
            previous_report = read_report(previous)
        except GongkaiError as error:
            _fail(f"上年报告无法读取：{error}")
    results = [
        _check_file(path, previous_report, settings, organ_kind, published_on) for path in files
    ]
    if output == "json":
        click.echo(
            json.dumps([result.as_dict() for result in results], ensure_ascii=False, indent=1)
        )
    else:
        console = _console()
        for result in results:
            result.print(console)
    if any(result.error is not None for result in results):
        sys.exit(EXIT_UNREADABLE)
    if any(result.has_errors for result in results):
        sys.exit(EXIT_ERRORS)


class FileResult:
    """The outcome of checking one file: its report and findings, or why it could not be read."""

    def __init__(
        self,
        path: Path,
        report: Report | None = None,
        findings: Sequence[Finding] = (),
        error: GongkaiError | None = None,
    ) -> None:
        self.path = path
        self.report = report
        self.findings = list(findings)
        self.error = error

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)

    def counts(self) -> Counter[str]:
        return Counter(finding.severity.value for finding in self.findings)

    def as_dict(self) -> dict[str, Any]:
        if self.error is not None or self.report is None:
            error = self.error or GongkaiError("未读取")
            return {"file": str(self.path), "error": {"code": error.code, "message": error.message}}
        report = self.report
        return {
            "file": str(self.path),
            "organ": report.organ,
            "year": report.year,
            "format": report.format,
            "counts": {severity.value: self.counts()[severity.value] for severity in Severity},
            "findings": [finding.as_dict() for finding in self.findings],
        }

    def print(self, console: Console) -> None:
        # Names, paths and messages are text, never rich markup: "[old]" must print as it is.
        if self.error is not None or self.report is None:
            error = self.error or GongkaiError("未读取")
            console.print(
                f"[bold red]无法读取[/] {escape(str(self.path))}：{escape(error.message)}"
                f"（{error.code}）"
            )
            return
        report = self.report
        console.print(
            f"[bold]{escape(str(self.path))}[/]　机关：{escape(report.organ)}　"
            f"年度：{report.year}　格式：{report.spec.name}（{report.spec.document}）"
        )
        if not self.findings:
            console.print("  未发现问题。\n")
            return
        table = Table(show_lines=False, expand=False, pad_edge=False)
        table.add_column("级别", no_wrap=True)
        table.add_column("规则", no_wrap=True)
        # Chinese has no spaces to wrap at: fold long text instead of cutting it off.
        table.add_column("说明", overflow="fold")
        table.add_column("位置", overflow="fold")
        for finding in self.findings:
            style = _SEVERITY_STYLE[finding.severity]
            table.add_row(
                f"[{style}]{finding.severity.label}[/]",
                finding.rule,
                escape(finding.message_zh),
                escape(_where(report, finding)),
            )
        console.print(table)
        counts = self.counts()
        console.print(
            f"  共 {len(self.findings)} 项：错误 {counts['error']}，警告 {counts['warning']}，"
            f"提示 {counts['info']}\n"
        )


def _where(report: Report, finding: Finding) -> str:
    """The first cell a finding names, as a person finds it, with where it was read."""
    if not finding.cells:
        return ""
    ref = finding.cells[0]
    text = TABLE_NAMES.get(ref.table, ref.table)
    if ref.row is not None:
        text += " " + cell_label(report.format, ref.table, ref.row, ref.column)
        cell = report.cell(ref.table, ref.row, ref.column) if ref.column else None
        if cell is not None and cell.source is not None:
            text += f"［{cell.source.describe()}］"
    if len(finding.cells) > 1:
        text += f" 等{len(finding.cells)}格"
    return text


def _check_file(
    path: Path,
    previous: Report | None,
    settings: CheckSettings,
    organ_kind: str | None,
    published_on: date | None,
) -> FileResult:
    try:
        report = read_report(path)
    except GongkaiError as error:
        return FileResult(path, error=error)
    if organ_kind is not None:
        report = replace(report, organ_kind=OrganKind(organ_kind))
    if published_on is not None:
        report = replace(report, published_on=published_on)
    return FileResult(path, report, check(report, previous, settings))


@cli.command("schema")
def schema_command() -> None:
    """打印规范 JSON 的 JSON Schema（draft 2020-12）。

    \b
    示例：
      gongkai schema > report.schema.json
    """
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=1))


@cli.command("rules")
@click.option(
    "--format",
    "output",
    type=_Choice(["table", "markdown"]),
    default="table",
    show_default=True,
    help="markdown 即 docs/rules.md 的内容。",
)
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
    _console().print(table)


def _show_click_error(error: click.ClickException) -> None:
    """Click's own messages are English; users of gongkai read Chinese."""
    if isinstance(error, click.NoSuchOption):
        text = f"没有选项 {error.option_name}"
    elif isinstance(error, click.MissingParameter):
        text = f"缺少参数 {_param_hint(error)}"
    elif isinstance(error, click.BadParameter):
        text = f"参数 {_param_hint(error)} 的值无效：{error.message}"
    elif match := re.match(r"No such command '(.+)'", error.message):
        text = f"没有命令 {match.group(1)}（可用：{'、'.join(cli.commands)}）"
    else:
        text = error.message
    click.echo(f"错误：{text}", err=True)
    if isinstance(error, click.UsageError) and error.ctx is not None:
        click.echo(f"运行 {error.ctx.command_path} --help 查看用法。", err=True)


def _param_hint(error: click.BadParameter) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if error.param is not None:
        return error.param.human_readable_name
    return ""


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def main() -> None:
    """Entry point: no traceback reaches a user unless GONGKAI_DEBUG is set."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已中止。", err=True)
        sys.exit(130)
    except click.ClickException as error:
        _show_click_error(error)
        sys.exit(EXIT_UNREADABLE)
    except Exception as error:
        if os.environ.get("GONGKAI_DEBUG"):
            raise
        _fail(
            f"内部错误（{type(error).__name__}: {error}）。设置 GONGKAI_DEBUG=1 可查看详细信息，"
            "请将其报告给开发者。"
        )
