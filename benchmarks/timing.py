"""What the benchmark scripts share: running on one core, so that figures are per core."""

from __future__ import annotations

import os
from collections.abc import Sequence


def pin_to_one_core() -> str:
    """Pin this process to one CPU; say which (or why not) for the report's header."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (os.sched_setaffinity is not available here)"
    allowed = sorted(os.sched_getaffinity(0))
    core = 0 if 0 in allowed else allowed[0]
    try:
        os.sched_setaffinity(0, {core})
    except OSError as error:
        return f"not pinned ({error.strerror})"
    return f"pinned to CPU {core}"


def print_rows(headers: Sequence[str], body: Sequence[Sequence[str]], title: str = "") -> None:
    """A plain-text table: the first column left-aligned, the figures right-aligned."""
    widths = [max(len(line[i]) for line in (headers, *body)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    print(f"\n{title}" if title else "")
    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for cells in body:
        print(line(cells))
