"""A small factory of annual reports for the rule tests.

``build.report(format_key)`` gives a complete, fully consistent report: every row and column of
the format's three tables filled with small numbers (or zeros), the six sections in order with a
statistics period, the 第五十条第（四）项 words, a section 五 with problems and measures and a
section 六 that states the 信息处理费, published on time. ``check`` finds nothing in it, so a
test breaks exactly one thing and looks for exactly one rule's finding.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from gongkai.report import CheckSettings, Finding, OrganKind, Report, check, get_format
from gongkai.report.formats import APPLICANT_KEYS
from gongkai.report.settings import DEFAULT_SETTINGS

APPLICANTS = APPLICANT_KEYS
APPEAL_PARTS = ("upheld", "corrected", "other", "pending")

# Table 三 with small numbers that satisfy A1–A3: 4 new + 1 carried over = 4 handled + 1 forward.
TABLE3_NUMBERS: dict[str, dict[str, int]] = {
    "new_received": {"natural_person": 3, "commercial_enterprise": 1},
    "carried_over": {"natural_person": 1},
    "granted": {"natural_person": 2},
    "partial": {"commercial_enterprise": 1},
    "unable_not_held": {"natural_person": 1},
    "total": {"natural_person": 3, "commercial_enterprise": 1},
    "carried_forward": {"natural_person": 1},
}
TABLE4_NUMBERS: dict[str, dict[str, int]] = {
    "review": {"upheld": 1, "pending": 1},
    "litigation_direct": {"upheld": 1},
}
TABLE2_NUMBERS: dict[str, dict[str, dict[str, int | Decimal]]] = {
    "2021": {
        "normative_docs": {"issued": 2, "abolished": 1, "in_force": 10},
        "licensing": {"decisions": 12},
        "punishment": {"decisions": 3},
        "fees": {"amount": Decimal("1.5")},
    },
    "2019": {
        "normative_docs": {"made": 3, "published": 3, "public_total": 20},
        "licensing": {"previous_count": 10, "change": 2, "decisions": 50},
        "other_admin_services": {"previous_count": 5, "change": -1, "decisions": 4},
        "punishment": {"previous_count": 3, "decisions": 7},
        "coercion": {"previous_count": 1},
        "fees": {"previous_count": 2},
        "procurement": {"project_count": 4, "amount": Decimal("12.5")},
    },
}
DEFAULT_YEAR = {"2021": 2023, "2019": 2020}


def overview_text(organ: str, variant: int) -> str:
    if variant == 0:
        return (
            f"{organ}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国"
            "政府信息公开条例》，围绕中心工作深化主动公开，规范依申请公开办理流程，加强政府信息"
            "管理和政府信息公开平台建设。严格落实政务公开工作考核、社会评议和责任追究制度，"
            "将政务公开纳入年度绩效考核。"
        )
    return (
        "本机关着力完善制度建设，修订信息发布审核办法，更新门户网站栏目设置，组织全员业务培训，"
        "并通过考核、评议与责任追究机制督促各科室履职尽责，群众满意度持续提升，社会反响良好。"
    )


def problems_text(variant: int) -> str:
    if variant == 0:
        return (
            "（一）存在问题：一是公开内容的深度和广度仍有不足；二是政策解读形式较为单一；"
            "三是工作人员业务水平有待提高。（二）改进措施：下一步将加强业务培训，丰富解读形式，"
            "持续提升政府信息公开工作质量。"
        )
    return (
        "主要问题在于网站栏目更新频率偏低、部分信息发布滞后。针对上述问题，本机关已制定整改方案，"
        "明确专人负责栏目维护，并建立定期检查通报机制。"
    )


def narrative(organ: str, year: int, *, numbers: bool = True, variant: int = 0) -> dict[str, str]:
    """Six sections in order (plus the preamble) that pass F2 and F5–F8 and agree with the
    tables ``build.report`` makes (W3)."""
    if numbers:
        applications = (
            "本年度共收到政府信息公开申请4件，上年结转1件，办结4件，结转下年度继续办理1件。"
        )
        appeals = "本年度发生政府信息公开行政复议2件，行政诉讼1件。"
    else:
        applications = "本年度未收到政府信息公开申请。"
        appeals = "本年度未发生政府信息公开行政复议、行政诉讼案件。"
    return {
        "preamble": (
            "本年度报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开"
            f"办公室有关要求编制。所列数据统计期限为{year}年1月1日至{year}年12月31日。"
        ),
        "overview": overview_text(organ, variant),
        "proactive": "该部分以表格形式报告。表格如下：",
        "applications": applications,
        "appeals": appeals,
        "problems": problems_text(variant),
        "other": "本年度未收取信息处理费。",
    }


class ReportFactory:
    """Builds complete reports and changes single cells of them."""

    def report(
        self,
        format_key: str = "2021",
        *,
        year: int | None = None,
        organ: str = "青山区司法局",
        organ_kind: OrganKind | None = OrganKind.DEPARTMENT,
        published_on: date | None = None,
        numbers: bool = True,
        sections: bool = True,
    ) -> Report:
        """A complete report that no rule flags. ``numbers=False`` leaves every cell 0."""
        year = DEFAULT_YEAR[format_key] if year is None else year
        spec = get_format(format_key)
        report = Report(
            format=format_key,
            organ=organ,
            year=year,
            sections=narrative(organ, year, numbers=numbers) if sections else None,
            published_on=date(year + 1, 1, 18) if published_on is None else published_on,
            title=f"{organ}{year}年政府信息公开工作年度报告",
            organ_kind=organ_kind,
        )
        for table in spec.tables:
            for row in table.data_rows:
                for column in row.columns:
                    report.set(table.key, row.key, column.key, 0)
        if numbers:
            for table_key, rows in (
                ("table2", TABLE2_NUMBERS[format_key]),
                ("table3", TABLE3_NUMBERS),
            ):
                for row_key, cells in rows.items():
                    for column_key, value in cells.items():
                        report.set(table_key, row_key, column_key, value)
            for row_key in TABLE3_NUMBERS:
                self.total_applicants(report, row_key)
            for row_key, cells in TABLE4_NUMBERS.items():
                self.appeals(report, row_key, **cells)
        return report

    def previous(self, report: Report, *, year: int | None = None, fmt: str | None = None):
        """The same organ's report for the year before, consistent with ``report`` for Y1–Y3
        and different from it for Y5 (other wording, other numbers)."""
        fmt = report.format if fmt is None else fmt
        year = report.year - 1 if year is None else year
        previous = self.report(
            fmt, year=year, organ=report.organ, organ_kind=report.organ_kind, numbers=False
        )
        if report.sections is not None:
            previous.sections = narrative(report.organ, year, numbers=False, variant=1)
        # Table 三: what ``report`` carries over was carried forward; one more was granted.
        forward = {key: report.value("table3", "carried_over", key) or 0 for key in APPLICANTS}
        more = {**forward, "natural_person": forward["natural_person"] + 1}
        self.applicants(previous, "new_received", **more)
        self.applicants(previous, "granted", natural_person=1)
        self.applicants(previous, "total", natural_person=1)
        self.applicants(previous, "carried_forward", **forward)
        if fmt == "2021" and report.format == "2021":
            # Y2: in force (Y) = in force (Y−1) + issued (Y) − abolished (Y).
            for row in ("regulations", "normative_docs"):
                now = {k: report.value("table2", row, k) for k in ("issued", "abolished")}
                before = report.value("table2", row, "in_force") - now["issued"] + now["abolished"]
                previous.set("table2", row, "in_force", before)
        if fmt == "2019" and report.format == "2019":
            # Y3: previous count (Y) = previous count (Y−1) + change (Y−1).
            for row in get_format("2019").table("table2").data_rows:
                if "change" not in {column.key for column in row.columns}:
                    continue
                change = 1 if row.key == "licensing" else 0
                previous.set("table2", row.key, "change", change)
                previous.set(
                    "table2",
                    row.key,
                    "previous_count",
                    report.value("table2", row.key, "previous_count") - change,
                )
        return previous

    @staticmethod
    def applicants(report: Report, row: str, **counts: int) -> None:
        """Set a table-三 row: the given columns, 0 elsewhere, and 总计 = their sum (A2)."""
        for key in APPLICANTS:
            report.set("table3", row, key, counts.get(key, 0))
        report.set("table3", row, "total", sum(counts.values()))

    @staticmethod
    def total_applicants(report: Report, row: str) -> None:
        """Make a table-三 row's 总计 the sum of its six applicant columns (A2)."""
        report.set("table3", row, "total", sum(report.value("table3", row, k) for k in APPLICANTS))

    @staticmethod
    def appeals(report: Report, row: str, **counts: int) -> None:
        """Set a table-四 row: the given columns, 0 elsewhere, and 总计 = their sum (A5–A7)."""
        for key in APPEAL_PARTS:
            report.set("table4", row, key, counts.get(key, 0))
        report.set("table4", row, "total", sum(counts.values()))

    @staticmethod
    def drop_row(report: Report, table: str, row: str) -> None:
        del report.tables[table][row]

    @staticmethod
    def clone(report: Report) -> Report:
        return copy.deepcopy(report)

    @staticmethod
    def findings(
        report: Report,
        rule: str | None = None,
        *,
        previous: Report | None = None,
        settings: CheckSettings = DEFAULT_SETTINGS,
    ) -> list[Finding]:
        """Every finding of ``check``, or only those of one rule."""
        found = check(report, previous=previous, settings=settings)
        return found if rule is None else [f for f in found if f.rule == rule]


@pytest.fixture
def build() -> ReportFactory:
    return ReportFactory()
