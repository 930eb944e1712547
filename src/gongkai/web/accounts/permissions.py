"""Every permission decision of the site, in one place.

Views, the API and templates ask these predicates; nothing else looks at roles. A person sees an
organ (its reports, its archive) when they hold a role in it — clerk, reviewer, organ head — or
supervise it (a supervisor sees its own organ and every organ below it); administrators see
everything. Filing a report is the clerk's work. Only administrators read the audit log.

Denials: an object the person may not see at all is answered with 404 (its existence is not
revealed); an action on an object they may see but not change is answered with 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.web.accounts.models import Role
from gongkai.web.organs.selectors import list_descendant_ids

# The roles inside an organ that may read its reports (unit submitters see only their unit).
READER_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.ORGAN_HEAD})


@dataclass(frozen=True, slots=True)
class Scope:
    """What one account may reach, worked out once per request."""

    is_admin: bool = False
    roles: dict[int, frozenset[str]] = field(default_factory=dict)  # organ id -> roles held
    supervised: frozenset[int] = frozenset()  # organs reached as supervisor (with descendants)
    supervisor_of: frozenset[int] = frozenset()  # the organs named in supervisor roles


NOBODY = Scope()


def scope_of(user: Any) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, "_gongkai_scope", None)
    if cached is not None:
        return cached
    roles: dict[int, set[str]] = {}
    is_admin = False
    for role, organ_id in user.memberships.values_list("role", "organ_id"):
        if role == Role.ADMINISTRATOR:
            is_admin = True
        elif organ_id is not None:
            roles.setdefault(organ_id, set()).add(role)
    supervisor_of = frozenset(o for o, held in roles.items() if Role.SUPERVISOR in held)
    scope = Scope(
        is_admin=is_admin,
        roles={organ: frozenset(held) for organ, held in roles.items()},
        supervised=frozenset(list_descendant_ids(set(supervisor_of)))
        if supervisor_of
        else frozenset(),
        supervisor_of=supervisor_of,
    )
    user._gongkai_scope = scope
    return scope


def has_role(user: Any, role: str, organ: Any) -> bool:
    return role in scope_of(user).roles.get(organ.pk, frozenset())


def is_administrator(user: Any) -> bool:
    return scope_of(user).is_admin


def can_view_organ(user: Any, organ: Any) -> bool:
    """May see the organ's reports and archive."""
    scope = scope_of(user)
    return (
        scope.is_admin
        or bool(scope.roles.get(organ.pk, frozenset()) & READER_ROLES)
        or organ.pk in scope.supervised
    )


def visible_organ_ids(user: Any) -> set[int] | None:
    """The organs whose reports the account may see; ``None`` means all of them."""
    scope = scope_of(user)
    if scope.is_admin:
        return None
    readable = {organ for organ, held in scope.roles.items() if held & READER_ROLES}
    return readable | set(scope.supervised)


def can_file_report(user: Any, organ: Any) -> bool:
    """May upload, enter or replace the organ's annual report: the organ's clerk."""
    return has_role(user, Role.CLERK, organ)


def can_view_report(user: Any, report: Any) -> bool:
    return can_view_organ(user, report.organ)


def can_supervise(user: Any, organ: Any) -> bool:
    """May see the supervision page of ``organ`` (every organ below it, their status)."""
    scope = scope_of(user)
    return scope.is_admin or organ.pk in scope.supervised


def supervised_organ_ids(user: Any) -> frozenset[int]:
    """The organs named in the account's supervisor roles (the roots of its supervision pages)."""
    return scope_of(user).supervisor_of


def filing_organ_ids(user: Any) -> set[int]:
    """The organs for which the account files reports."""
    return {organ for organ, held in scope_of(user).roles.items() if Role.CLERK in held}


def can_view_audit_log(user: Any) -> bool:
    return is_administrator(user)


