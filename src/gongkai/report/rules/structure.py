"""F1–F8: format, structure and the narrative's required content (DOMAIN §3.1)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report import narrative
from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.formats import FORMATS, expected_format
from gongkai.report.labels import TABLE_NAMES, short_label
from gongkai.report.model import Report
from gongkai.report.rules.census import census
from gongkai.report.rules.registry import RULES, Context, OrganKindResolution
from gongkai.report.spec import RowKind, TableSpec

_TOPICS = {"table2": "主动公开", "table3": "依申请公开", "table4": "复议诉讼"}
_TABLE_NAMES = {key: f"{name}（{_TOPICS[key]}）" for key, name in TABLE_NAMES.items()}
NARRATIVE_RULES = ("F2", "F5", "F6", "F7", "F8", "W3", "Y5")


def collapsed_headings(table: TableSpec, report: Report) -> list[str]:
    """Headings printed as one row of numbers where this format has sub-rows, as the older
    format did (2021 （六）其他处理 printed as one row, like 2019's)."""
    rows = report.tables.get(table.key)
    if rows is None or not any(heading.key in rows for heading in table.subtotal_rows()):
        return []
    collapsed = []
    for heading in table.subtotal_rows():
        older = [
            spec.table(table.key)
            for spec in FORMATS.values()
            if spec.key != report.format and spec.table(table.key).has_row(heading.key)
        ]
        is_data_elsewhere = any(t.row(heading.key).kind is RowKind.DATA for t in older)
        if (
            is_data_elsewhere
            and heading.key in rows
            and not any(child.key in rows for child in table.children(heading.key))
        ):
            collapsed.append(heading.key)
    return collapsed


@RULES.register(
    "F1",
    Severity.ERROR,
    "格式与年度相符：2021年度起用2021年格式，2019、2020年度用2019年格式",
    "The format matches the year: 2021+ uses the 2021 format, 2019–2020 the 2019 format",
    "国办公开办函〔2019〕60号、〔2021〕30号",
)
def _f1(context: Context) -> Iterator[Finding]:
    rule = RULES["F1"]
    report = context.report
    expected = expected_format(report.year)
    actual = report.spec
    if expected is None:
        yield rule.finding(
            f"{report.year}年度报告适用2007年条例，无统一表格格式，表格规则仅供参考",
            f"reports for {report.year} predate the national formats; table rules are indicative",
            severity=Severity.INFO,
        )
    elif expected.key != actual.key:
        yield rule.finding(
            f"{report.year}年度报告应使用{expected.name}（{expected.document}），"
            f"实际使用{actual.name}（{actual.document}）",
            f"a report for {report.year} must use the {expected.key} format, not {actual.key}",
            values={"expected": expected.key, "actual": actual.key},
        )
    for table in actual.tables:
        for key in collapsed_headings(table, report):
            yield rule.finding(
                f"按{actual.name}编制，但“{short_label(table, key)}”只印了一行（旧版格式），"
                f"缺少其下{len(table.children(key))}个分项",
                f"the {actual.key} format has sub-rows under {key}, but the report prints one row",
                [CellRef(table.key, key)],
            )


@RULES.register(
    "F2",
    Severity.ERROR,
    "六个章节齐全且顺序正确",
    "All six sections are present, in order",
    "条例第五十条；30号“不能遗漏”",
)
def _f2(context: Context) -> Iterator[Finding]:
    rule = RULES["F2"]
    sections = context.report.sections
    if sections is None:
        yield rule.finding(
            "输入未包含正文，章节及正文类规则（" + "、".join(NARRATIVE_RULES) + "）未检查",
            "the input carries no narrative; the narrative rules were not applied",
            severity=Severity.INFO,
        )
        return
    order = [spec.key for spec in context.spec.sections]
    for spec in context.spec.sections:
        if spec.key not in sections:
            yield rule.finding(
                f"缺少章节“{spec.title}”",
                f"section {spec.key} is missing",
                values={"section": spec.key},
            )
    present = [key for key in sections if key in order]
    if present != sorted(present, key=order.index):
        yield rule.finding(
            "章节顺序与规定格式不一致",
            "sections are not in the prescribed order",
            values={"order": ",".join(present)},
        )


@RULES.register(
    "F3",
    Severity.ERROR,
    "表二、表三、表四齐全，行列完整",
    "Tables 2, 3 and 4 are present with all their rows and columns",
    "两种格式的表格结构（DOMAIN §1.3–1.5、§2.3–2.5）",
)
def _f3(context: Context) -> Iterator[Finding]:
    rule = RULES["F3"]
    report = context.report
    for table in context.spec.tables:
        rows = report.tables.get(table.key)
        if rows is None:
            yield rule.finding(
                f"缺少{_TABLE_NAMES[table.key]}",
                f"{table.key} is missing",
                [CellRef(table.key)],
            )
            continue
        # A heading printed as one row (F1) stands in for its sub-rows: its own columns count.
        collapsed = collapsed_headings(table, report)
        covered = {child.key for key in collapsed for child in table.children(key)}
        expected = table.data_rows
        if collapsed:
            expected = tuple(
                row
                for row in table.rows
                if (row.has_numbers and row.key not in covered) or row.key in collapsed
            )
        for row in expected:
            if row.key not in rows:
                yield rule.finding(
                    f"{_TABLE_NAMES[table.key]}缺少“{short_label(table, row.key)}”行",
                    f"{table.key} lacks row {row.key}",
                    [CellRef(table.key, row.key)],
                )
                continue
            if rows[row.key].keys() >= table.column_keys(row.key):
                continue
            absent = [column for column in row.columns if column.key not in rows[row.key]]
            if absent:
                yield rule.finding(
                    f"{_TABLE_NAMES[table.key]}“{short_label(table, row.key)}”行缺少"
                    + "、".join(f"“{column.label}”" for column in absent)
                    + "列",
                    f"{table.key} row {row.key} lacks columns "
                    + ", ".join(column.key for column in absent),
                    [CellRef(table.key, row.key, column.key) for column in absent],
                )


@RULES.register(
    "F4",
    Severity.WARNING,
    "每个单元格都应填写数字（无则填0）；空白、“-”、“/”、“无”视为未填",
    "Every cell holds a number (0 for none); blank, '-', '/', 无 count as missing",
    "表格惯例以0表示无；各地通报（DOMAIN §3.1 F4）",
)
def _f4(context: Context) -> Iterator[Finding]:
    rule = RULES["F4"]
    report = context.report
    missing = census(context).missing
    for table in context.spec.tables:
        rows = report.tables.get(table.key, {})
        for row in table.rows:
            blank = missing.get((table.key, row.key))
            if not blank or row.kind is RowKind.CAPTION:
                continue
            columns = rows[row.key]
            labels = {column.key: column.label for column in row.columns}
            printed = {raw for key in blank if (raw := columns[key].raw)}
            shown = "、".join(f"“{text}”" for text in sorted(printed)) if printed else "空白"
            yield rule.finding(
                f"{_TABLE_NAMES[table.key]}“{short_label(table, row.key)}”行有{len(blank)}个单元格"
                f"未填数字（{shown}）：" + "、".join(labels.get(key, key) for key in blank),
                f"{table.key} row {row.key}: {len(blank)} cells hold no number",
                [CellRef(table.key, row.key, key) for key in blank],
            )


@RULES.register(
    "F5",
    Severity.ERROR,
    "统计期限为“Y年1月1日至Y年12月31日”，标题年度等于报告年度",
    "The statistics period is 1 January to 31 December of the report year, as is the title",
    "四川 DB51/T 2660—2019 §2.1；各地报告惯例",
)
def _f5(context: Context) -> Iterator[Finding]:
    rule = RULES["F5"]
    report = context.report
    if report.sections is None:
        return
    # The period is stated in the preamble; reports without one state it early in section 一.
    text = report.sections.get("preamble", "") + report.sections.get("overview", "")[:1000]
    period = narrative.statistics_period_years(text)
    if period is None:
        yield rule.finding(
            "前言未写明统计期限（Y年1月1日至Y年12月31日）",
            "the preamble does not state the statistics period",
            severity=Severity.INFO,
        )
    elif period[0] != report.year or (period[1] is not None and period[1] != report.year):
        yield rule.finding(
            f"统计期限写为{period[0]}年，与报告年度{report.year}年不符",
            f"the statistics period names {period[0]}, not {report.year}",
            values={"stated": period[0], "year": report.year},
        )
    title_year = narrative.first_year(report.title) if report.title else None
    if title_year is not None and title_year != report.year:
        yield rule.finding(
            f"标题年度为{title_year}年，与报告年度{report.year}年不符",
            f"the title names {title_year}, not {report.year}",
            values={"stated": title_year, "year": report.year},
        )


@RULES.register(
    "F6",
    Severity.WARNING,
    "人民政府的年报应报告工作考核、社会评议和责任追究结果情况",
    "A people's government's report covers appraisal, public evaluation and accountability",
    "条例第五十条第（四）项；30号（一）",
)
def _f6(context: Context) -> Iterator[Finding]:
    report = context.report
    organ = OrganKindResolution(report)
    if report.sections is None or organ.kind is None or not organ.kind.is_government:
        return
    text = report.sections.get("overview", "") + report.sections.get("problems", "")
    missing = [word for word in ("考核", "评议", "责任追究") if not narrative.mentions(text, word)]
    if missing:
        yield RULES["F6"].finding(
            "人民政府年报未见" + "、".join(f"“{word}”" for word in missing) + "情况"
            f"（条例第五十条第（四）项）{organ.note_zh}",
            "a government's report must cover " + ", ".join(missing),
            values={"missing": "、".join(missing)},
        )


@RULES.register(
    "F7",
    Severity.WARNING,
    "（2021年格式）第六部分说明是否收取信息处理费及金额",
    "(2021 format) Section 6 states whether information processing fees were charged",
    "30号对第六部分的要求〔未核实，可在设置中关闭〕；国办函〔2020〕109号",
)
def _f7(context: Context) -> Iterator[Finding]:
    report = context.report
    if report.sections is None or not context.settings.f7_enabled or report.format != "2021":
        return
    text = report.sections.get("other", "")
    if not narrative.mentions(text, "信息处理费", "收费", "收取", "费用"):
        yield RULES["F7"].finding(
            "第六部分未说明是否收取信息处理费",
            "section 6 does not say whether information processing fees were charged",
        )


@RULES.register(
    "F8",
    Severity.WARNING,
    "第五、六部分不为空；第五部分既写问题又写改进措施",
    "Sections 5 and 6 are not empty; section 5 states problems and measures",
    "30号“不能遗漏”；各地评估“敷衍塞责”",
)
def _f8(context: Context) -> Iterator[Finding]:
    rule = RULES["F8"]
    sections = context.report.sections
    if sections is None:
        return
    for key, title in (
        ("problems", "五、存在的主要问题及改进情况"),
        ("other", "六、其他需要报告的事项"),
    ):
        if key in sections and not narrative.compact(sections[key]):
            yield rule.finding(f"“{title}”内容为空", f"section {key} is empty")
    problems = sections.get("problems", "")
    if narrative.compact(problems):
        if not narrative.mentions(problems, "问题", "不足", "差距", "薄弱"):
            yield rule.finding("第五部分未写明存在的问题", "section 5 names no problems")
        if not narrative.mentions(problems, "措施", "改进", "整改", "下一步", "将", "加强"):
            yield rule.finding("第五部分未写明改进措施", "section 5 names no measures")
