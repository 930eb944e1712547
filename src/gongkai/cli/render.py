"""``gongkai render``: write a report in the national layout as PDF, DOCX, XLSX, HTML, Markdown or
canonical JSON, from any input the readers take."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from gongkai.cli.base import Choice, cli, fail, parse_date, write_atomically
from gongkai.errors import GongkaiError
from gongkai.readers import read_report
from gongkai.writers import EXTENSIONS, WRITER_FORMATS, WriterSettings, render

_BY_EXTENSION = {extension: name for name, extension in EXTENSIONS.items()}
_BY_EXTENSION[".htm"] = "html"
_BY_EXTENSION[".markdown"] = "md"


@cli.command("render")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--to",
    "to",
    type=Choice(list(WRITER_FORMATS)),
    help="输出格式（不填则按 -o 文件的扩展名判断）。",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="输出文件。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(path_type=Path),
    help="机关设置文件（TOML：title、organ、date、contact、字体、pdfa，见 docs/writing.md）。",
)
@click.option("--title", help="报告标题（覆盖报告中的标题）。")
@click.option("--organ", help="机关名称（用于落款）。")
@click.option("--date", "signed_on", callback=parse_date, help="落款日期（YYYY-MM-DD）。")
@click.option("--contact", help="联系方式，印在文末，例如“联系电话：0472-3616739”。")
@click.option("--pdfa", is_flag=True, help="输出 PDF/A-2b（归档用）。")
def render_command(
    file: Path,
    to: str | None,
    output: Path,
    force: bool,
    settings_file: Path | None,
    title: str | None,
    organ: str | None,
    signed_on: date | None,
    contact: str | None,
    pdfa: bool,
) -> None:
    """把年报 FILE 按全国统一格式写成 PDF、DOCX、XLSX、HTML、Markdown 或规范 JSON。

    FILE 可以是任何能读取的输入（规范 JSON、旧的 HTML 年报等）。写入先到临时文件再改名，
    中途失败不会留下半个文件；输出文件已存在时须加 --force 才覆盖。

    \b
    示例：
      gongkai render 2023年报.json --to pdf -o 2023年报.pdf
      gongkai render 旧年报.html -o 年报.docx --settings 机关.toml
    """
    chosen = to or _BY_EXTENSION.get(output.suffix.lower())
    if chosen is None:
        raise click.UsageError(
            f"无法从“{output.name}”判断输出格式，请用 --to 指定（{'、'.join(WRITER_FORMATS)}）"
        )
    if output.exists() and not force:
        fail(f"输出文件已存在：{output}（加 --force 覆盖）")
    try:
        settings = _settings(settings_file, title, organ, signed_on, contact, pdfa)
        report = read_report(file)
        data = render(report, chosen, settings=settings)
        write_atomically(output, data, overwrite=force)
    except GongkaiError as error:
        fail(str(error))
    except OSError as error:
        fail(f"无法写入 {output}（{error.strerror or error}）")
    click.echo(f"已写入 {output}（{chosen}，{len(data):,} 字节）", err=True)


def _settings(
    settings_file: Path | None,
    title: str | None,
    organ: str | None,
    signed_on: date | None,
    contact: str | None,
    pdfa: bool,
) -> WriterSettings:
    """The settings file's values, with the command-line options taking precedence."""
    settings = WriterSettings.from_toml(settings_file) if settings_file else WriterSettings()
    given = {"title": title, "organ": organ, "date": signed_on, "contact": contact}
    overrides: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if pdfa:
        overrides["pdfa"] = True
    return replace(settings, **overrides) if overrides else settings