def can_use_api(user: Any) -> bool:
    """Any active account may hold API tokens; what the API shows follows ``can_view_*``."""
    return bool(user is not None and user.is_authenticated and user.is_active)


# ── Enforcement for views: 404 for what may not be seen, 403 for what may not be done ────────


def organ_or_404(user: Any, organ_id: int) -> Any:
    from django.http import Http404

    from gongkai.web.organs.models import Organ

    organ = Organ.objects.filter(pk=organ_id).first()
    if organ is None or not can_view_organ(user, organ):
        raise Http404("没有找到该机关")
    return organ


def report_or_404(user: Any, report_id: int) -> Any:
    from django.http import Http404

    from gongkai.web.reports.models import AnnualReport

    report = AnnualReport.objects.select_related("organ", "filed_by").filter(pk=report_id).first()
    if report is None or not can_view_report(user, report):
        raise Http404("没有找到该报告")
    return report


def require(allowed: bool) -> None:
    """403 unless ``allowed``."""
    if not allowed:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("您没有进行此操作的权限")


# ── Applications (依申请公开) ─────────────────────────────────────────────────────────────────


def can_view_applications(user: Any, organ: Any) -> bool:
    """May see the organ's cases: its clerk, reviewers and head (not supervisors: the cases hold
    applicants' personal information, 个人信息保护法第三十四条)."""
    return bool(scope_of(user).roles.get(organ.pk, frozenset()) & READER_ROLES)


def can_handle_applications(user: Any, organ: Any) -> bool:
    """May register cases and take their steps: the organ's clerk (公开办工作人员)."""
    return has_role(user, Role.CLERK, organ)


def can_see_full_identity(user: Any, organ: Any) -> bool:
    """Identity and phone numbers in full: only on the case page, to the people who handle it."""
    return can_view_applications(user, organ)


def can_review_application(user: Any, organ: Any, level: int) -> bool:
    """A reviewer of that level; the organ head may sign off any level."""
    if has_role(user, Role.ORGAN_HEAD, organ):
        return True
    if not has_role(user, Role.REVIEWER, organ):
        return False
    return user.memberships.filter(role=Role.REVIEWER, organ=organ, review_level=level).exists()


def can_approve_extension(user: Any, organ: Any) -> bool:
    """条例第三十三条第二款: the head of the 政府信息公开工作机构 — the organ head role here."""
    return has_role(user, Role.ORGAN_HEAD, organ)


def application_organ_ids(user: Any) -> set[int]:
    """The organs whose cases the account may see."""
    return {organ for organ, held in scope_of(user).roles.items() if held & READER_ROLES}


def can_edit_letter_templates(user: Any) -> bool:
    return is_administrator(user)


def can_view_application(user: Any, case: Any) -> bool:
    """The organ's own people, and the clerk of an organ the case is being transferred to."""
    if can_view_applications(user, case.organ):
        return True
    return case.transfer_to_id is not None and has_role(user, Role.CLERK, case.transfer_to)


def application_or_404(user: Any, case_id: int) -> Any:
    from django.http import Http404

    from gongkai.web.applications.models import Application

    case = Application.objects.select_related("organ", "transfer_to").filter(pk=case_id).first()
    if case is None or not can_view_application(user, case):
        raise Http404("没有找到该申请")
    return case


def can_take_step(user: Any, case: Any, who: str) -> bool:
    """Who may take a step of a case: ``clerk``, ``reviewer`` (any level; the service checks
    the level), ``head`` (extensions), ``receiver`` (the clerk of the organ it goes to)."""
    if who == "receiver":
        return case.transfer_to_id is not None and has_role(user, Role.CLERK, case.transfer_to)
    if who == "reviewer":
        return has_role(user, Role.REVIEWER, case.organ) or has_role(
            user, Role.ORGAN_HEAD, case.organ
        )
    if who == "head":
        return can_approve_extension(user, case.organ)
    return can_handle_applications(user, case.organ)
