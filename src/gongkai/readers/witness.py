"""The organ's report of the year before, as a witness for glued digit runs.

Table 二 has no identities of its own, so a glued run such as '2013' (制发 | 废止 | 现行有效) can
often be cut more than one way. Last year's report often decides it: the number of documents in
force carries over from year to year (rule Y2: 现行有效 = 上年现行有效 + 本年制发 − 本年废止), and
in the 2019 format this year's 上一年项目数量 is last year's 上一年项目数量 plus its 本年增/减
(rule Y3). Table 三's 上年结转 is last year's 结转下年度继续办理, column by column (rule Y1).

A witness only chooses among the cuts the digits allow: a cut is taken when it is the only one
that agrees with last year's numbers, and a finding quotes both years. When no cut agrees, or
more than one does, or last year's cells are missing, the witness says nothing and the row is
read as without it — missing, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gongkai.report.model import Number, Report
from gongkai.report.spec import RowSpec, TableSpec

# A relation: whether a reading of the row (its values by column key) agrees with last year, and
# how to say so (the Chinese text quoting both years' numbers for that reading).
Agrees = Callable[[dict[str, Number]], bool]
Says = Callable[[dict[str, Number]], str]
# What a caller may give as last year's report: one report, or several (an organ's archive).
Previous = Report | Sequence[Report] | None


@dataclass(frozen=True, slots=True)
class Relation:
    agrees: Agrees
    says: Says


@dataclass(frozen=True, slots=True)
class Witness:
    """Last year's report, for the report of ``previous.year + 1`` being read."""

    previous: Report

    def relation(self, format_key: str, table: TableSpec, row: RowSpec) -> Relation | None:
        """What last year's report says about ``row`` of this year's ``table``, if anything."""
        if table.key == "table2" and format_key == self.previous.format:
            columns = {column.key for column in row.columns}
            if format_key == "2021" and {"issued", "abolished", "in_force"} <= columns:
                return self._in_force(row)
            if format_key == "2019" and {"previous_count", "change"} <= columns:
                return self._item_count(row)
        if table.key == "table3" and row.key == "carried_over":
            return self._carried_over(row)
        return None

    def _in_force(self, row: RowSpec) -> Relation | None:
        # 条例第二十条第（一）项; rule Y2: 现行有效 = 上年现行有效 + 本年制发 − 本年废止
        before = self.previous.value("table2", row.key, "in_force")
        if before is None:
            return None
        year = self.previous.year

        def agrees(values: dict[str, Number]) -> bool:
            return values["in_force"] == before + values["issued"] - values["abolished"]

        def says(values: dict[str, Number]) -> str:
            return (
                f"{year} 年报告现行有效 {before} 件 + 本年制发 {values['issued']} − "
                f"本年废止 {values['abolished']} = 本年现行有效 {values['in_force']}"
            )

        return Relation(agrees, says)

    def _item_count(self, row: RowSpec) -> Relation | None:
        # rule Y3: 本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”
        before = self.previous.value("table2", row.key, "previous_count")
        change = self.previous.value("table2", row.key, "change")
        if before is None or change is None:
            return None
        year = self.previous.year

        def agrees(values: dict[str, Number]) -> bool:
            return values["previous_count"] == before + change

        def says(values: dict[str, Number]) -> str:
            return (
                f"{year} 年报告上一年项目数量 {before}、本年增/减 {change:+}，"
                f"本年“上一年项目数量”应为 {before + change}"
            )

        return Relation(agrees, says)

    def _carried_over(self, row: RowSpec) -> Relation | None:
        # rule Y1: 上年结转 = 上年报告“四、结转下年度继续办理”, column by column
        before = {
            column.key: value
            for column in row.columns
            if (value := self.previous.value("table3", "carried_forward", column.key)) is not None
        }
        if not before:
            return None
        year = self.previous.year
        printed = "|".join(str(before.get(column.key, "—")) for column in row.columns)

        def agrees(values: dict[str, Number]) -> bool:
            return all(values[key] == value for key, value in before.items())

        def says(values: dict[str, Number]) -> str:
            return f"{year} 年报告“结转下年度继续办理”为 {printed}"

        return Relation(agrees, says)


def choose(previous: Previous, year: int) -> tuple[Witness | None, str | None]:
    """The witness for a report of ``year``: the given report of ``year - 1``, if there is one.
    With the second item, why a single report given as the witness was not used (it is of
    another year); several reports given (an organ's archive) need not include that year."""
    if previous is None:
        return None, None
    given = [previous] if isinstance(previous, Report) else list(previous)
    for report in given:
        if report.year == year - 1:
            return Witness(report), None
    if isinstance(previous, Report):
        return None, (
            f"所给上年报告为 {previous.year} 年度，不是 {year - 1} 年度，未用于拆分连写数字"
        )
    return None, None


def decide(
    relation: Relation, columns: Sequence[str], candidates: Sequence[Sequence[Number]]
) -> tuple[int, str] | None:
    """The index of the one candidate (values in ``columns`` order) that agrees with last year,
    and the sentence quoting both years; ``None`` when none or several agree."""
    agreeing = [
        index
        for index, candidate in enumerate(candidates)
        if relation.agrees(dict(zip(columns, candidate, strict=True)))
    ]
    if len(agreeing) != 1:
        return None
    chosen = agreeing[0]
    return chosen, relation.says(dict(zip(columns, candidates[chosen], strict=True)))
