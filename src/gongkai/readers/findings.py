"""What a reader reports about its reading (rule ids R1–R8, listed in ``docs/rules.md``).

A reader never invents a number: what it cannot read is *missing*, and one of these findings
says where and why; what it repaired or decided is said too, so a person can check it.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.readers.document import Blank
from gongkai.readers.tokens import Token
from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.labels import TABLE_NAMES, short_label
from gongkai.report.spec import RowKind, RowSpec, TableSpec

_MAX_SHOWN = 6  # candidates or cells listed in one message


def _where(tokens: Sequence[Token]) -> str:
    for token in tokens:
        if token.source is not None:
            return f"（{token.source.describe()}）"
    return ""


def _name(table: TableSpec, row: RowSpec) -> str:
    return f"{TABLE_NAMES[table.key]}“{short_label(table, row.key)}”"


def table_missing(table: TableSpec) -> Finding:
    name = TABLE_NAMES[table.key]
    return Finding(
        "R1",
        Severity.WARNING,
        f"未找到{name}（{table.title_zh}）的数字，其单元格按缺失处理",
        f"Table {table.key[-1]} was not found; its cells are missing",
        (CellRef(table.key),),
    )


def missing_rows(table: TableSpec, read: set[str], said: set[str | None]) -> list[Finding]:
    """R1 for a table not found at all, R2 for the rows not read (but for those ``said``
    already: an ambiguous or unreadable row has its own finding)."""
    wanted = [row for row in table.data_rows if row.columns]
    if table.key == "table3" and "other" in read:  # （六）其他处理 printed as one row
        wanted = [row for row in wanted if row.parent != "other"]
    if not read:
        return [table_missing(table)]
    missing = [row for row in wanted if row.key not in read and row.key not in said]
    if not missing:
        return []
    names = "、".join(short_label(table, row.key) for row in missing[:_MAX_SHOWN])
    more = f"等 {len(missing)} 行" if len(missing) > _MAX_SHOWN else ""
    return [
        Finding(
            "R2",
            Severity.WARNING,
            f"{TABLE_NAMES[table.key]}未读到以下行的数字：{names}{more}；这些单元格按缺失处理",
            f"{len(missing)} row(s) of {table.key} were not read; their cells are missing",
            tuple(CellRef(table.key, row.key) for row in missing),
        )
    ]


def row_unreadable(table: TableSpec, row: RowSpec, tokens: Sequence[Token], why: str) -> Finding:
    """R2 for a row whose numbers do not fit it; table 四 (printed as one line) as a whole."""
    printed = " ".join(token.text or "□" for token in tokens)
    width = sum(len(r.columns) for r in table.data_rows) if table.transposed else len(row.columns)
    reason = {
        "count": f"应有 {width} 个数，读到 {len(tokens)} 个",
        "split": f"无法拆分为 {width} 个符合合计的数",
    }[why]
    name = TABLE_NAMES[table.key] if table.transposed else _name(table, row)
    return Finding(
        "R2",
        Severity.WARNING,
        f"{name}的数字“{printed}”{reason}{_where(tokens)}，按缺失处理",
        f"Row {row.key} of {table.key} could not be read ({why}): {printed}",
        (CellRef(table.key, None if table.transposed else row.key),),
        {"printed": printed},
    )


def ambiguous_row(
    table: TableSpec,
    row: RowSpec,
    runs: Sequence[str],
    candidates: Sequence[Sequence[str]],
    kept: int = 0,
) -> Finding:
    """R3; ``kept``: how many of the row's cells every split agrees on (those were read)."""
    rest = (
        f"该行其余单元格按缺失处理（{kept} 个数在各种拆分中相同，已读取）"
        if kept
        else "该行按缺失处理"
    )
    shown = "；".join("|".join(c) for c in candidates[:_MAX_SHOWN])
    more = f"等 {len(candidates)} 种" if len(candidates) > _MAX_SHOWN else ""
    printed = " ".join(runs)
    return Finding(
        "R3",
        Severity.WARNING,
        f"{_name(table, row)}的连写数字“{printed}”有多种拆分（{shown}{more}），"
        f"无法唯一确定，{rest}，请对照原件",
        f"The glued digits '{printed}' of row {row.key} split in {len(candidates)} ways; "
        "the row is missing",
        (CellRef(table.key, row.key),),
        {"printed": printed, "candidates": shown},
    )


def ambiguous_appeals(
    table: TableSpec, runs: Sequence[str], candidates: Sequence[Sequence[str]]
) -> Finding:
    printed = " ".join(runs)
    return Finding(
        "R3",
        Severity.WARNING,
        f"表四的连写数字“{printed}”有 {len(candidates)} 种拆分，无法唯一确定，按缺失处理",
        f"The glued digits '{printed}' of table 4 split in {len(candidates)} ways",
        (CellRef(table.key),),
        {"printed": printed},
    )


