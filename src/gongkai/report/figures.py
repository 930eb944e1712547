"""Key figures of an annual report, the same in both formats.

A supervisor compares organs and years on a handful of figures — applications received and
answered, how they were answered, review and litigation cases, fees — not on 200 cells. Each figure
is written down here as data: the cells it adds up, per format (DOMAIN §2.6 lists what differs), so
a 2019-format report and a 2021-format one land on the same figures wherever the two formats
measure the same thing, and a figure that one format does not carry is ``None``, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.report.model import Number, Report

Cells = tuple[tuple[str, str, str], ...]  # (table, row, column) keys


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """One key figure: its key, its Chinese label, and the cells it adds up in each format
    (``"*"`` for both). A format absent from ``cells`` does not carry the figure."""

    key: str
    label: str
    cells: dict[str, Cells]
    unit: str = "件"

    def sources(self, format_key: str) -> Cells | None:
        return self.cells.get(format_key, self.cells.get("*"))


def _total(table: str, *rows: str) -> Cells:
    return tuple((table, row, "total") for row in rows)


_DENIED = (
    "denied_state_secret",
    "denied_other_law",
    "denied_three_safety",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_file",
    "denied_admin_query",
)
_UNABLE = ("unable_not_held", "unable_need_create", "unable_unclear")
_NOTPROC = (
    "notproc_petition",
    "notproc_repeat",
    "notproc_publication",
    "notproc_massive",
    "notproc_confirm",
)
_LITIGATION = ("litigation_direct", "litigation_after_review")

FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("received", "本年新收申请", {"*": _total("table3", "new_received")}),
    FigureSpec("carried_over", "上年结转申请", {"*": _total("table3", "carried_over")}),
    FigureSpec("answered", "本年办理结果总计", {"*": _total("table3", "total")}),
    FigureSpec("carried_forward", "结转下年度", {"*": _total("table3", "carried_forward")}),
    FigureSpec("granted", "予以公开", {"*": _total("table3", "granted")}),
    FigureSpec("partial", "部分公开", {"*": _total("table3", "partial")}),
    FigureSpec("denied", "不予公开", {"*": _total("table3", *_DENIED)}),
    FigureSpec("unable", "无法提供", {"*": _total("table3", *_UNABLE)}),
    FigureSpec("not_processed", "不予处理", {"*": _total("table3", *_NOTPROC)}),
    # 2019: （六）其他处理 is one row; 2021: three sub-rows (DOMAIN §2.6 item 6).
    FigureSpec(
        "other",
        "其他处理",
        {
            "2019": _total("table3", "other"),
            "2021": _total("table3", "other_no_correction", "other_no_fee", "other_other"),
        },
    ),
    FigureSpec("review", "行政复议", {"*": _total("table4", "review")}),
    FigureSpec("review_corrected", "行政复议结果纠正", {"*": (("table4", "review", "corrected"),)}),
    FigureSpec("litigation", "行政诉讼", {"*": _total("table4", *_LITIGATION)}),
    FigureSpec(
        "litigation_corrected",
        "行政诉讼结果纠正",
        {"*": tuple(("table4", row, "corrected") for row in _LITIGATION)},
    ),
    FigureSpec(
        "licensing", "行政许可处理决定", {"*": (("table2", "licensing", "decisions"),)}, "件"
    ),
    FigureSpec(
        "punishment", "行政处罚处理决定", {"*": (("table2", "punishment", "decisions"),)}, "件"
    ),
    # 2019 counted fee *items* (上一年项目数量, 本年增/减), 2021 an amount of money: only 2021.
    FigureSpec("fees", "行政事业性收费金额", {"2021": (("table2", "fees", "amount"),)}, "万元"),
)
FIGURE_KEYS = tuple(spec.key for spec in FIGURES)
FIGURES_BY_KEY = {spec.key: spec for spec in FIGURES}


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """A report's key figures (``None``: not printed in the report, or not in its format)."""

    values: dict[str, Number | None]

    def get(self, key: str) -> Number | None:
        return self.values.get(key)

    def share(self, part: str, whole: str = "answered") -> float | None:
        """``part`` over ``whole``; ``None`` when either is unknown or ``whole`` is 0."""
        numerator, denominator = self.values.get(part), self.values.get(whole)
        if numerator is None or not denominator:
            return None
        return float(numerator) / float(denominator)

    @property
    def appeals(self) -> Number | None:
        """复议 and 诉讼 cases together."""
        return _add(self.values.get("review"), self.values.get("litigation"))

    @property
    def corrected_share(self) -> float | None:
        """The share of 复议 and 诉讼 cases whose result was 纠正."""
        corrected = _add(
            self.values.get("review_corrected"), self.values.get("litigation_corrected")
        )
        cases = self.appeals
        if corrected is None or not cases:
            return None
        return float(corrected) / float(cases)


def _add(a: Number | None, b: Number | None) -> Number | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def key_figures(report: Report) -> KeyFigures:
    """The report's key figures. A figure is the sum of its cells that are present; ``None`` when
    none of them is (a missing cell is never counted as 0)."""
    values: dict[str, Number | None] = {}
    for spec in FIGURES:
        values[spec.key] = _sum_cells(report, spec.sources(report.format))
    return KeyFigures(values)


def _sum_cells(report: Report, cells: Cells | None) -> Number | None:
    if cells is None:
        return None
    total: Number | None = None
    for table, row, column in cells:
        value = report.value(table, row, column)
        if value is not None:
            total = value if total is None else total + value
    return total


def add_figures(figures: list[KeyFigures]) -> KeyFigures:
    """The figures of many reports added up, figure by figure (``None`` where no report has it)."""
    values: dict[str, Number | None] = {}
    for key in FIGURE_KEYS:
        total: Number | None = None
        for one in figures:
            total = _add(total, one.values.get(key))
        if isinstance(total, Decimal) and total == total.to_integral_value():
            total = int(total)
        values[key] = total
    return KeyFigures(values)
