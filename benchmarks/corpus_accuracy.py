"""Cell accuracy of the readers on the shared corpus: every raw report read and compared, cell by
cell, with its hand-checked truth.

    .venv/bin/python benchmarks/corpus_accuracy.py [--corpus ../shared/corpus] [--json] [--printed]
                                                   [--witness]

A complete item must read 100 % of its recorded cells, except those the truth marks ambiguous in
the raw document (``raw_ambiguous``), which may be reported missing. On a partial item (an
excerpt) every cell read must be right; the rest must be reported missing. Exit status 1 when a
cell is wrong or a complete item falls short.

With ``--printed`` every truth file is also written by gongkai's writers and printed to PDF the way
offices print reports — the HTML with its zero cells blank, by Chromium; the XLSX with
LibreOffice's default page setup (right-hand columns on later pages, clipped labels) — and each
PDF read back: right / missing / wrong per file (wrong must be 0).

With ``--witness`` each item whose organ has the report of the year before in the corpus (平潭:
005 → 006 → 007 → 008) is read with that report's own reading (its raw file read, as a user
would give it to ``gongkai read --previous``) as the witness for glued digit runs.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.errors import GongkaiError
from gongkai.readers import read_bytes, read_report
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")


@dataclass
class Score:
    item: str
    raw: str
    complete: bool
    cells: int = 0
    correct: int = 0
    missing: int = 0  # reported missing where allowed (partial item or ambiguous cell)
    ambiguous: int = 0  # cells the truth marks undecidable from the raw document
    ambiguous_right: int = 0  # of those, read right (the reader says how it decided)
    wrong: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return (
            not self.wrong
            and self.error is None
            and (not self.complete or self.correct + self.missing == self.cells)
        )

    @property
    def accuracy(self) -> float:
        """Right cells among those the raw document decides."""
        decidable = self.cells - self.ambiguous
        right = self.correct - self.ambiguous_right
        return right / decidable if decidable else 1.0


def _ambiguous(truth: dict) -> set[tuple[str, str, str]]:
    cells = set()
    for name in truth.get("raw_ambiguous") or []:
        table, row, column = name.split(".")
        cells.add(({"t2": "table2", "t3": "table3", "t4": "table4"}[table], row, column))
    return cells


def score_item(truth_path: Path, raw_dir: Path, previous: Report | None = None) -> Score:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    item = truth_path.stem
    raws = sorted(raw_dir.glob(f"{item}.*"))
    score = Score(item, raws[0].name if raws else "—", bool(truth.get("complete")))
    if not raws:
        score.error = "raw file missing"
        return score
    try:
        report = read_report(raws[0], previous=previous)
    except GongkaiError as error:
        score.error = f"{error.code}: {error.message}"
        return score
    _compare(report_from_truth(truth), report, _ambiguous(truth), score)
    return score


def witnesses(corpus: Path) -> dict[str, Report]:
    """For each item, the reading of the same organ's item of the year before, if the corpus has
    one (the organ named up to its first bracket: '平潭综合实验区管委会（办公室汇总）')."""
    items = {}
    for path in sorted(corpus.glob("truth/*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        items[(str(truth["organ"]).split("（")[0], int(truth["year"]))] = path.stem
    found = {}
    for (organ, year), item in items.items():
        before = items.get((organ, year - 1))
        raws = sorted((corpus / "raw").glob(f"{before}.*")) if before else []
        if raws:
            try:
                found[item] = read_report(raws[0])
            except GongkaiError:
                continue
    return found


def _compare(expected: Report, got: Report, ambiguous: set, score: Score) -> None:
    for table, row, column, cell in expected.iter_cells():
        if cell.value is None:
            continue  # the truth did not record it
        score.cells += 1
        score.ambiguous += (table, row, column) in ambiguous
        value = got.value(table, row, column)
        where = f"{table}.{row}.{column}"
        if value is not None and value == cell.value:
            score.correct += 1
            score.ambiguous_right += (table, row, column) in ambiguous
        elif value is None and (not score.complete or (table, row, column) in ambiguous):
            score.missing += 1
        elif value is None:
            score.wrong.append(f"{where}: missing, expected {cell.value}")
        else:
            score.wrong.append(f"{where}: read {value}, expected {cell.value}")


_ZERO_CELL = re.compile(r">\s*0\s*</td>")


def _print_chromium(report: Report, folder: Path, name: str) -> Path:
    page = folder / f"{name}.html"
    page.write_text(_ZERO_CELL.sub("></td>", render(report, "html").decode("utf-8")), "utf-8")
    pdf = folder / f"{name}-chromium.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    return pdf


def _print_libreoffice(report: Report, folder: Path, name: str) -> Path:
    from openpyxl import load_workbook
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet_file = folder / f"{name}.xlsx"
    sheet_file.write_bytes(render(report, "xlsx"))
    book = load_workbook(sheet_file)
    for sheet in book.worksheets:  # LibreOffice's defaults: no fit-to-width, default widths
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        sheet.page_setup.fitToWidth = None
        for key in list(sheet.column_dimensions):
            del sheet.column_dimensions[key]
    book.save(sheet_file)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder), str(sheet_file)],
            capture_output=True, timeout=180, check=True,
        )  # fmt: skip
    return folder / f"{name}.pdf"


def score_printed(corpus: Path) -> list[tuple[str, str, int, int, list[str]]]:
    """(item, producer, right, missing, wrong cells) for every truth file printed both ways."""
    if shutil.which("chromium") is None or shutil.which("soffice") is None:
        raise SystemExit("--printed needs chromium and LibreOffice (scripts/install-system-deps)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in sorted(corpus.glob("truth/*.json")):
            printed = report_from_truth(json.loads(path.read_text(encoding="utf-8")))
            for producer, make in (
                ("chromium", _print_chromium),
                ("libreoffice", _print_libreoffice),
            ):
                pdf = make(printed, folder, path.stem)
                read = read_bytes(pdf.read_bytes(), pdf.name)
                right, missing, wrong = 0, 0, []
                for table, row, column, cell in printed.iter_cells():
                    value = read.value(table, row, column)
                    if value is None:
                        missing += cell.value is not None
                    elif value == cell.value:
                        right += 1
                    else:
                        wrong.append(f"{table}.{row}.{column}: read {value}, printed {cell.value}")
                rows.append((path.stem, producer, right, missing, wrong))
    return rows


def _print_printed(rows: list[tuple[str, str, int, int, list[str]]]) -> None:
    print(f"\n{'printed PDF':40} {'right':>5} {'miss':>5} {'wrong':>5}")
    for item, producer, right, missing, wrong in rows:
        print(f"{item + ' (' + producer + ')':40} {right:5} {missing:5} {len(wrong):5}")
        for line in wrong:
            print(f"  WRONG {item} ({producer}): {line}")
    for producer in ("chromium", "libreoffice"):
        mine = [row for row in rows if row[1] == producer]
        print(
            f"{producer}: {sum(r[2] for r in mine)} right, {sum(r[3] for r in mine)} missing, "
            f"{sum(len(r[4]) for r in mine)} wrong"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--printed", action="store_true", help="also read Chromium and LibreOffice prints"
    )
    parser.add_argument(
        "--witness", action="store_true", help="read each item with last year's item as witness"
    )
    args = parser.parse_args()
    previous = witnesses(args.corpus) if args.witness else {}
    scores = [
        score_item(path, args.corpus / "raw", previous.get(path.stem))
        for path in sorted(args.corpus.glob("truth/*.json"))
    ]
    if previous:
        print("witnessed: " + ", ".join(f"{item} by {p.year}" for item, p in previous.items()))
    if args.json:
        print(json.dumps([score.__dict__ for score in scores], ensure_ascii=False, indent=1))
    else:
        _print(scores)
    printed_ok = True
    if args.printed:
        rows = score_printed(args.corpus)
        _print_printed(rows)
        printed_ok = not any(row[4] for row in rows)
    return 0 if all(score.ok for score in scores) and printed_ok else 1


def _print(scores: list[Score]) -> None:
    """One line per item; "accuracy" is, for a complete item, the share of the cells its raw form
    decides that were read right, and for a partial item the share of the cells read that are
    right (the rest must be reported missing)."""
    print(
        f"{'item':28} {'raw':32} {'kind':8} {'cells':>5} {'ambig':>5} {'right':>5} {'miss':>5} "
        f"{'wrong':>5} {'accuracy':>8}"
    )
    for s in scores:
        kind = "complete" if s.complete else "partial"
        if s.error:
            print(f"{s.item:28} {s.raw:32} {kind:8} ERROR {s.error}")
            continue
        read = s.correct + len(s.wrong)
        accuracy = s.accuracy if s.complete else (s.correct / read if read else 1.0)
        print(
            f"{s.item:28} {s.raw:32} {kind:8} {s.cells:5} {s.ambiguous:5} {s.correct:5} "
            f"{s.missing:5} {len(s.wrong):5} {accuracy:8.1%}"
        )
    complete = [s for s in scores if s.complete]
    decidable = sum(s.cells - s.ambiguous for s in complete)
    right = sum(s.correct - s.ambiguous_right for s in complete)
    ambiguous = sum(s.ambiguous for s in complete)
    decided = sum(s.ambiguous_right for s in complete)
    partial = [s for s in scores if not s.complete]
    print(
        f"\ncomplete items: {right}/{decidable} decidable cells right ({right / decidable:.2%}); "
        f"of {ambiguous} cells their raw form leaves ambiguous, {decided} read right (from the "
        f"report's own text, said in a finding), {ambiguous - decided} reported missing"
    )
    print(
        f"partial items: {sum(s.correct for s in partial)} cells read, "
        f"{sum(len(s.wrong) for s in partial)} of them wrong; "
        f"{sum(s.missing for s in partial)} reported missing"
    )
    print(f"cells read wrong on any item: {sum(len(s.wrong) for s in scores)}")
    for s in scores:
        for line in s.wrong:
            print(f"  WRONG {s.item}: {line}")


if __name__ == "__main__":
    sys.exit(main())
