"""The statutory clock and purse: working days, 条例 deadlines, 信息处理费, answer types.

Pure Python, no Django; the shipped calendar is read lazily on first use.

    >>> from datetime import date
    >>> from gongkai.law import add_workdays
    >>> add_workdays(date(2026, 1, 30), 20)          # 春节 and two 调休 Saturdays in between
    datetime.date(2026, 3, 5)

* ``workdays``: the calendar as data (``default_calendar``, ``load_calendar``) and its
  arithmetic (``is_workday``, ``add_workdays``, ``count_workdays``);
* ``events``: what happened to an application (``ApplicationEvents`` and its parts) and the
  shape of a deadline (``Deadline``, ``DeadlineStatus``, ``Step``);
* ``deadlines``: ``compute_deadlines(ApplicationEvents(...))`` — reply, 补正 notice,
  consultation and fee-payment deadlines, whether each was met, and the steps;
* ``fees``: 国办函〔2020〕109号 按件 and 按量 fees;
* ``reasons``: 第三十五条 — asking for reasons, its period and clock effect;
* ``outcomes``: answer types ↔ table 三 rows, with the articles a letter cites.
"""

from __future__ import annotations

from gongkai.law.calendar_file import HolidaySpan, MakeUpWorkday, YearArrangement, YearStatus
from gongkai.law.deadlines import (
    ApplicationEvents,
    Channel,
    Consultation,
    ConsultationKind,
    Correction,
    Deadline,
    DeadlineResult,
    DeadlineSettings,
    DeadlineStatus,
    Extension,
    FeeNotice,
    Receipt,
    Step,
    compute_deadlines,
)
from gongkai.law.errors import (
    CalendarError,
    CalendarFileError,
    CalendarYearMissingError,
    CalendarYearNotConfirmedError,
    DeadlineInputError,
    FeeInputError,
)
from gongkai.law.events import ReasonsRequest
from gongkai.law.fees import (
    FeeApplication,
    FeeMethod,
    FeeQuote,
    FeeSettings,
    assess_month,
    fee_by_volume,
    fee_per_item,
    monthly_ordinals,
    quote_by_volume,
    quote_per_item,
)
from gongkai.law.outcomes import Outcome, article_texts, legal_basis, outcomes_for_row, table_row
from gongkai.law.reasons import reasons_pause, reasons_period_end, reasons_steps
from gongkai.law.workdays import (
    CALENDAR_FILE_VARIABLE,
    WorkdayCalendar,
    add_workdays,
    count_workdays,
    default_calendar,
    is_workday,
    load_calendar,
)

__all__ = [
    "CALENDAR_FILE_VARIABLE",
    "ApplicationEvents",
    "CalendarError",
    "CalendarFileError",
    "CalendarYearMissingError",
    "CalendarYearNotConfirmedError",
    "Channel",
    "Consultation",
    "ConsultationKind",
    "Correction",
    "Deadline",
    "DeadlineInputError",
    "DeadlineResult",
    "DeadlineSettings",
    "DeadlineStatus",
    "Extension",
    "FeeApplication",
    "FeeInputError",
    "FeeMethod",
    "FeeNotice",
    "FeeQuote",
    "FeeSettings",
    "HolidaySpan",
    "MakeUpWorkday",
    "Outcome",
    "ReasonsRequest",
    "Receipt",
    "Step",
    "WorkdayCalendar",
    "YearArrangement",
    "YearStatus",
    "add_workdays",
    "article_texts",
    "assess_month",
    "compute_deadlines",
    "count_workdays",
    "default_calendar",
    "fee_by_volume",
    "fee_per_item",
    "is_workday",
    "legal_basis",
    "load_calendar",
    "monthly_ordinals",
    "outcomes_for_row",
    "quote_by_volume",
    "quote_per_item",
    "reasons_pause",
    "reasons_period_end",
    "reasons_steps",
    "table_row",
]
