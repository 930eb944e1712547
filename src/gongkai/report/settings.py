"""Settings of the checker. Facts that DOMAIN.md marks unconfirmed ([M]) and thresholds of the
plausibility rules live here with their defaults, never as constants inside the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gongkai.report.findings import Severity


@dataclass(frozen=True, slots=True)
class CheckSettings:
    # Y1 is an error, but organs do re-classify carried-over applications: a supervisor may
    # prefer a warning (DOMAIN §3.3).
    y1_severity: Severity = Severity.ERROR
    # W2: flag when 结转下年度 > 本年新收 × ratio, once carry-over reaches min_count.
    w2_carry_forward_ratio: float = 0.5
    w2_min_count: int = 3
    # W4: a 收费金额 in 万元 at or above this looks like a sum in 元.
    w4_max_plausible_wanyuan: Decimal = Decimal(100000)
    # W6: a share of 结果纠正 above this among decided cases is worth a note.
    w6_corrected_share: float = 0.5
    # Y2: allowed gap in 现行有效件数 (expiry, revisions and clean-ups make exact equality rare).
    y2_tolerance: int = 0
    # Y5: text similarity at or above this counts as 内容雷同 (CASS found ~90 %).
    y5_similarity: float = 0.9
    # F7 rests on an unconfirmed reading of 30号 (DOMAIN §1.2 [M]): switchable.
    f7_enabled: bool = True
    # 条例第四十九条 sets the deadlines of departments (1月31日) and governments (3月31日).
    department_deadline: tuple[int, int] = (1, 31)
    government_deadline: tuple[int, int] = (3, 31)
    # P3: reports for 2018 and earlier (2007 条例 old 第三十一条) were due 3月31日.
    pre2019_deadline: tuple[int, int] = (3, 31)
    # P4: townships have no statutory date; a region may set one (e.g. Huaihua: 2月20日).
    township_deadline: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        for name in ("department_deadline", "government_deadline", "pre2019_deadline"):
            _check_month_day(name, getattr(self, name))
        if self.township_deadline is not None:
            _check_month_day("township_deadline", self.township_deadline)


def _check_month_day(name: str, month_day: tuple[int, int]) -> None:
    month, day = month_day
    try:
        date(2000, month, day)  # a leap year, so that 2月29日 is allowed
    except ValueError:
        raise ValueError(f"{name}: {month}月{day}日 is not a date") from None


DEFAULT_SETTINGS = CheckSettings()
