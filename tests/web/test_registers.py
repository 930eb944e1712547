"""The registers behind table 二: documents, monthly figures (typed and imported), the 2019
format's year items, and table 二 compiled for both formats — checked against a slow count in
Python and against the A rules."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

import gongkai
from gongkai.report.model import Report
from gongkai.web.audit.models import AuditEntry
from gongkai.web.organs.models import Organ
from gongkai.web.registers import services
from gongkai.web.registers.compiling import compile_table2
from gongkai.web.registers.models import Document, MonthlyFigures

pytestmark = pytest.mark.django_db

D = datetime.date


def document(organ: Organ, kind: str, issued: D, abolished: D | None = None, **extra: Any) -> Any:
    return services.add_document(
        None,
        organ,
        kind=kind,
        title=f"文件{issued.isoformat()}",
        issued_on=issued,
        abolished_on=abolished,
        **extra,
    )


def slow_table2_2021(organ: Organ, year: int) -> dict[str, dict[str, Any]]:
    """The reference: every document and month looked at one by one."""
    end = D(year, 12, 31)
    cells: dict[str, dict[str, Any]] = {}
    for kind in ("regulations", "normative_docs"):
        docs = [d for d in Document.objects.all() if d.organ_id == organ.pk and d.kind == kind]
        cells[kind] = {
            "issued": sum(1 for d in docs if d.issued_on.year == year),
            "abolished": sum(1 for d in docs if d.abolished_on and d.abolished_on.year == year),
            "in_force": sum(1 for d in docs if d.is_in_force_on(end)),
        }
    months = [m for m in MonthlyFigures.objects.all() if m.organ_id == organ.pk and m.year == year]
    for row in ("licensing", "punishment", "coercion"):
        cells[row] = {"decisions": sum(getattr(m, row) for m in months)}
    cells["fees"] = {"amount": sum((m.fees for m in months), Decimal(0))}
    return cells


def a_rules(organ: Organ, year: int, cells: dict[str, dict[str, Any]]) -> list[Any]:
    report = Report(format="2021" if year >= 2021 else "2019", organ=organ.name, year=year)
    for row, columns in cells.items():
        for column, value in columns.items():
            report.set("table2", row, column, value)
    return [f for f in gongkai.check(report) if f.rule.startswith("A")]


def test_it_counts_issued_abolished_and_in_force_on_31_december(bureau: Organ) -> None:
    document(bureau, "normative_docs", D(2021, 3, 1))  # in force
    document(bureau, "normative_docs", D(2023, 2, 1))  # issued this year, in force
    document(bureau, "normative_docs", D(2022, 5, 1), D(2023, 6, 30))  # abolished this year
    document(bureau, "normative_docs", D(2023, 4, 1), D(2023, 12, 31))  # both, not in force
    document(bureau, "normative_docs", D(2024, 1, 2))  # next year: not counted
    document(bureau, "regulations", D(2020, 1, 1), D(2024, 1, 1))  # abolished next year: in force
    cells = compile_table2(bureau, 2023)
    assert cells["normative_docs"] == {"issued": 2, "abolished": 2, "in_force": 2}
    assert cells["regulations"] == {"issued": 0, "abolished": 0, "in_force": 1}
    assert cells == slow_table2_2021(bureau, 2023)


def test_decisions_and_fees_are_the_sums_of_the_months(bureau: Organ, other_bureau: Organ) -> None:
    services.save_monthly_figures(
        None,
        bureau,
        2024,
        {
            1: {"licensing": 3, "punishment": 1, "fees": Decimal("0.25")},
            7: {"coercion": 2, "fees": Decimal("1.5")},
        },
    )
    services.save_monthly_figures(None, other_bureau, 2024, {1: {"licensing": 50}})
    services.save_monthly_figures(None, bureau, 2023, {1: {"licensing": 50}})
    cells = compile_table2(bureau, 2024)
    assert cells["licensing"] == {"decisions": 3}
    assert cells["punishment"] == {"decisions": 1}
    assert cells["coercion"] == {"decisions": 2}
    assert cells["fees"] == {"amount": Decimal("1.75")}
    assert a_rules(bureau, 2024, cells) == []


def test_a_year_without_records_compiles_to_zeros_not_blanks(bureau: Organ) -> None:
    cells = compile_table2(bureau, 2023)
    assert all(value == 0 for row in cells.values() for value in row.values())
    assert len([v for row in cells.values() for v in row.values()]) == 10  # F3: 10 cells


def test_the_2019_format_is_derived_for_2019_and_2020(bureau: Organ) -> None:
    document(bureau, "normative_docs", D(2020, 3, 1), published_on=D(2020, 3, 5))
    document(bureau, "normative_docs", D(2019, 12, 20), published_on=D(2020, 1, 3))
    document(bureau, "normative_docs", D(2018, 1, 1), D(2020, 8, 1))
    services.save_monthly_figures(
        None, bureau, 2020, {2: {"punishment": 4, "other_admin_services": 2}}
    )
    services.save_year_items(None, bureau, 2019, {"punishment_items": 10, "fee_items": 3})
    services.save_year_items(
        None,
        bureau,
        2020,
        {
            "punishment_items": 7,
            "fee_items": 3,
            "procurement_projects": 2,
            "procurement_amount": Decimal("12.5"),
        },
    )
    cells = compile_table2(bureau, 2020)
    assert cells["normative_docs"] == {"made": 1, "published": 2, "public_total": 2}
    assert cells["punishment"] == {"previous_count": 10, "change": -3, "decisions": 4}
    assert cells["other_admin_services"]["decisions"] == 2
    assert cells["fees"] == {"previous_count": 3, "change": 0}
    assert cells["procurement"] == {"project_count": 2, "amount": Decimal("12.5")}
    # A year whose 事项 list was not recorded leaves those cells blank, never 0.
    assert cells["licensing"] == {"previous_count": None, "change": None, "decisions": 0}
    assert a_rules(bureau, 2020, cells) == []
    assert len([v for row in cells.values() for v in row.values()]) == 22  # F3: 22 cells


def test_a_year_before_2019_has_no_table_to_compile(bureau: Organ) -> None:
    from gongkai.web.registers.compiling import NoFormatError

    with pytest.raises(NoFormatError):
        compile_table2(bureau, 2018)


def test_every_change_is_audited(clerk: Any, bureau: Organ) -> None:
    doc = services.add_document(
        clerk, bureau, kind="normative_docs", title="青司规〔2023〕1号", issued_on=D(2023, 1, 5)
    )
    services.update_document(clerk, doc, abolished_on=D(2023, 9, 1))
    services.save_monthly_figures(clerk, bureau, 2023, {3: {"punishment": 2}})
    services.delete_document(clerk, doc)
    entries = AuditEntry.objects.filter(action__startswith="register.").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == [
        "register.document.add",
        "register.document.change",
        "register.month.save",
        "register.document.delete",
    ]
    change = AuditEntry.objects.get(action="register.document.change")
    assert (change.before["abolished_on"], change.after["abolished_on"]) == (None, "2023-09-01")


def test_an_abolition_before_the_issue_is_refused(bureau: Organ) -> None:
    with pytest.raises(services.RegisterError, match="废止日期不能早于制发日期"):
        document(bureau, "normative_docs", D(2023, 5, 1), D(2023, 4, 1))
    assert not Document.objects.exists()


class TestCompiledTable2MatchesTheSlowCount(HypothesisTestCase):
    """For any register, table 二 equals the one-by-one count and passes every A rule."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        documents=st.lists(
            st.tuples(
                st.sampled_from(["regulations", "normative_docs"]),
                st.dates(D(2020, 1, 1), D(2025, 12, 31)),
                st.one_of(st.none(), st.integers(0, 900)),
            ),
            max_size=12,
        ),
        months=st.dictionaries(
            st.integers(1, 12),
            st.fixed_dictionaries(
                {
                    "licensing": st.integers(0, 500),
                    "punishment": st.integers(0, 500),
                    "coercion": st.integers(0, 500),
                    "fees": st.decimals(0, 1000, places=4),
                }
            ),
            max_size=12,
        ),
        year=st.integers(2021, 2025),
    )
    def test_it(self, documents: list[Any], months: dict[int, Any], year: int) -> None:
        from gongkai import OrganKind
        from gongkai.web.organs.services import create_organ

        organ = create_organ(None, name="青山区司法局", kind=OrganKind.DEPARTMENT)
        for kind, issued, days in documents:
            abolished = None if days is None else issued + datetime.timedelta(days=days)
            document(organ, kind, issued, abolished)
        services.save_monthly_figures(None, organ, year, months)
        cells = compile_table2(organ, year)
        assert cells == slow_table2_2021(organ, year)
        assert a_rules(organ, year, cells) == []


