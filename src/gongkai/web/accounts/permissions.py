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


# ── Registers (table 二) and 复议/诉讼 cases (table 四) ─────────────────────────────────────────


def can_edit_registers(user: Any, organ: Any) -> bool:
    """May keep the organ's registers (规章、行政规范性文件, monthly figures): its clerk."""
    return has_role(user, Role.CLERK, organ)


def can_view_registers(user: Any, organ: Any) -> bool:
    """Reviewers, the head and supervisors read the registers, as they read the reports."""
    return can_view_organ(user, organ)


def can_edit_appeals(user: Any, organ: Any) -> bool:
    """May keep the organ's 复议/诉讼 case register: its clerk."""
    return has_role(user, Role.CLERK, organ)


def can_view_appeals(user: Any, organ: Any) -> bool:
    return can_view_organ(user, organ)


# ── The report workspace ─────────────────────────────────────────────────────────────────────


def can_edit_draft(user: Any, organ: Any) -> bool:
    """May start, edit, recompile and submit the organ's report draft: its clerk."""
    return has_role(user, Role.CLERK, organ)


def can_view_draft(user: Any, organ: Any) -> bool:
    return can_view_organ(user, organ)


def can_review_draft(user: Any, draft: Any) -> bool:
    """May approve or return the draft: a reviewer of the organ at the draft's current level."""
    if draft.state != "in_review" or not has_role(user, Role.REVIEWER, draft.organ):
        return False
    return bool(
        user.memberships.filter(
            organ=draft.organ, role=Role.REVIEWER, review_level=draft.review_level
        ).exists()
    )


def can_sign_draft(user: Any, organ: Any) -> bool:
    """The head signs (and may return) the reviewed report."""
    return has_role(user, Role.ORGAN_HEAD, organ)


def can_publish_draft(user: Any, organ: Any) -> bool:
    """The clerk or the head publishes a signed report."""
    return has_role(user, Role.CLERK, organ) or has_role(user, Role.ORGAN_HEAD, organ)


def can_override_checks(user: Any, organ: Any) -> bool:
    """Only the head may publish a report that still has errors, with a logged reason."""
    return has_role(user, Role.ORGAN_HEAD, organ)


def can_view_published(user: Any, filing: Any) -> bool:
    """A report published from the workspace is public: anyone may read it at its address."""
    return bool(filing.entry == "compiled")


def reading_or_404(user: Any, reading_id: int) -> Any:
    """An upload being read, for whoever may see its organ."""
    from django.http import Http404

    from gongkai.web.reports.models import Reading

    found = Reading.objects.select_related("organ", "started_by").filter(pk=reading_id).first()
    if found is None or not can_view_organ(user, found.organ):
        raise Http404("没有找到该上传")
    return found


# ── Supervision: returns (退回) and reminders (催报) ──────────────────────────────────────────


def can_act_as_supervisor(user: Any, organ: Any) -> bool:
    """May return the organ's reports and send it reminders: a supervisor above it (or of it)."""
    return organ.pk in scope_of(user).supervised


def can_see_returns(user: Any, organ: Any) -> bool:
    """May read the returns and reminders sent to the organ: whoever may see its reports."""
    return can_view_organ(user, organ)


def can_bulk_import(user: Any, organ: Any) -> bool:
    """May import a zip or folder of reports for the organs below ``organ``: its supervisor."""
    return organ.pk in scope_of(user).supervised


# ── 主动公开 (publishing): unit submitters draft, reviewers act only at their level ──────────


def _publishing_memberships(user: Any) -> list[tuple[str, int | None, int | None, int | None]]:
    """(role, organ id, unit id, review level) of every role, read once per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_gongkai_publishing", None)
    if cached is None:
        cached = list(user.memberships.values_list("role", "organ_id", "unit_id", "review_level"))
        user._gongkai_publishing = cached
    return cached


def submitter_unit_ids(user: Any) -> set[int]:
    """The units for which the account submits items."""
    return {
        unit
        for role, _organ, unit, _level in _publishing_memberships(user)
        if role == Role.UNIT_SUBMITTER and unit is not None
    }


def can_draft_items(user: Any, organ: Any) -> bool:
    return any(
        role == Role.UNIT_SUBMITTER and organ_id == organ.pk
        for role, organ_id, _unit, _level in _publishing_memberships(user)
    )


def can_manage_publishing(user: Any, organ: Any) -> bool:
    """Settings, 目录, channels, adoptions, imports: the organ's clerk (公开办)."""
    return is_administrator(user) or has_role(user, Role.CLERK, organ)


def can_view_publishing(user: Any, organ: Any) -> bool:
    """The organ's publishing dashboard, ranking and inspection page."""
    return is_administrator(user) or bool(
        scope_of(user).roles.get(organ.pk, frozenset()) & READER_ROLES
    )


def can_view_item(user: Any, item: Any) -> bool:
    """Staff of the organ see its items; a unit submitter sees only the unit's own."""
    return can_view_publishing(user, item.organ) or item.unit_id in submitter_unit_ids(user)


def can_edit_item(user: Any, item: Any) -> bool:
    return item.state in ("draft", "returned") and item.unit_id in submitter_unit_ids(user)


def can_review_item(user: Any, item: Any) -> bool:
    """Only a reviewer of the item's current level (scoped to the item's unit when the role
    names a unit, e.g. a unit head at level 1)."""
    if item.state != "in_review":
        return False
    return any(
        role == Role.REVIEWER
        and organ_id == item.organ_id
        and level == item.current_level
        and unit in (None, item.unit_id)
        for role, organ_id, unit, level in _publishing_memberships(user)
    )


def can_view_unit_page(user: Any, unit: Any) -> bool:
    return unit.pk in submitter_unit_ids(user) or can_view_publishing(user, unit.organ)


def item_or_404(user: Any, item_id: int) -> Any:
    from django.http import Http404

    from gongkai.web.publishing.models import Item

    item = Item.objects.select_related("organ", "unit", "node").filter(pk=item_id).first()
    if item is None or not can_view_item(user, item):
        raise Http404("没有找到该信息")
    return item


def review_levels_in(user: Any, organ: Any) -> set[int]:
    """The review levels the account holds in ``organ`` (its review queue)."""
    return {
        level
        for role, organ_id, _unit, level in _publishing_memberships(user)
        if role == Role.REVIEWER and organ_id == organ.pk and level is not None
    }


def can_open_publishing(user: Any, organ: Any) -> bool:
    """May open the organ's publishing pages at all (staff, reviewers, unit submitters)."""
    return can_view_publishing(user, organ) or can_draft_items(user, organ)


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
    """The organ's own people, and the people of an organ the case is being transferred to (the
    lists of that organ show it to them; only its clerk signs for it, ``can_take_step``)."""
    if can_view_applications(user, case.organ):
        return True
    return case.transfer_to_id is not None and can_view_applications(user, case.transfer_to)


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


def can_correct_letter(user: Any, case: Any) -> bool:
    """May issue a corrected version of an issued letter of the case (the original stays): the
    organ's clerk, who issues its letters, or its head."""
    return has_role(user, Role.CLERK, case.organ) or has_role(user, Role.ORGAN_HEAD, case.organ)


def can_withdraw_item(user: Any, item: Any) -> bool:
    """撤回 a published item from the portal: the organ's 公开办 (clerk), who answers for what
    the portal shows."""
    return item.state == "published" and has_role(user, Role.CLERK, item.organ)
