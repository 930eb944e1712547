"""Glued digit runs: '801000081' printed for the seven cells 80|1|0|0|0|0|81.

Crawlers and some PDF exports drop the separators between a row's cells. A run can be cut back
into cells only where the result is a set of well-formed numbers (no leading zero but '0' itself)
that satisfies the row's own identities (the 总计 is the sum of the parts). When more than one cut
does, the table's column identities decide (``assemble.py``), and failing that the cells are
reported ambiguous — never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from math import comb

from gongkai.report.model import Number

# A signed number ('+12', '-3': 2019's 本年增/减) starts a new cell: only a run's first part may
# carry its sign.
_WELL_FORMED = re.compile(r"[-+]?(?:0|[1-9]\d*)(?:\.\d+)?")
# Cutting a long run into many cells has very many candidates; beyond this the run is reported
# as unreadable rather than searched (real rows have at most 17 digits for 15 cells).
MAX_CANDIDATES = 50_000

Check = Callable[[Sequence[Number]], bool]


def to_number(text: str) -> Number:
    return Decimal(text) if "." in text else int(text)


def _cuts(run: str, parts: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``run`` into ``parts`` well-formed numbers, in order."""
    if parts == 1:
        if _WELL_FORMED.fullmatch(run):
            yield (run,)
        return
    if run[:1] in "+-":  # the sign belongs to the first part; the rest are unsigned
        for cut in _cuts(run[1:], parts):
            yield (run[0] + cut[0], *cut[1:])
        return
    # the first part ends at i; the rest must leave at least one character per remaining part
    for i in range(1, len(run) - parts + 2):
        head = run[:i]
        if not _WELL_FORMED.fullmatch(head):
            if head.startswith("0") or head.startswith("-0"):
                return  # a longer head with a leading zero is never well-formed either
            continue
        for rest in _cuts(run[i:], parts - 1):
            yield (head, *rest)


def _allocations(lengths: Sequence[int], total: int) -> Iterator[tuple[int, ...]]:
    """How many parts each run gives, when together they give ``total``."""
    if not lengths:
        if total == 0:
            yield ()
        return
    first, rest = lengths[0], lengths[1:]
    most = min(first, total - len(rest))
    for count in range(1, most + 1):
        for tail in _allocations(rest, total - count):
            yield (count, *tail)


def _estimate(runs: Sequence[str], n: int) -> int:
    return sum(
        _product(comb(len(run) - 1, count - 1) for run, count in zip(runs, allocation, strict=True))
        for allocation in _allocations([len(run) for run in runs], n)
    )


def _product(values: Iterator[int]) -> int:
    result = 1
    for value in values:
        result *= value
    return result


def splits(runs: Sequence[str], n: int, check: Check | None = None) -> list[tuple[str, ...]] | None:
    """Every cut of ``runs`` (printed separately, so never joined) into ``n`` numbers that
    ``check`` accepts. ``None`` when there are too many cuts to search."""
    if sum(len(run) for run in runs) < n or len(runs) > n:
        return []
    if _estimate(runs, n) > MAX_CANDIDATES:
        return None
    found: list[tuple[str, ...]] = []
    for allocation in _allocations([len(run) for run in runs], n):
        for parts in _combine(runs, allocation):
            if check is None or check([to_number(part) for part in parts]):
                found.append(parts)
    return found


def _combine(runs: Sequence[str], allocation: Sequence[int]) -> Iterator[tuple[str, ...]]:
    if not runs:
        yield ()
        return
    for head in _cuts(runs[0], allocation[0]):
        for tail in _combine(runs[1:], allocation[1:]):
            yield (*head, *tail)
