"""Pre-issue checks: the errors courts and 复议机关 have corrected (WORKBENCH §A6), as checks a
program can decide, run on a letter before it is issued.

Each check has a stable id, a severity and the letter kinds it applies to. ``error`` blocks the
letter; ``warning`` needs a confirmation, which is logged with the letter (``confirmed_warnings``)
and in the audit log. ``docs/applications.md`` lists them all.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.law import Outcome
from gongkai.law.outcomes import rule_for
from gongkai.web.applications import clock
from gongkai.web.applications.errors import CheckFinding
from gongkai.web.applications.models import Application, Letter, LetterKind

# Letters that decide the application (the 第三十六条（五）告知书 included).
ANSWERS = frozenset({LetterKind.ANSWER, LetterKind.TERMINATION, LetterKind.TRANSFER})
DISCLOSING = frozenset({Outcome.DISCLOSED, Outcome.PARTIAL})
DENIALS = frozenset(o for o in Outcome if o.value.startswith("denied-"))
# Articles of the 2008 条例 that old templates cite for answers (第二十一条 answer types, 第二十四条
# time limit, 第十四条 secrecy review wording) — WORKBENCH §A6 #13.
OLD_CITATIONS = re.compile(r"条例》?第(二十一|二十四|二十三|二十八)条")


@dataclass(frozen=True, slots=True)
class Check:
    check_id: str
    severity: str
    kinds: frozenset[str]
    title: str
    test: Callable[[Application, Letter], str | None]  # a message when the check fails


def _text(letter: Letter) -> str:
    return letter.title + "\n" + "\n".join(letter.paragraphs)


def _acted_on(letter: Letter) -> datetime.date:
    """When the organ acted: a corrected letter's deadline checks look at the date of the
    letter it corrects (the first of the chain), not at the day of the correction."""
    first = letter
    while first.replaces_id is not None:
        first = Letter.objects.get(pk=first.replaces_id)
    return first.dated


def _late_answer(case: Application, letter: Letter) -> str | None:
    # 条例第三十三条; 指导案例26号: a late answer is 确认违法.
    due = case.reply_due
    dated = _acted_on(letter)
    if due is not None and dated > due:
        return f"答复日期 {dated} 晚于答复期限 {due}（条例第三十三条）：逾期答复"
    return None


def _extension_approval(case: Application, letter: Letter) -> str | None:
    if not case.extension_approved_by_id or not case.extension_approved_on:
        return "延期没有政府信息公开工作机构负责人的批准记录（条例第三十三条第二款）"
    return None


def _extension_in_time(case: Application, letter: Letter) -> str | None:
    from gongkai.law import compute_deadlines
    from gongkai.web.applications.clock import deadline_settings, events_of

    events = events_of(case)
    original = compute_deadlines(
        type(events)(
            events.receipt,
            correction=events.correction,
            consultations=events.consultations,
            fee=events.fee,
        ),
        settings=deadline_settings(),
    ).reply.due
    dated = _acted_on(letter)
    if original is not None and dated > original:
        return f"延期告知书日期 {dated} 晚于原答复期限 {original}：延期须在期限届满前告知"
    return None


def _correction_in_time(case: Application, letter: Letter) -> str | None:
    result = clock.compute(case)
    due = result.correction_notice.due
    dated = _acted_on(letter)
    if due is not None and dated > due:
        return f"补正告知日期 {dated} 超过收到申请后7个工作日（{due}，条例第三十条）"
    return None


def _correction_items(case: Application, letter: Letter) -> str | None:
    if not case.correction_items.strip():
        return "补正告知未列明需要补正的事项（条例第三十条：一次性告知）"
    return None


def _search_recorded(case: Application, letter: Letter) -> str | None:
    if case.outcome == Outcome.NOT_EXIST and len(case.search_record.strip()) < 6:
        return (
            "告知信息不存在，须记录检索的范围、方式和关键词（条例第三十六条（四）；指导案例101号）"
        )
    return None


def _denial_reasoned(case: Application, letter: Letter) -> str | None:
    outcome = case.outcome_enum
    if outcome in DENIALS or outcome is Outcome.PARTIAL:
        if not (case.withheld_parts.strip() and case.withheld_reason.strip()):
            return "不予公开须写明不予公开的内容和具体理由（条例第三十六条（三）、第三十七条）"
        articles = rule_for(outcome).articles
        text = _text(letter)
        if outcome in DENIALS and not any(a.split("第（")[0] in text for a in articles):
            return "不予公开的答复未引用条例的条款和项"
    return None


def _remedy_present(case: Application, letter: Letter) -> str | None:
    from gongkai.web.applications.decisions import organ_settings

    text = _text(letter)
    if "行政复议" not in text:
        return "答复未告知救济途径（行政复议法第二十条）"
    body = organ_settings(case.organ).reconsideration_body
    if not body:
        return "未设置本机关的行政复议机关，救济途径无法写明复议机关"
    if body not in text:
        return f"救济途径未写明本机关的行政复议机关“{body}”"
    return None


def _review_first(case: Application, letter: Letter) -> str | None:
    if case.outcome_enum in DENIALS and "行政复议决定" not in _text(letter):
        return "第十四至十六条不予公开的，应告知先申请行政复议（行政复议法第二十三条第一款（四））"
    return None


def _new_articles(case: Application, letter: Letter) -> str | None:
    if OLD_CITATIONS.search(_text(letter)):
        return "文书引用了2008年条例的条文序号，请改用2019年修订后的条文"
    return None


def _organ_name(case: Application, letter: Letter) -> str | None:
    from gongkai.web.organs.models import Unit

    text = _text(letter)
    for unit in Unit.objects.filter(organ=case.organ).values_list("name", flat=True):
        if f"{unit}（印章）" in text or text.rstrip().endswith(unit):
            return f"文书以内设机构“{unit}”名义作出，应以机关名义作出"
    return None


def _fee_threshold(case: Application, letter: Letter) -> str | None:
    fee = case.fees.last()
    if fee is None or fee.amount <= 0:
        return "未达到收费标准（109号：10件或30页以下不收费），不应发出收费通知（条例第四十二条）"
    return None


def _responsible_named(case: Application, letter: Letter) -> str | None:
    if case.outcome == Outcome.NOT_THIS_ORGAN and not case.responsible_organ.strip():
        return (
            "非本机关负责公开的，能够确定负责机关时应告知其名称、联系方式（条例第三十六条（五））"
        )
    return None


def _repeat_basis(case: Application, letter: Letter) -> str | None:
    if case.outcome != Outcome.REPEAT:
        return None
    answered = Application.objects.filter(
        organ=case.organ, identity_number=case.identity_number, decided_on__isnull=False
    ).exclude(pk=case.pk)
    if not answered.exists():
        return "本机关未曾答复该申请人，不能按重复申请处理（条例第三十六条（六））"
    return None


def _secrecy_reviewed(case: Application, letter: Letter) -> str | None:
    if case.outcome_enum in DISCLOSING and not case.secrecy_reviewed:
        return "公开前未记录保密审查（条例第十七条）"
    return None


def _reviewed(case: Application, letter: Letter) -> str | None:
    from gongkai.web.applications.decisions import organ_settings

    levels = organ_settings(case.organ).review_levels
    if case.review_level_done < levels:
        return f"答复需经 {levels} 级审核，目前通过 {case.review_level_done} 级"
    return None


def _legal_basis(case: Application, letter: Letter) -> str | None:
    outcome = case.outcome_enum
    if outcome and rule_for(outcome).articles and "根据" not in _text(letter):
        return "答复未写明法律依据"
    return None


def _online_channel(case: Application, letter: Letter) -> str | None:
    if case.delivery_method in ("online", "email") and "互联网" not in _text(letter):
        return "网上送达的答复应告知可通过互联网申请行政复议（行政复议法第二十二条第二款）"
    return None


def _agent_papers(case: Application, letter: Letter) -> str | None:
    if case.agent_name and not case.agent_authorised:
        return "代理人申请但未记录授权委托书"
    return None


def _excessive_after_reasons(case: Application, letter: Letter) -> str | None:
    # 条例第三十五条: 不予处理 only after reasons were asked for and found unreasonable.
    if case.outcome != Outcome.EXCESSIVE:
        return None
    if case.reasons_requested_on is None or case.reasons_verdict not in ("unreasonable", "none"):
        return (
            "以申请数量、频次明显超过合理范围不予处理的，须先要求申请人说明理由，并认定理由"
            "不合理或逾期未说明（条例第三十五条）"
        )
    return None


def _reasons_period_stated(case: Application, letter: Letter) -> str | None:
    from gongkai.web.applications.letters import day_zh

    if case.reasons_period_end is None or day_zh(case.reasons_period_end) not in _text(letter):
        return "说明理由告知书未写明申请人说明理由的期限（条例第三十五条）"
    return None


def _other_organ_named(case: Application, letter: Letter) -> str | None:
    name = case.responsible_organ.strip()
    if not name or name not in _text(letter):
        return (
            "告知书未写明负责公开该政府信息的行政机关（条例第三十六条（五））；确实无法确定的，"
            "请按“拟定答复”说明理由"
        )
    return None


def _not_this_organ(case: Application, letter: Letter) -> str | None:
    from gongkai.web.organs.models import Unit

    name = case.responsible_organ.strip()
    own = {case.organ.name, *Unit.objects.filter(organ=case.organ).values_list("name", flat=True)}
    short = organ_short_name(case)
    if name and (name in own or (short and name == short)):
        return f"告知的负责机关“{name}”是本机关或其内设机构：非本机关负责公开须指向其他行政机关"
    return None


def _other_organ_contact(case: Application, letter: Letter) -> str | None:
    if not case.responsible_contact.strip():
        return "未写明负责机关的联系方式（条例第三十六条（五）：能够确定的，应告知名称、联系方式）"
    return None


def organ_short_name(case: Application) -> str:
    from gongkai.web.applications.decisions import organ_settings

    return organ_settings(case.organ).short_name.strip()


_ANSWER = frozenset({LetterKind.ANSWER})
_TRANSFER = frozenset({LetterKind.TRANSFER})
CHECKS: tuple[Check, ...] = (
    Check("AP01", "warning", ANSWERS, "逾期答复", _late_answer),
    Check("AP02", "error", frozenset({LetterKind.EXTENSION}), "延期未经批准", _extension_approval),
    Check(
        "AP03", "error", frozenset({LetterKind.EXTENSION}), "延期告知晚于原期限", _extension_in_time
    ),
    Check(
        "AP04",
        "warning",
        frozenset({LetterKind.CORRECTION}),
        "补正告知超过7个工作日",
        _correction_in_time,
    ),
    Check("AP05", "error", frozenset({LetterKind.CORRECTION}), "补正事项未列明", _correction_items),
    Check("AP06", "error", _ANSWER, "信息不存在未记录检索", _search_recorded),
    Check("AP07", "error", _ANSWER, "不予公开未说明理由和条款", _denial_reasoned),
    Check("AP08", "error", ANSWERS, "救济途径缺失或复议机关不对", _remedy_present),
    Check("AP09", "error", _ANSWER, "不予公开未告知复议前置", _review_first),
    Check("AP10", "error", frozenset(LetterKind), "引用2008年条例条文", _new_articles),
    Check("AP11", "error", frozenset(LetterKind), "以内设机构名义作出", _organ_name),
    Check("AP12", "error", frozenset({LetterKind.FEE}), "未达收费标准", _fee_threshold),
    Check("AP13", "error", _ANSWER, "非本机关未告知负责机关", _responsible_named),
    Check("AP14", "error", _ANSWER, "重复申请无在先答复", _repeat_basis),
    Check("AP15", "error", _ANSWER, "公开前未保密审查", _secrecy_reviewed),
    Check("AP16", "error", _ANSWER, "审核未完成", _reviewed),
    Check("AP17", "error", _ANSWER, "未写明法律依据", _legal_basis),
    Check("AP18", "warning", ANSWERS, "网上送达未告知网上复议渠道", _online_channel),
    Check("AP20", "warning", ANSWERS, "代理人无授权委托书", _agent_papers),
    Check("AP21", "error", _ANSWER, "大量反复申请未经说明理由", _excessive_after_reasons),
    Check(
        "AP22",
        "error",
        frozenset({LetterKind.REASONS}),
        "说明理由告知书未写明期限",
        _reasons_period_stated,
    ),
    Check("AP23", "error", _TRANSFER, "未写明负责公开的机关", _other_organ_named),
    Check("AP24", "error", _TRANSFER, "告知的负责机关是本机关", _not_this_organ),
    Check("AP25", "warning", _TRANSFER, "未写明负责机关的联系方式", _other_organ_contact),
)
# AP19 (a letter issued twice) is raised by ``letters.issue`` itself.


def run_checks(case: Application, letter: Letter) -> list[CheckFinding]:
    findings: list[CheckFinding] = []
    for check in CHECKS:
        if letter.kind not in check.kinds:
            continue
        message = check.test(case, letter)
        if message:
            findings.append(CheckFinding(check.check_id, check.severity, message, case.number))
    return findings
