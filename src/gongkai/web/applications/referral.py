"""条例第三十六条（五）: the information is not this organ's to disclose.

The organ tells the applicant so, with its reasons, and — where it can determine it — the name
and contact of the organ responsible (第十条 decides which organ that is). The 条例 prescribes
告知 here, not forwarding (转送 is prescribed only for 更正, 第四十一条; WORKBENCH §A1.3 I), so
the letter tells the applicant where to apply and claims no transfer. The decision is counted in
表三（四）1 (``Outcome.NOT_THIS_ORGAN``); the letter is then delivered and the case archived like
any answer.
"""

from __future__ import annotations

import datetime
from typing import Any

from gongkai.law import Outcome
from gongkai.web.applications.errors import ApplicationError
from gongkai.web.applications.models import Application
from gongkai.web.applications.services import require_date, step


def refer_elsewhere(
    actor: Any,
    case: Application,
    *,
    organ_name: str,
    contact: str,
    reason: str,
    dated: datetime.date,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """Issue the 告知书 naming the responsible organ and close the decision as 表三（四）1. Whether
    the other organ is named, is not this organ and has a contact is decided by the pre-issue
    checks (AP23–AP25), so the clerk sees every problem at once."""
    from gongkai.web.applications import letters

    if not reason.strip():
        raise ApplicationError(
            "请说明不属于本机关负责公开的理由（条例第三十六条（五）：告知申请人并说明理由）",
            "reason",
        )

    def change(locked: Application) -> None:
        require_date(dated, "告知日期", not_before=locked.received_on)
        locked.outcome = Outcome.NOT_THIS_ORGAN.value
        locked.responsible_organ = organ_name.strip()
        locked.responsible_contact = contact.strip()
        locked.decision_text = reason.strip()
        locked.decided_on = dated
        letters.issue_new(actor, locked, "transfer", dated, confirm)

    return step(
        actor,
        case,
        "refer_elsewhere",
        change,
        expected_version=expected_version,
        note=f"负责公开的机关：{organ_name.strip()} {contact.strip()}",
        public_text=f"已告知：该信息不属于本机关负责公开，请向{organ_name.strip()}申请",
    )