def split_runs(table: TableSpec, splits: Sequence[tuple[RowSpec, str, str]]) -> Finding:
    """Glued digit runs cut back into cells, one finding per table: (row, printed, cells)."""
    shown = "；".join(
        f"{'' if table.transposed else short_label(table, row.key) + ' '}{printed}→{cells}"
        for row, printed, cells in splits[:3]
    )
    more = f" 等 {len(splits)} 处" if len(splits) > 3 else ""
    return Finding(
        "R4",
        Severity.INFO,
        f"{TABLE_NAMES[table.key]}的连写数字按各行合计唯一拆分：{shown}{more}",
        f"{len(splits)} glued digit run(s) of {table.key} split uniquely by the row totals",
        tuple(CellRef(table.key, None if table.transposed else row.key) for row, _, _ in splits),
    )


def resolved_by_identities(
    table: TableSpec, row: RowSpec, runs: Sequence[str], texts: Sequence[str]
) -> Finding:
    printed = " ".join(runs)
    return Finding(
        "R4",
        Severity.INFO,
        f"{_name(table, row)}的连写数字“{printed}”有多种拆分，按表三的列勾稽关系确定为 "
        f"{'|'.join(texts)}，请对照原件",
        f"Glued digits '{printed}' of row {row.key} decided by the column identities: "
        f"{'|'.join(texts)}",
        (CellRef(table.key, row.key),),
        {"printed": printed},
    )


def resolved_by_text(
    table: TableSpec, row: RowSpec, runs: Sequence[str], texts: Sequence[str], quoted: str
) -> Finding:
    printed = " ".join(runs)
    return Finding(
        "R4",
        Severity.INFO,
        f"{_name(table, row)}的连写数字“{printed}”有多种拆分，按正文所述（“{quoted}”）确定为 "
        f"{'|'.join(texts)}，请对照原件",
        f"Glued digits '{printed}' of row {row.key} decided by the narrative: {'|'.join(texts)}",
        (CellRef(table.key, row.key),),
        {"printed": printed},
    )


def resolved_by_previous(
    table: TableSpec, row: RowSpec, runs: Sequence[str], texts: Sequence[str], said: str
) -> Finding:
    """R15: a glued run decided by the organ's report of the year before (``witness.py``)."""
    printed = " ".join(runs)
    return Finding(
        "R15",
        Severity.INFO,
        f"{_name(table, row)}的连写数字“{printed}”有多种拆分，只有 {'|'.join(texts)} 与上年报告"
        f"相符（{said}），按此读取，请对照原件",
        f"Glued digits '{printed}' of row {row.key} decided by the previous year's report: "
        f"{'|'.join(texts)}",
        (CellRef(table.key, row.key),),
        {"printed": printed, "previous": said},
    )


def witness_unused(why: str) -> Finding:
    """R16: the report given as last year's is of another year."""
    return Finding(
        "R16",
        Severity.INFO,
        why,
        "The report given as the previous year's is of another year; it was not used",
    )


def repaired_label(table: TableSpec, row: RowSpec, printed: str) -> Finding:
    kind = "标题" if row.kind is RowKind.HEADING else "行"
    return Finding(
        "R5",
        Severity.INFO,
        f"{TABLE_NAMES[table.key]}的{kind}名“{printed}”与格式不符，按“{row.label}”读取",
        f"Label '{printed}' does not match the format; read as '{row.label}'",
        (CellRef(table.key, row.key),),
        {"printed": printed},
    )


def blank_cells(cells: Sequence[tuple[str, str, str]], blank: Blank) -> Finding:
    meaning = "按 0 计" if blank is Blank.ZERO else "按缺失处理"
    return Finding(
        "R6",
        Severity.INFO,
        f"{len(cells)} 个空白单元格{meaning}",
        f"{len(cells)} blank cell(s) read as {'0' if blank is Blank.ZERO else 'missing'}",
        tuple(CellRef(*cell) for cell in cells),
    )


def metadata_missing(what: str, assumed: str) -> Finding:
    return Finding(
        "R7",
        Severity.WARNING,
        f"文档中未找到{what}，{assumed}",
        f"The document does not state the {what}",
    )


def format_assumed(format_key: str, why: str) -> Finding:
    return Finding(
        "R8",
        Severity.INFO,
        f"按{why}确定为 {format_key} 年格式",
        f"Format {format_key} assumed from {why}",
    )
