"""Canonical JSON: the schema, exact numbers, missing cells, and clear errors on bad input."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

import gongkai
from gongkai.errors import ReportInputError
from gongkai.report.canonical import dumps, from_dict, json_schema, loads, to_dict
from gongkai.report.model import Cell, Report, Source

SAMPLES = Path(gongkai.__file__).parent / "samples"


def _minimal(**tables: object) -> dict[str, object]:
    return {"format": "2021", "organ": "测试局", "year": 2023, "tables": tables}


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_the_bundled_samples_validate_and_round_trip_exactly(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(text))
    assert dumps(loads(text)) + "\n" == text


def test_a_missing_cell_is_null_never_zero() -> None:
    report = from_dict(_minimal(table2={"fees": {"amount": None}}))
    assert report.cell("table2", "fees", "amount") == Cell(None)
    assert to_dict(report)["tables"]["table2"]["fees"] == {"amount": None}


def test_decimals_are_read_exactly_and_written_back_unchanged() -> None:
    report = loads(
        json.dumps(_minimal(table2={"fees": {"amount": 0}})).replace("0}", "24252.311082}")
    )
    assert report.value("table2", "fees", "amount") == Decimal("24252.311082")
    assert '"amount": 24252.311082' in dumps(report)


def test_an_amount_beyond_float_precision_is_written_as_a_string_of_digits() -> None:
    report = Report(format="2021", organ="测试局", year=2023)
    report.set("table2", "fees", "amount", Decimal("12345678901234.56789"))
    assert '"12345678901234.56789"' in dumps(report)
    assert loads(dumps(report)).value("table2", "fees", "amount") == Decimal("12345678901234.56789")


def test_where_a_number_came_from_survives_the_round_trip() -> None:
    report = Report(format="2021", organ="测试局", year=2023)
    where = Source(file="002.pdf", page=3, line=12)
    report.set("table3", "new_received", "total", Cell(21, raw="21", source=where))
    again = loads(dumps(report))
    assert again.cell("table3", "new_received", "total") == Cell(21, "21", where)


def test_sections_none_and_sections_empty_stay_distinct() -> None:
    assert loads(json.dumps(_minimal())).sections is None
    assert loads(json.dumps({**_minimal(), "sections": {}})).sections == {}


def test_the_publication_date_and_organ_kind_are_read() -> None:
    data = {**_minimal(), "published_on": "2024-01-18", "organ_kind": "department"}
    report = from_dict(data)
    assert report.published_on == date(2024, 1, 18)
    assert report.organ_kind is gongkai.OrganKind.DEPARTMENT


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("{", "json_syntax", "第1行"),
        ('{"format": "2021"}', "schema", "缺少必需的键"),
        (json.dumps(_minimal(table3={"new_recieved": {"total": 1}})), "schema", "new_recieved"),
        (
            json.dumps(_minimal(table3={"new_received": {"total": "五"}})),
            "schema",
            "table3/new_received/total",
        ),
        (json.dumps({**_minimal(), "format": "2007"}), "schema", "2007"),
        (json.dumps(_minimal(table2={"regulations": {"made": 1}})), "schema", "made"),
        (json.dumps({**_minimal(), "published_on": "2024-02-30"}), "schema", "2024-02-30"),
        (b"\xff\xfe{}", "json_syntax", ""),
    ],
    ids=[
        "syntax",
        "required",
        "unknown-row",
        "text-in-count",
        "format",
        "2019-column-in-2021",
        "date",
        "bytes",
    ],
)
def test_bad_input_is_refused_with_a_code_and_a_chinese_message(text, code, fragment) -> None:
    with pytest.raises(ReportInputError) as raised:
        loads(text, source_file="bad.json")
    assert raised.value.code in (code, "encoding")
    assert fragment in raised.value.message
    assert str(raised.value).startswith("bad.json：")
