"""Y1–Y6: rules between one organ's reports of consecutive years (DOMAIN §3.3).

Y4 needs no previous report: it compares columns within one 2019-format table 二.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report import narrative
from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.labels import short_label
from gongkai.report.model import Report
from gongkai.report.rules.registry import RULES, Context, Rule


def _previous(context: Context) -> Report | None:
    """The previous report when it is the year before; otherwise ``None``."""
    previous = context.previous
    if previous is None or previous.year != context.report.year - 1:
        return None
    return previous


@RULES.register(
    "Y1",
    Severity.ERROR,
    "表三“二、上年结转”各列 = 上年报告“四、结转下年度继续办理”各列",
    "Table 3 carried over (Y) = carried forward (Y−1), column by column",
    "勾稽惯例；两种格式均有此两行，2020→2021年可跨格式核对（严重程度可设为警告）",
)
def _y1(context: Context) -> Iterator[Finding]:
    report, previous = context.report, context.previous
    rule = RULES["Y1"]
    if previous is not None and previous.year != report.year - 1:
        yield rule.finding(
            f"所给上年报告为{previous.year}年度，不是{report.year - 1}年度，跨年度规则未检查",
            f"the previous report is for {previous.year}, not {report.year - 1}; cross-year "
            "rules not applied",
            severity=Severity.INFO,
        )
        return
    if previous is None:
        return
    table = report.spec.table("table3")
    for column in table.row("carried_over").columns:
        now = report.value("table3", "carried_over", column.key)
        before = previous.value("table3", "carried_forward", column.key)
        if now is None or before is None or now == before:
            continue
        yield rule.finding(
            f"{column.label}列：本年“上年结转” {now} 件，与{previous.year}年度报告"
            f"“结转下年度继续办理” {before} 件不一致",
            f"column {column.key}: carried over {now}, but the {previous.year} report "
            f"carried forward {before}",
            [CellRef("table3", "carried_over", column.key)],
            {"left": now, "right": before, "difference": now - before},
            severity=context.settings.y1_severity,
        )


@RULES.register(
    "Y2",
    Severity.WARNING,
    "（2021年格式）现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数",
    "(2021 format) in force (Y) ≈ in force (Y−1) + issued (Y) − abolished (Y)",
    "勾稽推断；有效期届满、修订计数、清理会造成合理差异；不跨2020→2021年格式核对",
)
def _y2(context: Context) -> Iterator[Finding]:
    report, previous = context.report, _previous(context)
    if previous is None or report.format != "2021" or previous.format != "2021":
        return
    table = report.spec.table("table2")
    for row in ("regulations", "normative_docs"):
        now = report.value("table2", row, "in_force")
        before = previous.value("table2", row, "in_force")
        issued = report.value("table2", row, "issued")
        abolished = report.value("table2", row, "abolished")
        if None in (now, before, issued, abolished):
            continue
        expected = before + issued - abolished  # type: ignore[operator]
        if abs(now - expected) <= context.settings.y2_tolerance:  # type: ignore[operator]
            continue
        yield RULES["Y2"].finding(
            f"“{short_label(table, row)}”现行有效 {now} 件，按上年 {before} + 制发 {issued} − "
            f"废止 {abolished} 应为 {expected} 件",
            f"{row}: in force {now}, expected {before} + {issued} − {abolished} = {expected}",
            [CellRef("table2", row, key) for key in ("issued", "abolished", "in_force")],
            {"left": now, "right": expected},
        )


@RULES.register(
    "Y3",
    Severity.WARNING,
    "（2019年格式，2019→2020）本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”",
    "(2019 format) previous count (Y) = previous count (Y−1) + change (Y−1)",
    "勾稽推断（DOMAIN §3.3 Y3）",
)
def _y3(context: Context) -> Iterator[Finding]:
    report, previous = context.report, _previous(context)
    if previous is None or report.format != "2019" or previous.format != "2019":
        return
    table = report.spec.table("table2")
    for row in table.data_rows:
        if "change" not in {column.key for column in row.columns}:
            continue
        now = report.value("table2", row.key, "previous_count")
        before = previous.value("table2", row.key, "previous_count")
        change = previous.value("table2", row.key, "change")
        if now is None or before is None or change is None or now == before + change:
            continue
        yield RULES["Y3"].finding(
            f"“{row.label}”上一年项目数量 {now}，"
            f"按上年 {before} 加增减 {change} 应为 {before + change}",
            f"{row.key}: previous count {now}, expected {before} + {change} = {before + change}",
            [CellRef("table2", row.key, "previous_count")],
            {"left": now, "right": before + change},
        )


@RULES.register(
    "Y4",
    Severity.WARNING,
    "（2019年格式）对外公开总数量 ≥ 本年新公开数量；本年新公开数量一般 ≤ 本年新制作数量",
    "(2019 format) total public ≥ newly published ≤ newly made",
    "列的含义（DOMAIN §3.3 Y4）",
)
def _y4(context: Context) -> Iterator[Finding]:
    report = context.report
    if report.format != "2019":
        return
    rule = RULES["Y4"]
    for row in ("regulations", "normative_docs"):
        made, published, total = (
            report.value("table2", row, key) for key in ("made", "published", "public_total")
        )
        label = report.spec.table("table2").row(row).label
        if total is not None and published is not None and total < published:
            yield rule.finding(
                f"“{label}”对外公开总数量 {total} 小于本年新公开数量 {published}",
                f"{row}: total public {total} < newly published {published}",
                [CellRef("table2", row, "public_total"), CellRef("table2", row, "published")],
                {"left": total, "right": published},
            )
        if made is not None and published is not None and published > made:
            yield rule.finding(
                f"“{label}”本年新公开数量 {published} 大于本年新制作数量 {made}，请核实",
                f"{row}: newly published {published} > newly made {made}",
                [CellRef("table2", row, "published"), CellRef("table2", row, "made")],
                {"left": published, "right": made},
                severity=Severity.INFO,
            )


def _numbers(report: Report) -> dict[tuple[str, str, str], object]:
    return {(t, r, c): cell.value for t, r, c, cell in report.iter_cells() if t != "table2"}


@RULES.register(
    "Y5",
    Severity.WARNING,
    "正文（一、五部分）与上年雷同（相似度≥90%），或表格数字与上年完全相同",
    "Sections 1 and 5 copy last year's (≥ 90 % similar), or the tables repeat last year's",
    "30号“内容雷同”；中国社会科学院2017年法治蓝皮书",
)
def _y5(context: Context) -> Iterator[Finding]:
    report, previous = context.report, _previous(context)
    if previous is None:
        return
    rule = RULES["Y5"]
    threshold = context.settings.y5_similarity
    if report.sections is not None and previous.sections is not None:
        for key, title in (
            ("overview", "一、总体情况"),
            ("problems", "五、存在的主要问题及改进情况"),
        ):
            now, before = report.sections.get(key, ""), previous.sections.get(key, "")
            if len(narrative.compact(now)) < 50:
                continue  # too short to call a copy
            ratio = narrative.similarity(now, before)
            if ratio >= threshold:
                yield rule.finding(
                    f"“{title}”与{previous.year}年度报告相似度 {ratio:.0%}，疑内容雷同",
                    f"section {key} is {ratio:.0%} similar to the {previous.year} report",
                    values={"similarity": f"{ratio:.3f}"},
                )
    now_numbers, before_numbers = _numbers(report), _numbers(previous)
    # All-zero tables repeat legitimately in organs that receive no applications.
    if now_numbers and now_numbers == before_numbers and any(now_numbers.values()):
        yield rule.finding(
            f"表三、表四全部数字与{previous.year}年度报告完全相同，疑照抄上年",
            f"tables 3 and 4 repeat the {previous.year} report number for number",
        )


RULES.add(
    Rule(
        "Y6",
        Severity.INFO,
        "表四无结转行，上年“尚未审结”与本年无法对应，不作跨年核对",
        "Table 4 has no carry-over row: no cross-year check",
        "表四结构（DOMAIN §3.3 Y6）",
        not_evaluated_because="按规定不作检查",
    )
)
