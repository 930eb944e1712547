"""Quarterly ranking of units (WORKBENCH B §3): points per media adoption from the organ's points
table keyed by (outlet level, item type), a quota of submitted items per unit tier with a
deduction for each missing item and a capped bonus for each extra one. Every score is traceable:
each unit's row carries the adoptions and the submissions it was computed from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing.models import Adoption, Item, State
from gongkai.web.publishing.presets import ScoringPreset, scoring_presets
from gongkai.web.publishing.selectors import get_settings

QUARTERS = (1, 2, 3, 4)


def period_bounds(year: int, quarter: int | None) -> tuple[datetime.date, datetime.date]:
    """First and last day of the quarter (or of the year for ``None``)."""
    if quarter is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    first = datetime.date(year, 3 * quarter - 2, 1)
    last = (
        datetime.date(year, 12, 31)
        if quarter == 4
        else datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)
    )
    return first, last


@dataclass(slots=True)
class ScoredAdoption:
    adoption: Adoption
    points: float

    @property
    def is_withdrawn(self) -> bool:
        """The item was taken off the portal later (撤回). The adoption still counts: the
        ranking is the record of what happened in the quarter; the 通报 says it was withdrawn."""
        item = self.adoption.item
        return item is not None and item.state == State.WITHDRAWN


@dataclass(slots=True)
class UnitScore:
    unit: Unit
    submitted: int
    quota: int
    adoptions: list[ScoredAdoption] = field(default_factory=list)
    adoption_points: float = 0.0
    deduction: float = 0.0
    bonus: float = 0.0
    total: float = 0.0
    place: int = 0

    @property
    def adopted(self) -> int:
        return len(self.adoptions)


def score_unit(
    unit: Unit, preset: ScoringPreset, submitted: int, adoptions: list[Adoption], quarters: int
) -> UnitScore:
    quota = preset.quota.get(unit.kind, preset.quota.get("other", 0)) * quarters
    row = UnitScore(unit=unit, submitted=submitted, quota=quota)
    for adoption in adoptions:
        points = preset.points_for(adoption.level, adoption.item_type)
        row.adoptions.append(ScoredAdoption(adoption, points))
        row.adoption_points += points
    row.deduction = max(quota - submitted, 0) * preset.deduction_per_missing
    row.bonus = min(max(submitted - quota, 0) * preset.bonus_per_extra, preset.bonus_cap)
    row.total = round(row.adoption_points - row.deduction + row.bonus, 2)
    return row


def rank_units(organ: Organ, year: int, quarter: int | None = None) -> list[UnitScore]:
    """Every unit of the organ with its score for the period, best first; equal totals share a
    place."""
    preset = scoring_presets()[get_settings(organ).scoring_preset]
    first, last = period_bounds(year, quarter)
    units = list(Unit.objects.filter(organ=organ))
    submitted: dict[int, int] = {}
    for unit_id in Item.objects.filter(
        organ=organ, submitted_at__date__gte=first, submitted_at__date__lte=last
    ).values_list("unit_id", flat=True):
        submitted[unit_id] = submitted.get(unit_id, 0) + 1
    adoptions: dict[int, list[Adoption]] = {}
    for adoption in (
        Adoption.objects.filter(organ=organ, adopted_on__gte=first, adopted_on__lte=last)
        .select_related("item")
        .order_by("adopted_on", "id")
    ):
        adoptions.setdefault(adoption.unit_id, []).append(adoption)
    quarters = 1 if quarter is not None else 4
    rows = [
        score_unit(unit, preset, submitted.get(unit.pk, 0), adoptions.get(unit.pk, []), quarters)
        for unit in units
    ]
    rows.sort(key=lambda row: (-row.total, -row.adopted, row.unit.name))
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        row.place = previous.place if previous and previous.total == row.total else index + 1
    return rows
