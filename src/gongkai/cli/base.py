"""The command group and what every command shares: exit statuses, Chinese choices, the --format
option, the console, date parsing, the one way to fail, and writing an output file whole."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console

from gongkai import __version__
from gongkai.errors import GongkaiError
from gongkai.report import Report, Severity

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


class Choice(click.Choice):  # type: ignore[type-arg]
    """A choice whose refusal is in Chinese."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"“{value}”不是可选值，可选：{'、'.join(map(str, self.choices))}"


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
TABLE_OR_JSON = "输出格式：table 为中文表格，json 供程序读取。"


def format_option(*choices: str, help: str = TABLE_OR_JSON) -> Decorator:
    """The ``--format`` option every command has: ``table`` (the default) or the others."""
    return click.option(
        "--format",
        "output",
        type=Choice(["table", *choices]),
        default="table",
        show_default=True,
        help=help,
    )


def console() -> Console:
    # Chinese tables need room; a pipe or CI log gets a fixed, generous width.
    return Console(width=None if sys.stdout.isatty() else 140, highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="gongkai", message="%(prog)s %(version)s"
)
def cli() -> None:
    """gongkai（公开）：政府信息公开工作年度报告的读取与检查。"""


def parse_month_day(
    _: click.Context, __: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(f"2000-{value}")
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效的月-日，例如 02-20") from None
    return parsed.month, parsed.day


def parse_date(_: click.Context, __: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效日期，例如 2024-01-18") from None


def fail(message: str) -> NoReturn:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def read_previous(path: Path | None) -> Report | None:
    """The report of the year before named by ``--previous``, or ``None`` without it; a file
    that cannot be read ends the command with the reason."""
    if path is None:
        return None
    from gongkai.readers import read_report  # the readers are loaded only when asked for

    try:
        return read_report(path)
    except GongkaiError as error:
        fail(f"上年报告无法读取：{error}（{error.code}）")


def write_atomically(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place in one step,
    so that ``path`` is either absent, the old file, or the whole new file — never half of it.
    Without ``overwrite``, an existing ``path`` is kept (``FileExistsError``), even one created
    while the report was being rendered."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if path exists: no check-then-write race
            os.unlink(temporary)
    except FileExistsError:
        _remove(temporary)
        raise GongkaiError(f"输出文件已存在：{path}（加 --force 覆盖）", code="exists") from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
