"""Coverage-guided fuzzing of the readers with atheris (libFuzzer), beside the hypothesis tests.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/readers.py fuzz/corpus -max_total_time=120
    .venv/bin/python fuzz/run.py --minutes 30     # long runs: rounds of fresh processes

The seeds are the shared corpus's raw reports (copied into the working corpus directory on the
first run). A reader may return a report or raise ``ReportInputError``; anything else is a crash,
which libFuzzer saves as ``crash-*``: copy it into ``tests/readers/regressions/`` so that
``tests/readers/test_fuzz.py`` reads it on every run, then fix the reader.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from gongkai.errors import ReportInputError
    from gongkai.readers import read_bytes

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw"


def one_input(data: bytes) -> None:
    with contextlib.suppress(ReportInputError):
        read_bytes(data, "fuzz")


def main() -> None:
    corpus = next((Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if corpus is not None and not corpus.exists():
        corpus.mkdir(parents=True)
        for raw in SHARED.glob("*"):
            shutil.copy(raw, corpus / raw.name)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
