"""Every change to the case register, each with its audit entry in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.web.appeals.models import Case, Result
from gongkai.web.audit.services import record_change, snapshot

CASE_FIELDS = (
    "kind",
    "number",
    "application_reference",
    "applicant",
    "body",
    "filed_on",
    "result",
    "closed_on",
    "note",
)


class CaseError(Exception):
    """A change refused, with a Chinese message; nothing was stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check(values: dict[str, Any]) -> None:
    pending = values.get("result", Result.PENDING) == Result.PENDING
    closed_on = values.get("closed_on")
    if pending and closed_on is not None:
        raise CaseError(_("尚未审结的案件不应填写审结日期；已审结请选择结果"))
    if not pending and closed_on is None:
        raise CaseError(_("已有结果的案件须填写审结日期"))
    if closed_on is not None and closed_on < values["filed_on"]:
        raise CaseError(_("审结日期不能早于申请复议或起诉日期"))


def register_case(actor: Any, organ: Any, **values: Any) -> Case:
    """Register a 复议 or 诉讼 case concerning ``organ``'s disclosure work."""
    _check(values)
    with transaction.atomic():
        case = Case.objects.create(organ=organ, **values)
        record_change(
            actor, "appeal.register", case, None, snapshot(case, CASE_FIELDS), organ=organ
        )
    return case


def update_case(actor: Any, case: Case, **values: Any) -> Case:
    """Change a case, e.g. record its result and closing date."""
    merged = {**snapshot_values(case), **values}
    _check(merged)
    with transaction.atomic():
        before = snapshot(case, CASE_FIELDS)
        for name, value in values.items():
            setattr(case, name, value)
        case.save()
        record_change(
            actor, "appeal.change", case, before, snapshot(case, CASE_FIELDS), organ=case.organ
        )
    return case


def snapshot_values(case: Case) -> dict[str, Any]:
    return {name: getattr(case, name) for name in CASE_FIELDS}


def delete_case(actor: Any, case: Case) -> None:
    """Remove a case registered by mistake."""
    with transaction.atomic():
        record_change(
            actor, "appeal.delete", case, snapshot(case, CASE_FIELDS), None, organ=case.organ
        )
        case.delete()
