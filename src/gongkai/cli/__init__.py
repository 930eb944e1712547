"""``gongkai`` — thin commands over the library, one module per topic.

gongkai check report.json                  检查一份年报，列出问题
gongkai check 2023.json --previous 2022.json   同时做跨年度核对
gongkai schema > report.schema.json        规范 JSON 的 JSON Schema
gongkai rules                              全部检查规则
gongkai extract 年报目录/ --output 数据.csv   每份报告一行、含全部单元格的数据集
"""

from __future__ import annotations

import os
import re
import sys

import click

# Importing a command module registers its commands on the group.
from gongkai.cli import check, extract, law, read, reference, render
from gongkai.cli.base import EXIT_UNREADABLE, cli, fail

__all__ = ["cli", "main"]
_COMMAND_MODULES = (check, extract, law, read, reference, render)


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
        fail(
            f"内部错误（{type(error).__name__}: {error}）。设置 GONGKAI_DEBUG=1 可查看详细信息，"
            "请将其报告给开发者。"
        )
