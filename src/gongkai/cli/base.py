"""The command group and what every command shares: exit statuses, Chinese choices, the --format
option, the console, date parsing and the one way to fail."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from rich.console import Console

from gongkai import __version__
from gongkai.report import Severity

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


def fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_UNREADABLE)
