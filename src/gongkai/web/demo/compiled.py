"""The compiled annual reports of the demo (issue 12 item 8, 示例数据).

青山区司法局 2023 is compiled from its demo records and reproduces the seed report: tables 二 and
四 from the registers (``demo/registers.py``), table 三 from its cases (it received none in 2023,
as the seed says: the demo cases of ``demo/applications.py`` lie in the current year), the
narrative's figures from the publishing records (``demo/publishing.py``: 1,092 / 301 / 791 / 214 /
2,180 / 39). 2024 is compiled from a year of demo cases added here, with the 2024 registers and
复议/诉讼 cases, and is left in review at level 1.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from gongkai.web.accounts.models import User
from gongkai.web.demo.applications import DemoBuilder
from gongkai.web.organs.models import Organ
from gongkai.web.workspace import services as workspace

D = datetime.date

# 2024's cases: (outcome, received). Two received in late December are answered in January
# 2025 and so carried forward (结转下年度).
CASES_2024 = (
    ("disclosed", D(2024, 2, 19)),
    ("disclosed", D(2024, 3, 11)),
    ("disclosed", D(2024, 4, 8)),
    ("partial", D(2024, 5, 13)),
    ("already-public", D(2024, 6, 3)),
    ("denied-third-party", D(2024, 6, 24)),
    ("not-exist", D(2024, 7, 15)),
    ("not-exist", D(2024, 8, 5)),
    ("not-this-organ", D(2024, 9, 9)),
    ("petition", D(2024, 10, 14)),
    ("disclosed", D(2024, 11, 4)),
    ("disclosed", D(2024, 12, 23)),
    ("partial", D(2024, 12, 24)),
)
FIRST_INDEX = 200  # apart from the indexes (applicants, phone numbers) of the current-year demo


def load(bureau: Organ, log: list[str]) -> None:
    """The 2024 cases, then the 2023 and 2024 drafts compiled from the records."""
    with transaction.atomic():
        builder = DemoBuilder(bureau)
        for offset, (outcome, received) in enumerate(CASES_2024):
            builder.closed(FIRST_INDEX + offset, outcome, received)
    clerk = User.objects.get(username="clerk")
    seed_year = workspace.start_draft(clerk, bureau, 2023)
    demo_year = workspace.start_draft(clerk, bureau, 2024)
    _in_review(clerk, demo_year)
    log.append(
        f"{bureau.name}：由记录编制 2023 年度报告（与种子报告一致，{seed_year.error_count} 个错误）"
        f"和 2024 年度报告（{len(CASES_2024)} 件示例申请，审核中），示例数据。"
    )


def _in_review(clerk: Any, draft: Any) -> None:
    workspace.submit(clerk, draft)
