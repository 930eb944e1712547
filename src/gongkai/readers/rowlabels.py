"""Which row of a table a printed label names.

Labels are matched on their normalised text (``labels.normalize_label``; traditional characters
folded too) without the item number ('（三）', '2.', '一、'), because real reports glue a heading
and a row label together ('三、本年度办理结果（一）予以公开'), break labels over lines, cut them
short, and misprint them ('2.其他法律行政止公开'). A misprint matched by similarity is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from gongkai.report.labels import normalize_label
from gongkai.report.spec import RowKind, RowSpec, TableSpec

# Traditional characters that occur in the tables' labels, as data (reports from Hong Kong-style
# templates or converted pages print them).
_TRADITIONAL = str.maketrans(
    "開資訊處請數總計機關內體團織復議訴訟結審維糾規範許強製廢現項費額單萬條報況務轉辦無據這區與"
    "護權屬國險穩過執詢沒補確訪舉類複獲產業構會組結態統據門徑們為並從個價優傳當時間實說應對從經濟",
    "开资讯处请数总计机关内体团织复议诉讼结审维纠规范许强制废现项费额单万条报况务转办无据这区与"
    "护权属国险稳过执询没补确访举类复获产业构会组结态统据门径们为并从个价优传当时间实说应对从经济",
)
_NUMBERING = re.compile(r"\d{1,2}\.|[一二三四五六七八九十]{1,2}，|（[一二三四五六七八九十]{1,2}）")
_MIN_PREFIX = 4  # a label cut short must keep at least this many characters to be recognised
_MIN_SIMILARITY = 0.8
# A misprint must be this much closer to its row than to any other; rows scoring below _RIVAL
# are not rivals.
_MARGIN = 0.1
_RIVAL = _MIN_SIMILARITY - _MARGIN


@lru_cache(maxsize=8192)
def fold_label(text: str) -> str:
    return normalize_label(text).translate(_TRADITIONAL)


@lru_cache(maxsize=8192)
def last_segment(text: str) -> str:
    """The last item of a run of labels: '三、本年度办理结果（一）予以公开' → '予以公开'."""
    folded = fold_label(text)
    parts = [part for part in _NUMBERING.split(folded) if part]
    return parts[-1] if parts else ""


def full_label(table: TableSpec, label: str) -> RowSpec | None:
    """The data row whose whole label (with its item number) ``label`` is, if any."""
    return _full_labels(table).get(fold_label(label))


@cache
def _full_labels(table: TableSpec) -> dict[str, RowSpec]:
    return {fold_label(text): row for row in table.data_rows for text in (row.label, *row.variants)}


@dataclass(frozen=True, slots=True)
class Match:
    row: RowSpec
    exact: bool
    printed: str


@cache
def _keys(table: TableSpec) -> tuple[tuple[str, RowSpec], ...]:
    keys: list[tuple[str, RowSpec]] = []
    for row in table.rows:
        if row.kind is RowKind.CAPTION or (table.transposed and not row.columns):
            continue
        for label in (row.label, *row.variants):
            key = last_segment(label)
            if key:
                keys.append((key, row))
    # longest first: '行政规范性文件' before '规范性文件'
    return tuple(sorted(keys, key=lambda item: -len(item[0])))


def match_row(table: TableSpec, label: str) -> Match | None:
    """The row whose label ``label`` ends with, or a near miss of one; ``None`` if none."""
    segment = last_segment(label)
    return _match_segment(table, segment) if segment else None


@lru_cache(maxsize=8192)
def _match_segment(table: TableSpec, segment: str) -> Match | None:
    keys = _keys(table)
    for key, row in keys:
        if segment == key or (len(key) > 2 and segment.endswith(key)):
            return Match(row, True, segment)
    if table.key == "table2":  # its row labels have no item number: '…现行有效件数规章'
        for key, row in keys:
            if segment.endswith(key):
                return Match(row, True, segment)
    if len(segment) >= _MIN_PREFIX:
        # a label cut short ('1.属于国家') names a row only if it begins no other row's label
        # ('属于行政' begins both 属于行政执法案卷 and 属于行政查询事项: neither)
        started = {row.key: row for key, row in keys if key.startswith(segment)}
        if len(started) == 1:
            return Match(next(iter(started.values())), True, segment)
        if started:
            return None
    return _similar(keys, segment)


def _similar(keys: tuple[tuple[str, RowSpec], ...], segment: str) -> Match | None:
    """A misprinted label: the row it is clearly closest to, by a margin over every other row;
    a label about as close to two rows names neither."""
    scores: dict[str, tuple[float, RowSpec]] = {}
    for key, row in keys:
        if len(key) <= 2:
            continue
        tail = segment[-len(key) - 2 :]
        matcher = SequenceMatcher(None, tail, key, autojunk=False)
        if matcher.real_quick_ratio() < _RIVAL or matcher.quick_ratio() < _RIVAL:
            continue
        ratio = matcher.ratio()
        if ratio > scores.get(row.key, (0.0, row))[0]:
            scores[row.key] = (ratio, row)
    ranked = sorted(scores.values(), key=lambda item: -item[0])
    if not ranked or ranked[0][0] < _MIN_SIMILARITY:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _MARGIN:
        return None
    return Match(ranked[0][1], False, segment)
