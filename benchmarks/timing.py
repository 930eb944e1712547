"""What the benchmark scripts share: running on one core, timing rounds the same way, printing
the figures as a table."""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


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


@dataclass(frozen=True, slots=True)
class Measurement:
    name: str
    items: int  # items done by one pass
    rates: tuple[float, ...]  # items per second, one per round

    @property
    def best(self) -> float:
        return max(self.rates)

    @property
    def median(self) -> float:
        return statistics.median(self.rates)


def measure(
    name: str,
    one_pass: Callable[[], object],
    items: int,
    *,
    rounds: int,
    min_round_seconds: float,
) -> Measurement:
    """Time ``rounds`` rounds of ``one_pass`` (which does ``items`` items), each repeated until
    it lasts about ``min_round_seconds``, with garbage collection off during a round (as
    ``timeit`` does), after a warm-up (caches, specialisation) that also sizes the rounds."""
    started = time.perf_counter()
    one_pass()
    once = max(time.perf_counter() - started, 1e-9)
    passes = max(1, round(min_round_seconds / once))
    one_pass()
    rates: list[float] = []
    gc_was_enabled = gc.isenabled()
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            for _ in range(passes):
                one_pass()
            elapsed = time.perf_counter() - started
        finally:
            if gc_was_enabled:
                gc.enable()
        rates.append(passes * items / elapsed)
    return Measurement(name, items, tuple(rates))
