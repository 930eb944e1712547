"""The demo registers: 青山区司法局's 2023 tables 二 and 四 computed from them equal the seed
report's, cell by cell; 2024 gives non-trivial tables that pass every A rule."""

from __future__ import annotations

import pytest
from django.core.management import call_command

import gongkai
from gongkai.report.model import Report
from gongkai.web.appeals.compiling import compile_table4
from gongkai.web.appeals.models import Case
from gongkai.web.organs.models import Organ
from gongkai.web.registers.compiling import compile_table2
from gongkai.web.registers.models import Document
from web.fixtures import SEED_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_bureau() -> Organ:
    call_command("load_demo", verbosity=0)
    return Organ.objects.get(name="青山区司法局")


def seed_cells(table: str) -> dict[str, dict[str, object]]:
    seed = gongkai.read(SEED_TEXT)
    return {
        row: {column: cell.value for column, cell in columns.items()}
        for row, columns in seed.tables[table].items()
    }


def test_2023_compiled_from_the_demo_equals_the_seed_report(demo_bureau: Organ) -> None:
    assert compile_table2(demo_bureau, 2023) == seed_cells("table2")
    assert compile_table4(demo_bureau, 2023) == seed_cells("table4")


def test_2024_has_non_trivial_tables_that_pass_the_a_rules(demo_bureau: Organ) -> None:
    table2 = compile_table2(demo_bureau, 2024)
    table4 = compile_table4(demo_bureau, 2024)
    assert table2["normative_docs"] == {"issued": 3, "abolished": 1, "in_force": 2}
    assert table2["licensing"] == {"decisions": 9}
    assert table4["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    report = Report(format="2021", organ=demo_bureau.name, year=2024)
    for key, cells in (("table2", table2), ("table4", table4)):
        for row, columns in cells.items():
            for column, value in columns.items():
                report.set(key, row, column, value)
    assert [f for f in gongkai.check(report) if f.rule.startswith("A")] == []


def test_the_demo_records_are_labelled_as_demo(demo_bureau: Organ) -> None:
    assert Document.objects.filter(organ=demo_bureau).exclude(note="示例数据").count() == 0
    assert Case.objects.filter(organ=demo_bureau).exclude(note="示例数据").count() == 0
