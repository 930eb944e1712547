"""System checks for the invariants the site relies on, with stable ids.

gongkai.E001  the time zone is not Asia/Shanghai (statutory dates are Beijing dates)
gongkai.W002  no CJK font is installed (PDF output would show empty boxes)
gongkai.W003  the working-day calendar does not cover this year
gongkai.W004  the working-day calendar does not cover next year (checked from the month
              GONGKAI_CALENDAR_WARN_FROM_MONTH on)
gongkai.E005  GONGKAI_TOWNSHIP_DEADLINE is not a date in the form MM-DD
gongkai.E006  ECharts (npm, copied into the supervision app's static files) is missing: the
              supervisor's pages would answer 500
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

CJK_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
CJK_FONT_NAMES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "SourceHanSerif", "wqy")


@checks.register("gongkai")
def check_time_zone(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.TIME_ZONE != "Asia/Shanghai" or not settings.USE_TZ:
        return [
            checks.Error(
                f"时区应为 Asia/Shanghai 且启用 USE_TZ（当前 {settings.TIME_ZONE}）",
                hint="条例的期限按北京时间计算；请删除 GONGKAI_TIME_ZONE 或设为 Asia/Shanghai。",
                id="gongkai.E001",
            )
        ]
    return []


def has_cjk_font(dirs: tuple[Path, ...] = CJK_FONT_DIRS) -> bool:
    for folder in dirs:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.suffix.lower() in (".ttc", ".otf", ".ttf") and any(
                    name.lower() in path.name.lower() for name in CJK_FONT_NAMES
                ):
                    return True
    return False


@checks.register("gongkai")
def check_cjk_font(**kwargs: Any) -> list[checks.CheckMessage]:
    if not has_cjk_font():
        return [
            checks.Warning(
                "未找到中文字体，导出的 PDF 中文字将无法显示",
                hint="Debian: apt-get install fonts-noto-cjk libharfbuzz-subset0",
                id="gongkai.W002",
            )
        ]
    return []


def _calendar_covers() -> Callable[[int], bool] | None:
    """How to ask the working-day calendar (``gongkai.law``, including a calendar file an
    administrator configured) whether a year's holiday arrangement is confirmed."""
    try:
        law = importlib.import_module("gongkai.law")
        calendar = law.default_calendar()
        confirmed = law.YearStatus.CONFIRMED
    except (ImportError, AttributeError):
        return None
    except Exception:  # a broken calendar file: covers nothing, and the warning says so
        return lambda year: False
    return lambda year: bool(calendar.status(year) == confirmed)


@checks.register("gongkai")
def check_calendar(**kwargs: Any) -> list[checks.CheckMessage]:
    covers = _calendar_covers()
    if covers is None:
        return []  # no working-day rule is in use without a calendar module
    today = datetime.date.today()
    found: list[checks.CheckMessage] = []
    if not covers(today.year):
        found.append(
            checks.Warning(
                f"工作日历未包含{today.year}年的节假日安排，工作日期限无法计算",
                hint="请更新工作日历数据。",
                id="gongkai.W003",
            )
        )
    if today.month >= settings.GONGKAI_CALENDAR_WARN_FROM_MONTH and not covers(today.year + 1):
        found.append(
            checks.Warning(
                f"工作日历尚未包含{today.year + 1}年的节假日安排",
                hint="国务院办公厅公布次年节假日安排后，请更新工作日历数据。",
                id="gongkai.W004",
            )
        )
    return found


def township_deadline() -> tuple[int, int] | None:
    """GONGKAI_TOWNSHIP_DEADLINE ("02-20") as (month, day), ``None`` when unset."""
    text = settings.GONGKAI_TOWNSHIP_DEADLINE.strip()
    if not text:
        return None
    month, _, day = text.partition("-")
    return int(month), int(day)


@checks.register("gongkai")
def check_township_deadline(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        month_day = township_deadline()
        if month_day is not None:
            datetime.date(2000, *month_day)
    except ValueError:
        return [
            checks.Error(
                f"GONGKAI_TOWNSHIP_DEADLINE={settings.GONGKAI_TOWNSHIP_DEADLINE!r} "
                "不是“月-日”格式的日期",
                hint="例如 02-20；留空表示不检查乡镇年报期限。",
                id="gongkai.E005",
            )
        ]
    return []


ECHARTS = "supervision/vendor/echarts.min.js"


@checks.register("gongkai")
def check_echarts(**kwargs: Any) -> list[checks.CheckMessage]:
    from django.contrib.staticfiles import finders

    if finders.find(ECHARTS) is None:
        return [
            checks.Error(
                f"缺少 ECharts 文件（{ECHARTS}），监督页面将无法打开",
                hint="在源码目录运行 make src/gongkai/web/supervision/static/supervision/vendor/"
                "echarts.min.js（需要 npm），再安装并 collectstatic；见 docs/deployment.md。",
                id="gongkai.E006",
            )
        ]
    return []
