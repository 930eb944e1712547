"""How many reports each reader reads per second on one core, and for PDF, side by side in the
same run, a plain pdfplumber ``extract_tables`` baseline on the same files.

    .venv/bin/python benchmarks/read_speed.py            # the full run (a few minutes)
    .venv/bin/python benchmarks/read_speed.py --quick    # a smoke run

Inputs per reader: the shared corpus's raw files of that kind (text and Markdown: the seed and
005–020; HTML: 004; PDF: 002), plus reports written by gongkai's own writers from the corpus's
hand-checked numbers (every truth file, in every format that has a reader), so that each reader is
timed on more than one file. Accuracy is the share of recorded cells read right.

The PDF baseline is what a plain pdfplumber reader does: ``extract_tables`` on every page, each
table row handed to gongkai's table assembler as a grid row. It is timed over the same files as
gongkai's PDF reader (pypdfium2 text) and scored against the same truth.

The PDF reader is also timed against pypdfium2's bare text extraction of the same files (every
page's text, nothing else): the ratio must stay within 2× (``PDF_OVERHEAD``).
"""

from __future__ import annotations

import argparse
import io
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from gongkai.errors import GongkaiError
from gongkai.readers import read_bytes
from gongkai.readers.build import build_report
from gongkai.readers.document import Blank, Document, Line, Piece
from gongkai.report.model import Report, Source
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from timing import measure, pin_to_one_core

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGETS = {"text": 200.0, "html": 200.0}
PDF_SPEEDUP = 3.0
PDF_OVERHEAD = 2.0  # gongkai's PDF reader against pypdfium2's bare text extraction


@dataclass
class Input:
    name: str
    data: bytes
    truth: Report


def _truths() -> dict[str, Report]:
    import json

    return {
        path.stem: report_from_truth(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted((CORPUS / "truth").glob("*.json"))
    }


def inputs(quick: bool) -> dict[str, list[Input]]:
    truths = _truths()
    sets: dict[str, list[Input]] = {kind: [] for kind in ("text", "html", "pdf", "docx", "xlsx")}
    kind_of = {".txt": "text", ".md": "text", ".html": "html", ".pdf": "pdf"}
    for raw in sorted((CORPUS / "raw").glob("*")):
        sets[kind_of[raw.suffix]].append(Input(raw.name, raw.read_bytes(), truths[raw.stem]))
    written = list(truths.items())[: 3 if quick else None]
    for kind, to in (("html", "html"), ("docx", "docx"), ("xlsx", "xlsx"), ("text", "md")):
        for stem, truth in written:
            sets[kind].append(Input(f"{stem}.{to} (written)", render(truth, to), truth))
    pdfs = [(s, t) for s, t in written if s in ("seed-qingshan-justice-2023", "004", "007", "012")]
    for stem, truth in pdfs[: 1 if quick else None]:
        sets["pdf"].append(Input(f"{stem}.pdf (written)", render(truth, "pdf"), truth))
    return sets


def accuracy(truth: Report, got: Report | None) -> tuple[int, int]:
    cells = right = 0
    for table, row, column, cell in truth.iter_cells():
        if cell.value is None:
            continue
        cells += 1
        right += got is not None and got.value(table, row, column) == cell.value
    return right, cells


def read_gongkai(item: Input) -> Report | None:
    try:
        return read_bytes(item.data, item.name)
    except GongkaiError:
        return None


def read_pdfplumber(item: Input) -> Report | None:
    """The baseline: pdfplumber's tables, row by row, into the same assembler."""
    lines: list[Line] = []
    with pdfplumber.open(io.BytesIO(item.data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for table in page.extract_tables():
                for r, row in enumerate(table, start=1):
                    pieces = [
                        Piece("".join((cell or "").split()), Source(item.name, number, r))
                        for cell in row
                    ]
                    lines.append(Line(pieces, closed=True, grid=True))
    try:
        return build_report(Document(item.name, "pdf", lines, Blank.MISSING))
    except GongkaiError:
        return None


def extract_pypdfium2(item: Input) -> None:
    """pypdfium2's bare text extraction: every page's text, as a reader's floor."""
    pdf = pdfium.PdfDocument(item.data)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


@dataclass
class Timing:
    per_second: float
    best: float
    right: int
    cells: int


def measure_reader(
    items: list[Input], reader: Callable[[Input], Report | None], rounds: int
) -> Timing:
    right = cells = 0
    for item in items:
        r, c = accuracy(item.truth, reader(item))
        right, cells = right + r, cells + c

    def one_pass() -> None:
        for item in items:
            reader(item)

    timed = measure("", one_pass, len(items), rounds=rounds, min_round_seconds=0.5)
    return Timing(timed.median, timed.best, right, cells)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pinned = pin_to_one_core()
    rounds = 1 if args.quick else args.rounds
    sets = inputs(args.quick)
    print(f"Python {platform.python_version()}, {pinned}, median of {rounds} round(s)\n")
    header = f"{'reader':24} {'files':>5} {'reports/s':>10} {'best/s':>10} {'cells right':>16}"
    print(header + "  target")
    results: dict[str, Timing] = {}
    ok = True
    for kind, items in sets.items():
        timing = measure_reader(items, read_gongkai, rounds)
        results[kind] = timing
        target = TARGETS.get(kind)
        verdict = "" if target is None else ("met" if timing.per_second >= target else "MISSED")
        ok &= verdict != "MISSED"
        print(
            f"{kind:24} {len(items):5} {timing.per_second:10.1f} {timing.best:10.1f} "
            f"{timing.right:>7}/{timing.cells:<7} {_percent(timing)}"
            + (f"  ≥ {target:.0f}/s: {verdict}" if target else "")
        )
    baseline = measure_reader(sets["pdf"], read_pdfplumber, rounds)
    print(
        f"{'pdf: pdfplumber tables':24} {len(sets['pdf']):5} {baseline.per_second:10.1f} "
        f"{baseline.best:10.1f} {baseline.right:>7}/{baseline.cells:<7} {_percent(baseline)}"
    )
    speedup = results["pdf"].per_second / baseline.per_second
    as_good = results["pdf"].right >= baseline.right
    verdict = "met" if speedup >= PDF_SPEEDUP and as_good else "MISSED"
    ok &= verdict == "met"
    print(
        f"\ngongkai's PDF reader: {speedup:.1f}× the pdfplumber baseline's speed, "
        f"{results['pdf'].right} vs {baseline.right} cells right "
        f"(target ≥ {PDF_SPEEDUP:.0f}× at equal or better accuracy: {verdict})"
    )
    bare = measure(
        "",
        lambda: [extract_pypdfium2(item) for item in sets["pdf"]],
        len(sets["pdf"]),
        rounds=rounds,
        min_round_seconds=0.5,
    )
    overhead = bare.median / results["pdf"].per_second
    verdict = "met" if overhead <= PDF_OVERHEAD else "MISSED"
    ok &= verdict == "met"
    print(
        f"gongkai's PDF reader takes {overhead:.2f}× the time of pypdfium2's bare text extraction "
        f"({bare.median:.1f} files/s) on the same files (target ≤ {PDF_OVERHEAD:.0f}×: {verdict})"
    )
    return 0 if ok or args.quick else 1


def _percent(timing: Timing) -> str:
    return f"({timing.right / timing.cells:.1%})" if timing.cells else ""


if __name__ == "__main__":
    sys.exit(main())
