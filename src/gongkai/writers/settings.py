"""What an organ may configure in its written reports, without editing code: the title, the
organ's name, the date under the signature, a contact line, the fonts, and PDF/A output.

Every setting left at ``None`` is taken from the report itself (its title, organ and publication
date). Settings can be read from a TOML file (``gongkai render --settings 机关.toml``)::

    organ = "青山区司法局"
    contact = "联系电话：0472-3616739"
    body_font = "FangSong"
    body_font_file = "/usr/share/fonts/custom/fangsong.ttf"
    pdfa = true
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from gongkai.report.model import Report
from gongkai.writers.errors import WriterSettingsError

# Debian has no 仿宋_GB2312 or 方正小标宋 (STACK.md): the Noto CJK families stand in for them and
# are named explicitly, so that every machine renders the same glyphs.
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


@dataclass(frozen=True, slots=True)
class WriterSettings:
    """Organ-configurable parts of a written report. ``None`` means "from the report"."""

    title: str | None = None
    organ: str | None = None
    date: dt.date | None = None  # the date under the closing signature
    contact: str | None = None  # e.g. "联系电话：0472-3616739", printed at the end
    body_font: str = SERIF  # stands in for 仿宋_GB2312
    heading_font: str = SANS  # stands in for 黑体
    title_font: str = SERIF  # stands in for 方正小标宋简体 (printed bold)
    body_font_file: Path | None = None  # an organ's own font file for body_font (PDF)
    heading_font_file: Path | None = None
    title_font_file: Path | None = None
    pdfa: bool = False  # write PDF/A-2b (archival) instead of plain PDF

    def __post_init__(self) -> None:
        for name in ("body_font_file", "heading_font_file", "title_font_file"):
            path = getattr(self, name)
            if path is not None and not Path(path).is_file():
                raise WriterSettingsError(f"字体文件不存在：{path}（设置项 {name}）")

    def title_of(self, report: Report) -> str:
        if self.title:
            return self.title
        if report.title:
            return report.title
        return f"{self.organ_of(report)}{report.year}年政府信息公开工作年度报告"

    def organ_of(self, report: Report) -> str:
        return self.organ or report.organ

    def date_of(self, report: Report) -> dt.date | None:
        return self.date or report.published_on

    def font_files(self) -> dict[str, Path]:
        """Font family name → the organ's own font file, for the families that have one."""
        pairs = (
            (self.body_font, self.body_font_file),
            (self.heading_font, self.heading_font_file),
            (self.title_font, self.title_font_file),
        )
        return {family: Path(path) for family, path in pairs if path is not None}

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, base: Path | None = None) -> WriterSettings:
        """Settings from a mapping (a parsed TOML file); relative font paths are relative to
        ``base``. Unknown keys and wrong types are refused with a Chinese message."""
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise WriterSettingsError(
                f"不认识的设置项：{'、'.join(unknown)}（可用：{'、'.join(sorted(known))}）"
            )
        values: dict[str, Any] = {}
        for name, value in data.items():
            values[name] = _convert(name, value, base)
        return cls(**values)

    @classmethod
    def from_toml(cls, path: str | Path) -> WriterSettings:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise WriterSettingsError(f"设置文件不存在：{path}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise WriterSettingsError(f"设置文件无法读取：{path}（{error}）") from None
        except tomllib.TOMLDecodeError as error:
            raise WriterSettingsError(f"设置文件不是有效的 TOML：{path}（{error}）") from None
        return cls.from_mapping(data, base=path.parent)


_TEXT = ("title", "organ", "contact", "body_font", "heading_font", "title_font")
_FILES = ("body_font_file", "heading_font_file", "title_font_file")


def _convert(name: str, value: Any, base: Path | None) -> Any:
    if name in _TEXT:
        if not isinstance(value, str) or not value.strip():
            raise WriterSettingsError(f"设置项 {name} 应为非空文字")
        return value
    if name in _FILES:
        if not isinstance(value, str):
            raise WriterSettingsError(f"设置项 {name} 应为文件路径")
        path = Path(value).expanduser()
        return path if path.is_absolute() or base is None else base / path
    if name == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise WriterSettingsError(f"设置项 date 应为日期，例如 2024-01-18：{value}") from None
    if not isinstance(value, bool):  # pdfa
        raise WriterSettingsError(f"设置项 {name} 应为 true 或 false")
    return value


DEFAULT_WRITER_SETTINGS = WriterSettings()
