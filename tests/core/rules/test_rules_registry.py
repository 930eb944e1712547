"""The rule registry: every id of DOMAIN §3 is registered, and a clean report passes every rule."""

from __future__ import annotations

import pytest

from gongkai.report import RULES, Severity

EVALUATED = (
    *(f"F{n}" for n in range(1, 9)),
    *(f"A{n}" for n in range(1, 11)),
    *(f"Y{n}" for n in range(1, 6)),
    "W1",
    "W2",
    "W3",
    "W4",
    "W6",
    *(f"P{n}" for n in range(1, 6)),
)
NOT_EVALUATED = ("W5", "W7", "W8", "Y6")


def test_it_evaluates_exactly_the_rules_a_program_can_decide():
    """DOMAIN §3: every rule but W5, W7, W8 and Y6 is decided from the report(s)."""
    evaluated = {rule.id for rule in RULES if rule.evaluate is not None}
    assert evaluated == set(EVALUATED)


@pytest.mark.parametrize("rule_id", NOT_EVALUATED)
def test_it_registers_the_rules_it_cannot_decide_with_a_reason(rule_id):
    rule = RULES[rule_id]
    assert rule.evaluate is None
    assert rule.not_evaluated_because


def test_it_registers_y6_as_information_only():
    """DOMAIN §3.3 Y6: table 四 has no carry-over row, so continuity is not enforced (I)."""
    assert RULES["Y6"].severity is Severity.INFO


@pytest.mark.parametrize("format_key", ["2019", "2021"])
def test_the_rules_it_cannot_decide_produce_no_finding(build, format_key):
    report = build.report(format_key)
    # Break things these rules are about: a partial disclosure also counted under （三）(W5),
    # table 四 pending last year (Y6), a township reporting 规章 (W8).
    build.applicants(report, "partial", natural_person=1)
    build.applicants(report, "denied_state_secret", natural_person=1)
    previous = build.previous(report)
    build.appeals(previous, "review", pending=3)
    found = build.findings(report, previous=previous)
    assert found, "the broken report should produce some findings"
    assert not [f for f in found if f.rule in NOT_EVALUATED]


@pytest.mark.parametrize("format_key", ["2019", "2021"])
@pytest.mark.parametrize("rule_id", EVALUATED)
def test_a_complete_consistent_report_passes_every_rule(build, format_key, rule_id):
    report = build.report(format_key)
    assert build.findings(report, rule_id, previous=build.previous(report)) == []


@pytest.mark.parametrize("format_key", ["2019", "2021"])
def test_a_complete_all_zero_report_passes_every_rule(build, format_key):
    report = build.report(format_key, numbers=False)
    assert build.findings(report, previous=build.previous(report)) == []


@pytest.mark.parametrize("format_key", ["2019", "2021"])
def test_a_2018_report_without_narrative_or_date_gets_only_notes(build, format_key):
    """F1 (pre-2019 reports are free-form), F2 (no narrative) and P5 (no date) are notes."""
    report = build.report(format_key, year=2018, sections=False)
    report.published_on = None
    found = build.findings(report)
    assert {f.rule for f in found} == {"F1", "F2", "P5"}
    for finding in found:
        assert finding.severity is Severity.INFO
