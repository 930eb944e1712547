"""``gongkai extract``: many reports into one data set (CSV, Excel or JSON Lines), one row per
report with every cell named by its canonical key (``gongkai.report.dataset``)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from gongkai.cli import collection
from gongkai.cli.base import EXIT_UNREADABLE, cli, console, write_atomically
from gongkai.errors import GongkaiError
from gongkai.readers import read_report
from gongkai.report import check
from gongkai.report.dataset import COLUMNS, LABELS, report_row, unreadable_row


def extract_file(path: Path) -> dict[str, Any]:
    """Read and check one file into its data-set row (run in a worker process with ``-j``)."""
    try:
        report = read_report(path)
    except GongkaiError as error:
        return unreadable_row(str(path), f"{error.message}（{error.code}）")
    return report_row(report, check(report), str(path))


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    # UTF-8 with a byte-order mark: Excel opens it as Chinese text, not as GBK mojibake.
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_jsonl(rows: Sequence[dict[str, Any]]) -> bytes:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_xlsx(rows: Sequence[dict[str, Any]]) -> bytes:
    """The rows on sheet 数据 (keys as headers), and what each key means on sheet 字段说明."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    data = book.create_sheet("数据")
    data.append(list(COLUMNS))
    for row in rows:
        data.append([row[name] for name in COLUMNS])
    fields = book.create_sheet("字段说明")
    fields.append(["字段", "含义"])
    for name in COLUMNS:
        fields.append([name, LABELS.get(name, "")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WRITERS: dict[str, Callable[[Sequence[dict[str, Any]]], bytes]] = {
    ".csv": to_csv,
    ".jsonl": to_jsonl,
    ".xlsx": to_xlsx,
}


@cli.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "output_file",
    required=True,
    type=click.Path(path_type=Path),
    help="数据集文件：.csv、.xlsx 或 .jsonl。",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="并行进程数（例如 -j 2）。",
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def extract_command(files: tuple[Path, ...], output_file: Path, jobs: int, force: bool) -> None:
    """把年报 FILES（文件或目录）提取为一个数据集：每份报告一行，含全部表格单元格
    （以规范键命名，如 table3.new_received.total）、机关、年度、格式、源文件和检查结果。

    2019 与 2021 两种格式的报告在同一张表中：某格式没有的单元格留空，从不填 0。
    无法读取的文件也占一行，写明原因。退出状态：0 全部读取，2 有文件无法读取。

    \b
    示例：
      gongkai extract 年报目录/ --output 数据.csv
      gongkai extract 年报目录/ -j 2 --output 数据.xlsx
      gongkai extract a.pdf b.docx --output 数据.jsonl
    """
    suffix = output_file.suffix.lower()
    if suffix not in WRITERS:
        raise click.UsageError("--output 的文件须以 .csv、.xlsx 或 .jsonl 结尾")
    paths = collection.expand(files)
    if not paths:
        raise click.UsageError("没有找到年报文件")
    rows = collection.run(extract_file, paths, jobs, Console(stderr=True))
    write_atomically(output_file, WRITERS[suffix](rows), overwrite=force)
    unreadable = [row for row in rows if row["unreadable"]]
    out = console()
    out.print(
        f"已提取 {len(rows) - len(unreadable)} 份报告（无法读取 {len(unreadable)} 个文件），"
        f"写入 {escape(str(output_file))}"
    )
    for row in unreadable:
        out.print(f"[red]无法读取[/] {escape(row['file'])}：{escape(row['unreadable'])}")
    if unreadable:
        sys.exit(EXIT_UNREADABLE)
