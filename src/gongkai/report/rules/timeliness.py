"""P1–P5: publication deadlines (DOMAIN §3.5, 条例第四十九条)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from gongkai.report.findings import Finding, Severity
from gongkai.report.organs import OrganKind
from gongkai.report.rules.registry import RULES, Context, OrganKindResolution, Rule
from gongkai.report.settings import DEFAULT_SETTINGS, CheckSettings

_DEPARTMENTS = {OrganKind.DEPARTMENT, OrganKind.STATE_COUNCIL_DEPARTMENT}
_GOVERNMENTS = {
    OrganKind.PROVINCIAL_GOVERNMENT,
    OrganKind.CITY_GOVERNMENT,
    OrganKind.COUNTY_GOVERNMENT,
}
_TOWNSHIPS = {OrganKind.TOWNSHIP, OrganKind.SUBDISTRICT}


def _late(rule: Rule, context: Context, due: date, basis: str, note: str) -> Iterator[Finding]:
    published = context.report.published_on
    if published is None or published <= due:
        return
    days = (published - due).days
    yield rule.finding(
        f"应于{due.year}年{due.month}月{due.day}日前公开（{basis}），"
        f"实际公开日期为{published.isoformat()}，逾期{days}天{note}",
        f"due by {due.isoformat()}; published {published.isoformat()}, {days} days late",
        values={"due": due.isoformat(), "published": published.isoformat(), "days_late": days},
    )


def _deadline(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    if (month, day) == (2, 29) and not calendar.isleap(year + 1):
        day = 28  # a deadline of 2月29日 falls on the last day of February in a common year
    return date(year + 1, month, day)


def publication_due(
    year: int, kind: OrganKind | None, settings: CheckSettings = DEFAULT_SETTINGS
) -> date | None:
    """The last day to publish an organ's annual report for ``year``, by the rule P1–P4 that
    applies to its kind; ``None`` when no date applies (an organ of another kind, a township
    without a local date). The supervisor's view uses it, so it and the P rules never disagree."""
    if year <= 2018:  # P3: 2007 条例 old 第三十一条
        return _deadline(year, settings.pre2019_deadline)
    if kind in _DEPARTMENTS:  # P1: 条例第四十九条第一款
        return _deadline(year, settings.department_deadline)
    if kind in _GOVERNMENTS:  # P2: 条例第四十九条第二款
        return _deadline(year, settings.government_deadline)
    if kind in _TOWNSHIPS and settings.township_deadline is not None:  # P4: local rule
        return _deadline(year, settings.township_deadline)
    return None


def _applies(context: Context, kinds: set[OrganKind]) -> OrganKindResolution | None:
    report = context.report
    if report.year <= 2018 or report.published_on is None:
        return None
    organ = OrganKindResolution(report)
    return organ if organ.kind in kinds else None


@RULES.register(
    "P1",
    Severity.ERROR,
    "县级以上人民政府部门（含国务院部门）于次年1月31日前公开年报",
    "Departments publish by 31 January of the following year",
    "条例第四十九条第一款",
)
def _p1(context: Context) -> Iterator[Finding]:
    organ = _applies(context, _DEPARTMENTS)
    if organ is not None:
        due = _deadline(context.report.year, context.settings.department_deadline)
        yield from _late(RULES["P1"], context, due, "条例第四十九条第一款", organ.note_zh)


@RULES.register(
    "P2",
    Severity.ERROR,
    "县级以上地方人民政府的本级政府年报于次年3月31日前公开",
    "A county-or-higher government's own report is published by 31 March",
    "条例第四十九条第二款",
)
def _p2(context: Context) -> Iterator[Finding]:
    organ = _applies(context, _GOVERNMENTS)
    if organ is not None:
        due = _deadline(context.report.year, context.settings.government_deadline)
        yield from _late(RULES["P2"], context, due, "条例第四十九条第二款", organ.note_zh)


@RULES.register(
    "P3",
    Severity.INFO,
    "2018年度及以前的年报（2007年条例）于次年3月31日前公开",
    "Reports for 2018 and earlier were due by 31 March",
    "2007年条例第三十一条；60号“提前了两个月”",
)
def _p3(context: Context) -> Iterator[Finding]:
    report = context.report
    if report.year <= 2018:
        due = _deadline(report.year, context.settings.pre2019_deadline)
        yield from _late(RULES["P3"], context, due, "2007年条例第三十一条", "")


@RULES.register(
    "P4",
    Severity.INFO,
    "乡镇人民政府、街道办事处按本地规定的期限公开（条例未规定日期，可在设置中配置）",
    "Townships publish by the date their region sets (configurable; none by statute)",
    "条例第四条、第四十九条；地方通知（如怀化市2月20日）",
)
def _p4(context: Context) -> Iterator[Finding]:
    month_day = context.settings.township_deadline
    organ = _applies(context, _TOWNSHIPS)
    if organ is not None and month_day is not None:
        due = _deadline(context.report.year, month_day)
        yield from _late(RULES["P4"], context, due, "本地规定", organ.note_zh)


@RULES.register(
    "P5",
    Severity.INFO,
    "发布日期取网页发布日期或报告落款日期；缺少时无法检查时限",
    "The publication date comes from the page or the signature date; without it no deadline check",
    "各地报告惯例",
)
def _p5(context: Context) -> Iterator[Finding]:
    report = context.report
    rule = RULES["P5"]
    if report.published_on is None:
        yield rule.finding(
            "未提供发布日期，未检查公开时限", "no publication date; deadlines not checked"
        )
        return
    organ = OrganKindResolution(report)
    if organ.kind is None and report.year > 2018:
        yield rule.finding(
            f"无法从机关名称“{report.organ}”判断机关类型，未检查公开时限（可指定机关类型）",
            "the organ's kind is unknown; deadlines not checked (set organ_kind)",
        )
    elif organ.kind is OrganKind.OTHER and report.year > 2018:
        yield rule.finding(
            "机关类型为“其他”，条例第四十九条未规定其年报期限，未检查",
            "no statutory deadline for this kind of organ",
        )
