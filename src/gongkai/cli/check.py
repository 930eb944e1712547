"""``gongkai check``: read reports, check them, list every finding."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongkai.cli import collection
from gongkai.cli.base import (
    EXIT_ERRORS,
    EXIT_UNREADABLE,
    SEVERITY_STYLE,
    Choice,
    cli,
    console,
    fail,
    format_option,
    parse_date,
    parse_month_day,
    read_previous,
    write_atomically,
)
from gongkai.errors import GongkaiError
from gongkai.readers import Limits, read_bounded, read_report
from gongkai.readers.bounded import DEFAULT_BUDGET, Budget
from gongkai.report import CheckSettings, Finding, OrganKind, Report, Severity, check
from gongkai.report.labels import TABLE_NAMES, cell_label

# Up to this many named files, each gets its findings listed; more get one line each.
_DETAILED_UP_TO = 10


@cli.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("json")
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="同一机关上一年度的报告，用于跨年度规则 Y1–Y5，"
    "也用于拆分只有一种拆分与上年数字相符的连写数字（只能检查一份报告）。",
)
@click.option(
    "--organ-kind",
    type=Choice([kind.value for kind in OrganKind]),
    help="机关类型（不填则按机关名称推断），决定公开时限与规章规则。",
)
@click.option(
    "--published-on", callback=parse_date, help="发布日期（YYYY-MM-DD），覆盖文件中的日期。"
)
@click.option("--y1-warning", is_flag=True, help="把 Y1（上年结转不符）降为警告。")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="并行进程数（检查大量文件时使用，例如 -j 2）。",
)
@click.option(
    "--output",
    "results_file",
    type=click.Path(path_type=Path),
    help="把结果另存为 JSON Lines（.jsonl）或 Excel（.xlsx）文件。",
)
@click.option(
    "--annotate",
    "annotated_file",
    type=click.Path(path_type=Path),
    help="生成批注版（.html 或 .pdf）：标出每个有问题的单元格（只能检查一份报告）。",
)
@click.option("--force", is_flag=True, help="--output/--annotate 的文件已存在时覆盖它。")
@click.option(
    "--bounded",
    is_flag=True,
    help="在独立进程中读取每个文件，限制内存（1 GB）和时间（30 秒处理器、60 秒墙钟；"
    "扫描件文字识别 600 秒处理器、900 秒墙钟、2 GB，旧版 .doc/.xls 转换 120 秒、180 秒、2 GB）；"
    "检查来源不可信的文件时使用。",
)
@click.option(
    "--township-deadline",
    callback=parse_month_day,
    help="本地规定的乡镇、街道年报期限（月-日，如 02-20），用于 P4。",
)
def check_command(
    files: tuple[Path, ...],
    output: str,
    previous: Path | None,
    organ_kind: str | None,
    published_on: date | None,
    y1_warning: bool,
    jobs: int,
    results_file: Path | None,
    annotated_file: Path | None,
    force: bool,
    township_deadline: tuple[int, int] | None,
    bounded: bool,
) -> None:
    """检查年报 FILES（PDF、Word、Excel、HTML、文本或规范 JSON；也可以是目录），列出每一项问题。

    给出目录时检查其中所有年报文件，显示进度，最后汇总：读取了多少文件、多少份报告有错误、
    最常见的规则。

    退出状态：0 无错误，1 发现错误，2 有文件无法读取。

    \b
    示例：
      gongkai check 2023年报.pdf
      gongkai check 2023年报.json --previous 2022年报.json --format json
      gongkai check 年报目录/ -j 2 --output 结果.xlsx
      gongkai check 2023年报.pdf --annotate 批注版.pdf
    """
    paths = collection.expand(files)
    if not paths:
        raise click.UsageError("没有找到要检查的年报文件")
    if previous is not None and len(paths) != 1:
        raise click.UsageError("--previous 只能与一份报告一起使用")
    if annotated_file is not None and len(paths) != 1:
        raise click.UsageError("--annotate 只能与一份报告一起使用")
    suffix = results_file.suffix.lower() if results_file is not None else None
    if suffix is not None and suffix not in collection.WRITERS:
        raise click.UsageError("--output 的文件须以 .jsonl 或 .xlsx 结尾")
    settings = CheckSettings(
        y1_severity=Severity.WARNING if y1_warning else Severity.ERROR,
        township_deadline=township_deadline,
    )
    work = partial(
        check_file,
        previous=read_previous(previous),
        settings=settings,
        organ_kind=organ_kind,
        published_on=published_on,
        limits=DEFAULT_BUDGET if bounded else None,
    )
    out = console()
    results = collection.run(work, paths, jobs, Console(stderr=True))
    if output == "json":
        click.echo(
            json.dumps([result.as_dict() for result in results], ensure_ascii=False, indent=1)
        )
    elif len(paths) > _DETAILED_UP_TO or len(paths) > len(files):
        collection.print_summary(results, out)
    else:
        for result in results:
            result.print(out)
    if results_file is not None and suffix is not None:
        _save(results_file, collection.WRITERS[suffix](results, results_file), force)
        out.print(f"结果已写入 {escape(str(results_file))}")
    if annotated_file is not None:
        _annotate(results[0], annotated_file, force)
        out.print(f"批注版已写入 {escape(str(annotated_file))}")
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
            style = SEVERITY_STYLE[finding.severity]
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


def _save(path: Path, data: bytes, force: bool) -> None:
    try:
        write_atomically(path, data, overwrite=force)
    except GongkaiError as error:
        fail(error.message)
    except OSError as error:
        fail(f"无法写入 {path}（{error.strerror}）")


def _annotate(result: FileResult, path: Path, force: bool) -> None:
    from gongkai.writers import render_annotated

    to = {".html": "html", ".htm": "html", ".pdf": "pdf"}.get(path.suffix.lower())
    if to is None:
        fail("批注版的文件须以 .html 或 .pdf 结尾")
        return
    if result.report is None:
        fail("报告无法读取，不能生成批注版")
        return
    try:
        data = render_annotated(result.report, result.findings, to)
    except GongkaiError as error:
        fail(f"批注版无法生成：{error.message}")
        return
    _save(path, data, force)


def check_file(
    path: Path,
    *,
    previous: Report | None,
    settings: CheckSettings,
    organ_kind: str | None,
    published_on: date | None,
    limits: Limits | Budget | None = None,
) -> FileResult:
    """Read and check one file (run in a worker process when checking in parallel); with
    ``limits``, read in a bounded child process."""
    try:
        if limits is None:
            report = read_report(path, previous=previous)
        else:
            report = read_bounded(path, limits, previous=previous)
    except GongkaiError as error:
        return FileResult(path, error=error)
    if organ_kind is not None:
        report = replace(report, organ_kind=OrganKind(organ_kind))
    if published_on is not None:
        report = replace(report, published_on=published_on)
    return FileResult(path, report, check(report, previous, settings))
