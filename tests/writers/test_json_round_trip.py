"""The JSON writer writes canonical JSON: written and read back, a report is the same report —
over the whole corpus and over generated consistent reports of both formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from gongkai.report.canonical import loads, to_dict
from gongkai.report.model import Report
from gongkai.writers import render
from support.reports import consistent_reports
from writers.helpers import SAMPLES, corpus_reports, differences

CORPUS = corpus_reports()


@pytest.mark.parametrize(("name", "report"), CORPUS, ids=[name for name, _ in CORPUS])
def test_every_corpus_report_round_trips_through_json(name: str, report: Report) -> None:
    back = loads(render(report, "json"))
    assert differences(report, back) == []
    assert to_dict(back) == to_dict(report)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda path: path.stem)
def test_the_samples_are_written_as_their_own_canonical_json(path: Path) -> None:
    report = loads(path.read_bytes())
    assert to_dict(loads(render(report, "json"))) == to_dict(report)


@settings(max_examples=60)
@given(consistent_reports())
def test_generated_reports_round_trip_through_json(report: Report) -> None:
    assert to_dict(loads(render(report, "json"))) == to_dict(report)
