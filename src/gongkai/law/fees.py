"""信息处理费 under 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (DOMAIN §4.9).

条例第四十二条: providing information is free, but when the number or frequency of an applicant's
requests clearly exceeds a reasonable range the organ may charge a 信息处理费. The 办法 sets two
methods, both progressive by excess (超额累进); for each application the organ chooses one and
never charges both (第三条):

* 按件计收 (第四条): by the application's position k among the same applicant's applications in
  one calendar month — 1–10 free, 11–30 100元 each, then tiers of ten, each 100元 dearer:
  31–40 200元, 41–50 300元 …
* 按量计收 (第五条): by pages provided — 1–30 free, 31–100 10元/页, 101–200 20元/页, 201+ 40元/页.

Amounts are whole yuan. Points the sources did not settle are ``FeeSettings`` (DOMAIN §4.9, §6).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.law.errors import FeeInputError

__all__ = [
    "FEE_MEASURE",
    "FeeApplication",
    "FeeMethod",
    "FeeQuote",
    "FeeSettings",
    "TierCharge",
    "assess_month",
    "fee_by_volume",
    "fee_per_item",
    "month_total_per_item",
    "monthly_ordinals",
    "quote_by_volume",
    "quote_per_item",
]

FEE_MEASURE = "国办函〔2020〕109号《政府信息公开信息处理费管理办法》"
FREE_ITEMS = 10  # 第四条: 10件以下（含10件）不收费
FREE_PAGES = 30  # 第五条: 30页以下（含30页）不收费
# 第五条 按量 tiers: (first page, last page or None, 元 per page)
PAGE_TIERS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)


class FeeMethod(StrEnum):
    PER_ITEM = "per-item"  # 按件计收
    BY_VOLUME = "by-volume"  # 按量计收

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_ITEM else "按量计收"


@dataclass(frozen=True, slots=True)
class FeeSettings:
    """The points DOMAIN §4.9 marks unconfirmed [M], each with the default gongkai assumes.

    ``count_per_organ``: whether "同一申请人一个自然月内累计申请" counts the applicant's
    applications to this organ only (default, True) or to all organs together.
    ``effective_from``: the day the 办法 took effect (believed 2021-01-01); no fee before it.
    ``waivers_allowed``: whether the organ may waive (减免) a fee; the 减免 clauses were not read,
    so by default a waiver is refused rather than silently applied.
    ``pages_per_electronic_file``: how electronic data without pages converts to pages; ``None``
    (default) means it must be given as the pages it would print, an integer counts each file
    as that many pages.
    """

    count_per_organ: bool = True
    effective_from: date = date(2021, 1, 1)
    waivers_allowed: bool = False
    pages_per_electronic_file: int | None = None


@dataclass(frozen=True, slots=True)
class TierCharge:
    """One tier's share of a fee: ``units`` applications or pages at ``rate`` 元."""

    first: int
    last: int
    rate: int

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.units * self.rate


@dataclass(frozen=True, slots=True)
class FeeQuote:
    """The fee of one application, with the tiers that make it up and the rule behind it."""

    method: FeeMethod
    amount: int  # 元
    quantity: int  # k for 按件, pages for 按量
    tiers: tuple[TierCharge, ...]
    basis: str
    waived: bool = False
    gross: int = 0  # the fee before a waiver

    def explain(self) -> str:
        if self.waived:
            return f"依本机关减免规定免收（原应收 {self.gross} 元）"
        if self.method is FeeMethod.PER_ITEM:
            return f"本月第{self.quantity}件申请：{self.amount} 元（{self.basis}）"
        parts = [f"第{t.first}–{t.last}页 {t.units}页×{t.rate}元={t.amount}元" for t in self.tiers]
        return f"共{self.quantity}页：{'；'.join(parts)}；合计 {self.amount} 元（{self.basis}）"


