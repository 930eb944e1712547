"""信息处理费, 国办函〔2020〕109号 (DOMAIN §4.9), with the worked examples as tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import (
    FeeApplication,
    FeeInputError,
    FeeMethod,
    FeeSettings,
    assess_month,
    fee_by_volume,
    fee_per_item,
    monthly_ordinals,
    quote_by_volume,
    quote_per_item,
)
from gongkai.law.fees import month_total_per_item


@pytest.mark.parametrize(
    ("k", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (35, 200), (40, 200), (41, 300), (51, 400)],
)
def test_per_item_fee_of_the_kth_application_of_the_month(k: int, fee: int) -> None:
    """109号第四条: 1–10 free, 11–30 100元, then each tier of ten 100元 dearer."""
    assert fee_per_item(k) == fee


def test_thirty_five_applications_in_one_month_cost_3000_yuan_together() -> None:
    """109号第四条: 10 × 0 + 20 × 100 + 5 × 200."""
    assert month_total_per_item(35) == 3000


@pytest.mark.parametrize(
    ("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (250, 4700)]
)
def test_volume_fee_is_progressive_by_excess(pages: int, fee: int) -> None:
    """109号第五条, DOMAIN §4.9's examples: p=30→0, 100→700, 200→2700, 250→4700."""
    assert fee_by_volume(pages) == fee


def test_the_volume_quote_lists_each_tier() -> None:
    """109号第五条: 250 pages = 30×0 + 70×10 + 100×20 + 50×40."""
    quote = quote_by_volume(250)
    assert [(t.first, t.last, t.rate, t.amount) for t in quote.tiers] == [
        (1, 30, 0, 0),
        (31, 100, 10, 700),
        (101, 200, 20, 2000),
        (201, 250, 40, 2000),
    ]
    assert "合计 4700 元" in quote.explain()


@given(st.integers(min_value=0, max_value=100_000))
def test_volume_fee_matches_the_reference_formula(pages: int) -> None:
    """DOMAIN §4.9 reference formula for 第五条."""
    p = pages
    expected = 10 * max(0, min(p, 100) - 30) + 20 * max(0, min(p, 200) - 100) + 40 * max(0, p - 200)
    assert fee_by_volume(pages) == expected


@given(st.integers(min_value=1, max_value=10_000))
def test_per_item_fee_matches_the_reference_formula(k: int) -> None:
    """DOMAIN §4.9 reference formula for 第四条."""
    expected = 0 if k <= 10 else 100 if k <= 30 else 100 * (2 + (k - 31) // 10)
    assert fee_per_item(k) == expected


def test_applications_are_counted_per_applicant_per_calendar_month_and_per_organ() -> None:
    """109号第四条 "一个自然月内累计"; per organ by default [M], a setting."""
    applications = [
        FeeApplication("a1", "张三", "司法局", date(2026, 1, 30)),
        FeeApplication("a2", "张三", "司法局", date(2026, 1, 31)),
        FeeApplication("a3", "张三", "司法局", date(2026, 2, 1)),  # a new month: k = 1
        FeeApplication("b1", "李四", "司法局", date(2026, 1, 31)),
        FeeApplication("a4", "张三", "公安局", date(2026, 1, 31)),
    ]
    assert monthly_ordinals(applications) == {"a1": 1, "a2": 2, "a3": 1, "b1": 1, "a4": 1}
    across = monthly_ordinals(applications, FeeSettings(count_per_organ=False))
    # All five in one count but b1: a1 (01-30), then a2 and a4 (01-31) in the order given.
    assert (across["a1"], across["a2"], across["a4"], across["b1"]) == (1, 2, 3, 1)


def test_the_eleventh_application_of_a_month_is_the_first_charged() -> None:
    """109号第四条 over one month of one applicant."""
    applications = [FeeApplication(n, "张三", "司法局", date(2026, 3, 1 + n)) for n in range(12)]
    quotes = assess_month(applications, FeeMethod.PER_ITEM)
    amounts = [quote.amount for quote in quotes.values() if quote is not None]
    assert amounts == [0] * 10 + [100, 100]


def test_nothing_is_charged_before_the_measure_took_effect() -> None:
    """109号 effective 2021-01-01 [M], the setting effective_from."""
    old = [FeeApplication("x", "张三", "司法局", date(2020, 12, 31), pages=500)]
    assert assess_month(old, FeeMethod.BY_VOLUME) == {"x": None}


def test_a_waiver_is_refused_unless_the_setting_allows_it() -> None:
    """109号's 减免 clauses were not read [M]: no silent waiver."""
    with pytest.raises(FeeInputError, match="减免"):
        quote_per_item(15, waived=True)
    waived = quote_per_item(15, waived=True, settings=FeeSettings(waivers_allowed=True))
    assert waived.amount == 0
    assert "原应收 100 元" in waived.explain()


def test_electronic_files_count_as_pages_only_when_the_organ_has_set_a_conversion() -> None:
    """109号第五条: how electronic data converts to pages is unconfirmed [M]."""
    with pytest.raises(FeeInputError, match="折算"):
        quote_by_volume(20, electronic_files=2)
    quote = quote_by_volume(
        20, electronic_files=2, settings=FeeSettings(pages_per_electronic_file=10)
    )
    assert quote.quantity == 40
    assert quote.amount == 100


def test_negative_figures_are_refused() -> None:
    with pytest.raises(FeeInputError):
        fee_per_item(0)
    with pytest.raises(FeeInputError):
        fee_by_volume(-1)
