"""What reading in a bounded child process costs: a real report read in-process and bounded (the
difference is the child's start-up), and how long each attack file takes to end within the
limits. Run: .venv/bin/python benchmarks/bounded_read.py [--rounds N]"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from gongkai.errors import ReportInputError
from gongkai.readers import Limits, read_bounded, read_report
from timing import measure, pin_to_one_core, print_rows

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import bombs  # noqa: E402  (the test generators, made at run time)

LIMITS = Limits(wall_seconds=60, cpu_seconds=30, memory_mb=1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    print(f"bounded reading — {pin_to_one_core()}; limits {LIMITS}")
    corpus = ROOT.parent / "shared" / "corpus" / "raw"
    seed = ROOT / "src" / "gongkai" / "samples" / "qingshan-justice-2023.json"
    samples = [*sorted(corpus.glob("*.pdf"))[:1], seed]
    rows = []
    for path in samples:
        direct = measure(
            "in-process",
            partial(read_report, path),
            1,
            rounds=arguments.rounds,
            min_round_seconds=1,
        )
        bounded = measure(
            "bounded",
            partial(read_bounded, path, LIMITS),
            1,
            rounds=arguments.rounds,
            min_round_seconds=1,
        )
        rows.append(
            [path.name, f"{1000 / direct.median:.0f} ms", f"{1000 / bounded.median:.0f} ms"]
        )
    print_rows(["file", "in-process", "bounded"], rows, "a real report, median of rounds")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, make in (
            ("text_operators.pdf", bombs.pdf_of_text_operators),
            ("spaces.pdf", bombs.pdf_of_spaces),
            ("merged.xlsx", bombs.xlsx_merged_over_the_whole_sheet),
            ("wide_cells.docx", bombs.docx_with_wide_cells),
            ("digits.txt", bombs.text_of_digits),
            ("one_line.txt", bombs.text_of_one_line),
        ):
            path = Path(folder) / name
            path.write_bytes(make())
            started = time.perf_counter()
            try:
                read_bounded(path, LIMITS)
                outcome = "read"
            except ReportInputError as error:
                outcome = error.code
            seconds = time.perf_counter() - started
            rows.append([name, f"{path.stat().st_size // 1024} KB", outcome, f"{seconds:.1f} s"])
    print_rows(["attack file", "size", "outcome", "ended after"], rows, "attack files, bounded")


if __name__ == "__main__":
    main()
