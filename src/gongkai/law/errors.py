"""Errors of ``gongkai.law``: each has a stable ``code`` and a Chinese message for the clerk."""

from __future__ import annotations

from gongkai.errors import GongkaiError


class CalendarError(GongkaiError):
    """A working-day question the calendar cannot answer."""

    code = "calendar_error"


class CalendarYearMissingError(CalendarError):
    """The calendar has no data at all for a year the computation reaches."""

    code = "calendar_year_missing"


class CalendarYearNotConfirmedError(CalendarError):
    """The year's arrangement is only an estimate, and estimates were not allowed."""

    code = "calendar_year_unconfirmed"


class CalendarFileError(CalendarError):
    """A calendar file (shipped or maintained by an administrator) is not valid."""

    code = "calendar_file_invalid"


class DeadlineInputError(GongkaiError):
    """The events of an application do not allow a deadline to be computed."""

    code = "deadline_invalid_input"


class FeeInputError(GongkaiError):
    """The figures given for a 信息处理费 are not usable."""

    code = "fee_invalid_input"
