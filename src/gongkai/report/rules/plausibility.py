"""W1–W8: plausibility (DOMAIN §3.4). Warnings: the numbers add up but look wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gongkai.report import narrative
from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.model import Number, Report
from gongkai.report.organs import OrganKind, government_served, guess_organ_kind
from gongkai.report.rules.registry import RULES, Context, OrganKindResolution, Rule

# 立法法 第八十条、第八十二条 name who may; these certainly may not. An "other" organ (a
# 管委会, an authorised organisation) is left alone: its powers vary.
_CANNOT_MAKE_REGULATIONS = {
    OrganKind.COUNTY_GOVERNMENT,
    OrganKind.TOWNSHIP,
    OrganKind.SUBDISTRICT,
    OrganKind.DEPARTMENT,
}


@RULES.register(
    "W1",
    Severity.WARNING,
    "无权制定规章的机关（县级政府、乡镇、地方政府部门）规章数应为0",
    "Organs that cannot make 规章 report 0 规章",
    "立法法（2015）第八十条、第八十二条",
)
def _w1(context: Context) -> Iterator[Finding]:
    report = context.report
    organ = OrganKindResolution(report)
    if organ.kind not in _CANNOT_MAKE_REGULATIONS:
        return
    government = government_served(report.organ)
    if government is not None:
        served = guess_organ_kind(government)
        # "X市人民政府" may be a 设区的市 that makes 规章: do not warn on a guess.
        if served is None or served.may_make_regulations:
            return
    row = report.tables.get("table2", {}).get("regulations", {})
    positive = {key: cell.value for key, cell in row.items() if cell.value and cell.value > 0}
    if positive:
        yield RULES["W1"].finding(
            f"{organ.kind.label}无权制定规章，但表二“规章”填报了非零数{organ.note_zh}",
            f"a {organ.kind.value} cannot make 规章 but reports some",
            [CellRef("table2", "regulations", key) for key in positive],
            dict(positive),
        )


@RULES.register(
    "W2",
    Severity.WARNING,
    "结转下年度的申请数相对本年新收数不应过多",
    "Applications carried forward should be few relative to those received",
    "条例第三十三条答复期限（20个工作日，延长不超过20个工作日）",
)
def _w2(context: Context) -> Iterator[Finding]:
    report = context.report
    settings = context.settings
    received = report.value("table3", "new_received", "total")
    forward = report.value("table3", "carried_forward", "total")
    if received is None or forward is None or forward < settings.w2_min_count:
        return
    if forward > received * Decimal(str(settings.w2_carry_forward_ratio)):
        yield RULES["W2"].finding(
            f"结转下年度继续办理 {forward} 件，超过本年新收 {received} 件的"
            f"{settings.w2_carry_forward_ratio:.0%}，请核实",
            f"{forward} applications carried forward against {received} received",
            [
                CellRef("table3", "carried_forward", "total"),
                CellRef("table3", "new_received", "total"),
            ],
            {"left": forward, "right": received},
        )


def _total(report_value: Number | None, *more: Number | None) -> Number | None:
    values = (report_value, *more)
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


@RULES.register(
    "W3",
    Severity.WARNING,
    "正文所述数字与表格一致（收到、办结、结转、复议、诉讼件数）",
    "Figures in the narrative match the tables",
    "30号“发布内容不准确”",
)
def _w3(context: Context) -> Iterator[Finding]:
    report = context.report
    if report.sections is None:
        return
    sections = ("preamble", "overview", "applications", "appeals")
    claims = [claim for key in sections for claim in narrative.claims(report.sections.get(key, ""))]
    if not claims:
        return
    expected = _table_figures(report)
    seen: set[tuple[str, int]] = set()
    for claim in claims:
        allowed, refs = expected[claim.topic]
        if None in allowed or claim.value in allowed or (claim.topic, claim.value) in seen:
            continue
        seen.add((claim.topic, claim.value))
        table_value = min(v for v in allowed if v is not None)
        yield RULES["W3"].finding(
            f"正文“…{claim.excerpt}…”与表格数 {table_value} 不符",
            f"the narrative says {claim.value} ({claim.topic}), the table {table_value}",
            refs,
            {"text": claim.value, "table": table_value},
        )


def _table_figures(report: Report) -> dict[str, tuple[set[Number | None], list[CellRef]]]:
    """For each kind of figure a narrative states, the table values it may equal, and where."""
    value = report.value
    new = value("table3", "new_received", "total")
    carried = value("table3", "carried_over", "total")
    new_ref = [CellRef("table3", "new_received", "total")]
    litigation = ("litigation_direct", "litigation_after_review")
    return {
        # Some organs count carried-over applications among those 收到 this year.
        "received": ({new, _total(new, carried)}, new_ref),
        "none_received": ({new}, new_ref),
        "concluded": ({value("table3", "total", "total")}, [CellRef("table3", "total", "total")]),
        "carried_forward": (
            {value("table3", "carried_forward", "total")},
            [CellRef("table3", "carried_forward", "total")],
        ),
        "review": ({value("table4", "review", "total")}, [CellRef("table4", "review", "total")]),
        "litigation": (
            {_total(*(value("table4", row, "total") for row in litigation))},
            [CellRef("table4", row, "total") for row in litigation],
        ),
    }


_FEE_IN_YUAN = re.compile(r"(?:信息处理费|收费|收取)[^。；]{0,20}?(\d+(?:\.\d+)?)元")


@RULES.register(
    "W4",
    Severity.WARNING,
    "表二收费金额单位为万元，不应填成元，也不应与第六部分以元计的信息处理费混淆",
    "Table 2 fees are in 10,000 yuan: not yuan, not the processing fee of section 6",
    "表头“本年收费金额（单位：万元）”",
)
def _w4(context: Context) -> Iterator[Finding]:
    report = context.report
    amount = report.value("table2", "fees", "amount")
    if amount is None or report.format != "2021":
        return
    rule: Rule = RULES["W4"]
    ref = [CellRef("table2", "fees", "amount")]
    limit = context.settings.w4_max_plausible_wanyuan
    if amount >= limit:
        yield rule.finding(
            f"本年收费金额填报 {amount} 万元，数额异常，疑将“元”误作“万元”",
            f"a fee amount of {amount} (10,000 yuan) is implausible; yuan entered as 万元?",
            ref,
            {"value": amount, "limit": limit},
        )
    other = (report.sections or {}).get("other", "")
    for match in _FEE_IN_YUAN.finditer(narrative.compact(other)):
        if amount > 0 and Decimal(match.group(1)) == amount:
            yield rule.finding(
                f"表二收费金额 {amount}（万元）与第六部分信息处理费 {match.group(1)} 元数字相同，"
                "疑混淆了单位或口径",
                "the table 2 fee equals the processing fee in yuan stated in section 6",
                ref,
                {"value": amount, "text": match.group(1)},
            )


RULES.add(
    Rule(
        "W5",
        Severity.WARNING,
        "部分公开的申请只计入（二），不得同时计入（三）",
        "A partly disclosed application is counted only under (2)",
        "表三行标签“区分处理的，只计这一情形，不计其他情形”",
        not_evaluated_because="仅凭合计数无法判断，需逐件办理记录（申请登记模块按构造保证）",
    )
)


@RULES.register(
    "W6",
    Severity.INFO,
    "复议、诉讼中“结果纠正”占比较高，提示关注",
    "A high share of corrected outcomes in review or litigation is a quality signal",
    "质量信号（DOMAIN §3.4 W6）",
)
def _w6(context: Context) -> Iterator[Finding]:
    report = context.report
    share = context.settings.w6_corrected_share
    for row in ("review", "litigation_direct", "litigation_after_review"):
        values = [report.value("table4", row, key) for key in ("upheld", "corrected", "other")]
        if any(v is None for v in values):
            continue
        decided = sum(values)  # type: ignore[arg-type]
        corrected = values[1]
        if decided and corrected is not None and corrected / decided > share:
            label = report.spec.table("table4").row(row).label
            yield RULES["W6"].finding(
                f"{label}已审结 {decided} 件中结果纠正 {corrected} 件，占比较高",
                f"{row}: {corrected} of {decided} decided cases were corrected",
                [CellRef("table4", row, "corrected")],
                {"left": corrected, "right": decided},
            )


RULES.add(
    Rule(
        "W7",
        Severity.WARNING,
        "年报在固定网址、年报专栏发布，发布后不得悄然修改，多平台版本一致",
        "Published at a stable address; no silent edits; the same text on every platform",
        "中国社会科学院2016年评估报告；广东省2010年通报",
        not_evaluated_because="需要抓取记录（各次抓取的哈希），由监督模块按发布记录检查",
    )
)
RULES.add(
    Rule(
        "W8",
        Severity.WARNING,
        "机关类型与所报内容相符（乡镇不报部门事项，省级政府年报反映全貌）",
        "What is reported fits the organ's kind",
        "中国社会科学院2016年评估报告",
        not_evaluated_because="除规章一项（W1）外无法仅凭数字判断，需监督人员比对",
    )
)