# ── Import from XLSX ─────────────────────────────────────────────────────────────────────────


def workbook(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_sheet(client: Client, organ: Organ, content: bytes, **mapping: str) -> Any:
    data: dict[str, Any] = {
        "year": 2024,
        "file": SimpleUploadedFile("月报.xlsx", content),
        "column_month": "月份",
        "column_licensing": "许可",
        "column_punishment": "处罚",
        "column_coercion": "强制",
        "column_other_admin_services": "",
        "column_fees": "收费（万元）",
    }
    data.update({f"column_{k}": v for k, v in mapping.items()})
    return client.post(reverse("registers:import_months", args=[organ.pk]), data)


HEADER = ["月份", "许可", "处罚", "强制", "收费（万元）"]


def test_the_clerk_imports_a_sheet_through_a_column_mapping(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    content = workbook([HEADER, ["1月", 2, 5, 0, 0.5], [2, 1, 0, 1, None], [None] * 5])
    response = import_sheet(client_as(clerk), bureau, content)
    assert response.status_code == 302
    stored = {m.month: m for m in MonthlyFigures.objects.filter(organ=bureau, year=2024)}
    assert sorted(stored) == [1, 2]
    assert (stored[1].licensing, stored[1].punishment, stored[1].fees) == (2, 5, Decimal("0.5"))
    assert compile_table2(bureau, 2024)["coercion"] == {"decisions": 1}
    assert AuditEntry.objects.filter(action="register.month.import").count() == 1


def test_a_sheet_with_bad_rows_is_refused_whole_with_their_line_numbers(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    content = workbook(
        [
            HEADER,
            [1, 2, 5, 0, 0],
            [2, "三", 0, 0, 0],
            [13, 1, 1, 1, 1],
            [4, 1, -2, 0, 0],
            [1, 0, 0, 0, 0],
        ]
    )
    response = import_sheet(client_as(clerk), bureau, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert "第3行“许可”：“三”不是数字" in page
    assert "第4行：月份“13”无法识别" in page
    assert "第5行“处罚”：“-2”不能为负数" in page
    assert "第6行：1月与第2行重复" in page
    assert not MonthlyFigures.objects.exists()  # all or nothing: the good row was not kept


def test_a_mapping_that_names_a_missing_header_is_refused(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    response = import_sheet(
        client_as(clerk), bureau, workbook([HEADER, [1, 1, 1, 1, 1]]), licensing="许可数"
    )
    assert response.status_code == 400
    assert "第1行（表头）没有名为“许可数”的列" in response.content.decode()
    assert not MonthlyFigures.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    response = import_sheet(client_as(clerk), bureau, b"%PDF-1.4 not a sheet")
    assert response.status_code == 400
    assert "无法读取该文件" in response.content.decode()


# ── Pages and permissions ────────────────────────────────────────────────────────────────────


def test_the_grid_saves_twelve_months_and_table_2_shows_them(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    data = {"year": 2024, "m3_punishment": "4", "m5_fees": "0.3", "m5_punishment": "1"}
    response = client.post(reverse("registers:save_months", args=[bureau.pk]), data)
    assert response.status_code == 302
    assert compile_table2(bureau, 2024)["punishment"] == {"decisions": 5}
    page = client.get(reverse("registers:index", args=[bureau.pk]) + "?year=2024")
    assert page.status_code == 200
    assert 'name="m3_punishment" value="4"' in page.content.decode()
    assert "本年处理决定数量" in page.content.decode()


def test_a_bad_grid_cell_stores_nothing_and_says_where(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    data = {"year": 2024, "m3_punishment": "4", "m5_licensing": "1.5"}
    response = client_as(clerk).post(reverse("registers:save_months", args=[bureau.pk]), data)
    assert response.status_code == 400
    assert "5月“行政许可”：应为整数" in response.content.decode()
    assert not MonthlyFigures.objects.exists()


def test_the_clerk_registers_a_document_from_the_page(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    data = {
        "year": 2023,
        "kind": "normative_docs",
        "title": "关于规范法律援助工作的通知",
        "number": "青司发〔2023〕3号",
        "issued_on": "2023-03-01",
    }
    response = client_as(clerk).post(reverse("registers:add_document", args=[bureau.pk]), data)
    assert response.status_code == 302
    assert compile_table2(bureau, 2023)["normative_docs"]["issued"] == 1


@pytest.mark.parametrize(
    ("persona", "reads", "edits"),
    [
        ("clerk", 200, 302),
        ("reviewer", 200, 403),
        ("head", 200, 403),
        ("supervisor", 200, 403),
        ("submitter", 404, 404),
        ("outsider", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_it_checks_who_may_read_and_edit(
    persona: str,
    reads: int,
    edits: int,
    bureau: Organ,
    everyone: dict[str, Any],
    head: Any,
    client_as: Callable[..., Client],
) -> None:
    client = client_as(head if persona == "head" else everyone[persona])
    assert client.get(reverse("registers:index", args=[bureau.pk])).status_code == reads
    data = {"year": 2024, "m1_licensing": "1"}
    response = client.post(reverse("registers:save_months", args=[bureau.pk]), data)
    assert response.status_code == edits
    assert MonthlyFigures.objects.exists() == (edits == 302 and persona == "clerk")


def test_it_rejects_get_on_a_change(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    response = client_as(clerk).get(reverse("registers:save_months", args=[bureau.pk]))
    assert response.status_code == 405
