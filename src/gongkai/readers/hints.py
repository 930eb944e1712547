"""What a report's own text says about a cell of table 二, to decide a glued digit run.

Table 二 has no identities, so a glued run such as '8855698' (制发 | 废止 | 现行有效) has many
readings. The narrative often states some of the numbers ('集中公开现行有效行政规范性文件698件，
动态更新本年度制发的规范性文件88件'); when exactly one reading agrees with every number it states,
that reading is taken, and the finding quotes the sentence (KEYS.md: "give the right value with a
finding that says how it decided").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from gongkai.report.spec import RowSpec

# The words a sentence uses for each column of table 二's 第二十条第（一）项 rows.
_COLUMN_WORDS = {
    "issued": ("制发", "印发", "出台", "新制定"),
    "abolished": ("废止", "废除"),
    "in_force": ("现行有效",),
    "made": ("新制作", "制作"),
    "published": ("新公开",),
    "public_total": ("对外公开总",),
}
# Words between the column word and the row's name, and between the name and the number.
_GAP = r"[^。；;，,\d]{0,8}?"
_TO_NUMBER = r"[^。；;，,\d]{0,4}?"


@dataclass(frozen=True, slots=True)
class Hint:
    column: str
    value: str
    sentence: str


@cache
def _pattern(words: tuple[str, ...], names: tuple[str, ...]) -> re.Pattern[str]:
    word = "|".join(map(re.escape, words))
    name = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?:{word}){_GAP}(?:{name}){_TO_NUMBER}(\d+)\s*件")


def hints(row: RowSpec, text: str) -> list[Hint]:
    """The numbers ``text`` states for the cells of ``row``."""
    names = (row.label, *row.variants)
    found = []
    for column in row.columns:
        words = _COLUMN_WORDS.get(column.key)
        if not words:
            continue
        for match in _pattern(words, names).finditer(text):
            found.append(Hint(column.key, match.group(1), match.group(0)))
    return found


def decide(
    row: RowSpec, candidates: Sequence[Sequence[str]], text: str
) -> tuple[Sequence[str], list[Hint]] | None:
    """The one reading of a glued row that agrees with every number the text states for it."""
    stated = hints(row, text)
    if not stated:
        return None
    index = {column.key: i for i, column in enumerate(row.columns)}
    agreeing = [
        candidate
        for candidate in candidates
        if all(candidate[index[hint.column]] == hint.value for hint in stated)
    ]
    return (agreeing[0], stated) if len(agreeing) == 1 else None
