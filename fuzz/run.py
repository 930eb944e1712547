"""Fuzz the readers for a set time, in rounds that each start a fresh fuzzer process.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/run.py --minutes 30             # the issue's 30 minutes
    .venv/bin/python fuzz/run.py --minutes 2 --round 1     # a smoke run

A long libFuzzer run under atheris grows by about a gigabyte a minute (the same inputs read in a
plain loop do not grow: the growth is the fuzzer's, not the readers'), and would end at the RSS
limit long before 30 minutes. So the time is fuzzed in rounds of ``--round`` minutes, each a new
``fuzz/readers.py`` process on the same corpus directory: what one round found, the next starts
from. A round that ends in a crash, a timeout (``--timeout`` seconds for one input) or an
out-of-memory input stops the run; libFuzzer writes the input to ``var/fuzz/artifacts/``. An input
slower than 10 seconds is kept there too (``slow-unit-*``) and said in the round's line, but does
not stop the run.

The corpus starts from the shared corpus's raw reports, reports written by gongkai's writers from
its truth files (PDF, DOCX, XLSX, HTML, Markdown), and every earlier crash input kept in
``tests/readers/regressions/``. Prints, per round and in total: seconds, executions, corpus
size, and what ended it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
REGRESSIONS = ROOT / "tests" / "readers" / "regressions"
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_EXECS = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_ENDS = ("crash-", "timeout-", "oom-", "leak-")  # what stops the run
_SLOWEST = re.compile(r"stat::slowest_unit_time_sec:\s*(\d+)")


def seed(corpus: Path) -> None:
    """Fill a new corpus directory with the seeds."""
    corpus.mkdir(parents=True)
    for raw in (SHARED / "raw").glob("*"):
        shutil.copy(raw, corpus / raw.name)
    for kept in REGRESSIONS.glob("*"):
        shutil.copy(kept, corpus / f"regression-{kept.name}")
    from gongkai.report.truth import report_from_truth
    from gongkai.writers import render

    for path in sorted((SHARED / "truth").glob("*.json"))[:6]:
        report = report_from_truth(json.loads(path.read_text(encoding="utf-8")))
        for kind in ("pdf", "docx", "xlsx", "html", "md"):
            (corpus / f"{path.stem}.written.{kind}").write_bytes(render(report, kind))


def one_round(corpus: Path, artifacts: Path, seconds: int, timeout: int) -> tuple[int, int, str]:
    """Run the fuzzer for ``seconds``; the number of inputs it ran, the seconds the slowest
    took, and how it ended."""
    command = [
        sys.executable,
        str(ROOT / "fuzz" / "readers.py"),
        str(corpus),
        f"-max_total_time={seconds}",
        f"-timeout={timeout}",
        "-rss_limit_mb=16000",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    log = done.stdout + done.stderr
    (artifacts / "last-round.log").write_text(log, encoding="utf-8")
    runs = _EXECS.findall(log) or [m[0] for m in _DONE.findall(log)]
    executed = int(runs[-1]) if runs else 0
    slowest = int(max(_SLOWEST.findall(log) or ["0"], key=int))
    if done.returncode == 0:
        return executed, slowest, "time up"
    summary = next((line for line in log.splitlines() if line.startswith("SUMMARY")), "")
    return executed, slowest, f"stopped ({done.returncode}) {summary}".strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--round", type=float, default=5, help="minutes per fuzzer process")
    parser.add_argument("--timeout", type=int, default=300, help="seconds one input may take")
    parser.add_argument("--corpus", type=Path, default=ROOT / "var" / "fuzz" / "corpus")
    parser.add_argument("--artifacts", type=Path, default=ROOT / "var" / "fuzz" / "artifacts")
    args = parser.parse_args()
    if not args.corpus.exists():
        seed(args.corpus)
    args.artifacts.mkdir(parents=True, exist_ok=True)
    before = {path.name for path in args.artifacts.iterdir()}
    started = time.monotonic()
    total = 0
    number = 0
    while (left := args.minutes * 60 - (time.monotonic() - started)) > 30:
        number += 1
        seconds = int(min(args.round * 60, left))
        began = time.monotonic()
        executed, slowest, ended = one_round(args.corpus, args.artifacts, seconds, args.timeout)
        total += executed
        inputs = sum(1 for _ in args.corpus.iterdir())
        print(
            f"round {number}: {time.monotonic() - began:6.0f} s, {executed:7d} inputs run, "
            f"slowest {slowest} s, corpus {inputs} files, {ended}",
            flush=True,
        )
        found = sorted(
            path.name
            for path in args.artifacts.iterdir()
            if path.name not in before and path.name.startswith(_ENDS)
        )
        if found or ended != "time up":
            print(f"stopped: {', '.join(found) or ended} (log: {args.artifacts}/last-round.log)")
            return 1
    elapsed = time.monotonic() - started
    print(f"total: {elapsed / 60:.1f} minutes in {number} rounds, {total} inputs run, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
