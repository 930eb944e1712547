"""``gongkai read``: what a reader makes of a file — the report's numbers, where each came from,
and what the reader found on the way."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongkai.cli.base import SEVERITY_STYLE, cli, console, fail, format_option, read_previous
from gongkai.errors import GongkaiError
from gongkai.readers import read_report
from gongkai.report.canonical import dumps
from gongkai.report.labels import TABLE_NAMES, short_label
from gongkai.report.model import Report

_MISSING = "—"


@cli.command("read")
@click.argument("file", type=click.Path(path_type=Path))
@format_option(
    "json", "md", help="table 为中文表格（含每个数的出处），json 为规范 JSON，md 为 Markdown。"
)
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="同一机关上一年度的报告（任一可读格式）：连写数字有多种拆分时，"
    "只有一种与上年数字相符（跨年度规则 Y1–Y3）则按此拆分。",
)
def read_command(file: Path, output: str, previous: Path | None) -> None:
    """读取年报 FILE（PDF、Word、Excel、HTML、文本、Markdown 或规范 JSON），显示读到的数字。

    读不出的单元格显示为“—”（缺失），不会填 0；读取中发现的问题（缺行、连写数字无法拆分、
    错字等）列在后面。

    \b
    示例：
      gongkai read 2023年报.pdf
      gongkai read 2023年报.html --format json > 2023年报.json
      gongkai read 2023年报.txt --previous 2022年报.json
    """
    last_year = read_previous(previous)
    try:
        report = read_report(file, previous=last_year)
    except GongkaiError as error:
        fail(f"{error}（{error.code}）")
        return
    if output == "json":
        click.echo(dumps(report), nl=False)
    elif output == "md":
        from gongkai.writers import render

        click.echo(render(report, "md").decode("utf-8"), nl=False)
    else:
        _print(report, console())


def _print(report: Report, out: Console) -> None:
    out.print(
        f"[bold]{escape(report.title or report.organ)}[/]　机关：{escape(report.organ)}　"
        f"年度：{report.year}　格式：{report.spec.name}（{report.spec.document}）"
    )
    if report.source_url:
        out.print(f"原文链接：{escape(report.source_url)}", soft_wrap=True)
    for table_spec in report.spec.tables:
        rows = report.tables.get(table_spec.key, {})
        table = Table(
            title=f"{TABLE_NAMES[table_spec.key]} {table_spec.title_zh}", title_justify="left"
        )
        table.add_column("行", overflow="fold")
        width = max(len(row.columns) for row in table_spec.data_rows)
        for index in range(width):
            table.add_column(str(index + 1), justify="right", no_wrap=True)
        table.add_column("出处", overflow="fold")
        # data rows, and a heading row the report printed numbers in (（六）其他处理 as one row)
        shown = [
            r
            for r in table_spec.rows
            if r.key in rows or (r in table_spec.data_rows and r.parent not in rows)
        ]
        for row in shown:
            cells = rows.get(row.key)
            values = [
                _MISSING
                if cells is None or cells.get(c.key) is None or cells[c.key].value is None
                else str(cells[c.key].value)
                for c in row.columns
            ]
            sources = {
                cell.source.describe() for cell in (cells or {}).values() if cell.source is not None
            }
            table.add_row(
                escape(short_label(table_spec, row.key)),
                *values,
                *[""] * (width - len(values)),
                escape("；".join(sorted(sources))),
            )
        out.print(table)
    if report.reading:
        out.print("[bold]读取说明[/]")
        for finding in report.reading:
            style = SEVERITY_STYLE[finding.severity]
            label = f"[{style}]{finding.severity.label}[/]"
            out.print(f"  {label} {finding.rule} {escape(finding.message_zh)}")
    else:
        out.print("读取说明：无（每个单元格都已读到）")
