"""The rule registry and the ``check`` entry point.

Each rule of DOMAIN §3 is registered once with its id, severity, meaning and basis; the same record
produces ``docs/rules.md``. A rule that no program can decide from a report is registered too, with
``evaluate=None`` and the reason, so that the documentation lists every id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from gongkai.report.findings import CellRef, Finding, FindingValue, Severity
from gongkai.report.model import Report
from gongkai.report.organs import OrganKind, guess_organ_kind
from gongkai.report.settings import DEFAULT_SETTINGS, CheckSettings
from gongkai.report.spec import FormatSpec

GROUPS = ("F", "A", "Y", "W", "P", "R")
GROUP_TITLES = {
    "F": "格式与结构",
    "A": "表内勾稽关系与数值",
    "Y": "跨年度核对（需上年报告）",
    "W": "合理性",
    "P": "公开时限",
    "R": "读取（读取器给出）",
}


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule sees: the report, the same organ's previous report if any, and the settings."""

    report: Report
    previous: Report | None
    settings: CheckSettings
    memo: dict[str, object] = field(default_factory=dict)  # work shared by rules in one check

    @property
    def spec(self) -> FormatSpec:
        return self.report.spec


class OrganKindResolution:
    """The organ's kind as the report states it, else as its name suggests (marked as inferred)."""

    def __init__(self, report: Report) -> None:
        self.kind: OrganKind | None = report.organ_kind
        self.inferred = False
        if self.kind is None:
            self.kind = guess_organ_kind(report.organ)
            self.inferred = self.kind is not None

    @property
    def note_zh(self) -> str:
        return "（机关类型按名称推断）" if self.inferred else ""


Evaluate = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title_zh: str
    title_en: str
    basis: str
    evaluate: Evaluate | None = None
    not_evaluated_because: str | None = None

    @property
    def group(self) -> str:
        return self.id[0]

    @property
    def order(self) -> tuple[int, int]:
        return GROUPS.index(self.group), int(self.id[1:])

    def finding(
        self,
        message_zh: str,
        message_en: str,
        cells: Iterable[CellRef] = (),
        values: dict[str, FindingValue] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message_zh=message_zh,
            message_en=message_en,
            cells=tuple(cells),
            values=values or {},
        )


class RuleSet:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(
        self, rule_id: str, severity: Severity, title_zh: str, title_en: str, basis: str
    ) -> Callable[[Evaluate], Rule]:
        """Decorator: the function becomes the rule's evaluation."""

        def wrap(evaluate: Evaluate) -> Rule:
            rule = Rule(rule_id, severity, title_zh, title_en, basis, evaluate)
            self.add(rule)
            return rule

        return wrap

    def add(self, rule: Rule) -> None:
        if rule.id in self._rules:
            raise ValueError(f"rule {rule.id} registered twice")
        self._rules[rule.id] = rule
        self.__dict__.pop("ordered", None)

    @cached_property
    def ordered(self) -> tuple[Rule, ...]:
        return tuple(sorted(self._rules.values(), key=lambda rule: rule.order))

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.ordered)


RULES = RuleSet()


def check(
    report: Report,
    previous: Report | None = None,
    settings: CheckSettings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """Every finding of every rule on ``report``; checking never stops at the first one.

    ``previous`` is the same organ's report for the year before, for the cross-year rules Y1–Y5.
    What the reader found while reading the report (``report.reading``) comes first.
    """
    context = Context(report, previous, settings)
    findings: list[Finding] = list(report.reading)
    for rule in RULES.ordered:
        if rule.evaluate is not None:
            findings.extend(rule.evaluate(context))
    return findings
