"""Checking a whole collection: the files of directories, read and checked in parallel processes,
a progress bar, a summary (files read, reports with errors, the most frequent rules), and the
results as JSON Lines or an Excel workbook."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from gongkai.errors import GongkaiError
from gongkai.report import Severity
from gongkai.report.labels import TABLE_NAMES, cell_label

# Files a directory contributes: the kinds the readers take. Named files are always read.
REPORT_SUFFIXES = frozenset(
    (".pdf", ".docx", ".xlsx", ".html", ".htm", ".shtml", ".txt", ".md", ".json")
)
_TOP_RULES = 10


class Result(Protocol):
    path: Path
    error: GongkaiError | None

    @property
    def has_errors(self) -> bool: ...

    def counts(self) -> Counter[str]: ...

    def as_dict(self) -> dict[str, Any]: ...


def expand(paths: Iterable[Path]) -> list[Path]:
    """The files to check: named files as given, directories walked for report files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    found
                    for found in path.rglob("*")
                    if found.is_file()
                    and found.suffix.lower() in REPORT_SUFFIXES
                    and not any(part.startswith(".") for part in found.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return files


def run[R](
    work: Callable[[Path], R], files: Sequence[Path], jobs: int, console: Console
) -> list[R]:
    """``work`` on every file, in ``jobs`` processes, in the order given, with a progress bar on
    a terminal."""
    progress = Progress(
        TextColumn("检查中"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal or len(files) < 2,
    )
    with progress:
        task = progress.add_task("", total=len(files))
        results = []
        for result in _map(work, files, jobs):
            results.append(result)
            progress.advance(task)
    return results


def _map[R](work: Callable[[Path], R], files: Sequence[Path], jobs: int) -> Iterator[R]:
    if jobs <= 1 or len(files) < 2:
        yield from map(work, files)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(files), os.cpu_count() or 1)) as pool:
        yield from pool.map(work, files, chunksize=max(1, len(files) // (jobs * 8)))


def print_summary(results: Sequence[Result], console: Console) -> None:
    """One line per file, then the totals and the most frequent rules."""
    table = Table(show_lines=False, pad_edge=False)
    for title in ("文件", "机关", "年度", "错误", "警告", "提示"):
        table.add_column(title, overflow="fold")
    rules: Counter[str] = Counter()
    for result in results:
        if result.error is not None:
            table.add_row(
                escape(str(result.path)),
                f"[red]无法读取：{escape(result.error.message)}（{result.error.code}）[/]",
                "",
                "",
                "",
                "",
            )
            continue
        data = result.as_dict()
        counts = result.counts()
        rules.update(finding["rule"] for finding in data["findings"])
        table.add_row(
            escape(str(result.path)),
            escape(data["organ"]),
            str(data["year"]),
            str(counts["error"]),
            str(counts["warning"]),
            str(counts["info"]),
        )
    console.print(table)
    unreadable = sum(result.error is not None for result in results)
    with_errors = sum(result.has_errors for result in results)
    console.print(
        f"共 {len(results)} 个文件：读取 {len(results) - unreadable} 个，无法读取 {unreadable} 个；"
        f"有错误的报告 {with_errors} 份。"
    )
    if rules:
        common = "，".join(f"{rule} {count} 次" for rule, count in rules.most_common(_TOP_RULES))
        console.print(f"最常见的规则：{common}")


def write_jsonl(results: Sequence[Result], path: Path) -> bytes:
    del path
    lines = (json.dumps(result.as_dict(), ensure_ascii=False) for result in results)
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_xlsx(results: Sequence[Result], path: Path) -> bytes:
    """A workbook with a sheet of files (one row each) and a sheet of findings (one row each)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    del path
    book = Workbook()
    files = book.active
    assert files is not None
    files.title = "文件"
    files.append(["文件", "机关", "年度", "格式", "错误", "警告", "提示", "无法读取的原因"])
    findings = book.create_sheet("问题")
    findings.append(["文件", "机关", "年度", "规则", "级别", "说明", "位置", "Message"])
    for result in results:
        data = result.as_dict()
        if result.error is not None:
            files.append([str(result.path), "", None, "", None, None, None, result.error.message])
            continue
        counts = result.counts()
        files.append(
            [
                str(result.path),
                data["organ"],
                data["year"],
                data["format"],
                counts["error"],
                counts["warning"],
                counts["info"],
                "",
            ]
        )
        for finding in data["findings"]:
            findings.append(
                [
                    str(result.path),
                    data["organ"],
                    data["year"],
                    finding["rule"],
                    Severity(finding["severity"]).label,
                    finding["message_zh"],
                    _cells(data["format"], finding["cells"]),
                    finding["message_en"],
                ]
            )
    for sheet in (files, findings):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cells(format_key: str, cells: Sequence[dict[str, str | None]]) -> str:
    names = []
    for ref in cells[:3]:
        table = str(ref["table"])
        name = TABLE_NAMES.get(table, table)
        if ref["row"] is not None:
            try:
                name += " " + cell_label(format_key, table, str(ref["row"]), ref["column"])
            except KeyError:
                name += f" {ref['row']}"
        names.append(name)
    return "；".join(names) + (f" 等{len(cells)}处" if len(cells) > 3 else "")


WRITERS: dict[str, Callable[[Sequence[Result], Path], bytes]] = {
    ".jsonl": write_jsonl,
    ".xlsx": write_xlsx,
}
