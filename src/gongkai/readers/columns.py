"""Where a table's columns are: the order its header prints them in, and their positions on a
PDF page (the header words stacked over each column), so that a number is placed in the column it
is printed beneath."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from gongkai.readers.rowlabels import fold_label
from gongkai.report.spec import ColumnSpec, TableSpec

# Table 三's column headings as printed; 法人或其他组织 groups five of them.
_GROUP = "法人或其他组织"


def column_order(table: TableSpec, header: str) -> tuple[str, ...] | None:
    """Table 三's column keys in the order its header prints them, when that is not the format's
    order (a home-made table with reordered columns); ``None`` for the standard order or when the
    header does not name every column."""
    columns = table.data_rows[0].columns
    text = fold_label(header).replace(_GROUP, "§")
    found: dict[str, int] = {}
    for column in columns:
        for label in sorted((fold_label(v) for v in (column.label, *column.variants)), key=len)[
            ::-1
        ]:
            position = text.find(label)
            if position >= 0:
                found[column.key] = position
                text = text[:position] + "#" * len(label) + text[position + len(label) :]
                break
    if len(found) != len(columns):
        return None
    group = [c.key for c in columns if c.group == _GROUP]
    parts = sorted(group, key=found.__getitem__)
    top = sorted((c.key for c in columns if c.group != _GROUP), key=found.__getitem__)
    marker = text.find("§")
    if marker >= 0:
        before = [key for key in top if found[key] < marker]
        order = (*before, *parts, *(key for key in top if key not in before))
    else:
        order = tuple(sorted(found, key=found.__getitem__))
    standard = tuple(column.key for column in columns)
    return None if order == standard else order


# Words of a column heading stack at the same horizontal position; within this many points they
# are one column.
_SAME_COLUMN = 4.0


def column_centres(
    columns: Sequence[ColumnSpec], words: Sequence[tuple[str, float]]
) -> list[float] | None:
    """Where each of ``columns`` is printed, from the positions of the header's words: the words
    stacked in one column ('结果' over '维持') are joined and must name the column. ``None``
    unless every column is found once, in the order given."""
    if not words:
        return None
    stacks: list[tuple[float, list[tuple[int, str]]]] = []
    for index, (text, x) in sorted(enumerate(words), key=lambda item: item[1][1]):
        if stacks and x - stacks[-1][0] <= _SAME_COLUMN:
            stacks[-1][1].append((index, text))
        else:
            stacks.append((x, [(index, text)]))
    labels = sorted(
        {(fold_label(name), c.key) for c in columns for name in (c.label, *c.variants)},
        key=lambda item: -len(item[0]),
    )
    found: list[tuple[float, str]] = []
    for x, stack in stacks:
        joined = fold_label("".join(text for _, text in sorted(stack)))  # top to bottom
        key = next((key for label, key in labels if label in joined), None)
        if key is not None:
            found.append((x, key))
    if [key for _, key in found] != [column.key for column in columns]:
        return None
    return [x for x, _ in found]


def place(xs: Sequence[float], centres: Sequence[float]) -> list[int] | None:
    """The column of each position: the nearest centre, closer than half the narrowest gap
    between columns, and in order (two numbers never share a column)."""
    gap = min((b - a for a, b in pairwise(centres)), default=0.0)
    if gap <= 0:
        return None
    slots = []
    for x in xs:
        nearest = min(range(len(centres)), key=lambda index: abs(centres[index] - x))
        if abs(centres[nearest] - x) > gap / 2:
            return None
        slots.append(nearest)
    return slots if all(a < b for a, b in pairwise(slots)) else None
