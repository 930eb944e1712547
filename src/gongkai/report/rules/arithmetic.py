"""A1–A10: the identities and value rules within one report (DOMAIN §3.2).

The identities are not written here: they are compiled from the sum relations in the format data
(``ColumnSpec.sum_of``, ``RowSpec.sum_of``, ``TableSpec.balances``) and evaluated where every cell
they need is present; a missing cell is F3's or F4's finding, not an arithmetic one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.formats import FORMATS
from gongkai.report.labels import TABLE_NAMES, cell_label, short_label
from gongkai.report.model import Cell, Number, Report
from gongkai.report.rules.census import census
from gongkai.report.rules.registry import RULES, Context
from gongkai.report.spec import ColumnKind, RowKind, TableSpec

_BASIS_NOTE = "表三表头注“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”"


@dataclass(frozen=True, slots=True)
class ColumnSum:
    """In one row, the ``total`` column equals the sum of the ``parts`` columns."""

    table: str
    row: str
    total: str
    parts: tuple[str, ...]


@cache
def column_sums(format_key: str) -> dict[str, tuple[ColumnSum, ...]]:
    """The column-sum identities of a format, by rule id (A2 for table 三, A5–A7 for table 四)."""
    by_rule: dict[str, list[ColumnSum]] = {}
    for table in FORMATS[format_key].tables:
        for row in table.data_rows:
            rule = row.rule or table.column_sum_rule
            if rule is None:
                continue
            for column in row.columns:
                if column.sum_of:
                    entry = ColumnSum(table.key, row.key, column.key, column.sum_of)
                    by_rule.setdefault(rule, []).append(entry)
    return {rule: tuple(entries) for rule, entries in by_rule.items()}


def _column_sum_findings(context: Context, rule_id: str) -> Iterator[Finding]:
    rule = RULES[rule_id]
    report = context.report
    for entry in column_sums(report.format).get(rule_id, ()):
        columns = report.tables.get(entry.table, _EMPTY).get(entry.row)
        if columns is None:
            continue
        total_cell = columns.get(entry.total)
        right = _add(columns.get(key) for key in entry.parts)
        if total_cell is None or total_cell.value is None or right is None:
            continue
        if right == total_cell.value:
            continue
        table = report.spec.table(entry.table)
        label = short_label(table, entry.row)
        total_label = table.row(entry.row).column(entry.total).label
        yield rule.finding(
            f"{label}：各列之和为 {right}，但{total_label}填报为 {total_cell.value}",
            f"{entry.table} row {entry.row}: the columns add up to {right} "
            f"but {entry.total} is {total_cell.value}",
            [CellRef(entry.table, entry.row, entry.total)]
            + [CellRef(entry.table, entry.row, key) for key in entry.parts],
            {"left": total_cell.value, "right": right, "difference": total_cell.value - right},
        )


_EMPTY: dict[str, dict[str, Cell]] = {}


def _add(cells: Iterable[Cell | None]) -> Number | None:
    """The sum of the cells; ``None`` when one is absent or missing (F3/F4 report those)."""
    total: Number = 0
    for cell in cells:
        if cell is None or cell.value is None:
            return None
        total += cell.value
    return total


@RULES.register(
    "A2",
    Severity.ERROR,
    "表三每一行：总计 = 自然人 + 五类法人或其他组织之和",
    "Table 3, every row: total = sum of the six applicant columns",
    "列的含义（DOMAIN §3.2 A2）",
)
def _a2(context: Context) -> Iterator[Finding]:
    return _column_sum_findings(context, "A2")


@RULES.register(
    "A5",
    Severity.ERROR,
    "表四行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    "Table 4 administrative review: total = upheld + corrected + other + pending",
    "列的含义（DOMAIN §3.2 A5）",
)
def _a5(context: Context) -> Iterator[Finding]:
    return _column_sum_findings(context, "A5")


@RULES.register(
    "A6",
    Severity.ERROR,
    "表四未经复议直接起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    "Table 4 litigation without prior review: total = upheld + corrected + other + pending",
    "列的含义（DOMAIN §3.2 A6）",
)
def _a6(context: Context) -> Iterator[Finding]:
    return _column_sum_findings(context, "A6")


@RULES.register(
    "A7",
    Severity.ERROR,
    "表四复议后起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    "Table 4 litigation after review: total = upheld + corrected + other + pending",
    "列的含义（DOMAIN §3.2 A7）",
)
def _a7(context: Context) -> Iterator[Finding]:
    return _column_sum_findings(context, "A7")


def _stand_ins(rows: dict[str, dict[str, Cell]], table: TableSpec, key: str) -> tuple[str, ...]:
    """The rows of a report whose values make up row ``key``: the row itself; for a heading, its
    sub-rows — or, when a report prints only the heading's subtotal (2021 （六） printed as one
    row), that subtotal. Empty when the report has neither."""
    if table.row(key).kind is RowKind.DATA:
        return (key,) if key in rows else ()
    leaves = tuple(leaf.key for leaf in table.leaves(key))
    if all(leaf in rows for leaf in leaves):
        return leaves
    return (key,) if key in rows else ()


def _resolve(
    rows: dict[str, dict[str, Cell]], table: TableSpec, keys: tuple[str, ...]
) -> tuple[str, ...] | None:
    """The report rows that stand in for ``keys``, or ``None`` when one of them is absent."""
    resolved: list[str] = []
    for key in keys:
        stand_ins = _stand_ins(rows, table, key)
        if not stand_ins:
            return None
        resolved.extend(stand_ins)
    return tuple(resolved)


def _add_rows(
    rows: dict[str, dict[str, Cell]], keys: tuple[str, ...], column: str
) -> Number | None:
    """The sum of one column over the report rows ``keys``."""
    return _add(rows[key].get(column) for key in keys)


@RULES.register(
    "A1",
    Severity.ERROR,
    "表三每一列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
    "Table 3, every column: new + carried over = total handled + carried forward",
    _BASIS_NOTE,
)
def _a1(context: Context) -> Iterator[Finding]:
    report = context.report
    for table in report.spec.tables:
        rows = report.tables.get(table.key)
        if rows is None:
            continue
        for balance in table.balances:
            rule = RULES[balance.rule]
            left_rows = _resolve(rows, table, balance.left)
            right_rows = _resolve(rows, table, balance.right)
            if left_rows is None or right_rows is None:
                continue
            for column in table.row(balance.left[0]).columns:
                left = _add_rows(rows, left_rows, column.key)
                right = _add_rows(rows, right_rows, column.key)
                if left is None or right is None or left == right:
                    continue
                names_left = " + ".join(short_label(table, key) for key in balance.left)
                names_right = " + ".join(short_label(table, key) for key in balance.right)
                yield rule.finding(
                    f"{column.label}列：{names_left} = {left}，"
                    f"而 {names_right} = {right}，勾稽关系不平",
                    f"column {column.key}: {' + '.join(balance.left)} = {left} "
                    f"but {' + '.join(balance.right)} = {right}",
                    [CellRef(table.key, key, column.key) for key in left_rows + right_rows],
                    {"left": left, "right": right, "difference": left - right},
                )


@RULES.register(
    "A3",
    Severity.ERROR,
    "表三每一列：（七）总计 = （一）至（六）各项办理结果之和",
    "Table 3, every column: total = sum of the outcome rows (1)–(6)",
    "（七）总计为办理结果之和，每件申请只计一次（C1）",
)
def _a3(context: Context) -> Iterator[Finding]:
    report = context.report
    rule = RULES["A3"]
    for table in report.spec.tables:
        rows = report.tables.get(table.key, _EMPTY)
        for total_row in table.rows:
            if not total_row.sum_of or total_row.key not in rows:
                continue
            parts = _resolve(rows, table, total_row.sum_of)
            if parts is None:
                continue
            for column in total_row.columns:
                total_cell = rows[total_row.key].get(column.key)
                right = _add_rows(rows, parts, column.key)
                if total_cell is None or total_cell.value is None or right is None:
                    continue
                total = total_cell.value
                if total == right:
                    continue
                yield rule.finding(
                    f"{column.label}列：各项办理结果之和为 {right}，"
                    f"但{short_label(table, total_row.key)}填报为 {total}",
                    f"column {column.key}: the outcome rows add up to {right} "
                    f"but {total_row.key} is {total}",
                    [CellRef(table.key, key, column.key) for key in (total_row.key, *parts)],
                    {"left": total, "right": right, "difference": total - right},
                )


@RULES.register(
    "A4",
    Severity.ERROR,
    "表三如另印（三）至（六）小计行，小计 = 其下各行之和",
    "Table 3: a subtotal row printed for (3)–(6) equals the sum of its sub-rows",
    "小计的含义（DOMAIN §3.2 A4）；标准格式无小计行",
)
def _a4(context: Context) -> Iterator[Finding]:
    report = context.report
    rule = RULES["A4"]
    for table in report.spec.tables:
        rows = report.tables.get(table.key, _EMPTY)
        for heading in table.subtotal_rows():
            children = tuple(child.key for child in table.children(heading.key))
            if heading.key not in rows or not all(child in rows for child in children):
                continue
            for column in heading.columns:
                cell = rows[heading.key].get(column.key)
                parts = _add_rows(rows, children, column.key)
                if cell is None or cell.value is None or parts is None or cell.value == parts:
                    continue
                yield rule.finding(
                    f"{column.label}列：{short_label(table, heading.key)}小计填报为 {cell.value}，"
                    f"但其下各行之和为 {parts}",
                    f"column {column.key}: subtotal {heading.key} is {cell.value} "
                    f"but its rows add up to {parts}",
                    [CellRef(table.key, key, column.key) for key in (heading.key, *children)],
                    {"left": cell.value, "right": parts, "difference": cell.value - parts},
                )


def _is_integral(value: Number) -> bool:
    return isinstance(value, int) or value == value.to_integral_value()


def _where(report: Report, table: str, row: str, column: str) -> str:
    return f"{TABLE_NAMES[table]}“{cell_label(report.format, table, row, column)}”"


@RULES.register(
    "A8",
    Severity.ERROR,
    "件数、决定数、案件数均为非负整数（2019年格式“本年增/减”除外）",
    "Every count is a non-negative integer (except the 2019 change column)",
    "计数的含义（DOMAIN §3.2 A8）",
)
def _a8(context: Context) -> Iterator[Finding]:
    rule = RULES["A8"]
    report = context.report
    for table, row, column, value in census(context).suspects[ColumnKind.COUNT]:
        if value >= 0 and _is_integral(value):
            continue
        yield rule.finding(
            f"{_where(report, table, row, column)}填报为 {value}，应为非负整数",
            f"{table}.{row}.{column} is {value}; a count must be a non-negative integer",
            [CellRef(table, row, column)],
            {"value": value},
        )


@RULES.register(
    "A9",
    Severity.ERROR,
    "收费金额（万元）、采购总金额为不小于0的数（可有小数）",
    "Amounts (fees in 10,000 yuan, procurement) are numbers ≥ 0",
    "表头单位“本年收费金额（单位：万元）”",
)
def _a9(context: Context) -> Iterator[Finding]:
    rule = RULES["A9"]
    report = context.report
    for table, row, column, value in census(context).suspects[ColumnKind.AMOUNT]:
        if value >= 0:
            continue
        yield rule.finding(
            f"{_where(report, table, row, column)}填报为 {value}，金额不能为负数",
            f"{table}.{row}.{column} is {value}; an amount cannot be negative",
            [CellRef(table, row, column)],
            {"value": value},
        )


@RULES.register(
    "A10",
    Severity.ERROR,
    "2019年格式：“本年增/减”为整数（可为负），且上一年项目数量 + 本年增/减 ≥ 0",
    "2019 format: the change is an integer (may be negative) and previous + change ≥ 0",
    "湖北省填报说明“减用负值表示”；项目数量不能为负",
)
def _a10(context: Context) -> Iterator[Finding]:
    rule = RULES["A10"]
    report = context.report
    for table, row, column, value in census(context).suspects[ColumnKind.CHANGE]:
        ref = CellRef(table, row, column)
        if not _is_integral(value):
            yield rule.finding(
                f"{_where(report, table, row, column)}填报为 {value}，应为整数",
                f"{table}.{row}.{column} is {value}; the change must be an integer",
                [ref],
                {"value": value},
            )
            continue
        previous = report.value(table, row, "previous_count")
        if previous is not None and previous + value < 0:
            yield rule.finding(
                f"{cell_label(report.format, table, row, None)}：上一年项目数量 {previous} "
                f"加本年增/减 {value} 小于0",
                f"{table}.{row}: previous count {previous} + change {value} is negative",
                [CellRef(table, row, "previous_count"), ref],
                {"left": previous + value, "right": 0},
            )
