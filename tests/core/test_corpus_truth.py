"""The checker on real published reports: exactly the violations the hand-checked truth notes
describe, and no arithmetic error on the reports that add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report import Finding, Severity, check
from gongkai.report.truth import report_from_truth
from support.corpus import load_truth, truth_files, violations

# Errors other than arithmetic that the truth documents in prose: 002 prints the 2021 format's
# （六）其他处理 as one row (F1); partial items lack rows or tables (F3).
EXPECTED_STRUCTURE_ERRORS = {"002": {"F1"}}


def _subject(finding: Finding) -> str:
    first = finding.cells[0]
    if finding.rule in ("A1", "A3"):
        assert first.column is not None
        return first.column
    assert first.row is not None
    return first.row


@pytest.mark.parametrize("path", truth_files(), ids=lambda p: Path(p).stem)
def test_arithmetic_errors_are_exactly_the_truth_violations(path: Path) -> None:
    truth = load_truth(path)
    findings = check(report_from_truth(truth))
    arithmetic = {(f.rule, _subject(f)) for f in findings if f.rule.startswith("A")}
    assert arithmetic == violations(truth["notes"])


@pytest.mark.parametrize("path", truth_files(), ids=lambda p: Path(p).stem)
def test_other_errors_are_only_the_documented_structural_ones(path: Path) -> None:
    truth = load_truth(path)
    findings = check(report_from_truth(truth))
    others = {f.rule for f in findings if f.severity is Severity.ERROR and f.rule[0] != "A"}
    expected = set(EXPECTED_STRUCTURE_ERRORS.get(path.stem, set()))
    if not truth["complete"] and "MISSING rows" in truth["notes"]:
        expected.add("F3")
    assert others == expected


def test_the_corpus_has_reports_that_violate_and_reports_that_add_up() -> None:
    counts = [bool(violations(load_truth(path)["notes"])) for path in truth_files()]
    assert 0 < sum(counts) < len(counts)


def test_002_names_both_table_4_totals_printed_as_zero() -> None:
    truth = load_truth(next(p for p in truth_files() if p.stem == "002"))
    findings = [f for f in check(report_from_truth(truth)) if f.rule in ("A5", "A7")]
    assert [(f.rule, f.values["left"], f.values["right"]) for f in findings] == [
        ("A5", 0, 11),
        ("A7", 0, 5),
    ]
