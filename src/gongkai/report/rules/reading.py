"""R1–R8: what a reader reports about its reading (``gongkai.readers.findings`` makes them).

They are registered here so that ``docs/rules.md`` and ``gongkai rules`` list every id a user can
meet; ``check`` passes them on from ``Report.reading`` rather than evaluating them.
"""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.rules.registry import RULES, Rule

_BY_READER = "读取时由读取器给出（见 docs/reading.md）"


def _register(*rules: tuple[str, Severity, str, str]) -> None:
    for rule_id, severity, title_zh, title_en in rules:
        RULES.add(
            Rule(
                rule_id,
                severity,
                title_zh,
                title_en,
                "读取（DOMAIN §1.6 印刷差异）",
                not_evaluated_because=_BY_READER,
            )
        )


_register(
    ("R1", Severity.WARNING, "未找到某张表的数字", "A table was not found"),
    ("R2", Severity.WARNING, "某行未读到或数字个数不符，按缺失处理", "A row was not read"),
    (
        "R3",
        Severity.WARNING,
        "连写数字有多种拆分，按缺失处理",
        "Glued digits split in several ways",
    ),
    ("R4", Severity.INFO, "连写数字按合计或列勾稽关系拆分", "Glued digits split by the identities"),
    (
        "R5",
        Severity.INFO,
        "行名与格式不符（错字），按最接近的行读取",
        "A misprinted label was matched",
    ),
    ("R6", Severity.INFO, "空白单元格按 0 或缺失读取", "Blank cells read as 0 or missing"),
    ("R7", Severity.WARNING, "未找到标题、机关名称或年度", "Title, organ or year not found"),
    ("R8", Severity.INFO, "格式按年度或默认值确定", "Format assumed"),
)

# Scans, legacy Office files and ruled PDF tables (readers/ocr.py, legacy.py, ruling.py).
_register(
    ("R11", Severity.INFO, "报告经文字识别（OCR）读取", "The report was read by OCR"),
    (
        "R12",
        Severity.WARNING,
        "文字识别不够确定的数字，按缺失处理",
        "A number OCR was not sure of is missing",
    ),
    ("R13", Severity.INFO, "旧版 Office 文件经 LibreOffice 转换后读取", "A legacy file converted"),
    ("R14", Severity.INFO, "表格按 PDF 的表格线划分单元格读取", "Cells read from ruling lines"),
)

# The previous year's report as a witness for glued digit runs (readers/witness.py).
_register(
    (
        "R15",
        Severity.INFO,
        "连写数字按上年报告（跨年度勾稽 Y1–Y3）唯一拆分",
        "Glued digits decided by the previous year's report",
    ),
    (
        "R16",
        Severity.INFO,
        "所给上年报告不是上一年度的，未使用",
        "The previous report was not used",
    ),
)
