"""The library's check as the site runs it: settings from the site's configuration, findings
stored as JSON and turned back into ``Finding`` objects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import gongkai
from gongkai import CellRef, CheckSettings, Finding, Report, Severity
from gongkai.web.core.checks import township_deadline


def check_settings() -> CheckSettings:
    return CheckSettings(township_deadline=township_deadline())


def run_check(report: Report, previous: Report | None) -> list[Finding]:
    return gongkai.check(report, previous=previous, settings=check_settings())


def findings_to_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [finding.as_dict() for finding in findings]


def findings_from_json(data: Iterable[dict[str, Any]]) -> list[Finding]:
    return [
        Finding(
            rule=item["rule"],
            severity=Severity(item["severity"]),
            message_zh=item["message_zh"],
            message_en=item["message_en"],
            cells=tuple(
                CellRef(cell["table"], cell.get("row"), cell.get("column"))
                for cell in item.get("cells", [])
            ),
            values=dict(item.get("values", {})),
        )
        for item in data
    ]


def count(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
