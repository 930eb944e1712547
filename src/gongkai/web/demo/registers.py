"""Demo registers and cases of 青山区司法局 (示例数据).

2023 reproduces the seed report's tables 二 and 四 (`../shared/corpus/raw/
seed-qingshan-justice-2023.txt`): every cell 0 — no 规章 or 行政规范性文件 in force at the end of
2023, no decisions, no fees, no 复议 or 诉讼. The register shows one document abolished in 2022,
which changes none of 2023's cells. 2024 is invented for the demo, with non-trivial tables.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from gongkai.web.appeals import services as appeals
from gongkai.web.registers import services as registers

DEMO = "示例数据"
D = datetime.date

_DOCUMENTS = (
    # (title, 文号, issued, abolished)
    ("青山区司法局法律援助工作规程（示例）", "青司发〔2019〕5号", D(2019, 6, 3), D(2022, 9, 30)),
    ("青山区人民调解工作规范（示例）", "青司发〔2024〕2号", D(2024, 3, 12), None),
    ("青山区社区矫正工作细则（示例）", "青司发〔2024〕6号", D(2024, 6, 20), None),
    ("青山区公证服务收费公示办法（示例）", "青司发〔2024〕9号", D(2024, 8, 1), D(2024, 11, 28)),
)

# 2024, by month: 行政许可 (e.g. 基层法律服务工作者执业核准) and 行政处罚 decisions.
_MONTHS_2024 = {
    1: {"licensing": 2},
    3: {"licensing": 1, "punishment": 1},
    5: {"licensing": 3},
    8: {"punishment": 2},
    9: {"licensing": 1},
    11: {"licensing": 2, "coercion": 1},
}

_CASES = (
    # (kind, 案号, body, filed, result, closed, application reference)
    (
        "review",
        "青政复〔2024〕11号",
        "青山区人民政府",
        D(2024, 4, 8),
        "upheld",
        D(2024, 6, 3),
        "QS-2024-0012",
    ),
    (
        "review",
        "青政复〔2024〕37号",
        "青山区人民政府",
        D(2024, 12, 9),
        "pending",
        None,
        "QS-2024-0041",
    ),
    (
        "litigation_direct",
        "（2024）蒙0204行初19号",
        "包头市青山区人民法院",
        D(2024, 7, 15),
        "other",
        D(2024, 9, 2),
        "QS-2024-0023",
    ),
)


def load(bureau: Any, actor: Any, log: list[str]) -> None:
    """The bureau's demo registers and cases (2023 as in the seed report, and 2024)."""
    for title, number, issued, abolished in _DOCUMENTS:
        registers.add_document(
            actor,
            bureau,
            kind="normative_docs",
            title=title,
            number=number,
            issued_on=issued,
            abolished_on=abolished,
            note=DEMO,
        )
    # 2023: every month recorded, all zero, as the seed report says.
    registers.save_monthly_figures(actor, bureau, 2023, {month: {} for month in range(1, 13)})
    registers.save_monthly_figures(
        actor, bureau, 2024, {m: {**v, "fees": Decimal(0)} for m, v in _MONTHS_2024.items()}
    )
    for kind, number, body, filed, result, closed, reference in _CASES:
        appeals.register_case(
            actor,
            bureau,
            kind=kind,
            number=number,
            body=body,
            filed_on=filed,
            result=result,
            closed_on=closed,
            application_reference=reference,
            note=DEMO,
        )
    log.append(
        f"{bureau.name}：登记簿与复议、诉讼案件（{DEMO}，2023 与种子报告一致，另有 2024 年）。"
    )