def fee_per_item(k: int) -> int:
    """按件 fee of the k-th application of the month (第四条): 0, 100, then +100 every ten."""
    if k < 1:
        raise FeeInputError(f"本月申请序号应为正整数，实际为 {k}")
    if k <= FREE_ITEMS:
        return 0
    if k <= 30:
        return 100
    return 100 * (2 + (k - 31) // 10)


def _item_tier(k: int) -> TierCharge:
    if k <= FREE_ITEMS:
        return TierCharge(1, FREE_ITEMS, 0)
    if k <= 30:
        return TierCharge(11, 30, 100)
    first = 31 + (k - 31) // 10 * 10
    return TierCharge(first, first + 9, fee_per_item(k))


def month_total_per_item(count: int) -> int:
    """What applications 1…``count`` of one month cost together under 按件."""
    if count < 0:
        raise FeeInputError(f"申请件数不能为负数，实际为 {count}")
    return sum(fee_per_item(k) for k in range(1, count + 1))


def fee_by_volume(pages: int) -> int:
    """按量 fee of ``pages`` pages (第五条), progressive by excess: 250 pages → 4700 元."""
    return sum(tier.amount for tier in _page_tiers(pages))


def _page_tiers(pages: int) -> tuple[TierCharge, ...]:
    if pages < 0:
        raise FeeInputError(f"页数不能为负数，实际为 {pages}")
    tiers: list[TierCharge] = []
    for first, last, rate in PAGE_TIERS:
        if pages < first:
            break
        tiers.append(TierCharge(first, pages if last is None else min(pages, last), rate))
    return tuple(tiers)


def quote_per_item(
    k: int, *, waived: bool = False, settings: FeeSettings = FeeSettings()
) -> FeeQuote:
    """The 按件 quote of the k-th application of the month."""
    amount = fee_per_item(k)
    _check_waiver(waived, settings)
    tier = _item_tier(k)
    basis = f"{FEE_MEASURE}第四条，本月第{tier.first}–{tier.last}件每件{tier.rate}元"
    if k <= FREE_ITEMS:
        basis = f"{FEE_MEASURE}第四条，10件以下（含10件）不收费"
    return FeeQuote(FeeMethod.PER_ITEM, 0 if waived else amount, k, (tier,), basis, waived, amount)


def quote_by_volume(
    pages: int,
    *,
    electronic_files: int = 0,
    waived: bool = False,
    settings: FeeSettings = FeeSettings(),
) -> FeeQuote:
    """The 按量 quote for ``pages`` printed pages plus ``electronic_files`` files of electronic
    data (counted as ``settings.pages_per_electronic_file`` pages each)."""
    if electronic_files:
        if settings.pages_per_electronic_file is None:
            raise FeeInputError(
                "电子数据如何折算页数尚未确认（109号第五条），请按打印页数填写，"
                "或在设置 pages_per_electronic_file 中规定每个文件折算的页数"
            )
        pages += electronic_files * settings.pages_per_electronic_file
    tiers = _page_tiers(pages)
    _check_waiver(waived, settings)
    amount = sum(tier.amount for tier in tiers)
    basis = f"{FEE_MEASURE}第五条，30页以下（含30页）不收费，超额累进"
    return FeeQuote(
        FeeMethod.BY_VOLUME, 0 if waived else amount, pages, tiers, basis, waived, amount
    )


def _check_waiver(waived: bool, settings: FeeSettings) -> None:
    if waived and not settings.waivers_allowed:
        raise FeeInputError(
            "109号办法的减免条款尚未核实，默认不支持减免；"
            "如本地规定允许，请开启设置 waivers_allowed"
        )


# ── Per applicant per calendar month ──────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class FeeApplication:
    """One application as the fee rules see it. ``pages`` is needed only for 按量."""

    id: Hashable
    applicant: Hashable
    organ: Hashable
    received: date
    pages: int = 0


def monthly_ordinals(
    applications: Iterable[FeeApplication], settings: FeeSettings = FeeSettings()
) -> dict[Hashable, int]:
    """Each application's position k among the same applicant's applications in its calendar
    month (第四条 "一个自然月内累计"), in order of receipt; per organ unless the setting says
    not."""
    counters: defaultdict[tuple[Hashable, ...], int] = defaultdict(int)
    ordinals: dict[Hashable, int] = {}
    for application in sorted(applications, key=lambda a: a.received):
        if application.id in ordinals:
            raise FeeInputError(f"申请编号 {application.id} 重复")
        month = (application.received.year, application.received.month)
        key: tuple[Hashable, ...] = (application.applicant, *month)
        if settings.count_per_organ:
            key = (*key, application.organ)
        counters[key] += 1
        ordinals[application.id] = counters[key]
    return ordinals


def assess_month(
    applications: Iterable[FeeApplication],
    method: FeeMethod,
    settings: FeeSettings = FeeSettings(),
) -> dict[Hashable, FeeQuote | None]:
    """The quote of each application under ``method``; ``None`` for applications received
    before the 办法 took effect (``settings.effective_from``), which are never charged."""
    listed = list(applications)
    ordinals = monthly_ordinals(listed, settings)
    quotes: dict[Hashable, FeeQuote | None] = {}
    for application in listed:
        if application.received < settings.effective_from:
            quotes[application.id] = None
        elif method is FeeMethod.PER_ITEM:
            quotes[application.id] = quote_per_item(ordinals[application.id], settings=settings)
        else:
            quotes[application.id] = quote_by_volume(application.pages, settings=settings)
    return quotes
