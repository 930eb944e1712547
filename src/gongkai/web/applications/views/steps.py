"""Each step on the case page: its form, who may take it, and the service it calls. The view
(``staff.act``) only translates HTTP; this table is the one place that pairs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.web.applications import decisions, forms, intake, reasons, referral, services
from gongkai.web.applications.models import Application

Handler = Callable[[Any, Application, dict[str, Any], int, frozenset[str]], Application]


@dataclass(frozen=True, slots=True)
class StepView:
    form: type[forms.StepForm]
    handler: Handler
    who: str = "clerk"  # clerk, reviewer or head: the predicate the view asks first
    danger: bool = False  # ends the case: the page asks for confirmation


def _plain(function: Callable[..., Application]) -> Handler:
    return lambda actor, case, data, version, confirm: function(
        actor, case, expected_version=version
    )


STEPS: dict[str, StepView] = {
    "register": StepView(forms.StepForm, _plain(intake.register)),
    "start_processing": StepView(forms.StepForm, _plain(services.start_processing)),
    "request_correction": StepView(
        forms.CorrectionForm,
        lambda a, c, d, v, k: services.request_correction(
            a,
            c,
            items=d["items"],
            sent_on=d["sent_on"],
            period_end=d["period_end"],
            expected_version=v,
            confirm=k,
        ),
    ),
    "receive_correction": StepView(
        forms.DayForm,
        lambda a, c, d, v, k: services.receive_correction(
            a, c, received_on=d["day"], expected_version=v
        ),
    ),
    "close_no_correction": StepView(
        forms.StepForm,
        lambda a, c, d, v, k: services.close_without_correction(
            a, c, expected_version=v, confirm=k
        ),
        danger=True,
    ),
    "start_consultation": StepView(
        forms.ConsultationForm,
        lambda a, c, d, v, k: services.start_consultation(
            a,
            c,
            kind=d["kind"],
            party=d["party"],
            started_on=d["started_on"],
            expected_version=v,
        ),
    ),
    "record_opinion": StepView(
        forms.OpinionForm,
        lambda a, c, d, v, k: services.record_opinion(
            a, c, answered_on=d["answered_on"], opinion=d["opinion"], expected_version=v
        ),
    ),
    "extend": StepView(
        forms.ExtensionForm,
        lambda a, c, d, v, k: services.extend(
            a,
            c,
            approver=a,
            approved_on=d["approved_on"],
            days=d["days"],
            reason=d["reason"],
            expected_version=v,
            confirm=k,
        ),
        who="head",
    ),
    "send_fee_notice": StepView(
        forms.FeeForm,
        lambda a, c, d, v, k: decisions.send_fee_notice(
            a,
            c,
            method=d["method"],
            pages=d["pages"] or 0,
            sent_on=d["sent_on"],
            expected_version=v,
            confirm=k,
        ),
    ),
    "record_payment": StepView(
        forms.DayForm,
        lambda a, c, d, v, k: decisions.record_payment(a, c, paid_on=d["day"], expected_version=v),
    ),
    "close_fee_unpaid": StepView(
        forms.StepForm,
        lambda a, c, d, v, k: decisions.close_fee_unpaid(a, c, expected_version=v, confirm=k),
        danger=True,
    ),
    "draft_decision": StepView(
        forms.DecisionForm,
        lambda a, c, d, v, k: decisions.draft_decision(
            a,
            c,
            **{
                key: d[key]
                for key in (
                    "outcome",
                    "decision_text",
                    "withheld_parts",
                    "withheld_reason",
                    "search_record",
                    "responsible_organ",
                    "secrecy_reviewed",
                )
            },
            expected_version=v,
        ),
    ),
    "submit_for_review": StepView(forms.StepForm, _plain(decisions.submit_for_review)),
    "approve": StepView(
        forms.ReviewForm,
        lambda a, c, d, v, k: decisions.review(
            a, c, approve=d["approve"], note=d["note"], expected_version=v
        ),
        who="reviewer",
    ),
    "issue_decision": StepView(
        forms.DayForm,
        lambda a, c, d, v, k: decisions.issue_decision(
            a, c, issued_on=d["day"], expected_version=v, confirm=k
        ),
    ),
    "record_delivery": StepView(
        forms.DeliveryForm,
        lambda a, c, d, v, k: decisions.record_delivery(
            a, c, delivered_on=d["delivered_on"], record=d["record"], expected_version=v
        ),
    ),
    "close": StepView(forms.StepForm, _plain(decisions.close)),
    "withdraw": StepView(
        forms.NoteForm,
        lambda a, c, d, v, k: decisions.withdraw(a, c, note=d["note"], expected_version=v),
        danger=True,
    ),
    "answer_on_the_spot": StepView(
        forms.OnTheSpotForm,
        lambda a, c, d, v, k: decisions.answer_on_the_spot(
            a, c, outcome=d["outcome"], decision_text=d["decision_text"], expected_version=v
        ),
    ),
    "transfer": StepView(
        forms.TransferForm,
        lambda a, c, d, v, k: intake.transfer(
            a, c, to_organ=d["to_organ"], note=d["note"], expected_version=v
        ),
    ),
    "accept_transfer": StepView(forms.StepForm, _plain(intake.accept_transfer), who="receiver"),
    "return_transfer": StepView(
        forms.NoteForm,
        lambda a, c, d, v, k: intake.return_transfer(a, c, reason=d["note"], expected_version=v),
        who="receiver",
    ),
    "request_reasons": StepView(
        forms.ReasonsRequestForm,
        lambda a, c, d, v, k: reasons.request_reasons(
            a, c, grounds=d["grounds"], sent_on=d["sent_on"], expected_version=v, confirm=k
        ),
    ),
    "record_reasons": StepView(
        forms.ReasonsForm,
        lambda a, c, d, v, k: reasons.record_reasons(
            a,
            c,
            verdict=d["verdict"],
            received_on=d["received_on"],
            reasons=d["reasons"],
            delayed_due=d["delayed_due"],
            expected_version=v,
        ),
    ),
    "refer_elsewhere": StepView(
        forms.ReferralForm,
        lambda a, c, d, v, k: referral.refer_elsewhere(
            a,
            c,
            organ_name=d["organ_name"],
            contact=d["contact"],
            reason=d["reason"],
            dated=d["dated"],
            expected_version=v,
            confirm=k,
        ),
        danger=True,
    ),
}
