"""The rule list as a document: ``docs/rules.md`` is this function's output (a test keeps it so)."""

from __future__ import annotations

from gongkai.report.rules.registry import GROUP_TITLES, GROUPS, RULES

_HEADER = """# 检查规则 / Rules

本文件由 `gongkai rules --format markdown` 从规则定义生成，请勿手工编辑；测试会核对二者一致。
规则编号与 `DOMAIN.md` 第3节相同。级别：错误（error）、警告（warning）、提示（info）。
标注“不自动检查”的规则无法仅凭一份报告判断，原因见说明。

This file is generated from the rule definitions (`gongkai rules --format markdown`); a test keeps
it in step. Rule ids are those of DOMAIN.md §3.
"""


def rules_markdown() -> str:
    """Every registered rule, grouped as in DOMAIN §3, as a Markdown document."""
    lines = [_HEADER]
    for group in GROUPS:
        lines += [f"## {group} — {GROUP_TITLES[group]}", ""]
        lines += ["| 编号 | 级别 | 规则 | Rule | 依据 |", "|---|---|---|---|---|"]
        for rule in RULES.ordered:
            if rule.group != group:
                continue
            meaning = rule.title_zh
            if rule.evaluate is None:
                meaning += f"（不自动检查：{rule.not_evaluated_because}）"
            cells = (rule.id, rule.severity.label, meaning, rule.title_en, rule.basis)
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)
