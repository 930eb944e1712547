"""Kinds of organ, which decide the publication deadline (P1–P4) and who may make 规章 (W1)."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache


class OrganKind(StrEnum):
    STATE_COUNCIL_DEPARTMENT = "state_council_department"
    PROVINCIAL_GOVERNMENT = "provincial_government"
    CITY_GOVERNMENT = "city_government"
    COUNTY_GOVERNMENT = "county_government"
    TOWNSHIP = "township"
    SUBDISTRICT = "subdistrict"
    DEPARTMENT = "department"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_government(self) -> bool:
        """A people's government (各级人民政府), whose report must cover 第五十条第（四）项 (F6)."""
        return self in _GOVERNMENTS

    @property
    def may_make_regulations(self) -> bool:
        """立法法 第八十条、第八十二条: only these may make 规章 (W1)."""
        return self in _REGULATION_MAKERS


_LABELS = {
    OrganKind.STATE_COUNCIL_DEPARTMENT: "国务院部门",
    OrganKind.PROVINCIAL_GOVERNMENT: "省级人民政府",
    OrganKind.CITY_GOVERNMENT: "设区的市、自治州人民政府",
    OrganKind.COUNTY_GOVERNMENT: "县级人民政府",
    OrganKind.TOWNSHIP: "乡镇人民政府",
    OrganKind.SUBDISTRICT: "街道办事处",
    OrganKind.DEPARTMENT: "县级以上地方人民政府部门",
    OrganKind.OTHER: "其他机关或组织",
}
_GOVERNMENTS = frozenset(
    {
        OrganKind.PROVINCIAL_GOVERNMENT,
        OrganKind.CITY_GOVERNMENT,
        OrganKind.COUNTY_GOVERNMENT,
        OrganKind.TOWNSHIP,
    }
)
_REGULATION_MAKERS = frozenset(
    {
        OrganKind.STATE_COUNCIL_DEPARTMENT,
        OrganKind.PROVINCIAL_GOVERNMENT,
        OrganKind.CITY_GOVERNMENT,
    }
)

_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Ordered: the first pattern that matches the organ's name decides.
_NAME_PATTERNS: tuple[tuple[re.Pattern[str], OrganKind], ...] = (
    (re.compile(r"(办公厅|办公室)$"), OrganKind.DEPARTMENT),
    # A 街道办事处 is its district government's 派出机关, not a 人民政府 (F6 does not apply).
    (re.compile(r"(街道办事处|街道)$"), OrganKind.SUBDISTRICT),
    (re.compile(r"([乡镇]|苏木)人民政府$"), OrganKind.TOWNSHIP),
    (re.compile(r"(省|自治区)人民政府$"), OrganKind.PROVINCIAL_GOVERNMENT),
    (re.compile(r"(自治州|地区|盟)人民政府$"), OrganKind.CITY_GOVERNMENT),
    (re.compile(r"(区|县|旗|自治县)人民政府$"), OrganKind.COUNTY_GOVERNMENT),
    (re.compile(r"(管委会|管理委员会)"), OrganKind.OTHER),
    (re.compile(r"(局|厅|委员会|委|办|署|部|院|中心|总队|支队)$"), OrganKind.DEPARTMENT),
)


def _plain_name(name: str) -> str:
    # Notes in brackets ("某镇人民政府（镇名不详）") and spaces are not part of the name.
    return _BRACKETED.sub("", re.sub(r"\s+", "", name))


@lru_cache(maxsize=4096)
def guess_organ_kind(name: str) -> OrganKind | None:
    """The organ's kind as its name suggests, or ``None`` when the name does not tell.

    "X市人民政府" is left undecided: it may be a 设区的市 (which may make 规章) or a 县级市.
    """
    name = _plain_name(name)
    if name.startswith(_MUNICIPALITIES) and name.endswith("市人民政府"):
        return OrganKind.PROVINCIAL_GOVERNMENT
    for pattern, kind in _NAME_PATTERNS:
        if pattern.search(name):
            return kind
    return None


def government_served(name: str) -> str | None:
    """For a government's general office (人民政府办公厅/办公室), the name of that government:
    the office publishes the government's 规章 and reports them in its table 二."""
    match = re.match(r"(.*人民政府)办公(厅|室)$", _plain_name(name))
    return match.group(1) if match else None
