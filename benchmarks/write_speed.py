"""How many reports per second each writer writes on one core, and the peak memory of a batch.

    .venv/bin/python benchmarks/write_speed.py            # the full run (a few minutes)
    .venv/bin/python benchmarks/write_speed.py --quick    # a smoke run of a few seconds

Inputs: the bundled samples (the seed with its full narrative, Hongze's tables) and every report
of ``../shared/corpus/truth`` (tables only), rendered with ``gongkai.writers.render``. Each writer
warms up, then several timed rounds render the whole set (garbage collection off during a round,
as ``timeit`` does); the table gives the median and best round. The memory figure is the peak of
Python allocations (``tracemalloc``) while one batch of 100 reports (the set, cycled) is written
and its bytes kept, as a batch export would; the process's peak resident size is printed last.
Targets: HTML ≥ 500/s, PDF ≥ 2/s, DOCX ≥ 20/s.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

import gongkai
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import WRITER_FORMATS, render
from timing import pin_to_one_core

TRUTH = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "truth"
SAMPLES = Path(gongkai.__file__).parent / "samples"
TARGETS = {"html": 500.0, "pdf": 2.0, "docx": 20.0}
BATCH = 100


def inputs() -> list[Report]:
    files = sorted(TRUTH.glob("*.json")) if TRUTH.is_dir() else []
    if not files:
        sys.exit(f"write_speed: the shared corpus is missing: no truth files in {TRUTH}")
    samples = [gongkai.read(path) for path in sorted(SAMPLES.glob("*.json"))]
    corpus = [report_from_truth(json.loads(path.read_text(encoding="utf-8"))) for path in files]
    return samples + corpus


def rates(to: str, reports: Sequence[Report], rounds: int) -> list[float]:
    for report in reports[:2]:  # warm up: imports, fonts, templates
        render(report, to)
    measured = []
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            for report in reports:
                render(report, to)
            elapsed = time.perf_counter() - started
        finally:
            gc.enable()
        measured.append(len(reports) / elapsed)
    return measured


def batch_peak(to: str, reports: Sequence[Report], size: int) -> tuple[float, int]:
    """Peak traced memory (MiB) while ``size`` reports are written, and their total bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        written = [
            render(report, to) for report in itertools.islice(itertools.cycle(reports), size)
        ]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20, sum(len(data) for data in written)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run, not a measurement")
    args = parser.parse_args(argv)
    quick = args.quick
    pinned = pin_to_one_core()
    print(
        f"gongkai {gongkai.__version__} · Python {platform.python_version()} · "
        f"{platform.machine()} · {pinned}"
    )
    reports = inputs()
    if quick:
        print("--quick: a smoke run on the two samples; the figures are not a measurement")
        reports = reports[:2]
    batch = 4 if quick else BATCH
    print(f"input set: {len(reports)} reports (samples + corpus truth); batch of {batch} reports")
    header = ("writer", "reports/s (median)", "reports/s (best)", "ms/report", "target", "peak MiB")
    rows = []
    verdicts = []
    for to in WRITER_FORMATS:
        rounds = 1 if quick else (3 if to == "pdf" else 7)
        measured = rates(to, reports, rounds)
        median = statistics.median(measured)
        peak, size = batch_peak(to, reports, batch)
        target = TARGETS.get(to)
        met = "" if target is None else ("met" if median >= target else "NOT met")
        if target is not None:
            verdicts.append(f"{to} ≥ {target:g}/s: {met}")
        target_text = "" if target is None else f"≥ {target:g}/s {met}"
        rows.append(
            (
                to,
                f"{median:,.1f}",
                f"{max(measured):,.1f}",
                f"{1000 / median:,.2f}",
                target_text,
                f"{peak:,.1f} ({size / 2**20:,.1f} out)",
            )
        )
    widths = [max(len(str(line[i])) for line in (header, *rows)) for i in range(len(header))]
    print()
    print("  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak resident size: {maxrss:,.0f} MiB")
    print("Targets: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
