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
page's text, nothing else), file by file, the two interleaved in each round, as CPU time
(``time.process_time``, which another process's load does not inflate) and wall time: the ratio
must stay within 2× (``PDF_OVERHEAD``, on the CPU time of all files). Besides the corpus's PDF and
gongkai's own PDFs, this comparison reads every truth file printed the way offices print reports
(as ``corpus_accuracy.py --printed`` makes them: Chromium, LibreOffice's default page setup), one
line per kind of file. The printed PDFs are made once and kept in ``--cache`` (named by the truth
file's content), so that a re-run on a quiet machine only reads.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import platform
import shutil
import statistics
import sys
import tempfile
import time
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
CACHE = Path(__file__).resolve().parents[1] / "var" / "benchmarks" / "printed"
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


def pdf_kinds(pdfs: list[Input], cache: Path, quick: bool) -> dict[str, list[Input]]:
    """The PDFs of the side-by-side comparison by kind: the corpus's, gongkai's own, and the
    truth files printed by Chromium and by LibreOffice (when those are installed)."""
    kinds = {
        "corpus": [item for item in pdfs if "(written)" not in item.name],
        "gongkai writer": [item for item in pdfs if "(written)" in item.name],
    }
    if shutil.which("chromium") is None or shutil.which("soffice") is None:
        print("\n(Chromium or LibreOffice not installed: printed PDFs left out)")
        return kinds
    import corpus_accuracy

    truths = sorted((CORPUS / "truth").glob("*.json"))[: 1 if quick else None]
    for producer, make in (
        ("chromium", corpus_accuracy._print_chromium),
        ("libreoffice", corpus_accuracy._print_libreoffice),
    ):
        kinds[f"printed: {producer}"] = [_printed(path, producer, make, cache) for path in truths]
    return kinds


def _printed(path: Path, producer: str, make: Callable[..., Path], cache: Path) -> Input:
    """A truth file printed by ``producer``, from the cache when it was printed before."""
    import json

    data = path.read_bytes()
    truth = report_from_truth(json.loads(data))
    kept = cache / f"{path.stem}-{hashlib.sha256(data).hexdigest()[:12]}-{producer}.pdf"
    if not kept.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            shutil.copyfile(make(truth, Path(folder), path.stem), kept)
    return Input(f"{path.stem} ({producer})", kept.read_bytes(), truth)


@dataclass
class Cost:
    """The time one file takes, per pass: median over the rounds."""

    cpu: float
    wall: float


def _cost(work: Callable[[], object], passes: int) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(passes):
        work()
    return (time.process_time() - cpu) / passes, (time.perf_counter() - wall) / passes


def side_by_side(item: Input, rounds: int) -> tuple[Cost, Cost]:
    """pypdfium2's bare text extraction and gongkai's reader on one file, interleaved in each
    round (so a burst of load falls on both), each round about 0.1 s of each."""
    extract_pypdfium2(item)
    started = time.perf_counter()
    read_gongkai(item)
    passes = max(1, round(0.1 / max(time.perf_counter() - started, 1e-6)))
    bare: list[tuple[float, float]] = []
    read: list[tuple[float, float]] = []
    gc_was_enabled = gc.isenabled()
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            bare.append(_cost(lambda: extract_pypdfium2(item), passes))
            read.append(_cost(lambda: read_gongkai(item), passes))
        finally:
            if gc_was_enabled:
                gc.enable()
    return (
        Cost(*(statistics.median(t) for t in zip(*bare, strict=True))),
        Cost(*(statistics.median(t) for t in zip(*read, strict=True))),
    )


def compare_with_bare(kinds: dict[str, list[Input]], rounds: int) -> float:
    """Print gongkai's PDF reader against pypdfium2's bare text extraction, per kind of file and
    overall; return the overall ratio of CPU time."""
    print(
        f"\n{'PDF reader vs pypdfium2 text':30} {'files':>5} {'bare CPU ms':>11} "
        f"{'gongkai CPU ms':>14} {'CPU ratio':>9} {'wall ratio':>10}"
    )
    totals = [0.0, 0.0, 0.0, 0.0]  # bare CPU, gongkai CPU, bare wall, gongkai wall
    count = 0
    for kind, items in kinds.items():
        if not items:
            continue
        sums = [0.0, 0.0, 0.0, 0.0]
        for item in items:
            bare, read = side_by_side(item, rounds)
            for index, value in enumerate((bare.cpu, read.cpu, bare.wall, read.wall)):
                sums[index] += value
        _print_ratio(kind, len(items), sums)
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
        count += len(items)
    _print_ratio("all", count, totals)
    ratio = totals[1] / totals[0]
    verdict = "met" if ratio <= PDF_OVERHEAD else "MISSED"
    print(
        f"gongkai's PDF reader takes {ratio:.2f}× the CPU time of pypdfium2's bare text "
        f"extraction on the same files, {totals[3] / totals[2]:.2f}× its wall time "
        f"(target ≤ {PDF_OVERHEAD:.0f}× CPU time: {verdict})"
    )
    return ratio


def _print_ratio(kind: str, files: int, sums: list[float]) -> None:
    bare_cpu, read_cpu, bare_wall, read_wall = sums
    print(
        f"{kind:30} {files:5} {bare_cpu / files * 1000:11.1f} {read_cpu / files * 1000:14.1f} "
        f"{read_cpu / bare_cpu:8.2f}× {read_wall / bare_wall:9.2f}×"
    )


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
    parser.add_argument(
        "--cache", type=Path, default=CACHE, help="where the printed PDFs are kept between runs"
    )
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
    overhead = compare_with_bare(pdf_kinds(sets["pdf"], args.cache, args.quick), rounds)
    ok &= overhead <= PDF_OVERHEAD
    return 0 if ok or args.quick else 1


def _percent(timing: Timing) -> str:
    return f"({timing.right / timing.cells:.1%})" if timing.cells else ""


if __name__ == "__main__":
    sys.exit(main())
