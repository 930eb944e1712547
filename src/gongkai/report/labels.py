"""Label text: normalisation for matching printed labels (DOMAIN §1.6), display names for messages,
and format detection from the labels a document prints (F1)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from gongkai.report.formats import expected_format, get_format
from gongkai.report.spec import RowKind, TableSpec

_TRANSLATION = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ":": "：",
        ",": "，",
        '"': "“",
        "'": "“",
        "”": "“",
        "‘": "“",
        "’": "“",
        "、": "，",
        "．": ".",
        "。": ".",
    }
)
_SPACE = re.compile(r"\s+")


def normalize_label(text: str) -> str:
    """Fold the ways real reports print a label: half-width punctuation, quotes, separators,
    spaces and line breaks inside cells. Full-width digits and letters become ASCII (NFKC)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_TRANSLATION))


# How a person names each table: by its number in the report.
TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}

_NOTE = re.compile(r"（[^（）]*）$")


@cache
def short_label(table: TableSpec, row_key: str) -> str:
    """A row's label for messages: without the trailing note, after its heading for sub-rows."""
    row = table.row(row_key)
    label = _NOTE.sub("", row.label) if row.label.startswith("（") else row.label
    parent = table.row(row.parent) if row.parent else None
    if parent is not None and parent.kind is not RowKind.CAPTION and row.label[:1].isdigit():
        return f"{short_label(table, parent.key)}·{label}"
    if parent is not None and table.transposed:
        return f"{parent.label}·{label}"
    return label


def column_label(table: TableSpec, row_key: str, column_key: str) -> str:
    return table.row(row_key).column(column_key).label


def cell_label(format_key: str, table_key: str, row_key: str, column_key: str | None) -> str:
    """``（三）不予公开·1.属于国家秘密 / 自然人`` — a cell as a person finds it in the table."""
    table = get_format(format_key).table(table_key)
    row = short_label(table, row_key) if table.has_row(row_key) else row_key
    if column_key is None:
        return row
    try:
        return f"{row} / {column_label(table, row_key, column_key)}"
    except KeyError:
        return f"{row} / {column_key}"


# Labels that only one format prints (DOMAIN §2.6): table 二's column headings first, then the
# rows that one format has and the other lacks.
_FORMAT_MARKERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购总金额"),
}
_ROW_MARKERS = {
    "2021": ("逾期不补正", "逾期未按收费通知"),  # （六）其他处理's three sub-rows
    "2019": ("其他对外管理服务事项", "政府集中采购"),
}


def detect_format(year: int | None, labels: Iterable[str]) -> str | None:
    """The format a document is written in, from the labels it prints; failing that, the format
    its year requires. ``None`` when neither tells (a pre-2019 report without table markers)."""
    text = "".join(normalize_label(label) for label in labels)
    votes = {
        key: sum(marker in text for marker in markers) for key, markers in _FORMAT_MARKERS.items()
    }
    if votes["2021"] != votes["2019"]:
        return max(votes, key=lambda key: votes[key])
    for key, markers in _ROW_MARKERS.items():
        if any(marker in text for marker in markers):
            return key
    expected = expected_format(year) if year is not None else None
    return expected.key if expected else None
