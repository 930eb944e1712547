"""Reading the narrative: the statistics period, figures the text states, keywords, similarity.

These helpers are deliberately conservative: a rule built on them warns only where the text says
something clear that the tables contradict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

_PERIOD = re.compile(r"(\d{4})年0?1月0?1日起?(?:至|到|—|－|-|~|～)(?:(\d{4})年)?12月31日")
_YEAR = re.compile(r"(\d{4})年")


_SPACE = re.compile(r"\s+")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=256)
def compact(text: str) -> str:
    """The text without white space, with full-width digits folded."""
    folded = _SPACE.sub("", text)
    # str.translate is slow on long text; most reports print no full-width digit at all.
    return folded.translate(_FULL_WIDTH_DIGITS) if _FULL_WIDTH_DIGIT.search(folded) else folded


def statistics_period_years(text: str) -> tuple[int, int | None] | None:
    """The years of the first ``Y年1月1日至Y年12月31日`` statement (F5), or ``None``."""
    match = _PERIOD.search(compact(text))
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def first_year(text: str) -> int | None:
    match = _YEAR.search(compact(text))
    return int(match.group(1)) if match else None


def mentions(text: str, *keywords: str) -> bool:
    folded = compact(text)
    return any(keyword in folded for keyword in keywords)


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure the narrative states, and the words around it."""

    topic: str  # received, concluded, carried_forward, review, litigation, none_received
    value: int
    excerpt: str


# Each alternative captures one figure in 件 under the name of its topic. Windows are short so
# that a figure is not attributed to a topic mentioned a clause earlier. One combined pattern scans
# a section once.
_NOT_A_FIGURE = r"[^。；，,\d]"
_CLAIMS = re.compile(
    "|".join(
        (
            rf"(?:共|累计|全年)?(?:收到|受理|新收){_NOT_A_FIGURE}{{0,12}}?申请"
            rf"{_NOT_A_FIGURE}{{0,4}}?(?P<received>\d+)件",
            rf"办结{_NOT_A_FIGURE}{{0,10}}?(?P<concluded>\d+)件",
            rf"(?:结转|转入|顺延|转)(?:至|到)?(?:下一?年度?|次年|\d{{4}}年)"
            rf"{_NOT_A_FIGURE}{{0,8}}?(?P<carried_forward>\d+)件",
            r"行政复议(?:案件)?(?:共|为|有)?(?P<review>\d+)件",
            r"行政诉讼(?:案件)?(?:共|为|有)?(?P<litigation>\d+)件",
            r"未(?:收到|受理)[^。；]{0,10}?申请(?P<none_received>)",
        )
    )
)


def claims(text: str) -> list[Claim]:
    """The figures a narrative states about applications and appeals (W3)."""
    folded = compact(text)
    if "申请" not in folded and "件" not in folded:
        return []
    found: list[Claim] = []
    for match in _CLAIMS.finditer(folded):
        topic = match.lastgroup or ""
        figure = match.group(topic)
        found.append(Claim(topic, int(figure) if figure else 0, _excerpt(folded, match)))
    return found


def _excerpt(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 8) : match.end() + 4]


_DIGITS = re.compile(r"\d+")


def similarity(a: str, b: str) -> float:
    """Share of matching text between two narratives (0–1), after folding white space and every
    figure: a copied paragraph with this year's numbers filled in is still a copy (Y5)."""
    left = _DIGITS.sub("0", compact(a))
    right = _DIGITS.sub("0", compact(b))
    if not left or not right:
        return 0.0
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return matcher.quick_ratio()
    return matcher.ratio()
