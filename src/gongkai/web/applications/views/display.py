"""What the case page shows: deadlines with their status and steps, the steps the person may
take (with their forms), timeline, letters, earlier applications of the same applicant, and the
第四十四条 offer. Identity and phone numbers are masked unless the person handles the case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gongkai.law import CalendarError, Deadline, DeadlineInputError, DeadlineStatus, reasons_steps
from gongkai.web.accounts import permissions
from gongkai.web.applications import clock, selectors
from gongkai.web.applications.corrections import corrections_by_original
from gongkai.web.applications.models import Application
from gongkai.web.applications.views.steps import STEPS
from gongkai.web.applications.workflow import ACTIONS, Status, allowed_actions

SUGGEST_AT = 2  # 第四十四条: "多个申请人" — offered from the second applicant on


def deadlines(case: Application) -> dict[str, Any]:
    try:
        result = clock.compute(case)
    except (DeadlineInputError, CalendarError) as error:
        return {"error": str(error)}
    rows = []
    for deadline in result.deadlines:
        if deadline.status.value == "not-applicable":
            continue
        state = clock.due_state(deadline.due, deadline.done)
        rows.append(
            {
                "deadline": deadline,
                "state": state,
                "unconfirmed": clock.unconfirmed_years(deadline.due),
            }
        )
    steps = [str(step) for step in result.steps()]
    request = clock.reasons_of(case)
    if request is not None:
        # 第三十五条: the applicant's period, and what waiting does to the reply clock.
        done = case.reasons_received_on or (
            request.period_end if case.reasons_verdict == "none" else None
        )
        rows.append(
            {
                "deadline": Deadline(
                    "reasons",
                    "说明理由期限",
                    request.period_end,
                    done,
                    DeadlineStatus.OPEN,
                    "第三十五条",
                ),
                "state": clock.due_state(request.period_end, done),
                "unconfirmed": clock.unconfirmed_years(request.period_end),
            }
        )
        steps += [
            str(line) for line in reasons_steps(request, settings.GONGKAI_REASONS_PAUSE_REPLY_CLOCK)
        ]
    return {
        "rows": rows,
        "steps": steps,
        "notes": result.notes,
        "estimated": result.estimated_years,
    }


def step_forms(
    request: HttpRequest, case: Application, open_action: str = "", open_form: Any = None
) -> list[dict[str, Any]]:
    offered = []
    for action in allowed_actions(case.state):
        view = STEPS.get(action.key)
        if view is None or not permissions.can_take_step(request.user, case, view.who):
            continue
        if action.key == "close_no_correction" and not _period_over(case):
            continue
        if action.key == "correct_letter":
            continue  # offered on each issued letter, not as a step of the case
        if (
            action.key == "record_opinion"
            and not case.consultations.filter(answered_on__isnull=True).exists()
        ):
            continue
        form = (
            open_form
            if action.key == open_action
            else view.form(
                auto_id=f"{action.key}-%s",
                initial={
                    "version": case.version,
                    "day": clock.today(),
                    "sent_on": clock.today(),
                    "started_on": clock.today(),
                    "approved_on": clock.today(),
                    "answered_on": clock.today(),
                    "delivered_on": clock.today(),
                    "dated": clock.today(),
                    "received_on": clock.today(),
                },
            )
        )
        offered.append(
            {
                "key": action.key,
                "label": action.label,
                "form": form,
                "danger": view.danger,
                "open": action.key == open_action,
            }
        )
    return offered


def _period_over(case: Application) -> bool:
    return case.correction_period_end is not None and clock.today() > case.correction_period_end


def letters_with_corrections(case: Application) -> list[Any]:
    """The case's letters, each with ``corrected_by``: the letter that corrects it, if any."""
    later = corrections_by_original(case)
    letters = list(case.letters.all())
    for letter in letters:
        letter.corrected_by = later.get(letter.pk)
    return letters


def case_context(
    request: HttpRequest, case: Application, *, open_action: str = "", open_form: Any = None
) -> dict[str, Any]:
    full = permissions.can_see_full_identity(request.user, case.organ)
    suggestion = 0
    if case.outcome in ("disclosed", "partial", "already-public"):
        count = selectors.same_request_count(case)
        suggestion = count if count >= SUGGEST_AT else 0
    return {
        "case": case,
        "identity": case.identity_number if full else case.masked_identity,
        "phone": case.phone if full else case.masked_phone,
        "clock": deadlines(case),
        "steps": step_forms(request, case, open_action, open_form),
        "timeline": case.timeline.all(),
        "letters": letters_with_corrections(case),
        "can_correct": permissions.can_correct_letter(request.user, case),
        "consultations": case.consultations.all(),
        "fees": case.fees.all(),
        "reviews": case.reviews.select_related("reviewer"),
        "similar": selectors.similar_earlier(case),
        "suggestion": suggestion,
        "can_handle": permissions.can_handle_applications(request.user, case.organ),
        "actions": ACTIONS,
        "closed": case.state in (Status.CLOSED, Status.WITHDRAWN),
    }
