"""``gongkai extract`` throughput, as a ratio to ``gongkai check`` on the same files.

    .venv/bin/python benchmarks/extract_speed.py           # the full run
    .venv/bin/python benchmarks/extract_speed.py --quick   # a smoke run

Both commands read every file of ``../shared/corpus/raw`` (PDF, HTML, text, Markdown) and check
it; ``extract`` then turns each report into its data-set row (every cell by its key, the key
figures, the findings as JSON) and the rows into CSV. The per-file work of each command is timed
on one core (the workers of ``-j N`` do exactly this work each); the ratio says what the data set
costs on top of checking. A ratio near 1 means extracting is as fast as checking.
"""

from __future__ import annotations

import argparse
import platform
from functools import partial
from pathlib import Path

from gongkai.cli.check import check_file
from gongkai.cli.extract import extract_file, to_csv
from gongkai.report import CheckSettings
from timing import measure, pin_to_one_core, print_rows

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds, seconds = (2, 0.2) if args.quick else (7, 1.0)
    files = sorted(RAW.iterdir()) if RAW.is_dir() else []
    if not files:
        raise SystemExit(f"the corpus is missing: no files in {RAW}")
    pinned = pin_to_one_core()
    print(f"Python {platform.python_version()} · {pinned} · {len(files)} files of {RAW}")
    check = partial(
        check_file, previous=None, settings=CheckSettings(), organ_kind=None, published_on=None
    )

    def check_all() -> None:
        for path in files:
            check(path)

    def extract_all() -> None:
        to_csv([extract_file(path) for path in files])

    checked = measure(
        "gongkai check", check_all, len(files), rounds=rounds, min_round_seconds=seconds
    )
    extracted = measure(
        "gongkai extract → CSV", extract_all, len(files), rounds=rounds, min_round_seconds=seconds
    )
    body = [
        [m.name, f"{m.median:,.1f}", f"{m.best:,.1f}", f"{1000 / m.median:,.1f}"]
        for m in (checked, extracted)
    ]
    print_rows(["command", "files/s (median)", "files/s (best)", "ms/file"], body)
    print(f"\nextract / check throughput: {extracted.median / checked.median:.2f}")


if __name__ == "__main__":
    main()
