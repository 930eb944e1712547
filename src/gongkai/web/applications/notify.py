"""How people are told: e-mail through Django's mailer (console in the demo, locmem in tests,
SMTP in production) and SMS through a pluggable backend (``GONGKAI_SMS_BACKEND``; the console one
ships because no gateway is reachable here)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleSmsBackend:
    """Writes each message to the log instead of a gateway."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


def send_sms(phone: str, text: str) -> None:
    backend = import_string(settings.GONGKAI_SMS_BACKEND)()
    backend.send(phone, text)


def quiet_hours() -> tuple[int, int]:
    """``GONGKAI_QUIET_HOURS`` as (start, end) hours, e.g. "20-8" → (20, 8)."""
    start, _, end = settings.GONGKAI_QUIET_HOURS.partition("-")
    return int(start), int(end)


def is_quiet(moment: datetime.datetime) -> bool:
    start, end = quiet_hours()
    hour = moment.hour
    if start == end:
        return False
    return start <= hour or hour < end if start > end else start <= hour < end


def quiet_until(moment: datetime.datetime) -> datetime.datetime:
    """The end of the quiet period ``moment`` falls in (or ``moment`` itself)."""
    if not is_quiet(moment):
        return moment
    _, end = quiet_hours()
    candidate = moment.replace(hour=end, minute=0, second=0, microsecond=0)
    if candidate <= moment:
        candidate += datetime.timedelta(days=1)
    return candidate
