"""Cell accuracy of the readers on the shared corpus: every raw report read and compared, cell by
cell, with its hand-checked truth.

    .venv/bin/python benchmarks/corpus_accuracy.py [--corpus ../shared/corpus] [--json]

A complete item must read 100 % of its recorded cells, except those the truth marks ambiguous in
the raw document (``raw_ambiguous``), which may be reported missing. On a partial item (an
excerpt) every cell read must be right; the rest must be reported missing. Exit status 1 when a
cell is wrong or a complete item falls short.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.errors import GongkaiError
from gongkai.readers import read_report
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth

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


def score_item(truth_path: Path, raw_dir: Path) -> Score:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    item = truth_path.stem
    raws = sorted(raw_dir.glob(f"{item}.*"))
    score = Score(item, raws[0].name if raws else "—", bool(truth.get("complete")))
    if not raws:
        score.error = "raw file missing"
        return score
    try:
        report = read_report(raws[0])
    except GongkaiError as error:
        score.error = f"{error.code}: {error.message}"
        return score
    _compare(report_from_truth(truth), report, _ambiguous(truth), score)
    return score


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()
    scores = [
        score_item(path, args.corpus / "raw") for path in sorted(args.corpus.glob("truth/*.json"))
    ]
    if args.json:
        print(json.dumps([score.__dict__ for score in scores], ensure_ascii=False, indent=1))
    else:
        _print(scores)
    return 0 if all(score.ok for score in scores) else 1


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
